/* performance_n_plus_one.c — database queries run once per iteration of a loop (N+1 queries)
 * in TypeScript/JavaScript and Python: the audit's "N+1 Query Pattern".
 *
 * One walk over the file's node table keeps a stack of scopes: a loop body (for, for-of,
 * while, do, comprehensions, .map/.forEach callbacks) opens a loop scope, a function that is
 * only defined there (not called per item) closes it. A call is a query site when its chain
 * has the shape of a database call (analyzer/dbcall.h: supabase chains, SQL text given to a
 * driver, prisma/drizzle/knex/SQLAlchemy/Django shapes), never by a name alone.
 * Loops whose trip count is written in the source (a literal list, range(3)), chunked loops,
 * paginated queries, polling loops and retry loops are not N+1 and stay clean.
 * The file's own named functions that run a query (directly or through each other) are
 * matched by name after the walk, so a loop that calls one, hands it to .map, or renders it
 * as a JSX element is reported at that call.
 * A helper imported from another module of the project that runs a query (one hop: its
 * module's own functions, directly or through each other) is matched in the project pass
 * (model/xmod.h), so `for (const id of ids) await getLead(id)` with getLead in lib/db.ts is
 * reported at the call too.
 * Every finding needs a database call, here or in an imported helper, so a file whose calls
 * show none of the names such a call needs (dbcall_file_may_query, one loop over the table)
 * and that imports nothing from the project is not walked at all: most files.
 */
#include "check.h"
#include "front/syntax.h"
#include "model/dbcall.h"
#include "model/imports.h"
#include "model/xmod.h"

#include <ctype.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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
/* executor.map, pool.imap_unordered, itertools.starmap */
static const char *const py_iter_methods[] = {
    "map", "starmap", "imap", "imap_unordered", "map_async", "starmap_async", NULL,
};

/* Calls that keep a callback for later: a function given to them is not run per iteration. */
static const char *const deferred_callees[] = {
    "on", "once", "addListener", "addEventListener", "subscribe", "setTimeout", "setInterval",
    "setImmediate", "nextTick", "requestAnimationFrame", "add_done_callback", "call_later",
    "call_soon", "call_soon_threadsafe", "register", "connect", NULL,
};

/* A loop written out with at most this many items is bounded by the source, not the data. */
#define BOUNDED_MAX 16

/* What the walk does at a node, by its kind: one table lookup per node instead of a chain of
 * type-name comparisons. */
enum {
    K_LOOP = 1,     /* a loop statement: its body runs per iteration */
    K_FUNC_LIT = 2, /* a function literal */
    K_DEF = 4,      /* a declared function, method or class */
    K_CALL = 8,
    K_COMPR = 16,   /* a Python comprehension or generator expression */
    K_JSX = 32,     /* <Name ...> or <Name />: a component rendered */
};

static const struct {
    const char *name;
    unsigned kind;
    int py; /* 1: Python only, 0: the TS grammars only, -1: both */
} kind_names[] = {
    { "for_statement", K_LOOP, -1 }, { "while_statement", K_LOOP, -1 },
    { "for_in_statement", K_LOOP, 0 }, { "do_statement", K_LOOP, 0 },
    { "lambda", K_FUNC_LIT, 1 }, { "arrow_function", K_FUNC_LIT, 0 },
    { "function_expression", K_FUNC_LIT, 0 }, { "function", K_FUNC_LIT, 0 },
    { "generator_function", K_FUNC_LIT, 0 },
    { "function_definition", K_DEF, 1 }, { "class_definition", K_DEF, 1 },
    { "function_declaration", K_DEF, 0 }, { "generator_function_declaration", K_DEF, 0 },
    { "method_definition", K_DEF, 0 }, { "class_declaration", K_DEF, 0 },
    { "abstract_class_declaration", K_DEF, 0 }, { "class", K_DEF, 0 },
    { "call", K_CALL, 1 }, { "call_expression", K_CALL, 0 },
    { "list_comprehension", K_COMPR, -1 }, { "set_comprehension", K_COMPR, -1 },
    { "dictionary_comprehension", K_COMPR, -1 }, { "generator_expression", K_COMPR, -1 },
    { "jsx_opening_element", K_JSX, -1 }, { "jsx_self_closing_element", K_JSX, -1 },
};

/* The other node kinds the check tells apart, as symbols of the grammar (0 where it has none,
 * which no node has). */
#define N1_KINDS(X)                                                                         \
    X(number, "number") X(integer, "integer") X(float_, "float") X(true_, "true")           \
    X(false_, "false") X(none, "none") X(null, "null") X(array, "array") X(list, "list")    \
    X(tuple, "tuple") X(set, "set") X(for_in_clause, "for_in_clause") X(slice, "slice")     \
    X(new_expression, "new_expression") X(try_statement, "try_statement")                   \
    X(return_statement, "return_statement") X(break_statement, "break_statement")           \
    X(empty_statement, "empty_statement")                                                   \
    X(augmented_assignment_expression, "augmented_assignment_expression")                   \
    X(property_identifier, "property_identifier")                                           \
    X(for_in_statement, "for_in_statement") X(for_statement, "for_statement")               \
    X(expression_statement, "expression_statement")                                         \
    X(binary_expression, "binary_expression")                                               \
    X(variable_declarator, "variable_declarator") X(identifier, "identifier")               \
    X(member_expression, "member_expression") X(attribute, "attribute")                     \
    X(arguments, "arguments") X(argument_list, "argument_list")                             \
    X(parenthesized_expression, "parenthesized_expression")                                 \
    X(non_null_expression, "non_null_expression") X(comment, "comment")                     \
    X(string, "string")

struct n1_syms {
#define N1_SYM_FIELD(field, name) TSSymbol field;
    N1_KINDS(N1_SYM_FIELD)
#undef N1_SYM_FIELD
};

/* One grammar's kinds, resolved in init. */
struct n1_grammar {
    const TSLanguage *lang;
    uint8_t *kind; /* K_* bits by symbol */
    uint32_t nsym;
    struct n1_syms sym;
};

struct n1_state {
    struct n1_grammar g[3]; /* typescript, tsx (also JavaScript), python */
};

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
    /* for lead in Lead.objects.filter(...) (no prefetch_related): lead, whose related
     * managers (lead.tours.all()) query once per item; NULL elsewhere */
    const char *item;
    uint32_t item_len;
};

/* A named function of the file and the first query it runs (helpers called in loops). */
struct helper {
    const char *name; /* borrowed from the source text */
    uint32_t len;
    uint32_t depth;   /* of the function node on the walk's path, while it is open */
    bool top;         /* declared at the module's top level: it may be exported */
    TSNode query;     /* the first query site in its body, or a null node */
    enum db_kind kind;
    const char *hint; /* the fix for that query, from the file's arena */
};

/* A call of a named function in a loop, matched against the helpers after the walk. */
struct helper_call {
    TSNode call;
    const char *name;
    uint32_t len;
    struct scope sc;
    bool gathered;
    bool jsx; /* <LeadRow /> rendered per item: a server component that queries */
};

