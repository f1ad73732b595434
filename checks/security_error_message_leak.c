/* security_error_message_leak.c — a caught error, or the error a supabase-style call returned
 * next to its data, whose message, stack or whole object reaches an HTTP response (CWE-209).
 *
 * Syntactic and local on purpose: one walk of the file in source order binds the error's name
 * where it is caught, visible in the catch/except block only (or in the rest of the block after
 * `const { data, error } = await ...`), and the names copied from it; a response whose payload
 * holds one of them is reported.
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "front/syntax.h"
#include "model/entry.h"
#include "model/response.h"

/* Properties whose text is internal detail; the rest (code, status, userMessage, issues) are
 * the ones an application builds for its callers. */
static const char *const ts_leak_props[] = {"message", "stack", "details", "hint", "cause", NULL};
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
/* Calls returning { data, error } where error is a validation result meant for the client. */
static const char *const validation_calls[] = {"safeParse", "safeParseAsync", "spa", "validate",
                                               NULL};

/* The node kinds looked at for every node of a file, resolved once per grammar: comparing
 * symbols is cheaper than comparing type names. 0 (no node has it) where a grammar lacks the
 * kind. */
struct leak_syms {
    /* TypeScript / JavaScript */
    TSSymbol catch_clause, call_expression, new_expression, variable_declarator,
        assignment_expression, return_statement, arrow_function, function_expression,
        function_declaration, function, method_definition, member_expression, await_expression,
        required_parameter, optional_parameter, generator_function_declaration,
        generator_function;
    /* both */
    TSSymbol identifier;
    /* Python */
    TSSymbol except_clause, except_group_clause, function_definition, decorated_definition,
        assignment, call, typed_parameter, lambda;
};

struct leak_state {
    struct leak_syms sym[LANG_COUNT];
};

enum kind {
    KIND_ERROR,  /* the error object itself, or an alias of it */
    KIND_TEXT,   /* a value built from its text */
    KIND_RESULT, /* a supabase result whose .error is the error: const r = await supabase... */
    KIND_CLEAN,  /* the name now holds something else: const error = 'Invalid input' */
};

/* Where an error comes from: the catch parameter, the destructured `error`. */
struct origin {
    const char *what; /* "the caught error" */
    uint32_t start, end;
    /* a parameter of a top-level function (its index and the function's name), watched to
     * learn whether what its callers pass reaches a response; -1 for errors */
    int param;
    const char *helper;
};

/* What a top-level function does with parameter param: builds a response from it, which it
 * returns (NextResponse.json, JSONResponse: the caller must return it too), or sends it
 * (res.json, HTTPException). */
struct helper_sink {
    const char *helper;
    int param;
    bool returns;
    const char *what;    /* the sink's name */
    uint32_t start, end; /* the payload in the helper */
};

/* A call of a function by name with an error's text among its arguments, matched with the
 * helper sinks after the walk. */
struct helper_call {
    const char *callee;
    int arg;
    bool returned;       /* the call's value is returned (or is an arrow's body) */
    uint32_t start, end; /* the argument's part that carries the error */
    const char *text, *what;
    const struct origin *origin;
    const char *alias;   /* the copy it went through, or NULL */
    uint32_t alias_start, alias_end;
};

struct bound {
    const char *name;     /* NULL: the marker of an except block (for traceback.format_exc()) */
    enum kind kind;
    bool nested;          /* KIND_ERROR: an error or response inside one (const { response } = e) */
    const char *leaks;    /* KIND_TEXT: what of the error it holds ("the error's message") */
    uint32_t start, end;  /* where it was bound */
    uint32_t from, to;    /* the bytes where it is visible */
    bool alias;           /* a copy made in the block, not the error's own name */
    const struct origin *origin;
};

/* Every binding made so far in the file's walk, innermost last. Arena-allocated. */
struct scope {
    struct check_file *f;
    const struct leak_syms *sym; /* the file's grammar's */
    bool py;
    struct bound *v;
    size_t n, cap;
    /* node-table indices of the functions around the walk's node, innermost last: kept as the
     * walk goes, so a sink finds its function in constant time (listing its ancestors at each
     * sink took time and memory with the square of the nesting: 16,000 nested try blocks
     * took 8 GB) */
    VEC(uint32_t) fns;
    VEC(struct helper_sink) helper_sinks;
    VEC(struct helper_call) helper_calls;
};

static struct bound *scope_push(struct scope *s)
{
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 16;
        struct bound *v = arena_alloc(s->f->arena, cap * sizeof(*v));
        if (s->n)
            memcpy(v, s->v, s->n * sizeof(*v));
        s->v = v;
        s->cap = cap;
    }
    return &s->v[s->n++];
}

static void scope_bind(struct scope *s, TSNode name, enum kind kind, bool alias, uint32_t from,
                       uint32_t to, const struct origin *origin)
{
    *scope_push(s) = (struct bound){.name = node_text(s->f, name), .kind = kind,
                                    .start = ts_node_start_byte(name),
                                    .end = ts_node_end_byte(name), .from = from, .to = to,
                                    .alias = alias, .origin = origin};
}

static const struct origin *origin_new(struct scope *s, const char *what, uint32_t start,
                                       uint32_t end)
{
    struct origin *o = arena_alloc(s->f->arena, sizeof(*o));
    *o = (struct origin){what, start, end, -1, NULL};
    return o;
}

