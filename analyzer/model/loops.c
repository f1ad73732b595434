/* loops.c — the loop model: which code of a file runs once per item (loops.h). */
#include "model/loops.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* Node kinds the walk acts on, by grammar: one table lookup per node (front/kinds.h). */
static const struct node_kind ts_kind_names[] = {
    { "for_statement", LK_LOOP }, { "while_statement", LK_LOOP },
    { "for_in_statement", LK_LOOP }, { "do_statement", LK_LOOP },
    { "arrow_function", LK_FUNC_LIT }, { "function_expression", LK_FUNC_LIT },
    { "function", LK_FUNC_LIT }, { "generator_function", LK_FUNC_LIT },
    { "function_declaration", LK_DEF }, { "generator_function_declaration", LK_DEF },
    { "method_definition", LK_DEF }, { "class_declaration", LK_DEF },
    { "abstract_class_declaration", LK_DEF }, { "class", LK_DEF },
    { "call_expression", LK_CALL },
    { "list_comprehension", LK_COMPR }, { "set_comprehension", LK_COMPR },
    { "dictionary_comprehension", LK_COMPR }, { "generator_expression", LK_COMPR },
    { "jsx_opening_element", LK_JSX }, { "jsx_self_closing_element", LK_JSX },
    { NULL, 0 },
};
static const struct node_kind py_kind_names[] = {
    { "for_statement", LK_LOOP }, { "while_statement", LK_LOOP },
    { "lambda", LK_FUNC_LIT },
    { "function_definition", LK_DEF }, { "class_definition", LK_DEF },
    { "call", LK_CALL },
    { "list_comprehension", LK_COMPR }, { "set_comprehension", LK_COMPR },
    { "dictionary_comprehension", LK_COMPR }, { "generator_expression", LK_COMPR },
    { "jsx_opening_element", LK_JSX }, { "jsx_self_closing_element", LK_JSX },
    { NULL, 0 },
};
static const struct node_kinds ts_kinds = { ts_kind_names, NULL };
static const struct node_kinds py_kinds = { py_kind_names, NULL };

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

static bool span_eq(const char *s, uint32_t n, const char *lit)
{
    return strlen(lit) == n && memcmp(s, lit, n) == 0;
}

static inline bool is(TSNode n, TSSymbol sym)
{
    return dbcall_is(n, sym);
}

/* ts_node_symbol() of an ERROR node (tree-sitter's ts_builtin_sym_error) */
#define SYMBOL_ERROR ((TSSymbol)-1)

unsigned loops_kind(const struct loops *l, TSNode n)
{
    if (ts_node_is_null(n) || !ts_node_is_named(n)) /* `class`, the keyword, is no class */
        return 0;
    TSSymbol s = ts_node_symbol(n);
    return s < NODE_KIND_SYMBOLS ? l->kind[s] : 0;
}

static bool is_call(const struct loops *l, TSNode n)
{
    return (loops_kind(l, n) & LK_CALL) != 0;
}

static bool is_comprehension(const struct loops *l, TSNode n)
{
    return (loops_kind(l, n) & LK_COMPR) != 0;
}

static bool is_literal_constant(const struct dbcall *db, TSNode n)
{
    const struct syntax_syms *k = db->sym;
    TSSymbol t = ts_node_symbol(n);
    return t && (t == k->string || t == k->number || t == k->integer || t == k->float_ ||
                 t == k->true_ || t == k->false_ || t == k->none || t == k->null);
}