/* A call of a local function inside a named function: helpers that call helpers. */
struct helper_edge {
    size_t from; /* index into helpers of the caller */
    const char *name;
    uint32_t len;
    TSNode call;
};

struct nwalk {
    struct check_file *f;
    bool py;
    const struct node_table *t; /* f->nodes */
    const struct n1_grammar *g; /* the file's grammar */
    const struct n1_syms *k;    /* &g->sym */
    struct dbcall db;         /* what a database call looks like, and the file's bindings */
    VEC(TSNode) anc;          /* anc.v[d]: the node at depth d on the current path */
    VEC(uint8_t) anc_kind;    /* and its K_* bits */
    VEC(struct scope) scopes;
    VEC(size_t) open;         /* indexes into helpers of the named functions on the path */
    VEC(struct helper) helpers;
    VEC(struct helper_call) calls;
    VEC(struct helper_edge) edges;
    struct imports *im;       /* the file's imports and exports */
    struct xmod_facts *xmod;  /* offers and asks for the project pass, or NULL */
};

/* The trait of an export (model/xmod.h): a function that runs a query. */
enum { TRAIT_QUERY = 1 };

static bool span_eq(const char *s, uint32_t n, const char *lit)
{
    return strlen(lit) == n && memcmp(s, lit, n) == 0;
}

static inline bool is(TSNode n, TSSymbol sym)
{
    return dbcall_is(n, sym);
}

static const struct n1_syms *db_syms(const struct dbcall *db)
{
    const struct nwalk *w = (const struct nwalk *)((const char *)db - offsetof(struct nwalk, db));
    return w->k;
}

static unsigned kind_of_symbol(const struct nwalk *w, TSSymbol s)
{
    return s < w->g->nsym ? w->g->kind[s] : 0;
}

static unsigned kind_of(const struct nwalk *w, TSNode n)
{
    return ts_node_is_null(n) ? 0 : kind_of_symbol(w, ts_node_symbol(n));
}

/* ts_node_symbol() of an ERROR node (tree-sitter's ts_builtin_sym_error) */
#define SYMBOL_ERROR ((TSSymbol)-1)

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

static bool is_call(const struct nwalk *w, TSNode n)
{
    return (kind_of(w, n) & K_CALL) != 0;
}

static bool is_comprehension(const struct nwalk *w, TSNode n)
{
    return (kind_of(w, n) & K_COMPR) != 0;
}

static bool is_literal_constant(const struct dbcall *db, TSNode n)
{
    const struct n1_syms *k = db_syms(db);
    TSSymbol t = ts_node_symbol(n);
    return t && (t == k->string || t == k->number || t == k->integer || t == k->float_ ||
                 t == k->true_ || t == k->false_ || t == k->none || t == k->null);
}

static bool int_value(const struct dbcall *db, TSNode n, long *out)
{
    const struct n1_syms *k = db_syms(db);
    n = dbcall_unwrap(db, n);
    if (!is(n, k->number) && !is(n, k->integer))
        return false;
    uint32_t len;
    const char *s = dbcall_text(db->f, n, &len);
    char buf[24];
    if (len == 0 || len >= sizeof(buf))
        return false;
    memcpy(buf, s, len);
    buf[len] = 0;
    char *end;
    *out = strtol(buf, &end, 10);
    return *end == 0;
}

static bool is_small_int(struct dbcall *db, TSNode n, int hops)
{
    long v;
    n = dbcall_unwrap(db, n);
    if (int_value(db, n, &v))
        return v >= 0 && v <= BOUNDED_MAX;
    return dbcall_binding_any(db, n, true, is_small_int, hops);
}

/* A collection written out in the source: ['a', 'b'], ("new", "won"), range(3), or a const
 * bound to one. Its size is fixed by the code, not the data. */
/* A Python name written as a class is (CaseStatus, HTTPMethod): a capital first, a lower-case
 * letter after, no underscore; ALL_CAPS constants and snake_case values are not. */
static bool is_class_name(struct dbcall *db, TSNode n)
{
    uint32_t len;
    const char *s = dbcall_text(db->f, n, &len);
    if (len < 2 || !(s[0] >= 'A' && s[0] <= 'Z'))
        return false;
    bool lower = false;
    for (uint32_t i = 1; i < len; i++) {
        if (s[i] == '_')
            return false;
        lower |= s[i] >= 'a' && s[i] <= 'z';
    }
    return lower;
}

static bool is_bounded_collection(struct dbcall *db, TSNode n, int hops)
{
    const struct n1_syms *k = db_syms(db);
    n = dbcall_unwrap(db, n);
    if (ts_node_is_null(n))
        return false;
    TSSymbol t = ts_node_symbol(n);
    if (t == k->array || t == k->list || t == k->tuple || t == k->set) {
        uint32_t m = ts_node_named_child_count(n), items = 0;
        for (uint32_t i = 0; i < m; i++) {
            TSNode e = ts_node_named_child(n, i);
            if (is(e, k->comment))
                continue;
            if (!is_literal_constant(db, e))
                return false;
            items++;
        }
        return items >= 1 && items <= BOUNDED_MAX;
    }
    if (t == k->identifier && db->py && is_class_name(db, n))
        return true; /* for reason in CaseResolution: an Enum's members, a handful of constants */
    if (t == k->identifier)
        return dbcall_binding_any(db, n, true, is_bounded_collection, hops);
    if (db->py && t == db->call_t && node_text_eq(db->f, node_field(n, "function"), "range")) {
        TSNode args = node_field(n, "arguments");
        uint32_t nargs = dbcall_arg_count(db, args);
        long a = 0, b;
        if (nargs == 1)
            return is_small_int(db, dbcall_arg(db, args, 0), hops);
        if (nargs == 2 && int_value(db, dbcall_arg(db, args, 0), &a) &&
            int_value(db, dbcall_arg(db, args, 1), &b))
            return b - a <= BOUNDED_MAX;
    }
    return false;
}

/* A loop over batches: chunk(ids, 100), itertools.batched(rows, 500), range(0, n, size). */
static bool is_batch_collection(struct nwalk *w, TSNode n)
{
    n = dbcall_unwrap(&w->db, n);
    if (!is_call(w, n))
        return false;
    TSNode fn = node_field(n, "function");
    if (is(fn, w->k->member_expression))
        fn = node_field(fn, "property");
    else if (is(fn, w->k->attribute))
        fn = node_field(fn, "attribute");
    uint32_t len;
    const char *s = dbcall_text(w->f, fn, &len);
    if (dbcall_span_has(s, len, "chunk") || dbcall_span_has(s, len, "batch"))
        return true;
    return w->py && span_eq(s, len, "range") &&
           dbcall_arg_count(&w->db, node_field(n, "arguments")) == 3;
}

/* Looks through the subtree of n for a (named) node pred accepts: a range of the table. */
static bool subtree_any(struct nwalk *w, TSNode n, bool (*pred)(struct nwalk *, TSNode))
{
    uint32_t i = nodes_find(w->t, n);
    if (i == NODE_NONE) /* not a named node of the file: only n itself to look at */
        return !ts_node_is_null(n) && pred(w, n);
    for (uint32_t end = w->t->v[i].end; i < end; i++)
        if (pred(w, w->t->v[i].node))
            return true;
    return false;
}

