/* localdefs.c — reaching definitions of a local name by walking back through statements.
 * Node type names are tree-sitter-python's and tree-sitter-typescript's (tsx for JavaScript). */
#include "localdefs_p.h"

#include <stdlib.h>
#include <string.h>

#include "front/syntax.h"

struct search {
    struct check_file *f;
    struct localdefs_memo *memo;
    bool py;
    const char *name;
    size_t len;
    VEC(struct localdef) out;
};

static bool is_any(TSNode n, const char *const *types)
{
    if (ts_node_is_null(n))
        return false;
    const char *t = ts_node_type(n);
    for (; *types; types++)
        if (strcmp(t, *types) == 0)
            return true;
    return false;
}

static bool same(TSNode a, TSNode b)
{
    return !ts_node_is_null(a) && !ts_node_is_null(b) && ts_node_eq(a, b);
}

/* The named children of container p: remembered in the memo, as every walk back through a
 * long function lists the same block. *tmp holds them when there is no memo. */
static size_t container_kids(struct search *s, TSNode p, node_vec *tmp, TSNode **out)
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

/* true when n's text is the name searched for */
static bool names(const struct search *s, TSNode n)
{
    if (ts_node_is_null(n))
        return false;
    uint32_t a = ts_node_start_byte(n), b = ts_node_end_byte(n);
    return b - a == s->len && memcmp(s->f->src->text + a, s->name, s->len) == 0;
}

/* true when the name occurs in n's text: a statement that does not mention it cannot define
 * it, and a byte search is much cheaper than a walk of its nodes */
static bool mentions(const struct search *s, TSNode n)
{
    const char *p = s->f->src->text + ts_node_start_byte(n);
    const char *end = s->f->src->text + ts_node_end_byte(n);
    while ((size_t)(end - p) >= s->len) {
        p = memchr(p, s->name[0], (size_t)(end - p) - s->len + 1);
        if (!p)
            return false;
        if (memcmp(p, s->name, s->len) == 0)
            return true;
        p++;
    }
    return false;
}

static void push(struct search *s, enum localdef_kind kind, TSNode at, TSNode value)
{
    struct localdef d = {.kind = kind, .at = at, .value = value};
    VEC_PUSH(s->out, d);
}

static const char *const function_types[] = {
    "function_definition", "lambda", "function_declaration", "function_expression",
    "function", "arrow_function", "method_definition", "generator_function",
    "generator_function_declaration", NULL};
static const char *const class_types[] = {"class_definition", "class_declaration", "class",
                                          "abstract_class_declaration", NULL};
static const char *const container_types[] = {"module", "block", "program", "statement_block",
                                              "switch_case", "switch_default", NULL};
static const char *const exit_types[] = {"return_statement", "raise_statement",
                                         "throw_statement", NULL};
static const char *const comprehension_types[] = {"list_comprehension", "set_comprehension",
                                                  "dictionary_comprehension",
                                                  "generator_expression", NULL};
static const char *const member_types[] = {"attribute", "subscript", "member_expression",
                                           "subscript_expression", NULL};

bool localdefs_is_function(TSNode node)
{
    return is_any(node, function_types);
}

/* true when the binding pattern (a target, parameter or destructuring) binds the name; an
 * explicit stack, as patterns nest. Defaults, keys and types bind nothing. */
static bool binds(const struct search *s, TSNode pattern)
{
    TSNode stack[64];
    size_t n = 0;
    if (ts_node_is_null(pattern))
        return false;
    stack[n++] = pattern;
    while (n > 0) {
        TSNode p = stack[--n];
        const char *t = ts_node_type(p);
        if (strcmp(t, "identifier") == 0 || strcmp(t, "shorthand_property_identifier_pattern") == 0) {
            if (names(s, p))
                return true;
            continue;
        }
        if (is_any(p, member_types) || is_any(p, function_types))
            continue;
        uint32_t count = ts_node_child_count(p);
        for (uint32_t i = 0; i < count && n < ARRAY_SIZE(stack); i++) {
            TSNode c = ts_node_child(p, i);
            if (!ts_node_is_named(c))
                continue;
            const char *fname = ts_node_field_name_for_child(p, i);
            if (fname && (strcmp(fname, "type") == 0 || strcmp(fname, "right") == 0 ||
                          strcmp(fname, "key") == 0 || strcmp(fname, "type_conversion") == 0))
                continue;
            /* Python default_parameter / TS required_parameter defaults are `value`; in a
             * TS pair_pattern the `value` is the bound pattern */
            if (fname && strcmp(fname, "value") == 0 && strcmp(t, "pair_pattern") != 0)
                continue;
            stack[n++] = c;
        }
    }
    return false;
}

/* The value at the end of an assignment chain `a = b = value`. */
static TSNode chain_value(TSNode assign)
{
    TSNode v = node_field(assign, "right");
    while (node_is(v, "assignment") || node_is(v, "assignment_expression"))
        v = node_field(v, "right");
    return v;
}

/* A statement that defines the name on every path through it, with nothing before the
 * definition that could skip it: `x = ...`, `let x = ...`, `def x`. Records the definition
 * when record is set. */