/* The innermost binding of the name node visible where it is, or NULL. */
static struct bound *scope_find(struct scope *s, TSNode name)
{
    uint32_t at = ts_node_start_byte(name);
    for (size_t i = s->n; i-- > 0;) {
        struct bound *b = &s->v[i];
        if (b->name && b->from <= at && at < b->to && node_text_eq(s->f, name, b->name))
            return b;
    }
    return NULL;
}

/* The innermost except block around byte at, as its marker binding, or NULL. */
static struct bound *scope_marker(struct scope *s, uint32_t at)
{
    for (size_t i = s->n; i-- > 0;)
        if (!s->v[i].name && s->v[i].from <= at && at < s->v[i].to)
            return &s->v[i];
    return NULL;
}

static bool is_name(TSNode n)
{
    return node_is(n, "identifier") || node_is(n, "shorthand_property_identifier");
}

/* The binding of the error n (stripped) is: a KIND_ERROR name, or `r.error` of a KIND_RESULT
 * name; NULL otherwise. */
static struct bound *error_ref(struct scope *s, TSNode n)
{
    n = syntax_strip(n);
    if (node_is(n, "member_expression")) {
        TSNode obj = syntax_strip(ts_node_named_child(n, 0));
        TSNode prop = node_field(n, "property");
        if (!node_is(obj, "identifier") || !node_text_eq(s->f, prop, "error"))
            return NULL;
        struct bound *r = scope_find(s, obj);
        return r && r->kind == KIND_RESULT ? r : NULL;
    }
    if (!is_name(n))
        return NULL;
    struct bound *b = scope_find(s, n);
    return b && b->kind == KIND_ERROR ? b : NULL;
}

/* The error n (stripped) reads from, through properties that hold a nested error or the
 * upstream response (e.error, err.response.data.error, e.orig): *nested tells whether it
 * went through one (or the name is bound to one). NULL when n is no error. */