static bool is_sleep_call(struct nwalk *w, TSNode n)
{
    bool is_new = is(n, w->k->new_expression);
    if (!is_new && !is_call(w, n))
        return false;
    TSNode fn = node_field(n, is_new ? "constructor" : "function");
    uint32_t len;
    const char *s = dbcall_text(w->f, fn, &len);
    return dbcall_span_has(s, len, "sleep") || dbcall_span_has(s, len, "settimeout") ||
           dbcall_span_has(s, len, "delay") || dbcall_span_has(s, len, "wait_for");
}

static bool is_slice(struct nwalk *w, TSNode n)
{
    if (w->py)
        return is(n, w->k->slice);
    if (!is(n, w->k->member_expression))
        return false;
    TSNode p = node_field(n, "property");
    return node_text_eq(w->f, p, "slice") || node_text_eq(w->f, p, "splice");
}

static bool is_true_literal(const struct nwalk *w, TSNode n)
{
    n = dbcall_unwrap(&w->db, n);
    if (is(n, w->k->expression_statement))
        n = dbcall_unwrap(&w->db, ts_node_named_child(n, 0));
    return ts_node_is_null(n) || !ts_node_is_named(n) || is(n, w->k->true_) ||
           is(n, w->k->empty_statement) || node_text_eq(w->f, n, "1");
}

/* Scopes ------------------------------------------------------------------------------------ */

static void scope_push(struct nwalk *w, enum scope_kind kind, enum loop_kind lk, TSNode loop,
                       TSNode body, uint32_t depth, uint32_t loop_depth)
{
    struct scope s = { .kind = kind, .loop_kind = lk, .loop = loop, .body = body,
                       .depth = depth, .loop_depth = loop_depth };
    /* an inner loop still runs inside each item of a queryset loop */
    if (kind == SCOPE_LOOP && w->scopes.n && w->scopes.v[w->scopes.n - 1].kind == SCOPE_LOOP) {
        s.item = w->scopes.v[w->scopes.n - 1].item;
        s.item_len = w->scopes.v[w->scopes.n - 1].item_len;
    }
    VEC_PUSH(w->scopes, s);
}

/* for <item> in Model.objects...: without prefetch_related, each item's related managers are a
 * query; records the item's name on the loop scope just pushed. */
static void scope_queryset_item(struct nwalk *w, TSNode item, TSNode iterable)
{
    iterable = dbcall_unwrap(&w->db, iterable);
    if (!w->py || !is(item, w->k->identifier) || !is_call(w, iterable) || !w->scopes.n)
        return;
    struct db_chain c;
    dbcall_chain(&w->db, iterable, &c);
    bool objects = false;
    for (unsigned k = 0; k < c.n; k++) {
        if (!c.s[k].call && span_eq(c.s[k].name, c.s[k].len, "objects"))
            objects = true;
        if (c.s[k].call && span_eq(c.s[k].name, c.s[k].len, "prefetch_related"))
            return;
    }
    struct scope *sc = &w->scopes.v[w->scopes.n - 1];
    if (objects && sc->kind == SCOPE_LOOP)
        sc->item = dbcall_text(w->f, item, &sc->item_len);
}

/* item.tours.all(), item.tours.filter(...).count(): a related manager of a queryset item. */
static bool is_related_manager_call(struct nwalk *w, const struct scope *sc,
                                    const struct db_chain *c)
{
    static const char *const no_args[] = { "all", "count", "first", "last", "exists", NULL };
    static const char *const with_args[] = {
        "filter", "exclude", "order_by", "values_list", "aggregate", NULL,
    };
    if (!sc->item || c->n < 2 || c->base_call || !c->base_name || c->s[0].call ||
        !c->s[1].call || c->base_len != sc->item_len ||
        memcmp(c->base_name, sc->item, sc->item_len) != 0)
        return false;
    const struct db_link *m = &c->s[1];
    if (dbcall_span_in(m->name, m->len, no_args))
        return dbcall_arg_count(&w->db, m->args) == 0;
    return dbcall_span_in(m->name, m->len, with_args);
}

/* The scope a loop statement's body opens: none when the loop is bounded by the source, walks
 * batches, or polls (an endless loop that sleeps). */
static void scope_loop_body(struct nwalk *w, TSNode loop, TSNode body, uint32_t depth)
{
    const struct n1_syms *k = w->k;
    TSSymbol t = ts_node_symbol(loop);
    enum loop_kind lk = LOOP_CONDITION;
    if (t == k->for_in_statement || (w->py && t == k->for_statement)) {
        TSNode right = node_field(loop, "right");
        if (is_bounded_collection(&w->db, right, 3) || is_batch_collection(w, right))
            return;
        lk = LOOP_ELEMENTS;
    } else if (t == k->for_statement) {
        TSNode cond = node_field(loop, "condition"), incr = node_field(loop, "increment");
        if (is(cond, k->expression_statement))
            cond = ts_node_named_child(cond, 0);
        if (is(cond, k->binary_expression)) {
            TSNode op = node_field(cond, "operator");
            if ((node_text_eq(w->f, op, "<") || node_text_eq(w->f, op, "<=")) &&
                is_small_int(&w->db, node_field(cond, "right"), 3))
                return;
        }
        /* i += size: one pass per batch */
        if (is(incr, k->augmented_assignment_expression) &&
            node_text_eq(w->f, node_field(incr, "operator"), "+=") &&
            !node_text_eq(w->f, node_field(incr, "right"), "1"))
            return;
        if (is_true_literal(w, node_field(loop, "condition")) && subtree_any(w, body, is_sleep_call))
            return;
    } else {
        if (is_true_literal(w, node_field(loop, "condition")) && subtree_any(w, body, is_sleep_call))
            return;
    }
    scope_push(w, SCOPE_LOOP, lk, loop, body, depth, depth - 1);
    if (w->py && lk == LOOP_ELEMENTS)
        scope_queryset_item(w, node_field(loop, "left"), node_field(loop, "right"));
}

/* Is s[0, len) the name of a call that runs its callback once per element: a function
 * (ident: map(fn, xs)) or a method (xs.forEach, executor.map)? */
static bool names_iteration(const struct nwalk *w, const char *s, uint32_t len, bool ident)
{
    if (w->py)
        return dbcall_span_in(s, len, ident ? py_iter_functions : py_iter_methods);
    return dbcall_span_in(s, len, ident ? ts_iter_functions : ts_iter_methods);
}

/* A function literal at depth: an iterating callback opens a loop, a callback given to an
 * ordinary call (or an IIFE) runs where it stands, anything else is merely defined. */
