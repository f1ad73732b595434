/* errors_detail.c — what of an error an expression carries (its message, stack, the whole
 * object, text made from it), and the names copied from one (errors.h). */
#include "errors_p.h"

#include <string.h>

#include "front/syntax.h"

/* Properties whose text is internal detail; the rest (code, status, userMessage, issues) are
 * the ones an application builds for its callers. */
const char *const err_ts_leak_props[] = {"message", "stack", "details", "hint", "cause", NULL};
static const char *const py_leak_props[] = {"args", "message", "details", "hint", "pgerror",
                                            "diag", "__cause__", "__context__", "__traceback__",
                                            "original_exception", NULL};
/* Properties that hold another error or the upstream response inside an error: what the
 * leak properties above (and nested_leak_props) read there leaks the same way
 * (e.error?.message, err.response?.data, e.response.text, e.orig). */
static const char *const ts_nest_props[] = {"error", "response", "cause", "originalError",
                                            "innerError", "data", NULL};
static const char *const py_nest_props[] = {"response", "orig", "error", "__cause__", NULL};
/* What a nested error or response carries besides the leak properties: its body. */
static const char *const nested_leak_props[] = {"data", "body", "text", "content", "errors",
                                                NULL};
/* Methods of a nested response that return its body: await err.response.text(). */
static const char *const body_methods[] = {"text", "json", NULL};
/* Methods that turn the error object itself into text. */
static const char *const text_methods[] = {"toString", "toJSON", "__str__", "__repr__", NULL};
/* Methods on text that answer a question about it rather than return it. */
static const char *const question_methods[] = {
    "includes", "startsWith", "endsWith", "indexOf", "lastIndexOf", "search", "localeCompare",
    "test", "startswith", "endswith", "find", "count", "isdigit", NULL};
/* Functions that return their argument as text (besides names that say "message"). */
static const char *const ts_to_text[] = {"String", "stringify", "inspect", "format", NULL};
static const char *const py_to_text[] = {"str", "repr", "format", "dumps", "format_exception",
                                         "inspect", NULL};

static bool is_name(TSNode n)
{
    return node_is(n, "identifier") || node_is(n, "shorthand_property_identifier");
}

/* The binding of the error n (stripped) is: a ERR_ERROR name, or `r.error` of a ERR_RESULT
 * name; NULL otherwise. */
static struct err_bound *error_ref(struct errors *s, TSNode n)
{
    n = syntax_strip(n);
    if (node_is(n, "member_expression")) {
        TSNode obj = syntax_strip(ts_node_named_child(n, 0));
        TSNode prop = node_field(n, "property");
        if (!node_is(obj, "identifier") || !node_text_eq(s->f, prop, "error"))
            return NULL;
        struct err_bound *r = errors_find(s, obj);
        return r && r->kind == ERR_RESULT ? r : NULL;
    }
    if (!is_name(n))
        return NULL;
    struct err_bound *b = errors_find(s, n);
    return b && b->kind == ERR_ERROR ? b : NULL;
}

/* The error n (stripped) reads from, through properties that hold a nested error or the
 * upstream response (e.error, err.response.data.error, e.orig): *nested tells whether it
 * went through one (or the name is bound to one). NULL when n is no error. */
struct err_bound *err_error_find(struct errors *s, TSNode n, bool *nested)
{
    struct err_bound *b = error_ref(s, n);
    *nested = b && b->nested;
    if (b)
        return b;
    const char *const *nest = s->py ? py_nest_props : ts_nest_props;
    TSNode at = syntax_strip(n);
    for (int guard = 0; guard < 16; guard++) {
        bool member = node_is(at, "member_expression") || node_is(at, "attribute");
        TSNode prop = member ? node_field(at, s->py ? "attribute" : "property") : (TSNode){0};
        if (ts_node_is_null(prop) || !str_in(node_text(s->f, prop), nest))
            return NULL;
        at = syntax_strip(ts_node_named_child(at, 0));
        b = error_ref(s, at);
        if (b) {
            *nested = true;
            return b;
        }
    }
    return NULL;
}