static bool stmt_defines(struct search *s, TSNode st, bool record)
{
    if (ts_node_is_null(st) || !mentions(s, st))
        return false;
    if (node_is(st, "export_statement"))
        st = node_field(st, "declaration");
    if (ts_node_is_null(st))
        return false;
    const char *t = ts_node_type(st);
    if (strcmp(t, "expression_statement") == 0) {
        TSNode a = ts_node_named_child(st, 0);
        while (node_is(a, "assignment") || node_is(a, "assignment_expression")) {
            TSNode left = node_field(a, "left");
            TSNode right = node_field(a, "right");
            if (ts_node_is_null(right))
                return false; /* a bare annotation `x: int` */
            if (node_is(left, "identifier") && names(s, left)) {
                if (record)
                    push(s, LOCALDEF_ASSIGN, a, chain_value(a));
                return true;
            }
            if (!node_is(left, "identifier") && binds(s, left)) {
                if (record)
                    push(s, LOCALDEF_BIND, a, chain_value(a));
                return true;
            }
            a = right;
        }
        return false;
    }
    if (strcmp(t, "lexical_declaration") == 0 || strcmp(t, "variable_declaration") == 0) {
        uint32_t count = ts_node_named_child_count(st);
        for (uint32_t i = 0; i < count; i++) {
            TSNode d = ts_node_named_child(st, i);
            if (!node_is(d, "variable_declarator"))
                continue;
            TSNode name = node_field(d, "name");
            if (node_is(name, "identifier") && names(s, name)) {
                if (record)
                    push(s, LOCALDEF_ASSIGN, d, node_field(d, "value"));
                return true;
            }
            if (!node_is(name, "identifier") && binds(s, name)) {
                if (record)
                    push(s, LOCALDEF_BIND, d, node_field(d, "value"));
                return true;
            }
        }
        return false;
    }
    if (strcmp(t, "decorated_definition") == 0)
        st = node_field(st, "definition");
    if (is_any(st, function_types) || is_any(st, class_types)) {
        if (names(s, node_field(st, "name"))) {
            if (record)
                push(s, LOCALDEF_BIND, st, (TSNode){0});
            return true;
        }
    }
    return false;
}

/* A branch (a block or a single statement) after which the old value is gone: it assigns at
 * its top level or leaves (return, raise, throw). */
static bool branch_kills(struct search *s, TSNode b)
{
    if (ts_node_is_null(b))
        return false;
    if (!is_any(b, container_types))
        return stmt_defines(s, b, false) || is_any(b, exit_types);
    node_vec kids = {0};
    bool kills = false;
    named_children(s->f, b, &kids);
    for (size_t i = 0; i < kids.n && !kills; i++)
        kills = stmt_defines(s, kids.v[i], false) || is_any(kids.v[i], exit_types);
    VEC_FREE(kids);
    return kills;
}

/* An if statement with an else whose every branch kills the old value. */
static bool if_kills(struct search *s, TSNode st)
{
    if (s->py) {
        bool has_else = false;
        if (!branch_kills(s, node_field(st, "consequence")))
            return false;
        uint32_t count = ts_node_named_child_count(st);
        for (uint32_t i = 0; i < count; i++) {
            TSNode c = ts_node_named_child(st, i);
            if (node_is(c, "elif_clause") && !branch_kills(s, node_field(c, "consequence")))
                return false;
            if (node_is(c, "else_clause")) {
                has_else = true;
                if (!branch_kills(s, node_field(c, "body")))
                    return false;
            }
        }
        return has_else;
    }
    for (;;) {
        if (!branch_kills(s, node_field(st, "consequence")))
            return false;
        TSNode alt = node_field(st, "alternative");
        if (ts_node_is_null(alt))
            return false;
        TSNode inner = ts_node_named_child(alt, 0);
        if (!node_is(inner, "if_statement"))
            return branch_kills(s, inner);
        st = inner;
    }
}

/* true when the definition at d, inside statement top, still holds at the end of top: no
 * later statement on its way up replaces the value or leaves. */
static bool reaches_end(struct search *s, TSNode d, TSNode top)
{
    node_vec path = {0}, kids = {0};
    bool reaches = true;
    path_down(s->f, top, d, &path);
    for (size_t i = path.n; reaches && i-- > 1;) {
        TSNode a = path.v[i], p = path.v[i - 1];
        if (!is_any(p, container_types))
            continue;
        TSNode *v;
        size_t nk = container_kids(s, p, &kids, &v);
        size_t k = 0;
        while (k < nk && !same(v[k], a))
            k++;
        for (k++; reaches && k < nk; k++)
            reaches = !stmt_defines(s, v[k], false) && !is_any(v[k], exit_types);
    }
    VEC_FREE(path);
    VEC_FREE(kids);
    return reaches;
}

static const char *const mutators_py[] = {"append", "extend", "insert", NULL};
static const char *const mutators_ts[] = {"push", "unshift", "splice", NULL};