static void scope_function(struct nwalk *w, TSNode fn, uint32_t depth)
{
    const struct n1_syms *k = w->k;
    TSNode parent = depth >= 1 ? w->anc.v[depth - 1] : null_node();
    TSNode call = depth >= 2 ? w->anc.v[depth - 2] : null_node();
    bool is_new = is(call, k->new_expression);
    if (is(parent, w->py ? k->argument_list : k->arguments) && (is_new || is_call(w, call))) {
        TSNode callee = node_field(call, is_new ? "constructor" : "function");
        TSNode recv = null_node();
        TSNode name = callee;
        bool ident = is(callee, k->identifier);
        if (is(callee, k->member_expression)) {
            recv = node_field(callee, "object");
            name = node_field(callee, "property");
        } else if (is(callee, k->attribute)) {
            recv = node_field(callee, "object");
            name = node_field(callee, "attribute");
        }
        uint32_t len;
        const char *s = dbcall_text(w->f, name, &len);
        bool iterates = names_iteration(w, s, len, ident) ||
                        (!w->py && !ident && span_eq(s, len, "from") &&
                         node_text_eq(w->f, recv, "Array"));
        if (iterates) {
            TSNode coll = recv;
            if (ts_node_is_null(coll) || w->py || ident)
                coll = dbcall_arg(&w->db, parent, w->py ? 1 : 0);
            if (!ts_node_is_null(coll) && !same(coll, fn) &&
                (is_bounded_collection(&w->db, coll, 3) || is_batch_collection(w, coll)))
                return;
            scope_push(w, SCOPE_LOOP, LOOP_CALLBACK, call, fn, depth, depth - 2);
            return;
        }
        if (dbcall_span_in(s, len, deferred_callees))
            scope_push(w, SCOPE_FUNCTION, LOOP_ELEMENTS, fn, fn, depth, depth);
        return;
    }
    if (is(parent, k->parenthesized_expression) && is_call(w, call) &&
        same(node_field(call, "function"), parent))
        return; /* (async () => { ... })() */
    scope_push(w, SCOPE_FUNCTION, LOOP_ELEMENTS, fn, fn, depth, depth);
}

/* Query sites ------------------------------------------------------------------------------- */

/* Paging through a table is one query per page, not per item. */
static bool is_paginated(struct nwalk *w, const struct scope *sc, const struct db_chain *c)
{
    static const char *const pagers[] = { "range", "offset", "skip", "paginate", NULL };
    static const char *const limits[] = { "limit", "take", NULL };
    if (dbcall_chain_find(c, 0, pagers, false) >= 0)
        return true;
    if (sc->loop_kind == LOOP_CONDITION && dbcall_chain_find(c, 0, limits, false) >= 0)
        return true;
    for (unsigned k = 0; k < c->n; k++) {
        if (!c->s[k].call)
            continue;
        uint32_t len;
        const char *s = dbcall_text(w->f, c->s[k].args, &len);
        if (dbcall_span_has(s, len, "offset") || dbcall_span_has(s, len, "cursor:") ||
            dbcall_span_has(s, len, "skip:") ||
            (sc->loop_kind == LOOP_CONDITION &&
             (dbcall_span_has(s, len, "limit") || dbcall_span_has(s, len, "take:"))))
            return true;
    }
    return false;
}

/* A query in a try block that returns or breaks is a retry loop: it runs once when it works. */
static bool in_retry_block(struct nwalk *w, uint32_t depth, const struct scope *sc)
{
    for (uint32_t d = depth; d > sc->depth + 1; d--) {
        TSNode t = w->anc.v[d - 2], block = w->anc.v[d - 1];
        if (!is(t, w->k->try_statement) || !same(node_field(t, "body"), block))
            continue;
        uint32_t k = ts_node_named_child_count(block);
        for (uint32_t i = 0; i < k; i++) {
            TSNode s = ts_node_named_child(block, i);
            if (is(s, w->k->return_statement) || is(s, w->k->break_statement))
                return true;
        }
    }
    return false;
}

/* The name of a string literal argument without its quotes, or NULL. */
static const char *literal_arg(struct nwalk *w, TSNode args, uint32_t k)
{
    TSNode a = dbcall_arg(&w->db, args, k);
    if (!is(a, w->k->string))
        return NULL;
    uint32_t len;
    const char *s = dbcall_text(w->f, a, &len);
    if (len < 2)
        return NULL;
    return arena_strndup(w->f->arena, s + 1, len - 2);
}

/* true when the node holds a name (not a property key): a value that may differ per row. */
static bool mentions_name(struct nwalk *w, TSNode n)
{
    struct walk wk;
    walk_init(&wk, w->f, n);
    for (TSNode x; walk_next(&wk, &x);)
        if (is(x, w->k->identifier) || node_is(x, "shorthand_property_identifier"))
            return true;
    return false;
}

/* The statement word SQL text starts with ("update", "insert", ...), lowercase, or "". */
static const char *sql_verb(struct nwalk *w, const struct db_chain *c)
{
    if (!c->n)
        return "";
    TSNode a = dbcall_arg(&w->db, c->s[c->n - 1].args, 0);
    uint32_t len;
    const char *t = ts_node_is_null(a) ? NULL : dbcall_text(w->f, a, &len);
    if (!t)
        return "";
    uint32_t i = 0;
    while (i < len && strchr("fFrRbBuU", t[i]) && i + 1 < len && strchr("fFrRbBuU\"'", t[i + 1]))
        i++; /* a Python string prefix: f"...", rb'...' */
    while (i < len && strchr("\"'`( \t\n", t[i]))
        i++;
    static const char *const verbs[] = { "update", "insert", "delete", NULL };
    for (const char *const *v = verbs; *v; v++) {
        size_t n = strlen(*v);
        if (len - i >= n && strncasecmp(t + i, *v, n) == 0)
            return *v;
    }
    return "";
}

/* The driver's placeholder: asyncpg (fetch, fetchrow, fetchval, or a file that imports it)
 * and the JS drivers take $1, the DB-API drivers %s. */
static const char *placeholder(struct nwalk *w, const struct db_chain *c)
{
    if (!w->py)
        return "$1";
    static const char *const asyncpg[] = { "fetch", "fetchrow", "fetchval", NULL };
    if (c->base_name && c->base_len >= 3 && dbcall_span_has(c->base_name, c->base_len, "cur"))
        return "%s"; /* a DB-API cursor */
    bool fetch = false;
    for (unsigned k = 0; k < c->n && !fetch; k++)
        fetch = dbcall_span_in(c->s[k].name, c->s[k].len, asyncpg);
    if (fetch || strstr(w->f->src->text, "import asyncpg") ||
        strstr(w->f->src->text, ".fetchrow(") || strstr(w->f->src->text, ".fetchval("))
        return "$1";
    return "%s";
}

