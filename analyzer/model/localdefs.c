/* localdefs.c — reaching definitions of a local name by walking back through statements and up
 * through what encloses the use (what one statement defines is in localdefs_stmts.c).
 * Node type names are tree-sitter-python's and tree-sitter-typescript's (tsx for JavaScript). */
#include "localdefs_p.h"

#include <stdlib.h>
#include <string.h>

#include "front/syntax.h"

/* The named children of container p: remembered in the memo, as every walk back through a
 * long function lists the same block. *tmp holds them when there is no memo. */
size_t container_kids(struct search *s, TSNode p, node_vec *tmp, TSNode **out)
{
    if (s->memo) {
        struct memo_entry *e = memo_slot(s->memo, p.id, NULL, 0);
        if (!e->key) {
            named_children(s->f, p, tmp);
            TSNode *copy = arena_alloc(s->f->arena, (tmp->n ? tmp->n : 1) * sizeof(*copy));
            if (tmp->n)
                memcpy(copy, tmp->v, tmp->n * sizeof(*copy));
            e = memo_put(s->memo, (struct memo_entry){p.id, NULL, 0, copy, tmp->n});
        }
        *out = e->v;
        return e->n;
    }
    named_children(s->f, p, tmp);
    *out = tmp->v;
    return tmp->n;
}

const char *const function_types[] = {
    "function_definition", "lambda", "function_declaration", "function_expression",
    "function", "arrow_function", "method_definition", "generator_function",
    "generator_function_declaration", NULL};
const char *const class_types[] = {"class_definition", "class_declaration", "class",
                                   "abstract_class_declaration", NULL};
const char *const container_types[] = {"module", "block", "program", "statement_block",
                                       "switch_case", "switch_default", NULL};
const char *const comprehension_types[] = {"list_comprehension", "set_comprehension",
                                           "dictionary_comprehension", "generator_expression",
                                           NULL};

bool localdefs_is_function(TSNode node)
{
    return is_any(node, function_types);
}

/* What one statement of a container gives the walk back, whatever the use after it. */
struct stmt_defs {
    size_t index; /* in the container's named children */
    bool kills;
    struct localdef *defs;
    size_t n;
};

/* The statements of container p that define the name, in order, for its first `scanned`
 * children: computed once per container and name, so that the walk back from each of many
 * uses in a long function skips the statements that cannot matter, and extended only as far
 * as a use needs. Scanning the children after the use too (the child holding the use is the
 * rest of the nesting) made the walk from a use 50,000 `if` blocks deep take time with the
 * square of the depth: 14 minutes. */
struct def_ix {
    struct stmt_defs *v; /* arena */
    size_t n, cap;
    size_t scanned;      /* children of the container looked at */
};

static struct def_ix *def_index(struct search *s, TSNode p, TSNode *kids, size_t upto)
{
    struct memo_entry *e = memo_slot(s->memo, p.id, s->name, s->len);
    if (!e->key) {
        struct def_ix *fresh = arena_alloc(s->f->arena, sizeof(*fresh));
        *fresh = (struct def_ix){0};
        e = memo_put(s->memo, (struct memo_entry){p.id, s->name, s->len, fresh, 0});
    }
    struct def_ix *ix = e->v;
    for (; ix->scanned < upto; ix->scanned++) {
        TSNode kid = kids[ix->scanned];
        if (!mentions(s, kid))
            continue;
        size_t before = s->out.n;
        bool kills = scan_stmt(s, kid);
        if (!kills && s->out.n == before)
            continue;
        struct stmt_defs sd = {.index = ix->scanned, .kills = kills, .n = s->out.n - before};
        sd.defs = arena_alloc(s->f->arena, (sd.n ? sd.n : 1) * sizeof(*sd.defs));
        if (sd.n)
            memcpy(sd.defs, s->out.v + before, sd.n * sizeof(*sd.defs));
        s->out.n = before;
        if (ix->n == ix->cap) {
            size_t cap = ix->cap ? 2 * ix->cap : 4;
            struct stmt_defs *v = arena_alloc(s->f->arena, cap * sizeof(*v));
            if (ix->n)
                memcpy(v, ix->v, ix->n * sizeof(*v));
            ix->v = v;
            ix->cap = cap;
        }
        ix->v[ix->n++] = sd;
    }
    return ix;
}