static struct bound *error_find(struct scope *s, TSNode n, bool *nested)
{
    struct bound *b = error_ref(s, n);
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
static const char *prop_what(const char *p, bool nested)
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

struct leak {
    TSNode node;      /* the expression that carries the error's text */
    struct bound *via;
    const char *what; /* what of the error it is: "the error's message" */
};

/* What a name bound to an error (or to text made from one) gives away sent whole. */
static const char *bound_what(const struct bound *b)
{
    if (b->kind == KIND_TEXT)
        return b->leaks ? b->leaks : "text made from the error";
    return b->nested ? "the error object nested in it" : "the whole error object";
}

static void leak_set(struct leak *out, TSNode n, struct bound *b, const char *what)
{
    out->node = n;
    out->via = b;
    out->what = what;
}

/* A property access on the error: leaks when the property is internal detail, else goes on
 * with the object (text of the error's text still is its text: e.message.trim()). */
static void leak_member(struct scope *s, TSNode n, TSNode obj, TSNode prop, struct leak *out,
                        struct node_stack *stack)
{
    struct bound *b = error_ref(s, n); /* result.error itself */
    if (b) {
        leak_set(out, n, b, bound_what(b));
        return;
    }
    bool nested;
    b = error_find(s, obj, &nested);
    if (b) {
        const char *p = node_text(s->f, prop);
        if (str_in(p, s->py ? py_leak_props : ts_leak_props) ||
            (nested && str_in(p, nested_leak_props)))
            leak_set(out, n, b, prop_what(p, nested));
        else if (str_in(p, s->py ? py_nest_props : ts_nest_props) && strcmp(p, "data") != 0)
            leak_set(out, n, b, "the error object nested in it"); /* { error: e.error } */
        return;
    }
    VEC_PUSH(*stack, obj);
}

/* The arguments of call n, which turns them into text: an error among them leaks as the
 * call (str(e): the error's text); the others are looked into. */
static void converted_args(struct scope *s, TSNode n, TSNode args, struct leak *out,
                           struct node_stack *stack)
{
    uint32_t count = ts_node_is_null(args) ? 0 : ts_node_named_child_count(args);
    for (uint32_t i = 0; i < count; i++) {
        TSNode a = ts_node_named_child(args, i);
        bool nested;
        struct bound *b = error_find(s, a, &nested);
        if (b && !nested && b->kind == KIND_ERROR) {
            leak_set(out, n, b, "the error's text");
            return;
        }
        VEC_PUSH(*stack, a);
    }
}

/* A call inside a payload: text conversions and text methods pass the error's text on. */
static void leak_call(struct scope *s, TSNode n, struct leak *out, struct node_stack *stack)
{
    struct check_file *f = s->f;
    TSNode callee = syntax_strip(syntax_callee(n));
    char *name = syntax_callee_name(f, n);
    if (!name)
        return;
    if (s->py && (strcmp(name, "format_exc") == 0 || strcmp(name, "format_tb") == 0 ||
                  strcmp(name, "format_stack") == 0)) {
        /* traceback.format_exc(): the stack trace itself, inside an except block */
        struct bound *m = scope_marker(s, ts_node_start_byte(n));
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
        struct bound *b = error_find(s, recv, &nested);
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
static struct leak expr_leak(struct scope *s, TSNode expr)
{
    struct check_file *f = s->f;
    struct leak out = {.via = NULL};
    struct node_stack stack = {0};
    if (!ts_node_is_null(expr))
        VEC_PUSH(stack, expr);
    while (stack.n && ts_node_is_null(out.node)) {
        TSNode n = stack.v[--stack.n];
        const char *t = ts_node_type(n);
        uint32_t count = ts_node_named_child_count(n);
        if (is_name(n)) {
            struct bound *b = scope_find(s, n);
            if (b && (b->kind == KIND_ERROR || b->kind == KIND_TEXT))
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
            struct bound *b = ts_node_is_null(x) ? NULL : error_find(s, x, &nested);
            if (b && !nested && b->kind == KIND_ERROR)
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
static void bind_copy(struct scope *s, TSNode at, TSNode left, TSNode right)
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
        struct bound *b = error_find(s, value, &nested);
        if (!b && node_is(value, "ternary_expression")) {
            b = error_find(s, node_field(value, "consequence"), &nested);
            if (!b)
                b = error_find(s, node_field(value, "alternative"), &nested);
        }
        if (b && b->kind == KIND_ERROR) {
            scope_bind(s, left, KIND_ERROR, true, from, b->to, b->origin);
            s->v[s->n - 1].nested = nested;
            return;
        }
        struct leak l = expr_leak(s, right);
        if (!ts_node_is_null(l.node)) {
            scope_bind(s, left, KIND_TEXT, true, from, l.via->to, l.via->origin);
            s->v[s->n - 1].leaks = l.what;
            return;
        }
        /* a clean value in a name the error had: clean for as long as the error would be */
        struct bound *old = scope_find(s, left);
        if (old && old->kind != KIND_CLEAN)
            scope_bind(s, left, KIND_CLEAN, true, from, old->to, old->origin);
        return;
    }
    bool nested = false;
    struct bound *b = node_is(left, "object_pattern") ? error_find(s, value, &nested) : NULL;
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
        if (str_in(k, ts_leak_props) || (nested && str_in(k, nested_leak_props))) {
            scope_bind(s, val, KIND_TEXT, true, from, b->to, b->origin);
            s->v[s->n - 1].leaks = prop_what(k, nested);
        } else if (str_in(k, ts_nest_props)) {
            scope_bind(s, val, KIND_ERROR, true, from, b->to, b->origin);
            s->v[s->n - 1].nested = true;
        }
    }
}

/* The innermost function around the walk's node: its table index, or NODE_NONE. */
static uint32_t enclosing_fn(const struct scope *s)
{
    return s->fns.n ? s->fns.v[s->fns.n - 1] : NODE_NONE;
}

static void report(struct scope *s, const struct response *k, struct leak l)
{
    struct check_file *f = s->f;
    const struct origin *o = l.via->origin;
    struct finding *fd = check_report(
        f, l.node,
        "'%s' (%s, from %s) reaches the client through %s: log the error server-side and "
        "send a generic message with an error id",
        syntax_short_text(f, l.node), l.what ? l.what : "the error's text", o->what, k->what);
    finding_step(fd, o->start, o->end, "%s", o->what);
    if (l.via->alias)
        finding_step(fd, l.via->start, l.via->end, "copied into '%s'", l.via->name);
    finding_step(fd, ts_node_start_byte(l.node), ts_node_end_byte(l.node), "sent to the client");
}

/* Binds the error of a region: visible in [from, to), coming from origin node. */
static void bind_error(struct scope *s, TSNode name, enum kind kind, const char *what,
                       TSNode origin, TSNode region_from, TSNode region_to)
{
    const struct origin *o =
        origin_new(s, what, ts_node_start_byte(origin), ts_node_end_byte(origin));
    scope_bind(s, name, kind, false, ts_node_start_byte(region_from),
               ts_node_end_byte(region_to), o);
}

/* catch (e) { ... }, catch ({ message }) { ... } */
static void ts_catch(struct scope *s, TSNode clause)
{
    struct check_file *f = s->f;
    TSNode param = node_field(clause, "parameter");
    TSNode body = node_field(clause, "body");
    if (ts_node_is_null(param) || ts_node_is_null(body))
        return;
    if (node_is(param, "identifier")) {
        bind_error(s, param, KIND_ERROR, "the caught error", param, body, body);
    } else if (node_is(param, "object_pattern")) {
        uint32_t count = ts_node_named_child_count(param);
        for (uint32_t i = 0; i < count; i++) {
            TSNode p = ts_node_named_child(param, i);
            if (node_is(p, "shorthand_property_identifier_pattern") &&
                str_in(node_text(f, p), ts_leak_props)) {
                bind_error(s, p, KIND_TEXT, "the caught error", param, body, body);
                s->v[s->n - 1].leaks = prop_what(node_text(f, p), false);
            }
        }
    }
}

/* promise.catch((err) => res.status(500).json({ error: err.message })) */
static void ts_catch_callback(struct scope *s, const struct walk *w, TSNode call)
{
    /* Every call the walk stands on comes here: the cheap tests first. The function field
     * (required, always named: an expression or `import`) is the call's first child, and no
     * extra starts a node, so it is the next entry of the table. */
    const struct node_entry *v = w->t->v;
    if (w->i + 1 >= v[w->i].end)
        return;
    TSSymbol member = s->sym->member_expression;
    TSNode callee = v[w->i + 1].node;
    if (ts_node_symbol(callee) != member) {
        callee = syntax_strip(callee);
        if (ts_node_is_null(callee) || ts_node_symbol(callee) != member)
            return;
    }
    uint32_t end = ts_node_end_byte(callee); /* the property ends the member expression */
    if (end < 5 || memcmp(s->f->src->text + end - 5, "catch", 5) != 0 ||
        !node_text_eq(s->f, node_field(callee, "property"), "catch"))
        return;
    TSNode fn = syntax_arg(call, 0);
    if (!node_is(fn, "arrow_function") && !node_is(fn, "function_expression") &&
        !node_is(fn, "function"))
        return;
    TSNode param = node_field(fn, "parameter");
    if (ts_node_is_null(param)) {
        TSNode params = node_field(fn, "parameters");
        TSNode first = ts_node_named_child(params, 0);
        if (!ts_node_is_null(first))
            param = node_field(first, "pattern");
    }
    TSNode body = node_field(fn, "body");
    if (node_is(param, "identifier") && !ts_node_is_null(body))
        bind_error(s, param, KIND_ERROR, "the rejection error", param, body, body);
}

/* What a supabase-js call chain reaches: its database or storage (supabase.from('t')...,
 * .rpc(...), .storage..., .functions...), its auth API (.auth...), or neither. */
enum supabase_api { SUPABASE_NONE, SUPABASE_DATA, SUPABASE_AUTH };

static enum supabase_api supabase_chain(struct check_file *f, TSNode call)
{
    static const char *const calls[] = {"from", "rpc", NULL};
    static const char *const props[] = {"storage", "functions", NULL};
    enum supabase_api api = SUPABASE_NONE;
    TSNode n = call;
    for (;;) {
        n = syntax_strip(n);
        if (node_is(n, "call_expression")) {
            char *name = syntax_callee_name(f, n);
            if (name && str_in(name, calls))
                api = SUPABASE_DATA;
            n = syntax_callee(n);
        } else if (node_is(n, "member_expression")) {
            TSNode prop = node_field(n, "property");
            if (!ts_node_is_null(prop) && node_text_eq(f, prop, "auth"))
                return SUPABASE_AUTH;
            if (!ts_node_is_null(prop) && str_in(node_text(f, prop), props))
                api = SUPABASE_DATA;
            n = ts_node_named_child(n, 0);
        } else {
            return api;
        }
    }
}

/* const { data, error } = await supabase.from('leads').insert(row): the rest of the block. */
static void ts_result_error(struct scope *s, TSNode decl, TSNode value)
{
    struct check_file *f = s->f;
    TSNode pattern = node_field(decl, "name");
    if (!node_is(pattern, "object_pattern"))
        return;
    TSNode call = syntax_strip(ts_node_named_child(value, 0));
    if (!node_is(call, "call_expression"))
        return;
    /* validation results and supabase auth errors ("Invalid login credentials") are written
     * for the user */
    char *callee = syntax_callee_name(f, call);
    if ((callee && str_in(callee, validation_calls)) || supabase_chain(f, call) == SUPABASE_AUTH)
        return;
    TSNode name = {0};
    uint32_t count = ts_node_named_child_count(pattern);
    for (uint32_t i = 0; i < count; i++) {
        TSNode p = ts_node_named_child(pattern, i);
        if (node_is(p, "shorthand_property_identifier_pattern") && node_text_eq(f, p, "error")) {
            name = p;
        } else if (node_is(p, "pair_pattern")) {
            TSNode key = node_field(p, "key");
            TSNode val = node_field(p, "value");
            if (node_text_eq(f, key, "error") && node_is(val, "identifier"))
                name = val;
        }
    }
    TSNode stmt = ts_node_parent(decl);
    TSNode block = ts_node_parent(stmt);
    if (ts_node_is_null(name) || ts_node_is_null(block))
        return;
    const struct origin *o = origin_new(s, "the error returned with the data",
                                        ts_node_start_byte(name), ts_node_end_byte(name));
    scope_bind(s, name, KIND_ERROR, false, ts_node_end_byte(stmt), ts_node_end_byte(block), o);
}

/* const result = await supabase.from('leads').select(): result.error, the rest of the block. */
static void ts_result(struct scope *s, TSNode decl, TSNode value)
{
    TSNode name = node_field(decl, "name");
    if (!node_is(name, "identifier"))
        return;
    TSNode call = syntax_strip(ts_node_named_child(value, 0));
    if (!node_is(call, "call_expression") || supabase_chain(s->f, call) != SUPABASE_DATA)
        return;
    TSNode stmt = ts_node_parent(decl);
    TSNode block = ts_node_parent(stmt);
    if (ts_node_is_null(block))
        return;
    const struct origin *o = origin_new(s, "the error of the supabase result",
                                        ts_node_start_byte(name), ts_node_end_byte(name));
    scope_bind(s, name, KIND_RESULT, false, ts_node_end_byte(stmt), ts_node_end_byte(block), o);
}

/* except Exception as e: ... (and a marker for traceback.format_exc(), named or not) */
static void py_except(struct scope *s, TSNode clause)
{
    TSNode body = {0}, id = {0};
    uint32_t count = ts_node_named_child_count(clause);
    for (uint32_t i = 0; i < count; i++) {
        TSNode c = ts_node_named_child(clause, i);
        if (node_is(c, "as_pattern")) {
            TSNode target = node_field(c, "alias");
            TSNode t = ts_node_named_child(target, 0);
            if (node_is(t, "identifier"))
                id = t;
        } else if (node_is(c, "block")) {
            body = c;
        }
    }
    if (ts_node_is_null(body))
        return;
    uint32_t start = ts_node_start_byte(clause);
    const struct origin *o = ts_node_is_null(id)
        ? origin_new(s, "the caught exception", start, start + 6) /* the `except` keyword */
        : origin_new(s, "the caught exception", ts_node_start_byte(id), ts_node_end_byte(id));
    *scope_push(s) = (struct bound){.kind = KIND_TEXT, .start = o->start, .end = o->end,
                                    .from = ts_node_start_byte(body),
                                    .to = ts_node_end_byte(body), .origin = o};
    if (!ts_node_is_null(id))
        scope_bind(s, id, KIND_ERROR, false, ts_node_start_byte(body), ts_node_end_byte(body),
                   o);
}

/* The table index of child, a named child of the node at index i, or NODE_NONE. */
static uint32_t child_index(const struct node_table *t, uint32_t i, TSNode child)
{
    for (uint32_t j = i + 1; !ts_node_is_null(child) && j < t->v[i].end; j = t->v[j].end)
        if (ts_node_eq(t->v[j].node, child))
            return j;
    return NODE_NONE;
}

/* A function's parameter list, looked up once for the helpers below; its parameters are
 * found in the file's node table (nodes.h) rather than by ts_node_named_child's scans. */
struct params {
    const struct node_table *t;
    TSNode list;    /* the parameters field, or a null node (TS `x => ...`) */
    uint32_t at;    /* its index in t, or NODE_NONE */
    uint32_t count; /* its named children */
};

/* The parameters of the function at index fn of the table. */
static struct params params_of(const struct node_table *t, uint32_t fn)
{
    struct params ps = {.t = t, .at = NODE_NONE};
    if (fn == NODE_NONE)
        return ps;
    ps.list = node_field(t->v[fn].node, "parameters");
    ps.at = child_index(t, fn, ps.list);
    if (ps.at != NODE_NONE)
        ps.count = ts_node_named_child_count(ps.list);
    return ps;
}

/* The name of the i-th parameter (TS required/optional parameter, Python plain or typed
 * parameter), or a null node. */
static TSNode param_name(const struct leak_syms *y, const struct params *ps, uint32_t i)
{
    if (i >= ps->count)
        return (TSNode){0};
    const struct node_entry *v = ps->t->v;
    uint32_t j = ps->at + 1, end = v[ps->at].end;
    for (uint32_t k = 0; k < i && j < end; k++)
        j = v[j].end;
    if (j >= end)
        return (TSNode){0};
    TSNode p = v[j].node;
    TSSymbol t = ts_node_symbol(p);
    if (t == y->required_parameter || t == y->optional_parameter)
        p = node_field(p, "pattern");
    else if (t == y->typed_parameter) /* the name is its first named child */
        p = j + 1 < v[j].end ? v[j + 1].node : (TSNode){0};
    return !ts_node_is_null(p) && ts_node_symbol(p) == y->identifier ? p : (TSNode){0};
}

/* true when the node's text is one of the NULL-terminated list (without copying it). */
static bool text_in(const struct check_file *f, TSNode n, const char *const *list)
{
    for (; *list; list++)
        if (node_text_eq(f, n, *list))
            return true;
    return false;
}

/* Express error middleware: (err, req, res, next) => res.status(500).json(...) */
static void ts_error_middleware(struct scope *s, TSNode fn, const struct params *ps)
{
    if (ps->count != 4)
        return;
    TSNode err = param_name(s->sym, ps, 0);
    TSNode res = param_name(s->sym, ps, 2);
    if (ts_node_is_null(err) || ts_node_is_null(res) || !response_object_name(s->f, res))
        return;
    TSNode body = node_field(fn, "body");
    if (!ts_node_is_null(body))
        bind_error(s, err, KIND_ERROR, "the error given to the error middleware", err, body,
                   body);
}

/* FastAPI/Starlette @app.exception_handler(Exception) async def h(request, exc): ...,
 * Flask @app.errorhandler(500) def h(error): ... */
static void py_exception_handler(struct scope *s, const struct walk *w, TSNode dd)
{
    TSNode fn = node_field(dd, "definition");
    if (!node_is(fn, "function_definition"))
        return;
    bool handler = false;
    uint32_t count = ts_node_named_child_count(dd);
    for (uint32_t i = 0; i < count && !handler; i++) {
        TSNode d = ts_node_named_child(dd, i);
        TSNode call = ts_node_named_child(d, 0);
        char *name = node_is(d, "decorator") && node_is(call, "call")
                         ? syntax_callee_name(s->f, call) : NULL;
        handler = name && (strcmp(name, "exception_handler") == 0 ||
                           strcmp(name, "errorhandler") == 0);
    }
    if (!handler)
        return;
    struct params ps = params_of(w->t, child_index(w->t, w->i, fn));
    TSNode exc = param_name(s->sym, &ps, ps.count == 1 ? 0 : 1);
    TSNode body = node_field(fn, "body");
    if (!ts_node_is_null(exc) && !ts_node_is_null(body))
        bind_error(s, exc, KIND_ERROR, "the exception given to the handler", exc, body, body);
}

/* Parameter names and types that say "this is an error" in a function of its own. */
static const char *const error_param_names[] = {"error", "err", "e", "ex", "exc", "exception",
                                                NULL};
static const char *const error_param_types[] = {"unknown", "any", "Error", "Exception",
                                                "BaseException", NULL};

/* The type written for parameter i (`error: unknown`, `exc: Exception`), or NULL. */
static char *param_type(struct check_file *f, const struct params *ps, uint32_t i)
{
    TSNode p = ts_node_is_null(ps->list) ? ps->list : ts_node_named_child(ps->list, i);
    TSNode type = ts_node_is_null(p) ? p : node_field(p, "type");
    if (node_is(type, "type_annotation") || node_is(type, "type"))
        type = ts_node_named_child(type, 0);
    return ts_node_is_null(type) ? NULL : node_text(f, type);
}

/* A central error helper: handleApiError(error: unknown), error_response(exc: Exception),
 * function onError(err) { ... }: its error parameter, in its body. */
static void error_helper(struct scope *s, struct walk *w, TSNode fn, const struct params *ps)
{
    struct check_file *f = s->f;
    uint32_t i = 0;
    TSNode p = param_name(s->sym, ps, 0);
    if (s->py && !ts_node_is_null(p) && (node_text_eq(f, p, "self") || node_text_eq(f, p, "cls")))
        p = param_name(s->sym, ps, ++i);
    if (ts_node_is_null(p) || !text_in(f, p, error_param_names))
        return;
    TSNode body = node_field(fn, "body");
    if (ts_node_is_null(body))
        return;
    uint32_t parent = w->t->v[w->i].parent;
    char *name = syntax_function_name_at(f, fn, parent == NODE_NONE || parent < w->root
                                                    ? (TSNode){0}
                                                    : w->t->v[parent].node);
    char *type = param_type(f, ps, i);
    bool named = name && (str_icontains(name, "error") || str_icontains(name, "exception") ||
                          str_icontains(name, "fail"));
    if (!named && !(type && str_in(type, error_param_types)))
        return;
    const char *what = name ? arena_printf(f->arena, "the error given to '%s'", name)
                            : "the error parameter";
    bind_error(s, p, KIND_ERROR, what, p, body, body);
}

static void helper_params(struct scope *s, struct walk *w, TSNode fn, const struct params *ps);

/* New bindings made at node n, of kind t: where errors are caught, and copies of them. */
static void scope_enter(struct scope *s, struct walk *w, TSNode n, TSSymbol t)
{
    const struct leak_syms *y = s->sym;
    if (s->py) {
        if (t == y->except_clause || t == y->except_group_clause) {
            py_except(s, n);
        } else if (t == y->function_definition) {
            struct params ps = params_of(w->t, w->i);
            if (ps.count) {
                helper_params(s, w, n, &ps);
                error_helper(s, w, n, &ps);
            }
        } else if (t == y->decorated_definition) {
            py_exception_handler(s, w, n);
        } else if (s->n && t == y->assignment) {
            bind_copy(s, n, node_field(n, "left"), node_field(n, "right"));
        }
        return;
    }
    if (t == y->catch_clause) {
        ts_catch(s, n);
    } else if (t == y->call_expression) {
        ts_catch_callback(s, w, n);
    } else if (t == y->variable_declarator) {
        TSNode value = node_field(n, "value");
        if (s->n)
            bind_copy(s, n, node_field(n, "name"), value);
        if (!ts_node_is_null(value) && ts_node_symbol(value) == y->await_expression) {
            ts_result_error(s, n, value);
            ts_result(s, n, value);
        }
    } else if (t == y->assignment_expression) {
        if (s->n && !node_is(node_field(n, "left"), "member_expression"))
            bind_copy(s, n, node_field(n, "left"), node_field(n, "right"));
    } else if (t == y->arrow_function || t == y->function_expression ||
               t == y->function_declaration || t == y->function || t == y->method_definition) {
        struct params ps = params_of(w->t, w->i);
        if (ps.count) {
            helper_params(s, w, n, &ps);
            ts_error_middleware(s, n, &ps);
            error_helper(s, w, n, &ps);
        }
    }
}

static bool is_function_symbol(const struct leak_syms *y, TSSymbol t)
{
    return t && (t == y->arrow_function || t == y->function_expression ||
                 t == y->function_declaration || t == y->function ||
                 t == y->method_definition || t == y->generator_function_declaration ||
                 t == y->generator_function || t == y->function_definition || t == y->lambda);
}

/* Helpers that build the response ---------------------------------------------------------
 *
 * function fail(message) { return NextResponse.json({ error: message }, { status: 500 }) }
 * called as `return fail(e.message)` leaks e.message. The parameters of every top-level
 * function that may build a response are watched like errors (origin.param); a payload they
 * reach is noted as a helper sink instead of reported. Calls by name with an error's text
 * in an argument are noted too, and matched with those sinks after the walk: a response the
 * helper returns leaks when the caller returns it as well (built and dropped it sends
 * nothing), one it sends (res.json, HTTPException) whenever it is called. */

static TSNode table_node(const struct node_table *t, uint32_t i)
{
    return i == NODE_NONE ? (TSNode){0} : t->v[i].node;
}

static uint32_t table_parent(const struct node_table *t, uint32_t i)
{
    return i == NODE_NONE ? NODE_NONE : t->v[i].parent;
}

/* The name of the function the walk stands on when it is a top-level one (a declaration, or
 * a const it is assigned to, exported or not; Python: decorated or not), else NULL. */
static char *top_level_name(struct scope *s, struct walk *w, TSNode fn)
{
    const struct node_table *t = w->t;
    uint32_t parent = t->v[w->i].parent, up = parent;
    if (node_is(table_node(t, up), "variable_declarator"))
        up = table_parent(t, table_parent(t, up)); /* the declaration, then what holds it */
    if (node_is(table_node(t, up), "export_statement") ||
        node_is(table_node(t, up), "decorated_definition"))
        up = table_parent(t, up);
    TSNode top = table_node(t, up);
    if (!node_is(top, "program") && !node_is(top, "module"))
        return NULL;
    return syntax_function_name_at(s->f, fn, table_node(t, parent));
}

/* true when the name of node n is bound at byte at already. */
static bool bound_in(struct scope *s, TSNode n, uint32_t at)
{
    for (size_t i = s->n; i-- > 0;)
        if (s->v[i].name && s->v[i].from <= at && at < s->v[i].to &&
            node_text_eq(s->f, n, s->v[i].name))
            return true;
    return false;
}

/* Watches the plain parameters of a top-level function that may build a response. */
static void helper_params(struct scope *s, struct walk *w, TSNode fn, const struct params *ps)
{
    TSNode body = node_field(fn, "body");
    if (ts_node_is_null(body))
        return;
    uint32_t a = ts_node_start_byte(body), b = ts_node_end_byte(body);
    if (!response_may_build(s->f, body))
        return;
    char *name = top_level_name(s, w, fn);
    if (!name)
        return;
    for (uint32_t i = 0; i < ps->count && i < 8; i++) {
        TSNode p = param_name(s->sym, ps, i);
        if (ts_node_is_null(p) || bound_in(s, p, a))
            continue; /* an exception handler's error (bound at its decorator) */
        struct origin *o = (struct origin *)origin_new(
            s, arena_printf(s->f->arena, "parameter '%s' of %s()", node_text(s->f, p), name),
            ts_node_start_byte(p), ts_node_end_byte(p));
        o->param = (int)i;
        o->helper = name;
        scope_bind(s, p, KIND_TEXT, false, a, b, o);
    }
}

/* A payload of sink k that a watched parameter reaches: what the helper does with it. */
static void helper_sink_note(struct scope *s, const struct response *k, const struct leak *l)
{
    const struct origin *o = l->via->origin;
    for (size_t i = 0; i < s->helper_sinks.n; i++)
        if (s->helper_sinks.v[i].param == o->param &&
            strcmp(s->helper_sinks.v[i].helper, o->helper) == 0)
            return;
    VEC_PUSH(s->helper_sinks, ((struct helper_sink){o->helper, o->param, k->returns, k->what,
                                                    ts_node_start_byte(l->node),
                                                    ts_node_end_byte(l->node)}));
}

/* true when the value of the call at the walk's node is returned: `return fail(e)`,
 * `return await fail(e)`, an arrow's body. */
static bool call_returned(const struct walk *w)
{
    const struct node_table *t = w->t;
    uint32_t up = t->v[w->i].parent;
    for (int guard = 0; guard < 8 && up != NODE_NONE; guard++) {
        TSNode n = t->v[up].node;
        if (node_is(n, "await_expression") || node_is(n, "await") ||
            node_is(n, "parenthesized_expression")) {
            up = t->v[up].parent;
            continue;
        }
        return node_is(n, "return_statement") || node_is(n, "arrow_function");
    }
    return false;
}

/* A call by name with an error's text among its positional arguments. */
static void helper_call_note(struct scope *s, struct walk *w, TSNode call)
{
    TSNode callee = syntax_strip(syntax_callee(call));
    TSNode args = node_field(call, "arguments");
    if (!node_is(callee, "identifier") || ts_node_is_null(args) || node_has_error(args))
        return;
    uint32_t count = ts_node_named_child_count(args);
    int pos = 0;
    for (uint32_t i = 0; i < count && pos < 8; i++) {
        TSNode a = ts_node_named_child(args, i);
        if (node_is(a, "comment"))
            continue;
        if (node_is(a, "keyword_argument") || node_is(a, "dictionary_splat") ||
            node_is(a, "list_splat") || node_is(a, "spread_element"))
            break; /* not matched to parameters */
        struct leak l = expr_leak(s, a);
        if (!ts_node_is_null(l.node) && l.via->origin->param < 0) {
            struct helper_call c = {
                .callee = node_text(s->f, callee), .arg = pos, .returned = call_returned(w),
                .start = ts_node_start_byte(l.node), .end = ts_node_end_byte(l.node),
                .text = syntax_short_text(s->f, l.node), .what = l.what, .origin = l.via->origin,
                .alias = l.via->alias ? l.via->name : NULL, .alias_start = l.via->start,
                .alias_end = l.via->end};
            VEC_PUSH(s->helper_calls, c);
        }
        pos++;
    }
}

/* The calls noted whose callee sends what they pass: reported at the argument. */
static void helper_calls_report(struct scope *s)
{
    for (size_t i = 0; i < s->helper_calls.n; i++) {
        const struct helper_call *c = &s->helper_calls.v[i];
        for (size_t j = 0; j < s->helper_sinks.n; j++) {
            const struct helper_sink *h = &s->helper_sinks.v[j];
            if (h->param != c->arg || strcmp(h->helper, c->callee) != 0 ||
                (h->returns && !c->returned))
                continue;
            struct finding *fd = check_report_range(
                s->f, c->start, c->end,
                "'%s' (%s, from %s) reaches the client through %s(), which puts it in %s: log "
                "the error server-side and send a generic message with an error id",
                c->text, c->what ? c->what : "the error's text", c->origin->what, c->callee,
                h->what);
            finding_step(fd, c->origin->start, c->origin->end, "%s", c->origin->what);
            if (c->alias)
                finding_step(fd, c->alias_start, c->alias_end, "copied into '%s'", c->alias);
            finding_step(fd, c->start, c->end, "passed to %s()", c->callee);
            finding_step(fd, h->start, h->end, "sent to the client through %s", h->what);
            finding_related(fd, h->start, h->end, "%s() puts its argument in %s here",
                            c->callee, h->what);
            break;
        }
    }
}

/* A response at node n whose payload holds an error in scope is reported. */
static void leak_at(struct scope *s, TSNode n, TSSymbol t)
{
    struct response k;
    uint32_t fn = enclosing_fn(s);
    if (!response_at(s->f, n, t, fn == NODE_NONE ? (TSNode){0} : s->f->nodes->v[fn].node, &k))
        return;
    for (size_t i = 0; i < k.n; i++) {
        if (node_has_error(k.payload[i]))
            continue;
        struct leak l = expr_leak(s, k.payload[i]);
        if (!ts_node_is_null(l.node)) {
            if (l.via->origin->param >= 0)
                helper_sink_note(s, &k, &l);
            else
                report(s, &k, l);
            return;
        }
    }
}

static void leak_file(struct check_file *f)
{
    const struct leak_state *st = f->state;
    struct scope s = {0};
    s.f = f;
    s.sym = &st->sym[f->lang];
    s.py = f->lang == LANG_PYTHON;
    bool broken = ts_node_has_error(f->root); /* else no node is ERROR or MISSING */
    struct walk w;
    walk_init(&w, f, f->root);
    for (TSNode n; walk_next(&w, &n);) {
        if (broken && (ts_node_is_error(n) || ts_node_is_missing(n))) {
            walk_skip(&w);
            continue;
        }
        /* bindings whose region is behind us are gone for good, and so are functions */
        uint32_t at = ts_node_start_byte(n);
        while (s.n && s.v[s.n - 1].to <= at)
            s.n--;
        while (s.fns.n && w.t->v[s.fns.v[s.fns.n - 1]].end <= w.i)
            s.fns.n--;
        TSSymbol t = walk_symbol(&w);
        scope_enter(&s, &w, n, t);
        if (s.n)
            leak_at(&s, n, t); /* else no error in sight: nothing can leak here */
        if (s.n && (t == s.sym->call_expression || t == s.sym->call))
            helper_call_note(&s, &w, n);
        /* a function encloses what comes after it, not itself */
        if (is_function_symbol(s.sym, t))
            VEC_PUSH(s.fns, w.i);
    }
    helper_calls_report(&s);
    VEC_FREE(s.fns);
    VEC_FREE(s.helper_sinks);
    VEC_FREE(s.helper_calls);
}

static void *leak_init(const struct check_options *opts, char **err)
{
    (void)opts;
    (void)err;
    struct leak_state *st = xcalloc(1, sizeof(*st));
    for (int l = 0; l < LANG_COUNT; l++) {
        const TSLanguage *g = lang_grammar((enum lang)l);
        st->sym[l] = (struct leak_syms){
            .catch_clause = node_symbol(g, "catch_clause"),
            .call_expression = node_symbol(g, "call_expression"),
            .new_expression = node_symbol(g, "new_expression"),
            .variable_declarator = node_symbol(g, "variable_declarator"),
            .assignment_expression = node_symbol(g, "assignment_expression"),
            .return_statement = node_symbol(g, "return_statement"),
            .arrow_function = node_symbol(g, "arrow_function"),
            .function_expression = node_symbol(g, "function_expression"),
            .function_declaration = node_symbol(g, "function_declaration"),
            .function = node_symbol(g, "function"),
            .method_definition = node_symbol(g, "method_definition"),
            .generator_function_declaration = node_symbol(g, "generator_function_declaration"),
            .generator_function = node_symbol(g, "generator_function"),
            .lambda = node_symbol(g, "lambda"),
            .member_expression = node_symbol(g, "member_expression"),
            .await_expression = node_symbol(g, "await_expression"),
            .except_clause = node_symbol(g, "except_clause"),
            .except_group_clause = node_symbol(g, "except_group_clause"),
            .function_definition = node_symbol(g, "function_definition"),
            .decorated_definition = node_symbol(g, "decorated_definition"),
            .assignment = node_symbol(g, "assignment"),
            .call = node_symbol(g, "call"),
            .required_parameter = node_symbol(g, "required_parameter"),
            .optional_parameter = node_symbol(g, "optional_parameter"),
            .typed_parameter = node_symbol(g, "typed_parameter"),
            .identifier = node_symbol(g, "identifier"),
        };
    }
    return st;
}

static void leak_fini(void *state)
{
    free(state);
}

static const struct file_model *const leak_models[] = {&entry_model, NULL};
static const char *const leak_tags[] = {"security", "external/cwe/cwe-209", NULL};

const struct check check_security_error_message_leak = {
    .id = "security-error-message-leak",
    .title = "Error message, stack or object sent to the client",
    .level = LEVEL_WARNING,
    .langs = LANGS_JS_TS | LANG_BIT(LANG_PYTHON),
    .tags = leak_tags,
    .security_severity = "5.3",
    .precision = "high",
    .init = leak_init,
    .fini = leak_fini,
    .models = leak_models,
    .file = leak_file,
};
