/* performance_n_plus_one.c — database queries run once per iteration of a loop (N+1 queries)
 * in TypeScript/JavaScript and Python: the audit's "N+1 Query Pattern".
 *
 * One walk of the tree with a TSTreeCursor keeps a stack of scopes: a loop body (for, for-of,
 * while, do, comprehensions, .map/.forEach callbacks) opens a loop scope, a function that is
 * only defined there (not called per item) closes it. A call is a query site when its chain
 * has the shape of a database call (supabase .from().select(), .rpc(), SQL text given to
 * query/execute/fetch, prisma/drizzle/knex/SQLAlchemy/Django shapes), never by a name alone.
 * Loops whose trip count is written in the source (a literal list, range(3)), chunked loops,
 * paginated queries, polling loops and retry loops are not N+1 and stay clean.
 */
#include "check.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* Static tables ----------------------------------------------------------------------------- */

/* Array methods (and lodash/p-map spellings) that call their callback once per element. */
static const char *const ts_iter_methods[] = {
    "map", "forEach", "flatMap", "reduce", "reduceRight", "filter", "some", "every",
    "find", "findIndex", "findLast", "findLastIndex", "each", NULL,
};
static const char *const ts_iter_functions[] = {
    "pMap", "pMapSeries", "pEachSeries", "pFilter", "pTimes", NULL,
};
static const char *const py_iter_functions[] = { "map", "filter", "starmap", NULL };

/* Calls that keep a callback for later: a function given to them is not run per iteration. */
static const char *const deferred_callees[] = {
    "on", "once", "addListener", "addEventListener", "subscribe", "setTimeout", "setInterval",
    "setImmediate", "nextTick", "requestAnimationFrame", "add_done_callback", "call_later",
    "call_soon", "call_soon_threadsafe", "register", "connect", NULL,
};

/* The batched forms: one call per batch is the fix, not the problem. */
static const char *const batch_methods[] = {
    "createMany", "createManyAndReturn", "insertMany", "bulkCreate", "bulkInsert", "bulkWrite",
    "executemany", "execute_values", "execute_batch", "bulk_create", "bulk_update", "in_bulk",
    "copy_records_to_table", "copy_to_table", "copy_from", "copy_expert",
    "bulk_insert_mappings", "bulk_update_mappings", "bulk_save_objects", "insert_many", NULL,
};

static const char *const supabase_verbs[] = {
    "select", "insert", "update", "upsert", "delete", NULL,
};

/* ORM reads whose names belong to no collection API (prisma, TypeORM, Sequelize, drizzle's
 * relational queries, Mongo drivers). */
static const char *const orm_methods[] = {
    "findUnique", "findUniqueOrThrow", "findFirst", "findFirstOrThrow", "findMany",
    "findOne", "findOneBy", "findOneOrFail", "findOneByOrFail", "findBy", "findAndCount",
    "findByPk", "findAll", "findAndCountAll", "updateMany", "deleteMany", "findById",
    "findByIdAndUpdate", "findByIdAndDelete", "findOneAndUpdate", "countDocuments", NULL,
};
/* prisma model operations whose names other SDKs share (stripe.customers.create): only on a
 * client the chain names as prisma or a transaction. */
static const char *const prisma_generic_methods[] = {
    "create", "update", "delete", "upsert", "count", "aggregate", "groupBy", NULL,
};

static const char *const knex_methods[] = {
    "select", "where", "first", "insert", "update", "del", "delete", "pluck", "whereIn",
    "join", "leftJoin", "increment", "decrement", "returning", "count", "orderBy", NULL,
};
static const char *const knex_not_bases[] = {
    "require", "$", "jQuery", "expect", "t", "i18n", "cy", NULL,
};

static const char *const ts_sql_methods[] = {
    "query", "execute", "raw", "unsafe", "many", "one", "oneOrNone", "manyOrNone", "none",
    "any", "$queryRawUnsafe", "$executeRawUnsafe", NULL,
};
static const char *const py_sql_methods[] = {
    "execute", "fetch", "fetchrow", "fetchval", "fetch_all", "fetch_one", "fetch_val",
    "scalars", "scalar", "exec_driver_sql", NULL,
};
/* SQLAlchemy statement builders (and psycopg's sql.SQL) given to execute(). */
static const char *const py_sql_builders[] = {
    "text", "select", "insert", "update", "delete", "SQL", NULL,
};
static const char *const sqlalchemy_query_methods[] = {
    "filter", "filter_by", "get", "first", "all", "one", "one_or_none", "scalar", "count",
    "delete", "update", "join", "order_by", "limit", "offset", "exists", "options", "where",
    NULL,
};
static const char *const django_methods[] = {
    "get", "filter", "exclude", "create", "get_or_create", "update_or_create", "all", "count",
    "first", "last", "exists", "values", "values_list", "aggregate", "annotate", "update",
    "delete", "order_by", "select_related", "prefetch_related", "raw", "earliest", "latest",
    "aget", "acreate", "afirst", "alast", "acount", "aexists", "aget_or_create",
    "aupdate_or_create", "aupdate", "adelete", NULL,
};

/* A loop written out with at most this many items is bounded by the source, not the data. */
#define BOUNDED_MAX 16
/* Longest call chain looked at; longer ones keep their outermost links. */
#define MAX_SEGS 48

/* Static helpers ---------------------------------------------------------------------------- */

enum loop_kind {
    LOOP_ELEMENTS, /* for-of, for-in, Python for, comprehension: one pass per item */
    LOOP_CALLBACK, /* .map/.forEach callback */
    LOOP_CONDITION, /* while, do, C-style for */
};

enum scope_kind { SCOPE_LOOP, SCOPE_FUNCTION };

struct scope {
    enum scope_kind kind;
    enum loop_kind loop_kind;
    TSNode loop;      /* the loop statement or the iterating call */
    TSNode body;      /* where the per-item code starts (for the related location) */
    uint32_t depth;   /* depth of the node that opened it: it ends with that subtree */
    uint32_t loop_depth; /* depth of loop, an ancestor on the walk's path */
};

struct binding {
    const char *name;
    uint32_t len;
    TSNode value;
    bool constant; /* TS const, or a Python module-level name */
};

struct nwalk {
    struct check_file *f;
    bool py;
    VEC(TSNode) anc;          /* anc.v[d]: the node at depth d on the current path */
    VEC(struct scope) scopes;
    VEC(struct binding) bindings;
    bool bindings_ready;
};

struct seg {
    const char *name;
    uint32_t len;
    bool call;
    TSNode node; /* the call (or member) node of this link */
    TSNode args; /* arguments / argument_list / template_string of a call, else null */
};