static const char *fix_hint(struct nwalk *w, enum db_kind q, const struct db_chain *c)
{
    switch (q) {
    case DB_SUPABASE: {
        int i = dbcall_chain_find1(c, 0, w->py ? "table" : "from", true);
        if (i < 0 && w->py)
            i = dbcall_chain_find1(c, 0, "from_", true);
        if (i < 0)
            return arena_printf(w->f->arena, "call the function once with every id (an array "
                                "parameter) instead of once per item");
        const char *table = literal_arg(w, c->s[i].args, 0);
        int e = dbcall_chain_find1(c, (unsigned)i + 1, "eq", true);
        const char *col = e >= 0 ? literal_arg(w, c->s[e].args, 0) : NULL;
        static const char *const writes[] = { "insert", "upsert", NULL };
        static const char *const changes[] = { "update", "delete", NULL };
        int v;
        if ((v = dbcall_chain_find(c, (unsigned)i + 1, writes, false)) >= 0)
            return arena_printf(w->f->arena, "collect the rows and send them in one .%.*s(rows) "
                                "call", (int)c->s[v].len, c->s[v].name);
        if ((v = dbcall_chain_find(c, (unsigned)i + 1, changes, false)) >= 0) {
            /* .update({ score: row.score }): each row gets its own values, which one .in()
             * cannot send */
            bool distinct = span_eq(c->s[v].name, c->s[v].len, "update") &&
                            mentions_name(w, dbcall_arg(&w->db, c->s[v].args, 0));
            if (distinct)
                return arena_printf(w->f->arena,
                                    "each row gets its own values, so send them together: one "
                                    ".upsert(rows) with each row's %s, or a Postgres function "
                                    "(called with .rpc()) that runs UPDATE %s SET ... FROM "
                                    "(VALUES ...) AS v WHERE %s.%s = v.%s",
                                    col ? col : "id", table ? table : "t", table ? table : "t",
                                    col ? col : "id", col ? col : "id");
            return arena_printf(w->f->arena, "%.*s them in one query with .%s('%s', ids)",
                                (int)c->s[v].len, c->s[v].name, w->py ? "in_" : "in",
                                col ? col : "id");
        }
        return arena_printf(w->f->arena,
                            "fetch them in one query with .%s('%s', ids) or embed the relation "
                            "in the parent select('*, %s(*)')",
                            w->py ? "in_" : "in", col ? col : "id", table ? table : "table");
    }
    case DB_SQL: {
        const char *verb = sql_verb(w, c), *ph = placeholder(w, c);
        if (strcmp(verb, "update") == 0)
            return "update every row in one statement, UPDATE t SET col = v.col FROM (VALUES "
                   "...) AS v(id, col) WHERE t.id = v.id, or send the rows with executemany()";
        if (strcmp(verb, "insert") == 0)
            return "insert every row in one statement, INSERT ... VALUES (...), (...), or send "
                   "the rows with executemany()";
        return arena_printf(w->f->arena, "%s every row in one query with WHERE id = ANY(%s) "
                            "(or WHERE id IN ...)%s", strcmp(verb, "delete") == 0 ? "delete"
                            : "fetch", ph, strcmp(verb, "delete") == 0 ? ""
                            : " or a join, then group the rows in memory");
    }
    case DB_ORM:
        return "fetch them in one findMany({ where: { id: { in: ids } } }) or include the "
               "relation in the parent query";
    case DB_BUILDER:
        return "fetch them in one query with inArray(column, ids) / whereIn(column, ids) or a "
               "join";
    case DB_SQLALCHEMY:
        return "load them in one query with .where(Model.id.in_(ids)) or eager-load the "
               "relation (selectinload / joinedload)";
    case DB_DJANGO:
        return "use one filter(id__in=ids), or select_related() / prefetch_related() on the "
               "parent queryset";
    case DB_NONE:
        break;
    }
    return "";
}

static const char *kind_name(enum db_kind q)
{
    switch (q) {
    case DB_SUPABASE: return "supabase query";
    case DB_SQL: return "SQL query";
    case DB_ORM: return "ORM query";
    case DB_BUILDER: return "query builder call";
    case DB_SQLALCHEMY: return "SQLAlchemy query";
    case DB_DJANGO: return "Django ORM query";
    case DB_NONE: break;
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
            const char *s = dbcall_text(w->f, node_field(n, "function"), &len);
            return span_eq(s, len, "Promise.all") || span_eq(s, len, "Promise.allSettled") ||
                   span_eq(s, len, "asyncio.gather") || span_eq(s, len, "gather");
        }
    }
    return false;
}

/* A call that is the outermost link of its chain (not the object of a further .method()). */
static bool is_chain_top(struct nwalk *w, uint32_t i)
{
    const struct node_entry *v = w->t->v;
    uint32_t n = i, p = v[i].parent, g = p != NODE_NONE ? v[p].parent : NODE_NONE, x;
    if (g == NODE_NONE)
        return true;
    if (is(v[p].node, w->k->non_null_expression) && v[g].parent != NODE_NONE) {
        n = p;
        p = g;
        g = v[g].parent;
    }
    if (!is(v[p].node, w->db.member_t) ||
        !same(dbcall_field_at(&w->db, v[p].node, p, false, "object", &x), v[n].node))
        return true;
    return !(is_call(w, v[g].node) &&
             same(dbcall_field_at(&w->db, v[g].node, g, false, "function", &x), v[p].node));
}

/* How often the loop of sc runs its body ("loop iteration", "item of .map()"), and the bytes
 * of its header line for the related location. */
static const char *loop_describe(struct nwalk *w, const struct scope *sc, uint32_t *from,
                                 uint32_t *to)
{
    const char *per = "loop iteration";
    uint32_t start = ts_node_start_byte(sc->loop), end = ts_node_start_byte(sc->body);
    if (sc->loop_kind == LOOP_CALLBACK) {
        TSNode callee = node_field(sc->loop, is(sc->loop, w->k->new_expression) ? "constructor"
                                                                               : "function");
        TSNode name = callee;
        if (is(callee, w->k->member_expression))
            name = node_field(callee, "property");
        else if (is(callee, w->k->attribute))
            name = node_field(callee, "attribute");
        per = arena_printf(w->f->arena, "item of %s%s()", w->py ? "" : ".",
                           node_text(w->f, name));
        start = ts_node_start_byte(name);
    } else if (is_comprehension(w, sc->loop)) {
        per = "item of the comprehension";
        uint32_t k = ts_node_named_child_count(sc->loop);
        for (uint32_t i = 0; i < k; i++) {
            TSNode cl = ts_node_named_child(sc->loop, i);
            if (is(cl, w->k->for_in_clause)) {
                start = ts_node_start_byte(cl);
                end = ts_node_end_byte(cl);
                break;
            }
        }
    }
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
    *from = start;
    *to = stop;
    return per;
}

static const char *gathered_note(const struct nwalk *w, bool gathered)
{
    if (!gathered)
        return "";
    return w->py ? ", gather() only runs them concurrently"
                 : ", Promise.all only runs them concurrently";
}

/* The innermost named function on the path records its first query. */
static void helper_note_query(struct nwalk *w, TSNode call, enum db_kind q,
                              const struct db_chain *c)
{
    if (!w->open.n)
        return;
    struct helper *h = &w->helpers.v[w->open.v[w->open.n - 1]];
    if (!ts_node_is_null(h->query))
        return;
    h->query = call;
    h->kind = q;
    h->hint = fix_hint(w, q, c);
}

