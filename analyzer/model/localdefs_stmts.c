/* localdefs_stmts.c — what one statement gives the walk back in localdefs.c: whether a binding
 * pattern binds the name, the statements that define it on every path, the branches after which
 * the old value is gone, and the definitions inside a statement (every one, or those that reach
 * its end). */
#include "localdefs_p.h"

#include <string.h>

#include "front/syntax.h"

static const char *const member_types[] = {"attribute", "subscript", "member_expression",
                                           "subscript_expression", NULL};
static const char *const exit_types[] = {"return_statement", "raise_statement",
                                         "throw_statement", NULL};

/* true when the binding pattern (a target, parameter or destructuring) binds the name; an
 * explicit stack, as patterns nest. Defaults, keys and types bind nothing. */
bool binds(const struct search *s, TSNode pattern)
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
        while (k < nk && !node_same(v[k], a))
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
void collect(struct search *s, TSNode top, bool filter)
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
bool scan_stmt(struct search *s, TSNode st)
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