struct chain {
    struct seg s[MAX_SEGS]; /* innermost first */
    unsigned n;
    TSNode base;            /* the expression the chain starts from */
    bool base_call;         /* base is ident(args) or ident`...` */
    const char *base_name;  /* identifier text of base (or of base_call's callee) */
    uint32_t base_len;
    TSNode base_args;
};

enum qkind { Q_NONE, Q_SUPABASE, Q_SQL, Q_ORM, Q_BUILDER, Q_SQLALCHEMY, Q_DJANGO };

static const char *text_of(const struct check_file *f, TSNode n, uint32_t *len)
{
    uint32_t s = ts_node_start_byte(n), e = ts_node_end_byte(n);
    *len = e > s ? e - s : 0;
    return f->src->text + s;
}

static bool span_eq(const char *s, uint32_t n, const char *lit)
{
    return strlen(lit) == n && memcmp(s, lit, n) == 0;
}

static bool text_eq(const struct check_file *f, TSNode n, const char *lit)
{
    uint32_t len;
    const char *s = text_of(f, n, &len);
    return span_eq(s, len, lit);
}

static bool span_in(const char *s, uint32_t n, const char *const *list)
{
    for (; *list; list++)
        if (span_eq(s, n, *list))
            return true;
    return false;
}

static bool span_contains_ci(const char *s, uint32_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (uint32_t i = 0; i + k <= n; i++) {
        size_t j = 0;
        while (j < k && tolower((unsigned char)s[i + j]) == needle[j])
            j++;
        if (j == k)
            return true;
    }
    return false;
}

static bool is(TSNode n, const char *type)
{
    return !ts_node_is_null(n) && strcmp(ts_node_type(n), type) == 0;
}

static TSNode field(TSNode n, const char *name)
{
    return ts_node_child_by_field_name(n, name, (uint32_t)strlen(name));
}

static bool same(TSNode a, TSNode b)
{
    return !ts_node_is_null(a) && !ts_node_is_null(b) && ts_node_eq(a, b);
}

static TSNode null_node(void)
{
    TSNode n;
    memset(&n, 0, sizeof(n));
    return n;
}

/* Parentheses, TS `as`/`satisfies`/`!` and awaits say nothing about the value's shape. */
static TSNode unwrap(TSNode n)
{
    while (!ts_node_is_null(n)) {
        const char *t = ts_node_type(n);
        if (strcmp(t, "parenthesized_expression") == 0 || strcmp(t, "as_expression") == 0 ||
            strcmp(t, "satisfies_expression") == 0 || strcmp(t, "non_null_expression") == 0 ||
            strcmp(t, "await_expression") == 0 || strcmp(t, "await") == 0)
            n = ts_node_named_child(n, 0);
        else
            break;
    }
    return n;
}

static bool is_call(const struct nwalk *w, TSNode n)
{
    return is(n, w->py ? "call" : "call_expression");
}

static bool is_function_literal(const struct nwalk *w, TSNode n)
{
    const char *t = ts_node_type(n);
    if (w->py)
        return strcmp(t, "lambda") == 0;
    return strcmp(t, "arrow_function") == 0 || strcmp(t, "function_expression") == 0 ||
           strcmp(t, "function") == 0 || strcmp(t, "generator_function") == 0;
}

static bool is_definition(const struct nwalk *w, TSNode n)
{
    const char *t = ts_node_type(n);
    if (w->py)
        return strcmp(t, "function_definition") == 0 || strcmp(t, "class_definition") == 0;
    return strcmp(t, "function_declaration") == 0 ||
           strcmp(t, "generator_function_declaration") == 0 ||
           strcmp(t, "method_definition") == 0 || strcmp(t, "class_declaration") == 0 ||
           strcmp(t, "abstract_class_declaration") == 0 || strcmp(t, "class") == 0;
}

static bool is_comprehension(TSNode n)
{
    const char *t = ts_node_type(n);
    return strcmp(t, "list_comprehension") == 0 || strcmp(t, "set_comprehension") == 0 ||
           strcmp(t, "dictionary_comprehension") == 0 ||
           strcmp(t, "generator_expression") == 0;
}

/* The n-th argument that is not a keyword argument, or a null node. */
static TSNode positional_arg(const struct nwalk *w, TSNode args, uint32_t k)
{
    if (ts_node_is_null(args))
        return null_node();
    if (is(args, "template_string"))
        return k == 0 ? args : null_node();
    uint32_t n = ts_node_named_child_count(args);
    for (uint32_t i = 0; i < n; i++) {
        TSNode a = ts_node_named_child(args, i);
        if (is(a, "comment") || is(a, "keyword_argument"))
            continue;
        if (k-- == 0)
            return a;
    }
    (void)w;
    return null_node();
}

static uint32_t positional_count(const struct nwalk *w, TSNode args)
{
    uint32_t k = 0;
    while (!ts_node_is_null(positional_arg(w, args, k)))
        k++;
    return k;
}

/* A Python keyword argument's value by name, or a null node. */
static TSNode keyword_arg(const struct nwalk *w, TSNode args, const char *name)
{
    if (ts_node_is_null(args) || !is(args, "argument_list"))
        return null_node();
    uint32_t n = ts_node_named_child_count(args);
    for (uint32_t i = 0; i < n; i++) {
        TSNode a = ts_node_named_child(args, i);
        if (is(a, "keyword_argument") && text_eq(w->f, field(a, "name"), name))
            return field(a, "value");
    }
    return null_node();
}

/* The chain of links of a call, from its base outwards: a.from('x').select() is base `a`,
 * then from(...), select(...). */