static void site_report(struct nwalk *w, TSNode call, const struct scope *sc, enum db_kind q,
                        const struct db_chain *c, uint32_t depth, const char *hint)
{
    if (is_paginated(w, sc, c) || in_retry_block(w, depth, sc))
        return;
    for (unsigned k = 0; k < c->n; k++)
        if (c->s[k].call && subtree_any(w, c->s[k].args, is_slice))
            return; /* rows.slice(i, i + 500): a batch per iteration */
    uint32_t from, to;
    const char *per = loop_describe(w, sc, &from, &to);
    struct finding *fd = check_report(w->f, call, "%s runs once per %s (N+1 queries)%s; %s",
                                      kind_name(q), per,
                                      gathered_note(w, loop_is_gathered(w, sc)),
                                      hint ? hint : fix_hint(w, q, c));
    finding_related(fd, from, to, "the loop that runs it once per item");
}

/* name(...), this.name(...), self.name(...): a call of a function the file may define. */
static bool local_callee(struct nwalk *w, TSNode callee, uint32_t cx, const char **name,
                         uint32_t *len)
{
    if (is(callee, w->k->identifier)) {
        *name = dbcall_text(w->f, callee, len);
        return true;
    }
    if (!is(callee, w->db.member_t))
        return false;
    uint32_t x;
    TSNode obj = dbcall_field_at(&w->db, callee, cx, false, "object", &x);
    if (!node_text_eq(w->f, obj, w->py ? "self" : "this") && !node_text_eq(w->f, obj, "cls"))
        return false;
    *name = dbcall_text(w->f, dbcall_field_at(&w->db, callee, cx, true,
                                              w->py ? "attribute" : "property", &x), len);
    return true;
}

/* A call in a loop of a function another module of the project exports: a finding if that
 * function runs a query, which the project pass tells. The message's two halves (the callee,
 * then how often) wait there in the ask's text, split by a newline. */
static void import_call_ask(struct nwalk *w, TSNode at, TSNode callee, const struct import_ref *r,
                            const struct scope *sc)
{
    bool jsx = !is_call(w, at) && !is(at, w->k->identifier) && !is(at, w->db.member_t);
    uint32_t from, to, len;
    const char *per = loop_describe(w, sc, &from, &to);
    const char *name = dbcall_text(w->f, callee, &len);
    char *text = arena_printf(w->f->arena, "%s%.*s%s\n%s once per %s (N+1 queries)%s",
                              jsx ? "<" : "", (int)len, name, jsx ? ">" : "()",
                              jsx ? "rendered" : "called", per,
                              gathered_note(w, loop_is_gathered(w, sc)));
    if (!w->xmod)
        w->xmod = xmod_new();
    struct xmod_ask *a = xmod_ask(w->xmod, r, TRAIT_QUERY, ts_node_start_byte(at),
                                  ts_node_end_byte(at), text, 0);
    xmod_ask_step(a, from, to, "the loop that runs it once per item");
}

/* Keeps call (reported at at) for the match against the helpers after the walk. */
static void helper_call_note(struct nwalk *w, TSNode at, TSNode callee, uint32_t cx,
                             const struct scope *sc, uint32_t depth)
{
    struct helper_call hc = { .call = at, .sc = *sc };
    struct import_ref r;
    if (imports_ref(w->im, w->f, callee, &r)) {
        if (!in_retry_block(w, depth, sc))
            import_call_ask(w, at, callee, &r, &hc.sc);
        return;
    }
    if (!local_callee(w, callee, cx, &hc.name, &hc.len) || in_retry_block(w, depth, sc))
        return;
    hc.gathered = loop_is_gathered(w, &hc.sc);
    VEC_PUSH(w->calls, hc);
}

/* A local call inside a named function, for the helpers' closure after the walk. */
static void helper_edge_note(struct nwalk *w, TSNode at, TSNode callee, uint32_t cx)
{
    struct helper_edge e = { .call = at };
    if (!w->open.n || !local_callee(w, callee, cx, &e.name, &e.len))
        return;
    e.from = w->open.v[w->open.n - 1];
    VEC_PUSH(w->edges, e);
}

/* xs.map(loadLead), map(load, ids), executor.map(load, ids): a named callback per item. */
static void iterating_call_check(struct nwalk *w, TSNode call, TSNode callee, uint32_t cx,
                                 uint32_t i, uint32_t depth)
{
    uint32_t x;
    TSNode args = dbcall_field_at(&w->db, call, i, true, "arguments", &x);
    TSNode recv = null_node(), name = callee;
    const struct n1_syms *k = w->k;
    bool ident = is(callee, k->identifier);
    if (is(callee, k->member_expression) || is(callee, k->attribute)) {
        recv = dbcall_field_at(&w->db, callee, cx, false, "object", &x);
        name = dbcall_field_at(&w->db, callee, cx, true, w->py ? "attribute" : "property", &x);
    }
    uint32_t len;
    const char *s = dbcall_text(w->f, name, &len);
    bool iterates = names_iteration(w, s, len, ident);
    if (!iterates || ts_node_is_null(args))
        return;
    if (!ts_node_is_null(recv) && !w->py &&
        (is_bounded_collection(&w->db, recv, 3) || is_batch_collection(w, recv)))
        return;
    TSNode fn = dbcall_arg(&w->db, args, 0);
    if (!w->py && ident)
        fn = dbcall_arg(&w->db, args, 1); /* pMap(items, fn) */
    if (!is(fn, k->identifier) && !is(fn, w->db.member_t))
        return;
    struct scope sc = { .kind = SCOPE_LOOP, .loop_kind = LOOP_CALLBACK, .loop = call,
                        .body = fn, .depth = depth, .loop_depth = depth };
    helper_call_note(w, fn, fn, NODE_NONE, &sc, depth);
    helper_edge_note(w, fn, fn, NODE_NONE);
}

/* The call at index i of the table, at depth. */
static void call_visit(struct nwalk *w, uint32_t i, uint32_t depth)
{
    TSNode call = w->t->v[i].node;
    uint32_t cx;
    TSNode callee = dbcall_field_at(&w->db, call, i, false, "function", &cx);
    const struct scope *sc = NULL;
    if (w->scopes.n && w->scopes.v[w->scopes.n - 1].kind == SCOPE_LOOP)
        sc = &w->scopes.v[w->scopes.n - 1];
    if (is_chain_top(w, i)) {
        struct db_chain c;
        dbcall_chain_at(&w->db, i, &c);
        enum db_kind q =
            dbcall_classify(&w->db, call, depth >= 1 ? w->anc.v[depth - 1] : null_node(), &c);
        if (q != DB_NONE) {
            helper_note_query(w, call, q, &c);
            if (sc) {
                struct scope copy = *sc;
                site_report(w, call, &copy, q, &c, depth, NULL);
            }
            return;
        }
        if (sc && is_related_manager_call(w, sc, &c)) {
            struct scope copy = *sc;
            site_report(w, call, &copy, DB_DJANGO, &c, depth,
                        arena_printf(w->f->arena, "add prefetch_related('%.*s') to the "
                                     "queryset the loop iterates", (int)c.s[0].len,
                                     c.s[0].name));
            return;
        }
        if (sc) {
            struct scope copy = *sc;
            helper_call_note(w, call, callee, cx, &copy, depth);
        }
        helper_edge_note(w, call, callee, cx);
    }
    iterating_call_check(w, call, callee, cx, i, depth);
}