static bool int_value(const struct dbcall *db, TSNode n, long *out)
{
    const struct syntax_syms *k = db->sym;
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
    const struct syntax_syms *k = db->sym;
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
static bool is_batch_collection(struct loops *l, TSNode n)
{
    n = dbcall_unwrap(l->db, n);
    if (!is_call(l, n))
        return false;
    TSNode fn = node_field(n, "function");
    if (is(fn, l->k->member_expression))
        fn = node_field(fn, "property");
    else if (is(fn, l->k->attribute))
        fn = node_field(fn, "attribute");
    uint32_t len;
    const char *s = dbcall_text(l->f, fn, &len);
    if (dbcall_span_has(s, len, "chunk") || dbcall_span_has(s, len, "batch"))
        return true;
    return l->py && span_eq(s, len, "range") &&
           dbcall_arg_count(l->db, node_field(n, "arguments")) == 3;
}

/* Looks through the subtree of n for a (named) node pred accepts: a range of the table. */
bool loops_subtree_any(struct loops *l, TSNode n, bool (*pred)(struct loops *, TSNode))
{
    uint32_t i = nodes_find(l->t, n);
    if (i == NODE_NONE) /* not a named node of the file: only n itself to look at */
        return !ts_node_is_null(n) && pred(l, n);
    for (uint32_t end = l->t->v[i].end; i < end; i++)
        if (pred(l, l->t->v[i].node))
            return true;
    return false;
}

static bool is_sleep_call(struct loops *l, TSNode n)
{
    bool is_new = is(n, l->k->new_expression);
    if (!is_new && !is_call(l, n))
        return false;
    TSNode fn = node_field(n, is_new ? "constructor" : "function");
    uint32_t len;
    const char *s = dbcall_text(l->f, fn, &len);
    return dbcall_span_has(s, len, "sleep") || dbcall_span_has(s, len, "settimeout") ||
           dbcall_span_has(s, len, "delay") || dbcall_span_has(s, len, "wait_for");
}

static bool is_true_literal(const struct loops *l, TSNode n)
{
    n = dbcall_unwrap(l->db, n);
    if (is(n, l->k->expression_statement))
        n = dbcall_unwrap(l->db, ts_node_named_child(n, 0));
    return ts_node_is_null(n) || !ts_node_is_named(n) || is(n, l->k->true_) ||
           is(n, l->k->empty_statement) || node_text_eq(l->f, n, "1");
}

/* Scopes ------------------------------------------------------------------------------------ */

static void scope_push(struct loops *l, enum loop_scope_kind kind, enum loop_kind lk, TSNode loop,
                       TSNode body, uint32_t depth, uint32_t loop_depth)
{
    struct loop_scope s = { .kind = kind, .loop_kind = lk, .loop = loop, .body = body,
                       .depth = depth, .loop_depth = loop_depth };
    /* an inner loop still runs inside each item of a queryset loop */
    if (kind == SCOPE_LOOP && l->scopes.n && l->scopes.v[l->scopes.n - 1].kind == SCOPE_LOOP) {
        s.item = l->scopes.v[l->scopes.n - 1].item;
        s.item_len = l->scopes.v[l->scopes.n - 1].item_len;
    }
    VEC_PUSH(l->scopes, s);
}

/* for <item> in Model.objects...: without prefetch_related, each item's related managers are a
 * query; records the item's name on the loop scope just pushed. */
static void scope_queryset_item(struct loops *l, TSNode item, TSNode iterable)
{
    iterable = dbcall_unwrap(l->db, iterable);
    if (!l->py || !is(item, l->k->identifier) || !is_call(l, iterable) || !l->scopes.n)
        return;
    struct db_chain c;
    dbcall_chain(l->db, iterable, &c);
    bool objects = false;
    for (unsigned k = 0; k < c.n; k++) {
        if (!c.s[k].call && span_eq(c.s[k].name, c.s[k].len, "objects"))
            objects = true;
        if (c.s[k].call && span_eq(c.s[k].name, c.s[k].len, "prefetch_related"))
            return;
    }
    struct loop_scope *sc = &l->scopes.v[l->scopes.n - 1];
    if (objects && sc->kind == SCOPE_LOOP)
        sc->item = dbcall_text(l->f, item, &sc->item_len);
}

/* The scope a loop statement's body opens: none when the loop is bounded by the source, walks
 * batches, or polls (an endless loop that sleeps). */
static void scope_loop_body(struct loops *l, TSNode loop, TSNode body, uint32_t depth)
{
    const struct syntax_syms *k = l->k;
    TSSymbol t = ts_node_symbol(loop);
    enum loop_kind lk = LOOP_CONDITION;
    if (t == k->for_in_statement || (l->py && t == k->for_statement)) {
        TSNode right = node_field(loop, "right");
        if (is_bounded_collection(l->db, right, 3) || is_batch_collection(l, right))
            return;
        lk = LOOP_ELEMENTS;
    } else if (t == k->for_statement) {
        TSNode cond = node_field(loop, "condition"), incr = node_field(loop, "increment");
        if (is(cond, k->expression_statement))
            cond = ts_node_named_child(cond, 0);
        if (is(cond, k->binary_expression)) {
            TSNode op = node_field(cond, "operator");
            if ((node_text_eq(l->f, op, "<") || node_text_eq(l->f, op, "<=")) &&
                is_small_int(l->db, node_field(cond, "right"), 3))
                return;
        }
        /* i += size: one pass per batch */
        if (is(incr, k->augmented_assignment_expression) &&
            node_text_eq(l->f, node_field(incr, "operator"), "+=") &&
            !node_text_eq(l->f, node_field(incr, "right"), "1"))
            return;
        if (is_true_literal(l, node_field(loop, "condition")) &&
            loops_subtree_any(l, body, is_sleep_call))
            return;
    } else {
        if (is_true_literal(l, node_field(loop, "condition")) &&
            loops_subtree_any(l, body, is_sleep_call))
            return;
    }
    scope_push(l, SCOPE_LOOP, lk, loop, body, depth, depth - 1);
    if (l->py && lk == LOOP_ELEMENTS)
        scope_queryset_item(l, node_field(loop, "left"), node_field(loop, "right"));
}

/* Is s[0, len) the name of a call that runs its callback once per element: a function
 * (ident: map(fn, xs)) or a method (xs.forEach, executor.map)? */
static bool names_iteration(const struct loops *l, const char *s, uint32_t len, bool ident)
{
    if (l->py)
        return dbcall_span_in(s, len, ident ? py_iter_functions : py_iter_methods);
    return dbcall_span_in(s, len, ident ? ts_iter_functions : ts_iter_methods);
}

/* A function literal at depth: an iterating callback opens a loop, a callback given to an
 * ordinary call (or an IIFE) runs where it stands, anything else is merely defined. */
static void scope_function(struct loops *l, TSNode fn, uint32_t depth)
{
    const struct syntax_syms *k = l->k;
    TSNode parent = depth >= 1 ? l->anc.v[depth - 1] : node_null();
    TSNode call = depth >= 2 ? l->anc.v[depth - 2] : node_null();
    bool is_new = is(call, k->new_expression);
    if (is(parent, l->py ? k->argument_list : k->arguments) && (is_new || is_call(l, call))) {
        TSNode callee = node_field(call, is_new ? "constructor" : "function");
        TSNode recv = node_null();
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
        const char *s = dbcall_text(l->f, name, &len);
        bool iterates = names_iteration(l, s, len, ident) ||
                        (!l->py && !ident && span_eq(s, len, "from") &&
                         node_text_eq(l->f, recv, "Array"));
        if (iterates) {
            TSNode coll = recv;
            if (ts_node_is_null(coll) || l->py || ident)
                coll = dbcall_arg(l->db, parent, l->py ? 1 : 0);
            if (!ts_node_is_null(coll) && !node_same(coll, fn) &&
                (is_bounded_collection(l->db, coll, 3) || is_batch_collection(l, coll)))
                return;
            scope_push(l, SCOPE_LOOP, LOOP_CALLBACK, call, fn, depth, depth - 2);
            return;
        }
        if (dbcall_span_in(s, len, deferred_callees))
            scope_push(l, SCOPE_FUNCTION, LOOP_ELEMENTS, fn, fn, depth, depth);
        return;
    }
    if (is(parent, k->parenthesized_expression) && is_call(l, call) &&
        node_same(node_field(call, "function"), parent))
        return; /* (async () => { ... })() */
    scope_push(l, SCOPE_FUNCTION, LOOP_ELEMENTS, fn, fn, depth, depth);
}

/* A query in a try block that returns or breaks is a retry loop: it runs once when it works. */
bool loops_in_retry_block(const struct loops *l, uint32_t depth, const struct loop_scope *sc)
{
    for (uint32_t d = depth; d > sc->depth + 1; d--) {
        TSNode t = l->anc.v[d - 2], block = l->anc.v[d - 1];
        if (!is(t, l->k->try_statement) || !node_same(node_field(t, "body"), block))
            continue;
        uint32_t k = ts_node_named_child_count(block);
        for (uint32_t i = 0; i < k; i++) {
            TSNode s = ts_node_named_child(block, i);
            if (is(s, l->k->return_statement) || is(s, l->k->break_statement))
                return true;
        }
    }
    return false;
}

/* Promise.all(xs.map(...)) / asyncio.gather(*(... for ...)): concurrent, still N queries. */
bool loops_gathered(const struct loops *l, const struct loop_scope *sc)
{
    for (uint32_t up = 1; up <= 3 && up <= sc->loop_depth; up++) {
        TSNode n = l->anc.v[sc->loop_depth - up];
        if (is_call(l, n)) {
            uint32_t len;
            const char *s = dbcall_text(l->f, node_field(n, "function"), &len);
            return span_eq(s, len, "Promise.all") || span_eq(s, len, "Promise.allSettled") ||
                   span_eq(s, len, "asyncio.gather") || span_eq(s, len, "gather");
        }
    }
    return false;
}

/* How often the loop of sc runs its body ("loop iteration", "item of .map()"), and the bytes
 * of its header line for the related location. */
const char *loops_describe(const struct loops *l, const struct loop_scope *sc, uint32_t *from,
                           uint32_t *to)
{
    const char *per = "loop iteration";
    uint32_t start = ts_node_start_byte(sc->loop), end = ts_node_start_byte(sc->body);
    if (sc->loop_kind == LOOP_CALLBACK) {
        TSNode callee = node_field(sc->loop, is(sc->loop, l->k->new_expression) ? "constructor"
                                                                               : "function");
        TSNode name = callee;
        if (is(callee, l->k->member_expression))
            name = node_field(callee, "property");
        else if (is(callee, l->k->attribute))
            name = node_field(callee, "attribute");
        /* .map() is a method, pMap() a function */
        bool method = !l->py && !node_same(name, callee);
        per = arena_printf(l->f->arena, "item of %s%s()", method ? "." : "",
                           node_text(l->f, name));
        start = ts_node_start_byte(name);
    } else if (is_comprehension(l, sc->loop)) {
        per = "item of the comprehension";
        uint32_t k = ts_node_named_child_count(sc->loop);
        for (uint32_t i = 0; i < k; i++) {
            TSNode cl = ts_node_named_child(sc->loop, i);
            if (is(cl, l->k->for_in_clause)) {
                start = ts_node_start_byte(cl);
                end = ts_node_end_byte(cl);
                break;
            }
        }
    }
    const char *text = l->f->src->text;
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

/* A child n (table index i) of the comprehension at index p: everything but the first for
 * clause (whose iterable is evaluated once) runs per item. */
static void comprehension_child(struct loops *l, uint32_t p, uint32_t i, uint32_t depth)
{
    const struct node_entry *v = l->t->v;
    TSSymbol clause_t = l->k->for_in_clause;
    uint32_t clause = NODE_NONE; /* the first for clause */
    for (uint32_t j = p + 1; j < v[p].end && clause == NODE_NONE; j = v[j].end)
        if (is(v[j].node, clause_t))
            clause = j;
    if (clause == i)
        return;
    TSNode right = node_field(clause != NODE_NONE ? v[clause].node : node_null(), "right");
    if (is_bounded_collection(l->db, right, 3) || is_batch_collection(l, right))
        return;
    scope_push(l, SCOPE_LOOP, LOOP_ELEMENTS, v[p].node, v[i].node, depth, depth - 1);
    if (clause != NODE_NONE)
        scope_queryset_item(l, node_field(v[clause].node, "left"), right);
}

TSNode loops_named_callback(struct loops *l, TSNode call, TSNode callee, uint32_t cx, uint32_t i,
                            uint32_t depth, struct loop_scope *sc)
{
    uint32_t x;
    TSNode args = dbcall_field_at(l->db, call, i, true, "arguments", &x);
    TSNode recv = node_null(), name = callee;
    const struct syntax_syms *k = l->k;
    bool ident = is(callee, k->identifier);
    if (is(callee, k->member_expression) || is(callee, k->attribute)) {
        recv = dbcall_field_at(l->db, callee, cx, false, "object", &x);
        name = dbcall_field_at(l->db, callee, cx, true, l->py ? "attribute" : "property", &x);
    }
    uint32_t len;
    const char *s = dbcall_text(l->f, name, &len);
    bool iterates = names_iteration(l, s, len, ident);
    if (!iterates || ts_node_is_null(args))
        return node_null();
    if (!ts_node_is_null(recv) && !l->py &&
        (is_bounded_collection(l->db, recv, 3) || is_batch_collection(l, recv)))
        return node_null();
    TSNode fn = dbcall_arg(l->db, args, 0);
    if (!l->py && ident)
        fn = dbcall_arg(l->db, args, 1); /* pMap(items, fn) */
    if (!is(fn, k->identifier) && !is(fn, l->db->member_t))
        return node_null();
    *sc = (struct loop_scope){ .kind = SCOPE_LOOP, .loop_kind = LOOP_CALLBACK, .loop = call,
                               .body = fn, .depth = depth, .loop_depth = depth };
    return fn;
}

/* The walk ---------------------------------------------------------------------------------- */

bool loops_enter(struct loops *l, uint32_t i, unsigned *kind_out)
{
    const struct node_entry *e = &l->t->v[i];
    TSNode n = e->node;
    uint32_t depth = e->depth;
    while (l->scopes.n && l->scopes.v[l->scopes.n - 1].depth >= depth)
        l->scopes.n--;
    TSSymbol sym = e->sym;
    unsigned kind = sym < NODE_KIND_SYMBOLS ? l->kind[sym] : 0;
    *kind_out = kind;
    while (l->anc.n <= depth) {
        VEC_PUSH(l->anc, n);
        VEC_PUSH(l->anc_kind, 0);
    }
    l->anc.v[depth] = n;
    l->anc_kind.v[depth] = (uint8_t)kind;
    l->anc.n = l->anc_kind.n = depth + 1;
    /* the kinds with bits are never ERROR nodes nor MISSING tokens */
    if (!kind && (sym == SYMBOL_ERROR || ts_node_is_missing(n)))
        return false;

    if (depth >= 1) {
        TSNode parent = l->anc.v[depth - 1];
        unsigned pk = l->anc_kind.v[depth - 1];
        if ((pk & LK_LOOP) && node_same(node_field(parent, "body"), n))
            scope_loop_body(l, parent, n, depth);
        else if (l->py && (pk & LK_COMPR))
            comprehension_child(l, e->parent, i, depth);
    }
    if (!kind)
        return true;
    if ((kind & (LK_LOOP | LK_FUNC_LIT | LK_DEF | LK_CALL | LK_COMPR)) && ts_node_has_error(n))
        return false;
    if (kind & LK_FUNC_LIT)
        scope_function(l, n, depth);
    else if (kind & LK_DEF)
        scope_push(l, SCOPE_FUNCTION, LOOP_ELEMENTS, n, n, depth, depth);
    return true;
}

const struct loop_scope *loops_innermost(const struct loops *l)
{
    if (l->scopes.n && l->scopes.v[l->scopes.n - 1].kind == SCOPE_LOOP)
        return &l->scopes.v[l->scopes.n - 1];
    return NULL;
}

TSNode loops_ancestor(const struct loops *l, uint32_t d)
{
    return d < l->anc.n ? l->anc.v[d] : node_null();
}

void loops_init(struct loops *l, struct check_file *f, struct dbcall *db)
{
    memset(l, 0, sizeof(*l));
    l->f = f;
    l->db = db;
    l->py = f->lang == LANG_PYTHON;
    l->t = f->nodes;
    const TSLanguage *lang = f->tree ? ts_tree_language(f->tree) : NULL;
    l->k = syntax_syms(lang);
    l->kind = node_kinds(lang, l->py ? &py_kinds : &ts_kinds);
}

void loops_release(struct loops *l)
{
    VEC_FREE(l->anc);
    VEC_FREE(l->anc_kind);
    VEC_FREE(l->scopes);
}