static void chain_build(const struct nwalk *w, TSNode n, struct chain *c)
{
    struct seg rev[MAX_SEGS];
    unsigned k = 0;
    memset(c, 0, sizeof(*c));
    const char *call_t = w->py ? "call" : "call_expression";
    const char *member_t = w->py ? "attribute" : "member_expression";
    const char *prop_f = w->py ? "attribute" : "property";
    for (;;) {
        if (is(n, "non_null_expression") || is(n, "parenthesized_expression")) {
            TSNode inner = ts_node_named_child(n, 0);
            if (!is(inner, call_t) && !is(inner, member_t))
                break;
            n = inner;
            continue;
        }
        if (is(n, call_t)) {
            TSNode fn = field(n, "function");
            TSNode args = field(n, "arguments");
            while (is(fn, "non_null_expression"))
                fn = ts_node_named_child(fn, 0);
            if (is(fn, member_t)) {
                struct seg s = { 0 };
                s.name = text_of(w->f, field(fn, prop_f), &s.len);
                s.call = true;
                s.node = n;
                s.args = args;
                if (k < MAX_SEGS)
                    rev[k++] = s;
                n = field(fn, "object");
                continue;
            }
            if (is(fn, "identifier")) {
                c->base_call = true;
                c->base_name = text_of(w->f, fn, &c->base_len);
                c->base_args = args;
            }
            break;
        }
        if (is(n, member_t)) {
            struct seg s = { 0 };
            s.name = text_of(w->f, field(n, prop_f), &s.len);
            s.node = n;
            if (k < MAX_SEGS)
                rev[k++] = s;
            n = field(n, "object");
            continue;
        }
        break;
    }
    c->base = n;
    if (!c->base_call && !ts_node_is_null(n) && (is(n, "identifier") || is(n, "this")))
        c->base_name = text_of(w->f, n, &c->base_len);
    for (unsigned i = 0; i < k; i++)
        c->s[i] = rev[k - 1 - i];
    c->n = k;
}

static int chain_find(const struct chain *c, unsigned from, const char *const *names,
                      bool want_args)
{
    for (unsigned i = from; i < c->n; i++)
        if (c->s[i].call && span_in(c->s[i].name, c->s[i].len, names) &&
            (!want_args || ts_node_named_child_count(c->s[i].args) > 0))
            return (int)i;
    return -1;
}

static int chain_find1(const struct chain *c, unsigned from, const char *name, bool want_args)
{
    const char *names[] = { name, NULL };
    return chain_find(c, from, names, want_args);
}

static int binding_cmp(const void *a, const void *b)
{
    const struct binding *x = a, *y = b;
    if (x->len != y->len)
        return x->len < y->len ? -1 : 1;
    int c = memcmp(x->name, y->name, x->len);
    if (c)
        return c;
    /* keep source order among equal names: qsort is not stable */
    uint32_t sx = ts_node_start_byte(x->value), sy = ts_node_start_byte(y->value);
    return sx < sy ? -1 : sx > sy;
}

/* Bindings (name = value) of the file, collected on first need and sorted by name. The walk
 * keeps its own ancestor stack: ts_node_parent() costs a descent from the root. */
static void bindings_collect(struct nwalk *w)
{
    VEC(TSNode) up = { 0 };
    w->bindings_ready = true;
    TSTreeCursor cur = ts_tree_cursor_new(w->f->root);
    uint32_t depth = 0;
    for (;;) {
        TSNode n = ts_tree_cursor_current_node(&cur);
        while (up.n <= depth)
            VEC_PUSH(up, n);
        up.v[depth] = n;
        TSNode parent = depth >= 1 ? up.v[depth - 1] : null_node();
        TSNode grand = depth >= 2 ? up.v[depth - 2] : null_node();
        TSNode name = null_node(), value = null_node();
        bool constant = false;
        if (!w->py && is(n, "variable_declarator")) {
            name = field(n, "name");
            value = field(n, "value");
            if (is(parent, "lexical_declaration")) {
                TSNode kind = field(parent, "kind");
                constant = !ts_node_is_null(kind) && text_eq(w->f, kind, "const");
            }
        } else if (!w->py && is(n, "assignment_expression")) {
            name = field(n, "left");
            value = field(n, "right");
        } else if (w->py && is(n, "assignment")) {
            name = field(n, "left");
            value = field(n, "right");
            constant = is(parent, "expression_statement") && is(grand, "module");
        }
        if (is(name, "identifier") && !ts_node_is_null(value)) {
            struct binding b = { .value = value, .constant = constant };
            b.name = text_of(w->f, name, &b.len);
            VEC_PUSH(w->bindings, b);
        }
        if (ts_tree_cursor_goto_first_child(&cur)) {
            depth++;
            continue;
        }
        while (!ts_tree_cursor_goto_next_sibling(&cur)) {
            if (!ts_tree_cursor_goto_parent(&cur))
                goto done;
            depth--;
        }
    }
done:
    ts_tree_cursor_delete(&cur);
    VEC_FREE(up);
    if (w->bindings.n > 1)
        qsort(w->bindings.v, w->bindings.n, sizeof(*w->bindings.v), binding_cmp);
}