struct helper_name {
    const char *name;
    uint32_t len;
    size_t idx;
};

static int helper_name_cmp(const void *a, const void *b)
{
    const struct helper_name *x = a, *y = b;
    if (x->len != y->len)
        return x->len < y->len ? -1 : 1;
    int c = memcmp(x->name, y->name, x->len);
    if (c)
        return c;
    return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/* The index of a helper called name that runs a query, or SIZE_MAX. */
static size_t helper_find(const struct nwalk *w, const struct helper_name *names, size_t n,
                          const char *name, uint32_t len)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = names[mid].len != len ? (names[mid].len < len ? -1 : 1)
                                      : memcmp(names[mid].name, name, len);
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    /* a name defined many times (methods of several classes) gets a few looks */
    for (size_t i = lo, seen = 0; i < n && seen < 8; i++, seen++) {
        if (names[i].len != len || memcmp(names[i].name, name, len) != 0)
            break;
        if (!ts_node_is_null(w->helpers.v[names[i].idx].query))
            return names[i].idx;
    }
    return SIZE_MAX;
}

/* Calls in loops of the file's own functions that run a query, directly or through other
 * functions of the file (a few levels): one finding per call. */
static void helper_calls_report(struct nwalk *w)
{
    size_t n = w->helpers.n;
    /* the closure also tells which exported helpers query (helper_offers) */
    if (!n || (!w->calls.n && !w->im->nx))
        return;
    struct helper_name *names = xmalloc(n * sizeof(*names));
    for (size_t i = 0; i < n; i++)
        names[i] = (struct helper_name){ w->helpers.v[i].name, w->helpers.v[i].len, i };
    qsort(names, n, sizeof(*names), helper_name_cmp);
    for (int pass = 0; pass < 8; pass++) {
        bool changed = false;
        for (size_t i = 0; i < w->edges.n; i++) {
            const struct helper_edge *e = &w->edges.v[i];
            struct helper *from = &w->helpers.v[e->from];
            if (!ts_node_is_null(from->query))
                continue;
            size_t t = helper_find(w, names, n, e->name, e->len);
            if (t == SIZE_MAX || t == e->from)
                continue;
            from->query = e->call;
            from->kind = w->helpers.v[t].kind;
            from->hint = w->helpers.v[t].hint;
            changed = true;
        }
        if (!changed)
            break;
    }
    for (size_t i = 0; i < w->calls.n; i++) {
        const struct helper_call *hc = &w->calls.v[i];
        size_t t = helper_find(w, names, n, hc->name, hc->len);
        if (t == SIZE_MAX)
            continue;
        const struct helper *h = &w->helpers.v[t];
        uint32_t from, to;
        const char *per = loop_describe(w, &hc->sc, &from, &to);
        struct finding *fd = check_report(
            w->f, hc->call, "%s%.*s%s runs a %s and is %s once per %s (N+1 queries)%s; %s",
            hc->jsx ? "<" : "", (int)hc->len, hc->name, hc->jsx ? ">" : "()",
            kind_name(h->kind), hc->jsx ? "rendered" : "called", per,
            gathered_note(w, hc->gathered), h->hint);
        finding_related(fd, from, to, "the loop that runs it once per item");
        finding_related(fd, ts_node_start_byte(h->query), ts_node_end_byte(h->query),
                        "where %.*s() runs the query", (int)h->len, h->name);
    }
    free(names);
}

/* The file's exported functions that run a query, for the importers' loops. */
static void helper_offers(struct nwalk *w)
{
    for (size_t i = 0; i < w->helpers.n; i++) {
        const struct helper *h = &w->helpers.v[i];
        uint32_t len;
        const char *name = h->top && !ts_node_is_null(h->query)
                               ? imports_exported_as(w->im, h->name, h->len, &len) : NULL;
        if (!name)
            continue;
        if (!w->xmod)
            w->xmod = xmod_new();
        xmod_offer(w->xmod, name, len, TRAIT_QUERY, ts_node_start_byte(h->query),
                   ts_node_end_byte(h->query), h->hint, (int)h->kind);
    }
}

/* The walk ---------------------------------------------------------------------------------- */

/* A function with a name (declaration, method, const f = () => ..., def) opens a helper:
 * the queries in its body make calls of it in loops N+1 too. */
static void helper_open(struct nwalk *w, TSNode fn, unsigned kind, TSNode parent,
                        uint32_t depth)
{
    TSNode name = null_node();
    if (kind & K_DEF)
        name = node_field(fn, "name");
    else if (is(parent, w->k->variable_declarator) && same(node_field(parent, "value"), fn))
        name = node_field(parent, "name");
    if (!is(name, w->k->identifier) && !is(name, w->k->property_identifier))
        return;
    struct helper h = { .depth = depth, .top = true };
    h.name = dbcall_text(w->f, name, &h.len);
    /* only declarations and `const f = () => ...` above it, up to the module */
    for (uint32_t d = 1; d < depth && h.top; d++) {
        const char *t = ts_node_type(w->anc.v[d]);
        h.top = strcmp(t, "export_statement") == 0 || strcmp(t, "lexical_declaration") == 0 ||
                strcmp(t, "variable_declaration") == 0 ||
                strcmp(t, "variable_declarator") == 0 ||
                strcmp(t, "decorated_definition") == 0;
    }
    VEC_PUSH(w->helpers, h);
    VEC_PUSH(w->open, w->helpers.n - 1);
}

/* A child n (table index i) of the comprehension at index p: everything but the first for
 * clause (whose iterable is evaluated once) runs per item. */
static void comprehension_child(struct nwalk *w, uint32_t p, uint32_t i, uint32_t depth)
{
    const struct node_entry *v = w->t->v;
    TSSymbol clause_t = w->k->for_in_clause;
    uint32_t clause = NODE_NONE; /* the first for clause */
    for (uint32_t j = p + 1; j < v[p].end && clause == NODE_NONE; j = v[j].end)
        if (is(v[j].node, clause_t))
            clause = j;
    if (clause == i)
        return;
    TSNode right = node_field(clause != NODE_NONE ? v[clause].node : null_node(), "right");
    if (is_bounded_collection(&w->db, right, 3) || is_batch_collection(w, right))
        return;
    scope_push(w, SCOPE_LOOP, LOOP_ELEMENTS, v[p].node, v[i].node, depth, depth - 1);
    if (clause != NODE_NONE)
        scope_queryset_item(w, node_field(v[clause].node, "left"), right);
}