/* The walk back through the statements of container p before its child n; true when one of
 * them kills the value. */
static bool scan_before(struct search *s, TSNode p, TSNode n, node_vec *tmp)
{
    TSNode *v;
    size_t nk = container_kids(s, p, tmp, &v);
    /* children are in source order: find n by its start, then by identity */
    size_t lo = 0, hi = nk;
    uint32_t at = ts_node_start_byte(n);
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (ts_node_start_byte(v[mid]) < at)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t k = lo;
    while (k < nk && !node_same(v[k], n))
        k++;
    if (!s->memo) {
        while (k-- > 0)
            if (scan_stmt(s, v[k]))
                return true;
        return false;
    }
    const struct def_ix *ix = def_index(s, p, v, k);
    for (size_t j = ix->n; j-- > 0;) {
        if (ix->v[j].index >= k)
            continue;
        for (size_t d = 0; d < ix->v[j].n; d++)
            VEC_PUSH(s->out, ix->v[j].defs[d]);
        if (ix->v[j].kills)
            return true;
    }
    return false;
}

/* Records the parameter of fn that binds the name; true when there is one. */
static bool find_param(struct search *s, TSNode fn)
{
    TSNode single = node_field(fn, "parameter"); /* x => ... */
    if (!ts_node_is_null(single)) {
        if (!names(s, single))
            return false;
        push(s, LOCALDEF_PARAM, single, (TSNode){0});
        s->out.v[s->out.n - 1].scope = fn;
        return true;
    }
    TSNode params = node_field(fn, "parameters");
    if (ts_node_is_null(params))
        return false;
    uint32_t count = ts_node_named_child_count(params);
    int index = 0;
    for (uint32_t i = 0; i < count; i++) {
        TSNode p = ts_node_named_child(params, i);
        if (node_is(p, "comment"))
            continue;
        if (binds(s, p)) {
            push(s, LOCALDEF_PARAM, p, (TSNode){0});
            s->out.v[s->out.n - 1].scope = fn;
            s->out.v[s->out.n - 1].index = index;
            return true;
        }
        index++;
    }
    return false;
}


static bool bind_iter(struct search *s, TSNode pattern, TSNode at, TSNode iterable)
{
    if (!binds(s, pattern))
        return false;
    push(s, LOCALDEF_BIND, at, iterable);
    s->out.v[s->out.n - 1].iter = true;
    s->out.v[s->out.n - 1].scope = at;
    return true;
}

