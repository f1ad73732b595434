/* performance_n_plus_one.c — database queries run once per iteration of a loop (N+1 queries)
 * in TypeScript/JavaScript and Python: the audit's "N+1 Query Pattern".
 *
 * One walk of the tree with a TSTreeCursor keeps a stack of scopes: a loop body (for, for-of,
 * while, do, comprehensions, .map/.forEach callbacks) opens a loop scope, a function that is
 * only defined there (not called per item) closes it. A call is a query site when its chain
 * has the shape of a database call (analyzer/dbcall.h: supabase chains, SQL text given to a
 * driver, prisma/drizzle/knex/SQLAlchemy/Django shapes), never by a name alone.
 * Loops whose trip count is written in the source (a literal list, range(3)), chunked loops,
 * paginated queries, polling loops and retry loops are not N+1 and stay clean.
 * The file's own named functions that run a query (directly or through each other) are
 * matched by name after the walk, so a loop that calls one, hands it to .map, or renders it
 * as a JSX element is reported at that call.
 */
#include "check.h"
#include "dbcall.h"

#include <ctype.h>
#include <stdint.h>
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
    struct dbcall db;         /* what a database call looks like, and the file's bindings */
    VEC(TSNode) anc;          /* anc.v[d]: the node at depth d on the current path */
    VEC(struct scope) scopes;
    VEC(size_t) open;         /* indexes into helpers of the named functions on the path */
    VEC(struct helper) helpers;
    VEC(struct helper_call) calls;
    VEC(struct helper_edge) edges;
};

static bool span_eq(const char *s, uint32_t n, const char *lit)
{
    return strlen(lit) == n && memcmp(s, lit, n) == 0;
}

static bool is(TSNode n, const char *type)
{
    return !ts_node_is_null(n) && strcmp(ts_node_type(n), type) == 0;
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

static bool is_literal_constant(const struct dbcall *db, TSNode n)
{
    const char *t = ts_node_type(n);
    (void)db;
    return strcmp(t, "string") == 0 || strcmp(t, "number") == 0 || strcmp(t, "integer") == 0 ||
           strcmp(t, "float") == 0 || strcmp(t, "true") == 0 || strcmp(t, "false") == 0 ||
           strcmp(t, "none") == 0 || strcmp(t, "null") == 0;
}

static bool int_value(const struct dbcall *db, TSNode n, long *out)
{
    n = dbcall_unwrap(n);
    if (!is(n, "number") && !is(n, "integer"))
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
    n = dbcall_unwrap(n);
    if (int_value(db, n, &v))
        return v >= 0 && v <= BOUNDED_MAX;
    return dbcall_binding_any(db, n, true, is_small_int, hops);
}

/* A collection written out in the source: ['a', 'b'], ("new", "won"), range(3), or a const
 * bound to one. Its size is fixed by the code, not the data. */
static bool is_bounded_collection(struct dbcall *db, TSNode n, int hops)
{
    n = dbcall_unwrap(n);
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
            if (!is_literal_constant(db, e))
                return false;
            items++;
        }
        return items >= 1 && items <= BOUNDED_MAX;
    }
    if (strcmp(t, "identifier") == 0)
        return dbcall_binding_any(db, n, true, is_bounded_collection, hops);
    if (db->py && strcmp(t, "call") == 0 && node_text_eq(db->f, node_field(n, "function"), "range")) {
        TSNode args = node_field(n, "arguments");
        uint32_t k = dbcall_arg_count(db, args);
        long a = 0, b;
        if (k == 1)
            return is_small_int(db, dbcall_arg(db, args, 0), hops);
        if (k == 2 && int_value(db, dbcall_arg(db, args, 0), &a) &&
            int_value(db, dbcall_arg(db, args, 1), &b))
            return b - a <= BOUNDED_MAX;
    }
    return false;
}

/* A loop over batches: chunk(ids, 100), itertools.batched(rows, 500), range(0, n, size). */
static bool is_batch_collection(struct nwalk *w, TSNode n)
{
    n = dbcall_unwrap(n);
    if (!is_call(w, n))
        return false;
    TSNode fn = node_field(n, "function");
    if (is(fn, "member_expression"))
        fn = node_field(fn, "property");
    else if (is(fn, "attribute"))
        fn = node_field(fn, "attribute");
    uint32_t len;
    const char *s = dbcall_text(w->f, fn, &len);
    if (dbcall_span_has(s, len, "chunk") || dbcall_span_has(s, len, "batch"))
        return true;
    return w->py && span_eq(s, len, "range") &&
           dbcall_arg_count(&w->db, node_field(n, "arguments")) == 3;
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
    TSNode fn = node_field(n, is(n, "new_expression") ? "constructor" : "function");
    uint32_t len;
    const char *s = dbcall_text(w->f, fn, &len);
    return dbcall_span_has(s, len, "sleep") || dbcall_span_has(s, len, "settimeout") ||
           dbcall_span_has(s, len, "delay") || dbcall_span_has(s, len, "wait_for");
}