/* Visits the node at index i of the table; false skips its subtree. */
static bool walk_visit(struct nwalk *w, uint32_t i)
{
    const struct node_entry *e = &w->t->v[i];
    TSNode n = e->node;
    uint32_t depth = e->depth;
    while (w->scopes.n && w->scopes.v[w->scopes.n - 1].depth >= depth)
        w->scopes.n--;
    while (w->open.n && w->helpers.v[w->open.v[w->open.n - 1]].depth >= depth)
        w->open.n--;
    TSSymbol sym = e->sym;
    unsigned kind = kind_of_symbol(w, sym);
    while (w->anc.n <= depth) {
        VEC_PUSH(w->anc, n);
        VEC_PUSH(w->anc_kind, 0);
    }
    w->anc.v[depth] = n;
    w->anc_kind.v[depth] = (uint8_t)kind;
    w->anc.n = w->anc_kind.n = depth + 1;
    /* the kinds with bits are never ERROR nodes nor MISSING tokens */
    if (!kind && (sym == SYMBOL_ERROR || ts_node_is_missing(n)))
        return false;

    TSNode parent = depth >= 1 ? w->anc.v[depth - 1] : null_node();
    if (depth >= 1) {
        unsigned pk = w->anc_kind.v[depth - 1];
        if ((pk & K_LOOP) && same(node_field(parent, "body"), n))
            scope_loop_body(w, parent, n, depth);
        else if (w->py && (pk & K_COMPR))
            comprehension_child(w, e->parent, i, depth);
    }
    if (!kind)
        return true;
    if ((kind & (K_LOOP | K_FUNC_LIT | K_DEF | K_CALL | K_COMPR)) && ts_node_has_error(n))
        return false;
    if (kind & (K_FUNC_LIT | K_DEF))
        helper_open(w, n, kind, parent, depth);
    if (kind & K_FUNC_LIT)
        scope_function(w, n, depth);
    else if (kind & K_DEF)
        scope_push(w, SCOPE_FUNCTION, LOOP_ELEMENTS, n, n, depth, depth);
    else if (kind & K_CALL)
        call_visit(w, i, depth);
    else if ((kind & K_JSX) && w->scopes.n &&
             w->scopes.v[w->scopes.n - 1].kind == SCOPE_LOOP) {
        /* {leads.map((l) => <LeadRow lead={l} />)}: an async server component per item */
        struct scope sc = w->scopes.v[w->scopes.n - 1];
        size_t before = w->calls.n;
        helper_call_note(w, n, node_field(n, "name"), NODE_NONE, &sc, depth);
        if (w->calls.n > before)
            w->calls.v[before].jsx = true;
    }
    if (kind & K_JSX)
        helper_edge_note(w, n, node_field(n, "name"), NODE_NONE);
    return true;
}

/* Hooks ------------------------------------------------------------------------------------- */

static void grammar_resolve(struct n1_grammar *g, const TSLanguage *lang, bool py)
{
    g->lang = lang;
    g->nsym = ts_language_symbol_count(lang);
    g->kind = xcalloc(g->nsym, sizeof(*g->kind));
    for (uint32_t s = 0; s < g->nsym; s++) {
        if (ts_language_symbol_type(lang, (TSSymbol)s) != TSSymbolTypeRegular)
            continue;
        const char *name = ts_language_symbol_name(lang, (TSSymbol)s);
        for (size_t i = 0; i < ARRAY_SIZE(kind_names); i++)
            if ((kind_names[i].py < 0 || kind_names[i].py == py) &&
                strcmp(name, kind_names[i].name) == 0)
                g->kind[s] |= (uint8_t)kind_names[i].kind;
    }
#define N1_SYM_RESOLVE(field, name) \
    g->sym.field = node_symbol(lang, name);
    N1_KINDS(N1_SYM_RESOLVE)
#undef N1_SYM_RESOLVE
}

static void *n_plus_one_init(const struct check_options *opts, char **err)
{
    (void)opts;
    (void)err;
    struct n1_state *st = xcalloc(1, sizeof(*st));
    grammar_resolve(&st->g[0], lang_grammar(LANG_TYPESCRIPT), false);
    grammar_resolve(&st->g[1], lang_grammar(LANG_TSX), false);
    grammar_resolve(&st->g[2], lang_grammar(LANG_PYTHON), true);
    return st;
}

static void n_plus_one_fini(void *state)
{
    struct n1_state *st = state;
    if (!st)
        return;
    for (size_t i = 0; i < ARRAY_SIZE(st->g); i++)
        free(st->g[i].kind);
    free(st);
}

static void n_plus_one_file(struct check_file *f)
{
    const struct n1_state *st = f->state;
    if (ts_node_is_null(f->root) || !f->nodes || !f->nodes->n)
        return;
    const TSLanguage *lang = ts_tree_language(f->tree);
    const struct n1_grammar *g = NULL;
    for (size_t i = 0; i < ARRAY_SIZE(st->g) && !g; i++)
        if (st->g[i].lang == lang)
            g = &st->g[i];
    if (!g)
        BUG("performance-n-plus-one: a grammar init did not resolve");
    struct nwalk w = { .f = f, .py = f->lang == LANG_PYTHON, .t = f->nodes, .g = g,
                       .k = &g->sym };
    dbcall_init(&w.db, f);
    w.im = imports_scan(f);
    /* every finding is a database call (in the loop, or in a function the loop calls, here or
     * in a module this file imports) */
    if (!w.im->project && !dbcall_file_may_query(&w.db)) {
        dbcall_release(&w.db);
        return;
    }
    for (uint32_t i = 0; i < w.t->n && !check_out_of_time(f);)
        i = walk_visit(&w, i) ? i + 1 : w.t->v[i].end;
    VEC_FREE(w.anc);
    VEC_FREE(w.anc_kind);
    helper_calls_report(&w);
    helper_offers(&w);
    if (w.xmod)
        check_keep_facts(f, w.xmod, xmod_free);
    VEC_FREE(w.scopes);
    VEC_FREE(w.open);
    VEC_FREE(w.helpers);
    VEC_FREE(w.calls);
    VEC_FREE(w.edges);
    dbcall_release(&w.db);
}

static void n_plus_one_match(struct check_project *p, size_t file, const struct xmod_ask *a,
                             size_t target, const struct xmod_offer *o, void *data)
{
    (void)data;
    const char *nl = strchr(a->text, '\n');
    if (!nl)
        return;
    struct finding *fd = project_report(p, file, a->start, a->end, "%.*s runs a %s and is %s; %s",
                                        (int)(nl - a->text), a->text,
                                        kind_name((enum db_kind)o->aux), nl + 1,
                                        o->text ? o->text : "");
    for (size_t i = 0; i < a->steps.n; i++)
        finding_related_in(fd, p, file, a->steps.v[i].start, a->steps.v[i].end, "%s",
                           a->steps.v[i].msg);
    finding_related_in(fd, p, target, o->start, o->end, "where %.*s runs the query",
                       (int)(nl - a->text), a->text);
}

static void n_plus_one_project(struct check_project *p)
{
    xmod_match(p, n_plus_one_match, NULL);
}

static const char *const n_plus_one_tags[] = { "performance", NULL };

const struct check check_performance_n_plus_one = {
    .id = "performance-n-plus-one",
    .title = "Database query run once per loop iteration (N+1 queries)",
    .level = LEVEL_WARNING,
    .langs = LANGS_JS_TS | LANG_BIT(LANG_PYTHON),
    .tags = n_plus_one_tags,
    .precision = "high",
    .init = n_plus_one_init,
    .fini = n_plus_one_fini,
    .file = n_plus_one_file,
    .project = n_plus_one_project,
};