/* Climbing from n to its parent p: handles what p binds or joins. true ends the walk. */
static bool climb(struct search *s, TSNode n, TSNode p)
{
    const char *t = ts_node_type(p);
    bool body = node_same(node_field(p, "body"), n);
    /* `if (q := ...):` and `while ((m = re.exec(s)))` define before the branch runs */
    TSNode cond = node_field(p, "condition");
    if (!ts_node_is_null(cond) && !node_same(cond, n) && !node_is(p, "for_statement"))
        collect(s, cond, false);
    if (is_any(p, comprehension_types)) {
        uint32_t count = ts_node_named_child_count(p);
        for (uint32_t i = 0; i < count; i++) {
            TSNode c = ts_node_named_child(p, i);
            if (node_is(c, "for_in_clause") && bind_iter(s, node_field(c, "left"), c, node_field(c, "right")))
                return true;
        }
        return false;
    }
    if (strcmp(t, "for_statement") == 0 && s->py) {
        if (!body)
            return false;
        collect(s, n, true); /* the back edge */
        return bind_iter(s, node_field(p, "left"), p, node_field(p, "right"));
    }
    if (strcmp(t, "for_in_statement") == 0) {
        if (!body)
            return false;
        collect(s, n, true);
        return bind_iter(s, node_field(p, "left"), p, node_field(p, "right"));
    }
    if (strcmp(t, "for_statement") == 0) { /* TS: for (init; cond; incr) */
        if (!body && !node_same(node_field(p, "increment"), n) && !node_same(node_field(p, "condition"), n))
            return false;
        collect(s, node_field(p, "body"), true);
        TSNode incr = node_field(p, "increment");
        if (!ts_node_is_null(incr))
            collect(s, incr, false);
        TSNode init = node_field(p, "initializer");
        return !ts_node_is_null(init) && scan_stmt(s, init);
    }
    if (strcmp(t, "while_statement") == 0 || strcmp(t, "do_statement") == 0) {
        if (body)
            collect(s, n, true);
        return false;
    }
    if (strcmp(t, "catch_clause") == 0) {
        TSNode param = node_field(p, "parameter");
        if (body && binds(s, param)) {
            push(s, LOCALDEF_BIND, param, (TSNode){0});
            return true;
        }
        return false;
    }
    if (strcmp(t, "except_clause") == 0 && node_is(n, "block")) {
        TSNode v = node_field(p, "value");
        if (node_is(v, "as_pattern") && binds(s, node_field(v, "alias"))) {
            push(s, LOCALDEF_BIND, v, ts_node_named_child(v, 0));
            return true;
        }
        return false;
    }
    if (strcmp(t, "with_statement") == 0 && body) {
        struct walk w;
        bool found = false;
        walk_init(&w, s->f, p);
        for (TSNode c; !found && walk_next(&w, &c);) {
            if (node_same(c, n)) {
                walk_skip(&w);
                continue;
            }
            if (node_is(c, "as_pattern") && binds(s, node_field(c, "alias"))) {
                push(s, LOCALDEF_BIND, c, ts_node_named_child(c, 0));
                found = true;
            }
        }
        return found;
    }
    if (strcmp(t, "try_statement") == 0 && !body) {
        /* a handler or finally can start after any statement of the try body */
        collect(s, node_field(p, "body"), false);
        return false;
    }
    return false;
}

static size_t find_uncached(struct check_file *f, struct localdefs_memo *memo, TSNode use,
                            struct localdef **out);

size_t localdefs_find(struct check_file *f, struct localdefs_memo *memo, TSNode use,
                      struct localdef **out)
{
    if (memo) {
        struct memo_entry *e = memo_slot(memo, use.id, NULL, 0);
        if (e->key) {
            *out = e->v;
            return e->n;
        }
    }
    size_t n = find_uncached(f, memo, use, out);
    if (memo)
        memo_put(memo, (struct memo_entry){use.id, NULL, 0, *out, n});
    return n;
}

static size_t find_uncached(struct check_file *f, struct localdefs_memo *memo, TSNode use,
                            struct localdef **out)
{
    struct search s = {.f = f, .memo = memo, .py = f->lang == LANG_PYTHON};
    s.name = f->src->text + ts_node_start_byte(use);
    s.len = ts_node_end_byte(use) - ts_node_start_byte(use);
    *out = NULL;

    node_vec path = {0}, kids = {0};
    path_down(f, f->root, use, &path);
    bool done = false;
    for (size_t i = path.n - 1; !done; i--) {
        if (i == 0) {
            push(&s, LOCALDEF_GLOBAL, (TSNode){0}, (TSNode){0});
            break;
        }
        TSNode n = path.v[i], p = path.v[i - 1];
        if (is_any(p, container_types)) {
            done = scan_before(&s, p, n, &kids);
        } else if (is_any(p, function_types)) {
            if (find_param(&s, p))
                break;
            /* leaving the function: an enclosing function's locals are seen from where the
             * closure is made; outside every function (classes are no scope for the names
             * of their methods) the name is the module's */
            bool nested = false;
            for (size_t j = 0; j + 1 < i && !nested; j++)
                nested = is_any(path.v[j], function_types);
            if (!nested) {
                push(&s, LOCALDEF_GLOBAL, (TSNode){0}, (TSNode){0});
                break;
            }
        } else {
            done = climb(&s, n, p);
        }
    }
    VEC_FREE(path);
    VEC_FREE(kids);

    if (s.out.n == 0) {
        VEC_FREE(s.out); /* a definition index may have used it */
        return 0;
    }
    struct localdef *defs = arena_alloc(f->arena, s.out.n * sizeof(*defs));
    memcpy(defs, s.out.v, s.out.n * sizeof(*defs));
    size_t count = s.out.n;
    VEC_FREE(s.out);
    *out = defs;
    return count;
}