/* What reading property p of an error gives the client, for messages. */
const char *err_prop_what(const char *p, bool nested)
{
    static const struct {
        const char *prop, *what;
    } whats[] = {
        {"message", "the error's message"}, {"stack", "the stack trace"},
        {"__traceback__", "the stack trace"}, {"details", "the database error's details"},
        {"hint", "the database error's details"}, {"pgerror", "the database error's details"},
        {"diag", "the database error's details"}, {"cause", "the error's cause"},
        {"__cause__", "the error's cause"}, {"__context__", "the error's cause"},
        {"original_exception", "the error's cause"}, {"args", "the exception's arguments"},
    };
    if (nested && strcmp(p, "message") == 0)
        return "the nested error's message";
    for (size_t i = 0; i < ARRAY_SIZE(whats); i++)
        if (strcmp(whats[i].prop, p) == 0)
            return whats[i].what;
    return nested ? "the upstream response body" : "internal detail of the error";
}

static const char *binary_operator(struct check_file *f, TSNode n)
{
    TSNode op = node_field(n, "operator");
    return ts_node_is_null(op) ? "" : node_text(f, op);
}

/* An explicit stack for walking expressions without recursion (VEC-shaped). */
struct node_stack {
    TSNode *v;
    size_t n, cap;
};

/* What a name bound to an error (or to text made from one) gives away sent whole. */
static const char *bound_what(const struct err_bound *b)
{
    if (b->kind == ERR_TEXT)
        return b->leaks ? b->leaks : "text made from the error";
    return b->nested ? "the error object nested in it" : "the whole error object";
}

static void leak_set(struct err_leak *out, TSNode n, struct err_bound *b, const char *what)
{
    out->node = n;
    out->via = b;
    out->what = what;
}

/* A property access on the error: leaks when the property is internal detail, else goes on
 * with the object (text of the error's text still is its text: e.message.trim()). */
static void leak_member(struct errors *s, TSNode n, TSNode obj, TSNode prop, struct err_leak *out,
                        struct node_stack *stack)
{
    struct err_bound *b = error_ref(s, n); /* result.error itself */
    if (b) {
        leak_set(out, n, b, bound_what(b));
        return;
    }
    bool nested;
    b = err_error_find(s, obj, &nested);
    if (b) {
        const char *p = node_text(s->f, prop);
        if (str_in(p, s->py ? py_leak_props : err_ts_leak_props) ||
            (nested && str_in(p, nested_leak_props)))
            leak_set(out, n, b, err_prop_what(p, nested));
        else if (str_in(p, s->py ? py_nest_props : ts_nest_props) && strcmp(p, "data") != 0)
            leak_set(out, n, b, "the error object nested in it"); /* { error: e.error } */
        return;
    }
    VEC_PUSH(*stack, obj);
}

/* The arguments of call n, which turns them into text: an error among them leaks as the
 * call (str(e): the error's text); the others are looked into. */
static void converted_args(struct errors *s, TSNode n, TSNode args, struct err_leak *out,
                           struct node_stack *stack)
{
    uint32_t count = ts_node_is_null(args) ? 0 : ts_node_named_child_count(args);
    for (uint32_t i = 0; i < count; i++) {
        TSNode a = ts_node_named_child(args, i);
        bool nested;
        struct err_bound *b = err_error_find(s, a, &nested);
        if (b && !nested && b->kind == ERR_ERROR) {
            leak_set(out, n, b, "the error's text");
            return;
        }
        VEC_PUSH(*stack, a);
    }
}

/* A call inside a payload: text conversions and text methods pass the error's text on. */
static void leak_call(struct errors *s, TSNode n, struct err_leak *out, struct node_stack *stack)
{
    struct check_file *f = s->f;
    TSNode callee = syntax_strip(syntax_callee(n));
    char *name = syntax_callee_name(f, n);
    if (!name)
        return;
    if (s->py && (strcmp(name, "format_exc") == 0 || strcmp(name, "format_tb") == 0 ||
                  strcmp(name, "format_stack") == 0)) {
        /* traceback.format_exc(): the stack trace itself, inside an except block */
        struct err_bound *m = errors_marker(s, ts_node_start_byte(n));
        if (m)
            leak_set(out, n, m, "the stack trace");
        return;
    }
    bool member = node_is(callee, "member_expression") || node_is(callee, "attribute");
    TSNode args = node_field(n, "arguments");
    bool converts = str_in(name, s->py ? py_to_text : ts_to_text) ||
                    str_icontains(name, "message") || str_icontains(name, "tostring");
    if (member) {
        TSNode recv = syntax_strip(ts_node_named_child(callee, 0));
        bool nested;
        struct err_bound *b = err_error_find(s, recv, &nested);
        if (b) {
            if (str_in(name, text_methods))
                leak_set(out, n, b, "the error's text");
            else if (nested && str_in(name, body_methods)) /* await err.response.text() */
                leak_set(out, n, b, "the upstream response body");
            return; /* e.flatten(), e.errors(): built for the client */
        }
        /* "...{}".format(e) and JSON.stringify(e) pass their arguments on */
        if (converts)
            converted_args(s, n, args, out, stack);
        if (!str_in(name, question_methods))
            VEC_PUSH(*stack, recv);
        return;
    }
    if (converts)
        converted_args(s, n, args, out, stack);
}