static bool is_slice(struct nwalk *w, TSNode n)
{
    if (w->py)
        return is(n, "slice");
    if (!is(n, "member_expression"))
        return false;
    TSNode p = node_field(n, "property");
    return node_text_eq(w->f, p, "slice") || node_text_eq(w->f, p, "splice");
}

static bool is_true_literal(const struct nwalk *w, TSNode n)
{
    n = dbcall_unwrap(n);
    if (is(n, "expression_statement"))
        n = dbcall_unwrap(ts_node_named_child(n, 0));
    return ts_node_is_null(n) || !ts_node_is_named(n) || is(n, "true") ||
           is(n, "empty_statement") || node_text_eq(w->f, n, "1");
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
    iterable = dbcall_unwrap(iterable);
    if (!w->py || !is(item, "identifier") || !is(iterable, "call") || !w->scopes.n)
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
    const char *t = ts_node_type(loop);
    enum loop_kind lk = LOOP_CONDITION;
    if (strcmp(t, "for_in_statement") == 0 || (w->py && strcmp(t, "for_statement") == 0)) {
        TSNode right = node_field(loop, "right");
        if (is_bounded_collection(&w->db, right, 3) || is_batch_collection(w, right))
            return;
        lk = LOOP_ELEMENTS;
    } else if (strcmp(t, "for_statement") == 0) {
        TSNode cond = node_field(loop, "condition"), incr = node_field(loop, "increment");
        if (is(cond, "expression_statement"))
            cond = ts_node_named_child(cond, 0);
        if (is(cond, "binary_expression")) {
            TSNode op = node_field(cond, "operator");
            if ((node_text_eq(w->f, op, "<") || node_text_eq(w->f, op, "<=")) &&
                is_small_int(&w->db, node_field(cond, "right"), 3))
                return;
        }
        /* i += size: one pass per batch */
        if (is(incr, "augmented_assignment_expression") &&
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

/* A function literal at depth: an iterating callback opens a loop, a callback given to an
 * ordinary call (or an IIFE) runs where it stands, anything else is merely defined. */
static void scope_function(struct nwalk *w, TSNode fn, uint32_t depth)
{
    TSNode parent = depth >= 1 ? w->anc.v[depth - 1] : null_node();
    TSNode call = depth >= 2 ? w->anc.v[depth - 2] : null_node();
    if (is(parent, w->py ? "argument_list" : "arguments") &&
        (is_call(w, call) || is(call, "new_expression"))) {
        TSNode callee = node_field(call, is(call, "new_expression") ? "constructor" : "function");
        TSNode recv = null_node();
        TSNode name = callee;
        if (is(callee, "member_expression")) {
            recv = node_field(callee, "object");
            name = node_field(callee, "property");
        } else if (is(callee, "attribute")) {
            recv = node_field(callee, "object");
            name = node_field(callee, "attribute");
        }
        uint32_t len;
        const char *s = dbcall_text(w->f, name, &len);
        bool iterates;
        if (w->py)
            iterates = is(callee, "identifier") ? dbcall_span_in(s, len, py_iter_functions)
                                                : dbcall_span_in(s, len, py_iter_methods);
        else if (is(callee, "identifier"))
            iterates = dbcall_span_in(s, len, ts_iter_functions);
        else
            iterates = dbcall_span_in(s, len, ts_iter_methods) ||
                       (span_eq(s, len, "from") && node_text_eq(w->f, recv, "Array"));
        if (iterates) {
            TSNode coll = recv;
            if (ts_node_is_null(coll) || w->py || is(callee, "identifier"))
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
    if (is(parent, "parenthesized_expression") && is_call(w, call) &&
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
        if (!is(t, "try_statement") || !same(node_field(t, "body"), block))
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
    TSNode a = dbcall_arg(&w->db, args, k);
    if (!is(a, "string"))
        return NULL;
    uint32_t len;
    const char *s = dbcall_text(w->f, a, &len);
    if (len < 2)
        return NULL;
    return arena_strndup(w->f->arena, s + 1, len - 2);
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
        if ((v = dbcall_chain_find(c, (unsigned)i + 1, changes, false)) >= 0)
            return arena_printf(w->f->arena, "%.*s them in one query with .%s('%s', ids)",
                                (int)c->s[v].len, c->s[v].name, w->py ? "in_" : "in",
                                col ? col : "id");
        return arena_printf(w->f->arena,
                            "fetch them in one query with .%s('%s', ids) or embed the relation "
                            "in the parent select('*, %s(*)')",
                            w->py ? "in_" : "in", col ? col : "id", table ? table : "table");
    }
    case DB_SQL:
        return w->py ? "fetch every row in one query with WHERE id = ANY(%s) (or WHERE id IN "
                       "...) or a join, then group the rows in memory"
                     : "fetch every row in one query with WHERE id = ANY($1) (or WHERE id IN "
                       "...) or a join, then group the rows in memory";
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
    if (!is(p, w->py ? "attribute" : "member_expression") || !same(node_field(p, "object"), n))
        return true;
    return !(is_call(w, g) && same(node_field(g, "function"), p));
}

/* How often the loop of sc runs its body ("loop iteration", "item of .map()"), and the bytes
 * of its header line for the related location. */
static const char *loop_describe(struct nwalk *w, const struct scope *sc, uint32_t *from,
                                 uint32_t *to)
{
    const char *per = "loop iteration";
    uint32_t start = ts_node_start_byte(sc->loop), end = ts_node_start_byte(sc->body);
    if (sc->loop_kind == LOOP_CALLBACK) {
        TSNode callee = node_field(sc->loop, is(sc->loop, "new_expression") ? "constructor"
                                                                        : "function");
        TSNode name = callee;
        if (is(callee, "member_expression"))
            name = node_field(callee, "property");
        else if (is(callee, "attribute"))
            name = node_field(callee, "attribute");
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
static bool local_callee(struct nwalk *w, TSNode callee, const char **name, uint32_t *len)
{
    if (is(callee, "identifier")) {
        *name = dbcall_text(w->f, callee, len);
        return true;
    }
    const char *member = w->py ? "attribute" : "member_expression";
    if (!is(callee, member))
        return false;
    TSNode obj = node_field(callee, "object");
    if (!node_text_eq(w->f, obj, w->py ? "self" : "this") && !node_text_eq(w->f, obj, "cls"))
        return false;
    *name = dbcall_text(w->f, node_field(callee, w->py ? "attribute" : "property"), len);
    return true;
}

/* Keeps call (reported at at) for the match against the helpers after the walk. */
static void helper_call_note(struct nwalk *w, TSNode at, TSNode callee, const struct scope *sc,
                             uint32_t depth)
{
    struct helper_call hc = { .call = at, .sc = *sc };
    if (!local_callee(w, callee, &hc.name, &hc.len) || in_retry_block(w, depth, sc))
        return;
    hc.gathered = loop_is_gathered(w, &hc.sc);
    VEC_PUSH(w->calls, hc);
}

/* A local call inside a named function, for the helpers' closure after the walk. */
static void helper_edge_note(struct nwalk *w, TSNode at, TSNode callee)
{
    struct helper_edge e = { .call = at };
    if (!w->open.n || !local_callee(w, callee, &e.name, &e.len))
        return;
    e.from = w->open.v[w->open.n - 1];
    VEC_PUSH(w->edges, e);
}

/* xs.map(loadLead), map(load, ids), executor.map(load, ids): a named callback per item. */
static void iterating_call_check(struct nwalk *w, TSNode call, uint32_t depth)
{
    TSNode callee = node_field(call, "function"), args = node_field(call, "arguments");
    TSNode recv = null_node(), name = callee;
    if (is(callee, "member_expression") || is(callee, "attribute")) {
        recv = node_field(callee, "object");
        name = node_field(callee, w->py ? "attribute" : "property");
    }
    uint32_t len;
    const char *s = dbcall_text(w->f, name, &len);
    bool iterates;
    if (w->py)
        iterates = is(callee, "identifier") ? dbcall_span_in(s, len, py_iter_functions)
                                            : dbcall_span_in(s, len, py_iter_methods);
    else
        iterates = is(callee, "identifier") ? dbcall_span_in(s, len, ts_iter_functions)
                                            : dbcall_span_in(s, len, ts_iter_methods);
    if (!iterates || ts_node_is_null(args))
        return;
    if (!ts_node_is_null(recv) && !w->py &&
        (is_bounded_collection(&w->db, recv, 3) || is_batch_collection(w, recv)))
        return;
    TSNode fn = dbcall_arg(&w->db, args, 0);
    if (!w->py && is(callee, "identifier"))
        fn = dbcall_arg(&w->db, args, 1); /* pMap(items, fn) */
    if (!is(fn, "identifier") && !is(fn, w->py ? "attribute" : "member_expression"))
        return;
    struct scope sc = { .kind = SCOPE_LOOP, .loop_kind = LOOP_CALLBACK, .loop = call,
                        .body = fn, .depth = depth, .loop_depth = depth };
    helper_call_note(w, fn, fn, &sc, depth);
    helper_edge_note(w, fn, fn);
}

static void call_visit(struct nwalk *w, TSNode call, uint32_t depth)
{
    const struct scope *sc = NULL;
    if (w->scopes.n && w->scopes.v[w->scopes.n - 1].kind == SCOPE_LOOP)
        sc = &w->scopes.v[w->scopes.n - 1];
    if (is_chain_top(w, depth)) {
        struct db_chain c;
        dbcall_chain(&w->db, call, &c);
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
            helper_call_note(w, call, node_field(call, "function"), &copy, depth);
        }
        helper_edge_note(w, call, node_field(call, "function"));
    }
    iterating_call_check(w, call, depth);
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
    if (!n || !w->calls.n)
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

/* The walk ---------------------------------------------------------------------------------- */

static bool is_loop_statement(const struct nwalk *w, TSNode n)
{
    const char *t = ts_node_type(n);
    if (w->py)
        return strcmp(t, "for_statement") == 0 || strcmp(t, "while_statement") == 0;
    return strcmp(t, "for_statement") == 0 || strcmp(t, "for_in_statement") == 0 ||
           strcmp(t, "while_statement") == 0 || strcmp(t, "do_statement") == 0;
}

/* A function with a name (declaration, method, const f = () => ..., def) opens a helper:
 * the queries in its body make calls of it in loops N+1 too. */
static void helper_open(struct nwalk *w, TSNode fn, TSNode parent, uint32_t depth)
{
    TSNode name = null_node();
    if (is_definition(w, fn))
        name = node_field(fn, "name");
    else if (is(parent, "variable_declarator") && same(node_field(parent, "value"), fn))
        name = node_field(parent, "name");
    if (!is(name, "identifier") && !is(name, "property_identifier"))
        return;
    struct helper h = { .depth = depth };
    h.name = dbcall_text(w->f, name, &h.len);
    VEC_PUSH(w->helpers, h);
    VEC_PUSH(w->open, w->helpers.n - 1);
}

/* Visits n at depth; false skips its subtree. */
static bool walk_visit(struct nwalk *w, TSNode n, uint32_t depth)
{
    while (w->scopes.n && w->scopes.v[w->scopes.n - 1].depth >= depth)
        w->scopes.n--;
    while (w->open.n && w->helpers.v[w->open.v[w->open.n - 1]].depth >= depth)
        w->open.n--;
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
        if (is_loop_statement(w, parent) && same(node_field(parent, "body"), n))
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
                TSNode right = node_field(clause, "right");
                if (!is_bounded_collection(&w->db, right, 3) && !is_batch_collection(w, right)) {
                    scope_push(w, SCOPE_LOOP, LOOP_ELEMENTS, parent, n, depth, depth - 1);
                    scope_queryset_item(w, node_field(clause, "left"), right);
                }
            }
        }
    }
    bool structural = is_loop_statement(w, n) || is_function_literal(w, n) ||
                      is_definition(w, n) || is_call(w, n) || is_comprehension(n);
    if (structural && ts_node_has_error(n))
        return false;
    if (is_function_literal(w, n) || is_definition(w, n))
        helper_open(w, n, parent, depth);
    if (is_function_literal(w, n))
        scope_function(w, n, depth);
    else if (is_definition(w, n))
        scope_push(w, SCOPE_FUNCTION, LOOP_ELEMENTS, n, n, depth, depth);
    else if (is_call(w, n))
        call_visit(w, n, depth);
    else if ((is(n, "jsx_opening_element") || is(n, "jsx_self_closing_element")) &&
             w->scopes.n && w->scopes.v[w->scopes.n - 1].kind == SCOPE_LOOP) {
        /* {leads.map((l) => <LeadRow lead={l} />)}: an async server component per item */
        struct scope sc = w->scopes.v[w->scopes.n - 1];
        size_t before = w->calls.n;
        helper_call_note(w, n, node_field(n, "name"), &sc, depth);
        if (w->calls.n > before)
            w->calls.v[before].jsx = true;
    }
    if (is(n, "jsx_opening_element") || is(n, "jsx_self_closing_element"))
        helper_edge_note(w, n, node_field(n, "name"));
    return true;
}

/* Hooks ------------------------------------------------------------------------------------- */

static void n_plus_one_file(struct check_file *f)
{
    if (ts_node_is_null(f->root))
        return;
    struct nwalk w = { .f = f, .py = f->lang == LANG_PYTHON };
    dbcall_init(&w.db, f);
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
    helper_calls_report(&w);
    VEC_FREE(w.scopes);
    VEC_FREE(w.open);
    VEC_FREE(w.helpers);
    VEC_FREE(w.calls);
    VEC_FREE(w.edges);
    dbcall_release(&w.db);
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