/* Records every definition of the name inside top (nested functions, classes and Python
 * comprehensions are other scopes; TS let/const in nested blocks are other variables); with
 * filter set, only those that reach the end of top. */
static void collect(struct search *s, TSNode top, bool filter)
{
    if (!mentions(s, top))
        return;
    struct walk w;
    walk_init(&w, s->f, top);
    for (TSNode n; walk_next(&w, &n);) {
        if (is_any(n, function_types) || is_any(n, class_types) ||
            is_any(n, comprehension_types)) {
            walk_skip(&w);
            continue;
        }
        const char *t = ts_node_type(n);
        size_t before = s->out.n;
        if (strcmp(t, "assignment") == 0 || strcmp(t, "assignment_expression") == 0) {
            TSNode left = node_field(n, "left");
            if (node_is(left, "identifier") ? names(s, left) : binds(s, left)) {
                if (!ts_node_is_null(node_field(n, "right")))
                    push(s, node_is(left, "identifier") ? LOCALDEF_ASSIGN : LOCALDEF_BIND, n,
                         chain_value(n));
            }
        } else if (strcmp(t, "augmented_assignment") == 0 ||
                   strcmp(t, "augmented_assignment_expression") == 0) {
            if (names(s, node_field(n, "left")))
                push(s, LOCALDEF_AUGMENT, n, node_field(n, "right"));
        } else if (strcmp(t, "named_expression") == 0) {
            if (names(s, node_field(n, "name")))
                push(s, LOCALDEF_ASSIGN, n, node_field(n, "value"));
        } else if (strcmp(t, "update_expression") == 0) {
            if (names(s, node_field(n, "argument")))
                push(s, LOCALDEF_UPDATE, n, (TSNode){0});
        } else if (strcmp(t, "variable_declaration") == 0) {
            /* only `var` is function-scoped; a let/const here declares another variable */
            uint32_t count = ts_node_named_child_count(n);
            for (uint32_t i = 0; i < count; i++) {
                TSNode d = ts_node_named_child(n, i);
                TSNode name = node_field(d, "name");
                if (node_is(d, "variable_declarator") && binds(s, name))
                    push(s, node_is(name, "identifier") ? LOCALDEF_ASSIGN : LOCALDEF_BIND, d,
                         node_field(d, "value"));
            }
        } else if (strcmp(t, "for_statement") == 0 && s->py) {
            if (binds(s, node_field(n, "left"))) {
                push(s, LOCALDEF_BIND, n, node_field(n, "right"));
                s->out.v[s->out.n - 1].iter = true;
                s->out.v[s->out.n - 1].scope = n;
            }
        } else if (strcmp(t, "for_in_statement") == 0) {
            TSNode kind = node_field(n, "kind");
            if ((ts_node_is_null(kind) || node_text_eq(s->f, kind, "var")) &&
                binds(s, node_field(n, "left"))) {
                push(s, LOCALDEF_BIND, n, node_field(n, "right"));
                s->out.v[s->out.n - 1].iter = true;
                s->out.v[s->out.n - 1].scope = n;
            }
        } else if (strcmp(t, "as_pattern") == 0) {
            /* with ... as x, except E as x */
            if (binds(s, node_field(n, "alias")))
                push(s, LOCALDEF_BIND, n, ts_node_named_child(n, 0));
        } else if (strcmp(t, "call") == 0 || strcmp(t, "call_expression") == 0) {
            TSNode fn = node_field(n, "function");
            TSNode obj = node_field(fn, "object");
            TSNode prop = node_field(fn, s->py ? "attribute" : "property");
            if ((node_is(fn, "attribute") || node_is(fn, "member_expression")) && names(s, obj)) {
                char *m = node_text(s->f, prop);
                if (str_in(m, s->py ? mutators_py : mutators_ts))
                    push(s, LOCALDEF_MUTATE, n, node_field(n, "arguments"));
            }
        }
        if (filter && s->out.n > before && !reaches_end(s, n, top))
            s->out.n = before;
    }
}

/* A previous sibling statement: records its definitions that reach its end; true when it
 * replaces the value on every path (the walk back stops there). */
static bool scan_stmt(struct search *s, TSNode st)
{
    if (!mentions(s, st))
        return false;
    if (stmt_defines(s, st, true))
        return true;
    if (is_any(st, function_types) || is_any(st, class_types) || node_is(st, "decorated_definition"))
        return false;
    collect(s, st, true);
    if (node_is(st, "if_statement"))
        return if_kills(s, st);
    if (node_is(st, "with_statement"))
        return branch_kills(s, node_field(st, "body"));
    if (node_is(st, "statement_block"))
        return branch_kills(s, st);
    return false;
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
    while (k < nk && !same(v[k], n))
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
    bool body = same(node_field(p, "body"), n);
    /* `if (q := ...):` and `while ((m = re.exec(s)))` define before the branch runs */
    TSNode cond = node_field(p, "condition");
    if (!ts_node_is_null(cond) && !same(cond, n) && !node_is(p, "for_statement"))
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
        if (!body && !same(node_field(p, "increment"), n) && !same(node_field(p, "condition"), n))
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
            if (same(c, n)) {
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