/* The first part of expr that carries the error or its text into the value of expr, or a null
 * node. Conditions, comparisons and calls of unknown functions stop the flow. */
struct err_leak errors_leak(struct errors *s, TSNode expr)
{
    struct check_file *f = s->f;
    struct err_leak out = {.via = NULL};
    struct node_stack stack = {0};
    if (!ts_node_is_null(expr))
        VEC_PUSH(stack, expr);
    while (stack.n && ts_node_is_null(out.node)) {
        TSNode n = stack.v[--stack.n];
        const char *t = ts_node_type(n);
        uint32_t count = ts_node_named_child_count(n);
        if (is_name(n)) {
            struct err_bound *b = errors_find(s, n);
            if (b && (b->kind == ERR_ERROR || b->kind == ERR_TEXT))
                leak_set(&out, n, b, bound_what(b));
        } else if (strcmp(t, "member_expression") == 0 || strcmp(t, "attribute") == 0) {
            TSNode prop = node_field(n, s->py ? "attribute" : "property");
            leak_member(s, n, syntax_strip(ts_node_named_child(n, 0)), prop, &out,
                        &stack);
        } else if (strcmp(t, "subscript_expression") == 0 || strcmp(t, "subscript") == 0) {
            /* e.args[0] carries the text, MESSAGES[e.code] does not */
            VEC_PUSH(stack, ts_node_named_child(n, 0));
        } else if (strcmp(t, "call_expression") == 0 || strcmp(t, "call") == 0) {
            leak_call(s, n, &out, &stack);
        } else if (strcmp(t, "binary_expression") == 0 || strcmp(t, "binary_operator") == 0) {
            const char *op = binary_operator(f, n);
            if (strcmp(op, "+") == 0 || strcmp(op, "||") == 0 || strcmp(op, "??") == 0 ||
                strcmp(op, "&&") == 0 || strcmp(op, "%") == 0) {
                VEC_PUSH(stack, node_field(n, "right"));
                VEC_PUSH(stack, node_field(n, "left"));
            }
        } else if (strcmp(t, "boolean_operator") == 0) {
            VEC_PUSH(stack, node_field(n, "right"));
            VEC_PUSH(stack, node_field(n, "left"));
        } else if (strcmp(t, "ternary_expression") == 0) {
            VEC_PUSH(stack, node_field(n, "alternative"));
            VEC_PUSH(stack, node_field(n, "consequence"));
        } else if (strcmp(t, "conditional_expression") == 0) {
            /* Python: a if cond else b, the condition in the middle */
            if (count == 3) {
                VEC_PUSH(stack, ts_node_named_child(n, 2));
                VEC_PUSH(stack, ts_node_named_child(n, 0));
            }
        } else if (strcmp(t, "pair") == 0 || strcmp(t, "keyword_argument") == 0) {
            VEC_PUSH(stack, node_field(n, "value"));
        } else if (strcmp(t, "interpolation") == 0 || strcmp(t, "template_substitution") == 0) {
            /* f"{e}", `${e}`: the error's text */
            TSNode x = s->py ? node_field(n, "expression") : ts_node_named_child(n, 0);
            bool nested;
            struct err_bound *b = ts_node_is_null(x) ? NULL : err_error_find(s, x, &nested);
            if (b && !nested && b->kind == ERR_ERROR)
                leak_set(&out, syntax_strip(x), b, "the error's text");
            else if (!ts_node_is_null(x))
                VEC_PUSH(stack, x);
        } else if (strcmp(t, "template_string") == 0 ||
                   strcmp(t, "string") == 0 || strcmp(t, "object") == 0 ||
                   strcmp(t, "array") == 0 || strcmp(t, "dictionary") == 0 ||
                   strcmp(t, "list") == 0 || strcmp(t, "tuple") == 0 || strcmp(t, "set") == 0 ||
                   strcmp(t, "expression_list") == 0 || strcmp(t, "spread_element") == 0 ||
                   strcmp(t, "dictionary_splat") == 0 || strcmp(t, "list_splat") == 0 ||
                   strcmp(t, "parenthesized_expression") == 0 ||
                   strcmp(t, "await_expression") == 0 || strcmp(t, "await") == 0 ||
                   strcmp(t, "non_null_expression") == 0 ||
                   strcmp(t, "sequence_expression") == 0 ||
                   strcmp(t, "concatenated_string") == 0) {
            for (uint32_t i = count; i-- > 0;)
                VEC_PUSH(stack, ts_node_named_child(n, i));
        } else if (strcmp(t, "as_expression") == 0 || strcmp(t, "satisfies_expression") == 0) {
            VEC_PUSH(stack, ts_node_named_child(n, 0));
        }
    }
    VEC_FREE(stack);
    return out;
}