/* Calls fn on each value the identifier id is bound to; true when fn holds for one. */
static bool binding_any(struct nwalk *w, TSNode id, bool constant_only,
                        bool (*fn)(struct nwalk *, TSNode, int), int hops)
{
    if (!is(id, "identifier") || hops <= 0)
        return false;
    if (!w->bindings_ready)
        bindings_collect(w);
    uint32_t len;
    const char *s = text_of(w->f, id, &len);
    size_t lo = 0, hi = w->bindings.n;
    while (lo < hi) { /* first binding not less than the name */
        size_t mid = lo + (hi - lo) / 2;
        const struct binding *b = &w->bindings.v[mid];
        int c = b->len != len ? (b->len < len ? -1 : 1) : memcmp(b->name, s, len);
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    /* a name bound many times (i, row) is not worth more than a few looks */
    for (size_t i = lo, seen = 0; i < w->bindings.n && seen < 8; i++, seen++) {
        const struct binding *b = &w->bindings.v[i];
        if (b->len != len || memcmp(b->name, s, len) != 0)
            break;
        if ((b->constant || !constant_only) && fn(w, b->value, hops - 1))
            return true;
    }
    return false;
}

/* true when a string literal's text, after its prefix and quotes, is a statement: a SQL verb
 * and the word that goes with it (select ... from, update ... set), so that prose such as
 * "Update your profile" is not taken for SQL. */
static bool literal_is_sql(const char *s, uint32_t n)
{
    static const struct { const char *verb, *with; } forms[] = {
        { "select", "from" }, { "insert", "into" },
        { "update", " set " }, { "delete", "from" }, { "with", " as " }, { "merge", "into" },
        { "call", "(" },
    };
    uint32_t i = 0;
    while (i < n && i < 3 && isalpha((unsigned char)s[i]))
        i++; /* f"", rb'', u'' prefixes */
    while (i < n && (s[i] == '\'' || s[i] == '"' || s[i] == '`' || s[i] == '(' ||
                     isspace((unsigned char)s[i])))
        i++;
    uint32_t j = i;
    while (j < n && isalpha((unsigned char)s[j]))
        j++;
    if (j == i || j - i > 8)
        return false;
    char word[9];
    for (uint32_t k = i; k < j; k++)
        word[k - i] = (char)tolower((unsigned char)s[k]);
    word[j - i] = 0;
    for (size_t k = 0; k < ARRAY_SIZE(forms); k++)
        if (strcmp(word, forms[k].verb) == 0 &&
            (span_contains_ci(s + i, n - i, forms[k].with) ||
             (strcmp(word, "select") == 0 && n - j < 40)))
            return true;
    return false;
}

static bool is_sql_text(struct nwalk *w, TSNode n, int hops);

/* A tagged template sql`...` (postgres.js, neon, @vercel/postgres, drizzle's sql) whose text
 * is a statement. */
static bool is_sql_tagged(struct nwalk *w, TSNode n)
{
    if (w->py || !is(n, "call_expression"))
        return false;
    TSNode args = field(n, "arguments"), fn = field(n, "function");
    if (!is(args, "template_string"))
        return false;
    if (is(fn, "member_expression"))
        fn = field(fn, "property");
    uint32_t len, flen;
    const char *s = text_of(w->f, args, &len);
    const char *tag = text_of(w->f, fn, &flen);
    return span_contains_ci(tag, flen, "sql") && literal_is_sql(s, len);
}

/* true when n is SQL text: a literal that starts with a verb, a concatenation or format()
 * starting with one, a sql`` template, pg's { text: ... }, or a name bound to one of those. */
static bool is_sql_text(struct nwalk *w, TSNode n, int hops)
{
    for (unsigned guard = 0; guard < 64 && !ts_node_is_null(n); guard++) {
        n = unwrap(n);
        const char *t = ts_node_type(n);
        uint32_t len;
        const char *s;
        if (strcmp(t, "string") == 0 || strcmp(t, "template_string") == 0) {
            s = text_of(w->f, n, &len);
            return literal_is_sql(s, len);
        }
        if (strcmp(t, "concatenated_string") == 0) {
            n = ts_node_named_child(n, 0);
            continue;
        }
        if (strcmp(t, "binary_expression") == 0 || strcmp(t, "binary_operator") == 0) {
            n = field(n, "left");
            continue;
        }
        if (strcmp(t, "identifier") == 0)
            return binding_any(w, n, false, is_sql_text, hops);
        if (strcmp(t, "call_expression") == 0 && is(field(n, "arguments"), "template_string")) {
            /* any tag: drizzle's sql is often imported under another name */
            s = text_of(w->f, field(n, "arguments"), &len);
            return literal_is_sql(s, len);
        }
        if (strcmp(t, "call") == 0 || strcmp(t, "call_expression") == 0) {
            /* text("..."), sql.SQL("..."), "...".format(...), `...`.trim() */
            TSNode fn = field(n, "function");
            TSNode name = fn;
            if (is(fn, "attribute"))
                name = field(fn, "attribute");
            if (text_eq(w->f, name, "text") || text_eq(w->f, name, "SQL")) {
                n = positional_arg(w, field(n, "arguments"), 0);
                continue;
            }
            if (is(fn, w->py ? "attribute" : "member_expression")) {
                n = field(fn, "object");
                continue;
            }
            return false;
        }
        if (strcmp(t, "object") == 0) {
            uint32_t k = ts_node_named_child_count(n);
            for (uint32_t i = 0; i < k; i++) {
                TSNode p = ts_node_named_child(n, i);
                if (is(p, "pair") && text_eq(w->f, field(p, "key"), "text"))
                    return is_sql_text(w, field(p, "value"), hops);
            }
            return false;
        }
        return false;
    }
    return false;
}

/* A SQLAlchemy/psycopg statement object: select(User).where(...), text("..."), sql.SQL(...). */
static bool is_sql_builder(struct nwalk *w, TSNode n, int hops)
{
    n = unwrap(n);
    if (is(n, "identifier"))
        return binding_any(w, n, false, is_sql_builder, hops);
    if (!w->py || !is(n, "call"))
        return false;
    struct chain c;
    chain_build(w, n, &c);
    if (c.base_call && span_in(c.base_name, c.base_len, py_sql_builders))
        return true;
    return chain_find(&c, 0, py_sql_builders, false) >= 0;
}

static bool is_literal_constant(const struct nwalk *w, TSNode n)
{
    const char *t = ts_node_type(n);
    (void)w;
    return strcmp(t, "string") == 0 || strcmp(t, "number") == 0 || strcmp(t, "integer") == 0 ||
           strcmp(t, "float") == 0 || strcmp(t, "true") == 0 || strcmp(t, "false") == 0 ||
           strcmp(t, "none") == 0 || strcmp(t, "null") == 0;
}

static bool int_value(const struct nwalk *w, TSNode n, long *out)
{
    n = unwrap(n);
    if (!is(n, "number") && !is(n, "integer"))
        return false;
    uint32_t len;
    const char *s = text_of(w->f, n, &len);
    char buf[24];
    if (len == 0 || len >= sizeof(buf))
        return false;
    memcpy(buf, s, len);
    buf[len] = 0;
    char *end;
    *out = strtol(buf, &end, 10);
    return *end == 0;
}

static bool is_small_int(struct nwalk *w, TSNode n, int hops)
{
    long v;
    n = unwrap(n);
    if (int_value(w, n, &v))
        return v >= 0 && v <= BOUNDED_MAX;
    return binding_any(w, n, true, is_small_int, hops);
}

/* A collection written out in the source: ['a', 'b'], ("new", "won"), range(3), or a const
 * bound to one. Its size is fixed by the code, not the data. */
static bool is_bounded_collection(struct nwalk *w, TSNode n, int hops)
{
    n = unwrap(n);
    if (ts_node_is_null(n))
        return false;
    const char *t = ts_node_type(n);
    if (strcmp(t, "array") == 0 || strcmp(t, "list") == 0 || strcmp(t, "tuple") == 0 ||
        strcmp(t, "set") == 0) {
        uint32_t k = ts_node_named_child_count(n), items = 0;
        for (uint32_t i = 0; i < k; i++) {
            TSNode e = ts_node_named_child(n, i);
            if (is(e, "comment"))
                continue;
            if (!is_literal_constant(w, e))
                return false;
            items++;
        }
        return items >= 1 && items <= BOUNDED_MAX;
    }
    if (strcmp(t, "identifier") == 0)
        return binding_any(w, n, true, is_bounded_collection, hops);
    if (w->py && strcmp(t, "call") == 0 && text_eq(w->f, field(n, "function"), "range")) {
        TSNode args = field(n, "arguments");
        uint32_t k = positional_count(w, args);
        long a = 0, b;
        if (k == 1)
            return is_small_int(w, positional_arg(w, args, 0), hops);
        if (k == 2 && int_value(w, positional_arg(w, args, 0), &a) &&
            int_value(w, positional_arg(w, args, 1), &b))
            return b - a <= BOUNDED_MAX;
    }
    return false;
}

/* A loop over batches: chunk(ids, 100), itertools.batched(rows, 500), range(0, n, size). */
static bool is_batch_collection(struct nwalk *w, TSNode n)
{
    n = unwrap(n);
    if (!is_call(w, n))
        return false;
    TSNode fn = field(n, "function");
    if (is(fn, "member_expression"))
        fn = field(fn, "property");
    else if (is(fn, "attribute"))
        fn = field(fn, "attribute");
    uint32_t len;
    const char *s = text_of(w->f, fn, &len);
    if (span_contains_ci(s, len, "chunk") || span_contains_ci(s, len, "batch"))
        return true;
    return w->py && span_eq(s, len, "range") &&
           positional_count(w, field(n, "arguments")) == 3;
}

/* Looks through the subtree of n for a node pred accepts; iterative. */
static bool subtree_any(struct nwalk *w, TSNode n, bool (*pred)(struct nwalk *, TSNode))
{
    if (ts_node_is_null(n))
        return false;
    TSTreeCursor cur = ts_tree_cursor_new(n);
    bool found = false;
    for (;;) {
        TSNode x = ts_tree_cursor_current_node(&cur);
        if (pred(w, x)) {
            found = true;
            break;
        }
        if (ts_tree_cursor_goto_first_child(&cur))
            continue;
        for (;;) {
            if (ts_tree_cursor_goto_next_sibling(&cur))
                break;
            if (!ts_tree_cursor_goto_parent(&cur) ||
                ts_node_eq(ts_tree_cursor_current_node(&cur), n))
                goto done;
        }
    }
done:
    ts_tree_cursor_delete(&cur);
    return found;
}

static bool is_sleep_call(struct nwalk *w, TSNode n)
{
    if (!is_call(w, n) && !is(n, "new_expression"))
        return false;
    TSNode fn = field(n, is(n, "new_expression") ? "constructor" : "function");
    uint32_t len;
    const char *s = text_of(w->f, fn, &len);
    return span_contains_ci(s, len, "sleep") || span_contains_ci(s, len, "settimeout") ||
           span_contains_ci(s, len, "delay") || span_contains_ci(s, len, "wait_for");
}

static bool is_slice(struct nwalk *w, TSNode n)
{
    if (w->py)
        return is(n, "slice");
    if (!is(n, "member_expression"))
        return false;
    TSNode p = field(n, "property");
    return text_eq(w->f, p, "slice") || text_eq(w->f, p, "splice");
}

static bool is_true_literal(const struct nwalk *w, TSNode n)
{
    n = unwrap(n);
    if (is(n, "expression_statement"))
        n = unwrap(ts_node_named_child(n, 0));
    return ts_node_is_null(n) || !ts_node_is_named(n) || is(n, "true") || is(n, "empty_statement") ||
           text_eq(w->f, n, "1");
}

/* Scopes ------------------------------------------------------------------------------------ */

static void scope_push(struct nwalk *w, enum scope_kind kind, enum loop_kind lk, TSNode loop,
                       TSNode body, uint32_t depth, uint32_t loop_depth)
{
    struct scope s = { .kind = kind, .loop_kind = lk, .loop = loop, .body = body,
                       .depth = depth, .loop_depth = loop_depth };
    VEC_PUSH(w->scopes, s);
}

/* The scope a loop statement's body opens: none when the loop is bounded by the source, walks
 * batches, or polls (an endless loop that sleeps). */
static void scope_loop_body(struct nwalk *w, TSNode loop, TSNode body, uint32_t depth)
{
    const char *t = ts_node_type(loop);
    enum loop_kind lk = LOOP_CONDITION;
    if (strcmp(t, "for_in_statement") == 0 || (w->py && strcmp(t, "for_statement") == 0)) {
        TSNode right = field(loop, "right");
        if (is_bounded_collection(w, right, 3) || is_batch_collection(w, right))
            return;
        lk = LOOP_ELEMENTS;
    } else if (strcmp(t, "for_statement") == 0) {
        TSNode cond = field(loop, "condition"), incr = field(loop, "increment");
        if (is(cond, "expression_statement"))
            cond = ts_node_named_child(cond, 0);
        if (is(cond, "binary_expression")) {
            TSNode op = field(cond, "operator");
            if ((text_eq(w->f, op, "<") || text_eq(w->f, op, "<=")) &&
                is_small_int(w, field(cond, "right"), 3))
                return;
        }
        /* i += size: one pass per batch */
        if (is(incr, "augmented_assignment_expression") &&
            text_eq(w->f, field(incr, "operator"), "+=") &&
            !text_eq(w->f, field(incr, "right"), "1"))
            return;
        if (is_true_literal(w, field(loop, "condition")) && subtree_any(w, body, is_sleep_call))
            return;
    } else {
        if (is_true_literal(w, field(loop, "condition")) && subtree_any(w, body, is_sleep_call))
            return;
    }
    scope_push(w, SCOPE_LOOP, lk, loop, body, depth, depth - 1);
}

/* A function literal at depth: an iterating callback opens a loop, a callback given to an
 * ordinary call (or an IIFE) runs where it stands, anything else is merely defined. */
static void scope_function(struct nwalk *w, TSNode fn, uint32_t depth)
{
    TSNode parent = depth >= 1 ? w->anc.v[depth - 1] : null_node();
    TSNode call = depth >= 2 ? w->anc.v[depth - 2] : null_node();
    if (is(parent, w->py ? "argument_list" : "arguments") &&
        (is_call(w, call) || is(call, "new_expression"))) {
        TSNode callee = field(call, is(call, "new_expression") ? "constructor" : "function");
        TSNode recv = null_node();
        TSNode name = callee;
        if (is(callee, "member_expression")) {
            recv = field(callee, "object");
            name = field(callee, "property");
        } else if (is(callee, "attribute")) {
            recv = field(callee, "object");
            name = field(callee, "attribute");
        }
        uint32_t len;
        const char *s = text_of(w->f, name, &len);
        bool iterates;
        if (w->py)
            iterates = is(callee, "identifier") && span_in(s, len, py_iter_functions);
        else if (is(callee, "identifier"))
            iterates = span_in(s, len, ts_iter_functions);
        else
            iterates = span_in(s, len, ts_iter_methods) ||
                       (span_eq(s, len, "from") && text_eq(w->f, recv, "Array"));
        if (iterates) {
            TSNode coll = recv;
            if (ts_node_is_null(coll) || w->py || is(callee, "identifier"))
                coll = positional_arg(w, parent, w->py ? 1 : 0);
            if (!ts_node_is_null(coll) && !same(coll, fn) &&
                (is_bounded_collection(w, coll, 3) || is_batch_collection(w, coll)))
                return;
            scope_push(w, SCOPE_LOOP, LOOP_CALLBACK, call, fn, depth, depth - 2);
            return;
        }
        if (span_in(s, len, deferred_callees))
            scope_push(w, SCOPE_FUNCTION, LOOP_ELEMENTS, fn, fn, depth, depth);
        return;
    }
    if (is(parent, "parenthesized_expression") && is_call(w, call) &&
        same(field(call, "function"), parent))
        return; /* (async () => { ... })() */
    scope_push(w, SCOPE_FUNCTION, LOOP_ELEMENTS, fn, fn, depth, depth);
}

/* Query sites ------------------------------------------------------------------------------- */

static enum qkind classify_ts(struct nwalk *w, TSNode call, TSNode parent, const struct chain *c)
{
    int i;
    if (chain_find(c, 0, batch_methods, false) >= 0)
        return Q_NONE;
    if ((i = chain_find1(c, 0, "from", true)) >= 0 &&
        chain_find(c, (unsigned)i + 1, supabase_verbs, false) >= 0 &&
        !text_eq(w->f, c->base, "Array"))
        return Q_SUPABASE;
    if (chain_find1(c, 0, "rpc", true) >= 0)
        return Q_SUPABASE;
    if (((i = chain_find1(c, 0, "select", false)) >= 0 ||
         (i = chain_find1(c, 0, "selectDistinct", false)) >= 0) &&
        chain_find1(c, (unsigned)i + 1, "from", true) >= 0)
        return Q_BUILDER;
    if (((i = chain_find1(c, 0, "insert", true)) >= 0 &&
         chain_find1(c, (unsigned)i + 1, "values", true) >= 0) ||
        ((i = chain_find1(c, 0, "update", true)) >= 0 &&
         chain_find1(c, (unsigned)i + 1, "set", true) >= 0) ||
        ((i = chain_find1(c, 0, "delete", true)) >= 0 &&
         (chain_find1(c, (unsigned)i + 1, "where", true) >= 0 ||
          chain_find1(c, (unsigned)i + 1, "returning", false) >= 0)))
        return Q_BUILDER;
    for (unsigned k = 0; k < c->n; k++) {
        const struct seg *s = &c->s[k];
        if (!s->call)
            continue;
        if (span_eq(s->name, s->len, "$queryRaw") || span_eq(s->name, s->len, "$executeRaw"))
            return Q_SQL;
        if (span_in(s->name, s->len, ts_sql_methods) &&
            is_sql_text(w, positional_arg(w, s->args, 0), 3))
            return Q_SQL;
        if (span_in(s->name, s->len, orm_methods))
            return Q_ORM;
        if (span_in(s->name, s->len, prisma_generic_methods) && k >= 1 && !c->s[k - 1].call) {
            bool prisma = c->base_name && (span_contains_ci(c->base_name, c->base_len, "prisma") ||
                                           span_eq(c->base_name, c->base_len, "tx"));
            for (unsigned j = 0; j + 1 < k; j++)
                if (span_contains_ci(c->s[j].name, c->s[j].len, "prisma"))
                    prisma = true;
            if (prisma)
                return Q_ORM;
        }
    }
    if (c->base_call && c->base_name && is(positional_arg(w, c->base_args, 0), "string") &&
        !span_in(c->base_name, c->base_len, knex_not_bases) &&
        chain_find(c, 0, knex_methods, false) >= 0)
        return Q_BUILDER;
    /* a sql`` template on its own is executed when awaited; given to a call, that call runs it */
    if (c->n == 0 && is_sql_tagged(w, call) && !is(parent, "arguments"))
        return Q_SQL;
    return Q_NONE;
}

static enum qkind classify_py(struct nwalk *w, const struct chain *c)
{
    int i;
    if (chain_find(c, 0, batch_methods, false) >= 0)
        return Q_NONE;
    if (((i = chain_find1(c, 0, "table", true)) >= 0 ||
         (i = chain_find1(c, 0, "from_", true)) >= 0) &&
        chain_find(c, (unsigned)i + 1, supabase_verbs, false) >= 0)
        return Q_SUPABASE;
    if (chain_find1(c, 0, "rpc", true) >= 0)
        return Q_SUPABASE;
    /* session.query(Model): a model, not a string (pandas' df.query("a > 1") takes one) */
    if ((i = chain_find1(c, 0, "query", true)) >= 0 &&
        !is(positional_arg(w, c->s[i].args, 0), "string") &&
        chain_find(c, (unsigned)i + 1, sqlalchemy_query_methods, false) >= 0)
        return Q_SQLALCHEMY;
    for (unsigned k = 0; k + 1 < c->n; k++)
        if (!c->s[k].call && span_eq(c->s[k].name, c->s[k].len, "objects") &&
            c->s[k + 1].call && span_in(c->s[k + 1].name, c->s[k + 1].len, django_methods))
            return Q_DJANGO;
    for (unsigned k = 0; k < c->n; k++) {
        const struct seg *s = &c->s[k];
        if (!s->call)
            continue;
        if (span_in(s->name, s->len, py_sql_methods)) {
            TSNode q = positional_arg(w, s->args, 0);
            if (ts_node_is_null(q))
                q = keyword_arg(w, s->args, "query");
            if (ts_node_is_null(q))
                q = keyword_arg(w, s->args, "statement");
            if (is_sql_text(w, q, 3))
                return Q_SQL;
            if (is_sql_builder(w, q, 3))
                return Q_SQLALCHEMY;
        }
        /* session.get(User, id) */
        if (span_eq(s->name, s->len, "get") && positional_count(w, s->args) >= 2) {
            TSNode model = positional_arg(w, s->args, 0);
            uint32_t len;
            const char *m = text_of(w->f, model, &len);
            const char *r = k >= 1 ? c->s[k - 1].name : c->base_name;
            uint32_t rlen = k >= 1 ? c->s[k - 1].len : c->base_len;
            if (is(model, "identifier") && len > 0 && isupper((unsigned char)m[0]) && r &&
                (span_contains_ci(r, rlen, "session") || span_eq(r, rlen, "db")))
                return Q_SQLALCHEMY;
        }
    }
    return Q_NONE;
}

/* Paging through a table is one query per page, not per item. */
static bool is_paginated(struct nwalk *w, const struct scope *sc, const struct chain *c)
{
    static const char *const pagers[] = { "range", "offset", "skip", "paginate", NULL };
    static const char *const limits[] = { "limit", "take", NULL };
    if (chain_find(c, 0, pagers, false) >= 0)
        return true;
    if (sc->loop_kind == LOOP_CONDITION && chain_find(c, 0, limits, false) >= 0)
        return true;
    for (unsigned k = 0; k < c->n; k++) {
        if (!c->s[k].call)
            continue;
        uint32_t len;
        const char *s = text_of(w->f, c->s[k].args, &len);
        if (span_contains_ci(s, len, "offset") || span_contains_ci(s, len, "cursor:") ||
            span_contains_ci(s, len, "skip:") ||
            (sc->loop_kind == LOOP_CONDITION &&
             (span_contains_ci(s, len, "limit") || span_contains_ci(s, len, "take:"))))
            return true;
    }
    return false;
}

/* A query in a try block that returns or breaks is a retry loop: it runs once when it works. */
static bool in_retry_block(struct nwalk *w, uint32_t depth, const struct scope *sc)
{
    for (uint32_t d = depth; d > sc->depth + 1; d--) {
        TSNode t = w->anc.v[d - 2], block = w->anc.v[d - 1];
        if (!is(t, "try_statement") || !same(field(t, "body"), block))
            continue;
        uint32_t k = ts_node_named_child_count(block);
        for (uint32_t i = 0; i < k; i++) {
            TSNode s = ts_node_named_child(block, i);
            if (is(s, "return_statement") || is(s, "break_statement"))
                return true;
        }
    }
    return false;
}

/* The name of a string literal argument without its quotes, or NULL. */
static const char *literal_arg(struct nwalk *w, TSNode args, uint32_t k)
{
    TSNode a = positional_arg(w, args, k);
    if (!is(a, "string"))
        return NULL;
    uint32_t len;
    const char *s = text_of(w->f, a, &len);
    if (len < 2)
        return NULL;
    return arena_strndup(w->f->arena, s + 1, len - 2);
}

static const char *fix_hint(struct nwalk *w, enum qkind q, const struct chain *c)
{
    switch (q) {
    case Q_SUPABASE: {
        int i = chain_find1(c, 0, w->py ? "table" : "from", true);
        if (i < 0 && w->py)
            i = chain_find1(c, 0, "from_", true);
        if (i < 0)
            return arena_printf(w->f->arena, "call the function once with every id (an array "
                                "parameter) instead of once per item");
        const char *table = literal_arg(w, c->s[i].args, 0);
        int e = chain_find1(c, (unsigned)i + 1, "eq", true);
        const char *col = e >= 0 ? literal_arg(w, c->s[e].args, 0) : NULL;
        static const char *const writes[] = { "insert", "upsert", NULL };
        static const char *const changes[] = { "update", "delete", NULL };
        int v;
        if ((v = chain_find(c, (unsigned)i + 1, writes, false)) >= 0)
            return arena_printf(w->f->arena, "collect the rows and send them in one .%.*s(rows) "
                                "call", (int)c->s[v].len, c->s[v].name);
        if ((v = chain_find(c, (unsigned)i + 1, changes, false)) >= 0)
            return arena_printf(w->f->arena, "%.*s them in one query with .%s('%s', ids)",
                                (int)c->s[v].len, c->s[v].name, w->py ? "in_" : "in",
                                col ? col : "id");
        return arena_printf(w->f->arena,
                            "fetch them in one query with .%s('%s', ids) or embed the relation "
                            "in the parent select('*, %s(*)')",
                            w->py ? "in_" : "in", col ? col : "id", table ? table : "table");
    }
    case Q_SQL:
        return w->py ? "fetch every row in one query with WHERE id = ANY(%s) (or WHERE id IN "
                       "...) or a join, then group the rows in memory"
                     : "fetch every row in one query with WHERE id = ANY($1) (or WHERE id IN "
                       "...) or a join, then group the rows in memory";
    case Q_ORM:
        return "fetch them in one findMany({ where: { id: { in: ids } } }) or include the "
               "relation in the parent query";
    case Q_BUILDER:
        return "fetch them in one query with inArray(column, ids) / whereIn(column, ids) or a "
               "join";
    case Q_SQLALCHEMY:
        return "load them in one query with .where(Model.id.in_(ids)) or eager-load the "
               "relation (selectinload / joinedload)";
    case Q_DJANGO:
        return "use one filter(id__in=ids), or select_related() / prefetch_related() on the "
               "parent queryset";
    case Q_NONE:
        break;
    }
    return "";
}

static const char *kind_name(enum qkind q)
{
    switch (q) {
    case Q_SUPABASE: return "supabase query";
    case Q_SQL: return "SQL query";
    case Q_ORM: return "ORM query";
    case Q_BUILDER: return "query builder call";
    case Q_SQLALCHEMY: return "SQLAlchemy query";
    case Q_DJANGO: return "Django ORM query";
    case Q_NONE: break;
    }
    return "query";
}

/* Promise.all(xs.map(...)) / asyncio.gather(*(... for ...)): concurrent, still N queries. */
static bool loop_is_gathered(struct nwalk *w, const struct scope *sc)
{
    for (uint32_t up = 1; up <= 3 && up <= sc->loop_depth; up++) {
        TSNode n = w->anc.v[sc->loop_depth - up];
        if (is_call(w, n)) {
            uint32_t len;
            const char *s = text_of(w->f, field(n, "function"), &len);
            return span_eq(s, len, "Promise.all") || span_eq(s, len, "Promise.allSettled") ||
                   span_eq(s, len, "asyncio.gather") || span_eq(s, len, "gather");
        }
    }
    return false;
}

/* A call that is the outermost link of its chain (not the object of a further .method()). */
static bool is_chain_top(struct nwalk *w, uint32_t depth)
{
    if (depth < 2)
        return true;
    TSNode n = w->anc.v[depth], p = w->anc.v[depth - 1], g = w->anc.v[depth - 2];
    if (is(p, "non_null_expression") && depth >= 3) {
        n = p;
        p = g;
        g = w->anc.v[depth - 3];
    }
    if (!is(p, w->py ? "attribute" : "member_expression") || !same(field(p, "object"), n))
        return true;
    return !(is_call(w, g) && same(field(g, "function"), p));
}

static void site_check(struct nwalk *w, TSNode call, uint32_t depth, const struct scope *sc)
{
    if (!is_chain_top(w, depth))
        return;
    struct chain c;
    chain_build(w, call, &c);
    enum qkind q = w->py ? classify_py(w, &c)
                         : classify_ts(w, call, depth >= 1 ? w->anc.v[depth - 1] : null_node(), &c);
    if (q == Q_NONE || is_paginated(w, sc, &c) || in_retry_block(w, depth, sc))
        return;
    for (unsigned k = 0; k < c.n; k++)
        if (c.s[k].call && subtree_any(w, c.s[k].args, is_slice))
            return; /* rows.slice(i, i + 500): a batch per iteration */
    bool gathered = loop_is_gathered(w, sc);
    const char *per = "loop iteration";
    uint32_t start = ts_node_start_byte(sc->loop), end = ts_node_start_byte(sc->body);
    if (sc->loop_kind == LOOP_CALLBACK) {
        TSNode callee = field(sc->loop, is(sc->loop, "new_expression") ? "constructor"
                                                                        : "function");
        TSNode name = callee;
        if (is(callee, "member_expression"))
            name = field(callee, "property");
        else if (is(callee, "attribute"))
            name = field(callee, "attribute");
        per = arena_printf(w->f->arena, "item of %s%s()", w->py ? "" : ".",
                           node_text(w->f, name));
        start = ts_node_start_byte(name);
    } else if (is_comprehension(sc->loop)) {
        per = "item of the comprehension";
        uint32_t k = ts_node_named_child_count(sc->loop);
        for (uint32_t i = 0; i < k; i++) {
            TSNode cl = ts_node_named_child(sc->loop, i);
            if (is(cl, "for_in_clause")) {
                start = ts_node_start_byte(cl);
                end = ts_node_end_byte(cl);
                break;
            }
        }
    }
    struct finding *fd = check_report(
        w->f, call, "%s runs once per %s (N+1 queries)%s; %s", kind_name(q), per,
        gathered ? (w->py ? ", gather() only runs them concurrently"
                          : ", Promise.all only runs them concurrently")
                 : "",
        fix_hint(w, q, &c));
    /* the related location is the loop's header, on its first line */
    const char *text = w->f->src->text;
    if (end <= start)
        end = ts_node_end_byte(sc->loop);
    uint32_t stop = start;
    while (stop < end && text[stop] != '\n')
        stop++;
    while (stop > start && isspace((unsigned char)text[stop - 1]))
        stop--;
    if (stop == start)
        stop = start + 1;
    finding_related(fd, start, stop, "the loop that runs it once per item");
}

/* The walk ---------------------------------------------------------------------------------- */

static bool is_loop_statement(const struct nwalk *w, TSNode n)
{
    const char *t = ts_node_type(n);
    if (w->py)
        return strcmp(t, "for_statement") == 0 || strcmp(t, "while_statement") == 0;
    return strcmp(t, "for_statement") == 0 || strcmp(t, "for_in_statement") == 0 ||
           strcmp(t, "while_statement") == 0 || strcmp(t, "do_statement") == 0;
}

/* Visits n at depth; false skips its subtree. */
static bool walk_visit(struct nwalk *w, TSNode n, uint32_t depth)
{
    while (w->scopes.n && w->scopes.v[w->scopes.n - 1].depth >= depth)
        w->scopes.n--;
    while (w->anc.n <= depth)
        VEC_PUSH(w->anc, n);
    w->anc.v[depth] = n;
    w->anc.n = depth + 1;
    if (!ts_node_is_named(n))
        return true;
    if (ts_node_is_error(n) || ts_node_is_missing(n))
        return false;

    TSNode parent = depth >= 1 ? w->anc.v[depth - 1] : null_node();
    if (!ts_node_is_null(parent)) {
        if (is_loop_statement(w, parent) && same(field(parent, "body"), n))
            scope_loop_body(w, parent, n, depth);
        else if (w->py && is_comprehension(parent)) {
            /* everything but the first for clause (whose iterable is evaluated once) */
            bool first = is(n, "for_in_clause");
            for (TSNode s = ts_node_prev_named_sibling(n); first && !ts_node_is_null(s);
                 s = ts_node_prev_named_sibling(s))
                if (is(s, "for_in_clause"))
                    first = false;
            if (!first) {
                TSNode clause = null_node();
                uint32_t k = ts_node_named_child_count(parent);
                for (uint32_t i = 0; i < k && ts_node_is_null(clause); i++)
                    if (is(ts_node_named_child(parent, i), "for_in_clause"))
                        clause = ts_node_named_child(parent, i);
                TSNode right = field(clause, "right");
                if (!is_bounded_collection(w, right, 3) && !is_batch_collection(w, right))
                    scope_push(w, SCOPE_LOOP, LOOP_ELEMENTS, parent, n, depth, depth - 1);
            }
        }
    }
    bool structural = is_loop_statement(w, n) || is_function_literal(w, n) ||
                      is_definition(w, n) || is_call(w, n) || is_comprehension(n);
    if (structural && ts_node_has_error(n))
        return false;
    if (is_function_literal(w, n))
        scope_function(w, n, depth);
    else if (is_definition(w, n))
        scope_push(w, SCOPE_FUNCTION, LOOP_ELEMENTS, n, n, depth, depth);
    else if (is_call(w, n) && w->scopes.n &&
             w->scopes.v[w->scopes.n - 1].kind == SCOPE_LOOP) {
        struct scope sc = w->scopes.v[w->scopes.n - 1];
        site_check(w, n, depth, &sc);
    }
    return true;
}

/* Hooks ------------------------------------------------------------------------------------- */

static void n_plus_one_file(struct check_file *f)
{
    if (ts_node_is_null(f->root))
        return;
    struct nwalk w = { .f = f, .py = f->lang == LANG_PYTHON };
    TSTreeCursor cur = ts_tree_cursor_new(f->root);
    uint32_t depth = 0;
    for (;;) {
        TSNode n = ts_tree_cursor_current_node(&cur);
        if (walk_visit(&w, n, depth) && ts_tree_cursor_goto_first_child(&cur)) {
            depth++;
            continue;
        }
        for (;;) {
            if (ts_tree_cursor_goto_next_sibling(&cur))
                break;
            if (!ts_tree_cursor_goto_parent(&cur))
                goto done;
            depth--;
        }
    }
done:
    ts_tree_cursor_delete(&cur);
    VEC_FREE(w.anc);
    VEC_FREE(w.scopes);
    VEC_FREE(w.bindings);
}

static const char *const n_plus_one_tags[] = { "performance", NULL };

const struct check check_performance_n_plus_one = {
    .id = "performance-n-plus-one",
    .title = "Database query run once per loop iteration (N+1 queries)",
    .level = LEVEL_WARNING,
    .langs = LANGS_JS_TS | LANG_BIT(LANG_PYTHON),
    .tags = n_plus_one_tags,
    .precision = "high",
    .file = n_plus_one_file,
};