/* Records what a declaration or assignment (node at) copies from the error: the copy is
 * visible after it, as long as what it copies. */
void err_bind_copy(struct errors *s, TSNode at, TSNode left, TSNode right)
{
    if (ts_node_is_null(left) || ts_node_is_null(right))
        return;
    struct check_file *f = s->f;
    TSNode value = syntax_strip(right);
    uint32_t from = ts_node_end_byte(at);
    if (node_is(left, "identifier")) {
        /* const err = e as Error; const err = e instanceof Error ? e : new Error(String(e));
         * const res = err.response (a nested error or response) */
        bool nested = false;
        struct err_bound *b = err_error_find(s, value, &nested);
        if (!b && node_is(value, "ternary_expression")) {
            b = err_error_find(s, node_field(value, "consequence"), &nested);
            if (!b)
                b = err_error_find(s, node_field(value, "alternative"), &nested);
        }
        if (b && b->kind == ERR_ERROR) {
            errors_bind(s, left, ERR_ERROR, true, from, b->to, b->origin);
            s->v[s->n - 1].nested = nested;
            return;
        }
        struct err_leak l = errors_leak(s, right);
        if (!ts_node_is_null(l.node)) {
            errors_bind(s, left, ERR_TEXT, true, from, l.via->to, l.via->origin);
            s->v[s->n - 1].leaks = l.what;
            return;
        }
        /* a clean value in a name the error had: clean for as long as the error would be */
        struct err_bound *old = errors_find(s, left);
        if (old && old->kind != ERR_CLEAN)
            errors_bind(s, left, ERR_CLEAN, true, from, old->to, old->origin);
        return;
    }
    bool nested = false;
    struct err_bound *b =
        node_is(left, "object_pattern") ? err_error_find(s, value, &nested) : NULL;
    if (!b)
        return;
    /* const { message, stack: trace } = err; const { response } = err */
    uint32_t count = ts_node_named_child_count(left);
    for (uint32_t i = 0; i < count; i++) {
        TSNode p = ts_node_named_child(left, i), key = p, val = p;
        if (node_is(p, "pair_pattern")) {
            key = node_field(p, "key");
            val = node_field(p, "value");
            if (!node_is(val, "identifier"))
                continue;
        } else if (!node_is(p, "shorthand_property_identifier_pattern")) {
            continue;
        }
        const char *k = node_text(f, key);
        if (str_in(k, err_ts_leak_props) || (nested && str_in(k, nested_leak_props))) {
            errors_bind(s, val, ERR_TEXT, true, from, b->to, b->origin);
            s->v[s->n - 1].leaks = err_prop_what(k, nested);
        } else if (str_in(k, ts_nest_props)) {
            errors_bind(s, val, ERR_ERROR, true, from, b->to, b->origin);
            s->v[s->n - 1].nested = true;
        }
    }
}

