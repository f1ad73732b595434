/* security_error_message_leak.c — a caught error, or the error a supabase-style call returned
 * next to its data, whose message, stack or whole object reaches an HTTP response (CWE-209).
 *
 * Syntactic and local on purpose: the error's name and the names copied from it are followed
 * in source order through one catch/except block (or through the rest of the block after
 * `const { data, error } = await ...`); a sink whose payload holds one of them is reported once.
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "syntax.h"

/* Properties whose text is internal detail; the rest (code, status, userMessage, issues) are
 * the ones an application builds for its callers. */
static const char *const ts_leak_props[] = {"message", "stack", "details", "hint", "cause", NULL};
static const char *const py_leak_props[] = {"args", "message", "details", "hint", "pgerror",
                                            "diag", "__cause__", "__context__", "__traceback__",
                                            "original_exception", NULL};
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
/* The usual names of the response object in Express, Fastify, Hono and Koa handlers. */
static const char *const res_names[] = {"res", "resp", "response", "reply", "c", "ctx",
                                        "context", NULL};
/* Python response constructors and where their body goes. */
static const char *const py_body_classes[] = {"JSONResponse", "ORJSONResponse", "UJSONResponse",
                                              "PlainTextResponse", "HTMLResponse", "Response",
                                              NULL};
static const char *const py_route_methods[] = {"get", "post", "put", "patch", "delete", "head",
                                               "options", "route", "api_route", "websocket",
                                               NULL};
/* Calls returning { data, error } where error is a validation result meant for the client. */
static const char *const validation_calls[] = {"safeParse", "safeParseAsync", "spa", "validate",
                                               NULL};

enum kind {
    KIND_ERROR, /* the error object itself, or an alias of it */
    KIND_TEXT,  /* a value built from its text */
};

struct bound {
    const char *name;
    enum kind kind;
    uint32_t start, end; /* where it was bound */
    bool alias;          /* bound by a copy in the block, not by the catch itself */
};

/* The names tainted by one error, in one region. Arena-allocated. */
struct scope {
    struct check_file *f;
    bool py;
    struct bound *v;
    size_t n, cap;
    const char *what;    /* "the caught error" */
    uint32_t start, end; /* the origin: the catch parameter or the destructuring */
};

/* Per file: sinks already reported, so nested regions do not report twice. */
struct seen {
    uint32_t *v;
    size_t n, cap;
};

static void scope_bind(struct scope *s, TSNode name, enum kind kind, bool alias)
{
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 8;
        struct bound *v = arena_alloc(s->f->arena, cap * sizeof(*v));
        if (s->n)
            memcpy(v, s->v, s->n * sizeof(*v));
        s->v = v;
        s->cap = cap;
    }
    s->v[s->n++] = (struct bound){node_text(s->f, name), kind, ts_node_start_byte(name),
                                  ts_node_end_byte(name), alias};
}

/* The latest binding of the name node, or NULL. */
static struct bound *scope_find(struct scope *s, TSNode name)
{
    for (size_t i = s->n; i-- > 0;)
        if (node_text_eq(s->f, name, s->v[i].name))
            return &s->v[i];
    return NULL;
}

static bool is_name(TSNode n)
{
    return node_is(n, "identifier") || node_is(n, "shorthand_property_identifier");
}

/* The KIND_ERROR binding n (stripped) names, or NULL. */
static struct bound *error_ref(struct scope *s, TSNode n)
{
    n = syntax_strip(n);
    if (!is_name(n))
        return NULL;
    struct bound *b = scope_find(s, n);
    return b && b->kind == KIND_ERROR ? b : NULL;
}

static const char *binary_operator(struct check_file *f, TSNode n)
{
    TSNode op = ts_node_child_by_field_name(n, "operator", 8);
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
};

/* A property access on the error: leaks when the property is internal detail, else goes on
 * with the object (text of the error's text still is its text: e.message.trim()). */
static void leak_member(struct scope *s, TSNode n, TSNode obj, TSNode prop, struct leak *out,
                        struct node_stack *stack)
{
    struct bound *b = error_ref(s, obj);
    if (b) {
        if (str_in(node_text(s->f, prop), s->py ? py_leak_props : ts_leak_props)) {
            out->node = n;
            out->via = b;
        }
        return;
    }
    VEC_PUSH(*stack, obj);
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
        out->node = n; /* traceback.format_exc(): the stack trace itself */
        return;
    }
    bool member = node_is(callee, "member_expression") || node_is(callee, "attribute");
    TSNode args = ts_node_child_by_field_name(n, "arguments", 9);
    bool converts = str_in(name, s->py ? py_to_text : ts_to_text) ||
                    str_icontains(name, "message") || str_icontains(name, "tostring");
    if (member) {
        TSNode recv = syntax_strip(ts_node_named_child(callee, 0));
        struct bound *b = error_ref(s, recv);
        if (b) {
            if (str_in(name, text_methods)) {
                out->node = n;
                out->via = b;
            }
            return; /* e.flatten(), e.errors(): built for the client */
        }
        /* "...{}".format(e) and JSON.stringify(e) pass their arguments on */
        if (converts && !ts_node_is_null(args)) {
            uint32_t count = ts_node_named_child_count(args);
            for (uint32_t i = 0; i < count; i++)
                VEC_PUSH(*stack, ts_node_named_child(args, i));
        }
        if (!str_in(name, question_methods))
            VEC_PUSH(*stack, recv);
        return;
    }
    if (converts && !ts_node_is_null(args)) {
        uint32_t count = ts_node_named_child_count(args);
        for (uint32_t i = 0; i < count; i++)
            VEC_PUSH(*stack, ts_node_named_child(args, i));
    }
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
            if (b) {
                out.node = n;
                out.via = b;
            }
        } else if (strcmp(t, "member_expression") == 0 || strcmp(t, "attribute") == 0) {
            TSNode prop = ts_node_child_by_field_name(n, s->py ? "attribute" : "property",
                                                      s->py ? 9 : 8);
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
                VEC_PUSH(stack, ts_node_child_by_field_name(n, "right", 5));
                VEC_PUSH(stack, ts_node_child_by_field_name(n, "left", 4));
            }
        } else if (strcmp(t, "boolean_operator") == 0) {
            VEC_PUSH(stack, ts_node_child_by_field_name(n, "right", 5));
            VEC_PUSH(stack, ts_node_child_by_field_name(n, "left", 4));
        } else if (strcmp(t, "ternary_expression") == 0) {
            VEC_PUSH(stack, ts_node_child_by_field_name(n, "alternative", 11));
            VEC_PUSH(stack, ts_node_child_by_field_name(n, "consequence", 11));
        } else if (strcmp(t, "conditional_expression") == 0) {
            /* Python: a if cond else b, the condition in the middle */
            if (count == 3) {
                VEC_PUSH(stack, ts_node_named_child(n, 2));
                VEC_PUSH(stack, ts_node_named_child(n, 0));
            }
        } else if (strcmp(t, "pair") == 0 || strcmp(t, "keyword_argument") == 0) {
            VEC_PUSH(stack, ts_node_child_by_field_name(n, "value", 5));
        } else if (strcmp(t, "interpolation") == 0) {
            VEC_PUSH(stack, ts_node_child_by_field_name(n, "expression", 10));
        } else if (strcmp(t, "template_substitution") == 0 || strcmp(t, "template_string") == 0 ||
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

/* Records what a declaration or assignment copies from the error. */
static void bind_copy(struct scope *s, TSNode left, TSNode right)
{
    if (ts_node_is_null(left) || ts_node_is_null(right))
        return;
    struct check_file *f = s->f;
    TSNode value = syntax_strip(right);
    if (node_is(left, "identifier")) {
        /* const err = e as Error; const err = e instanceof Error ? e : new Error(String(e)) */
        bool error = error_ref(s, value) != NULL;
        if (!error && node_is(value, "ternary_expression"))
            error = error_ref(s, ts_node_child_by_field_name(value, "consequence", 11)) ||
                    error_ref(s, ts_node_child_by_field_name(value, "alternative", 11));
        if (error)
            scope_bind(s, left, KIND_ERROR, true);
        else if (!ts_node_is_null(expr_leak(s, right).node))
            scope_bind(s, left, KIND_TEXT, true);
        return;
    }
    if (node_is(left, "object_pattern") && error_ref(s, value)) {
        /* const { message, stack: trace } = err */
        uint32_t count = ts_node_named_child_count(left);
        for (uint32_t i = 0; i < count; i++) {
            TSNode p = ts_node_named_child(left, i);
            if (node_is(p, "shorthand_property_identifier_pattern")) {
                if (str_in(node_text(f, p), ts_leak_props))
                    scope_bind(s, p, KIND_TEXT, true);
            } else if (node_is(p, "pair_pattern")) {
                TSNode key = ts_node_child_by_field_name(p, "key", 3);
                TSNode val = ts_node_child_by_field_name(p, "value", 5);
                if (node_is(val, "identifier") && str_in(node_text(f, key), ts_leak_props))
                    scope_bind(s, val, KIND_TEXT, true);
            }
        }
    }
}

/* One-line, bounded text of a node for messages. */
static const char *short_text(struct check_file *f, TSNode n)
{
    char *t = node_text(f, n);
    size_t len = strcspn(t, "\r\n");
    if (len > 40) {
        len = 37;
        t[len++] = '.';
        t[len++] = '.';
        t[len++] = '.';
    }
    t[len] = '\0';
    return t;
}

/* The Python function a node is in, when it is a route (@app.get, @router.post, @bp.route). */
static bool py_in_route(struct check_file *f, TSNode n)
{
    TSNode fn = ts_node_parent(n);
    while (!ts_node_is_null(fn) && !syntax_is_function(fn))
        fn = ts_node_parent(fn);
    if (!node_is(fn, "function_definition"))
        return false;
    TSNode dd = ts_node_parent(fn);
    if (!node_is(dd, "decorated_definition"))
        return false;
    uint32_t count = ts_node_named_child_count(dd);
    for (uint32_t i = 0; i < count; i++) {
        TSNode d = ts_node_named_child(dd, i);
        if (!node_is(d, "decorator"))
            continue;
        TSNode call = ts_node_named_child(d, 0);
        if (!node_is(call, "call"))
            continue;
        TSNode callee = syntax_callee(call);
        char *name = syntax_callee_name(f, call);
        if (node_is(callee, "attribute") && name && str_in(name, py_route_methods))
            return true;
    }
    return false;
}

struct sink {
    TSNode payload[8];
    size_t n;
    const char *what;
};

static void sink_add(struct sink *k, TSNode n)
{
    if (!ts_node_is_null(n) && k->n < ARRAY_SIZE(k->payload))
        k->payload[k->n++] = n;
}

/* NextResponse.json(body), Response.json(body), new Response(body), res.status(500).json(body),
 * res.send(body), c.json(body). */
static bool ts_sink(struct check_file *f, TSNode n, struct sink *k)
{
    if (node_is(n, "new_expression")) {
        TSNode ctor = syntax_callee(n);
        if (node_text_eq(f, ctor, "Response") || node_text_eq(f, ctor, "NextResponse")) {
            sink_add(k, syntax_arg(n, 0));
            k->what = node_is(ctor, "identifier") && node_text_eq(f, ctor, "Response")
                          ? "new Response" : "new NextResponse";
        }
        return k->n > 0;
    }
    if (!node_is(n, "call_expression"))
        return false;
    TSNode callee = syntax_strip(syntax_callee(n));
    if (!node_is(callee, "member_expression"))
        return false;
    char *method = syntax_callee_name(f, n);
    TSNode obj = syntax_strip(ts_node_named_child(callee, 0));
    if (!method)
        return false;
    if (strcmp(method, "json") == 0 &&
        (node_text_eq(f, obj, "NextResponse") || node_text_eq(f, obj, "Response"))) {
        sink_add(k, syntax_arg(n, 0));
        k->what = node_text_eq(f, obj, "Response") ? "Response.json" : "NextResponse.json";
        return k->n > 0;
    }
    if (strcmp(method, "json") == 0 || strcmp(method, "send") == 0 ||
        strcmp(method, "end") == 0 || strcmp(method, "text") == 0) {
        TSNode root = syntax_chain_root(obj);
        if (!ts_node_is_null(root) && str_in(node_text(f, root), res_names)) {
            sink_add(k, syntax_arg(n, 0));
            k->what = short_text(f, callee);
        }
    }
    return k->n > 0;
}

/* HTTPException(detail=...), JSONResponse(content=...), jsonify(...), abort(code, msg),
 * `return body, 500` and what a route function returns. */
static bool py_sink(struct check_file *f, TSNode n, struct sink *k)
{
    if (node_is(n, "return_statement")) {
        TSNode value = ts_node_named_child(n, 0);
        if (ts_node_is_null(value))
            return false;
        if (node_is(value, "expression_list") && ts_node_named_child_count(value) >= 2 &&
            node_is(ts_node_named_child(value, 1), "integer")) {
            sink_add(k, ts_node_named_child(value, 0));
            k->what = "the (body, status) response";
        } else if (py_in_route(f, n)) {
            sink_add(k, value);
            k->what = "the route's response";
        }
        return k->n > 0;
    }
    if (!node_is(n, "call"))
        return false;
    char *name = syntax_callee_name(f, n);
    if (!name)
        return false;
    if (strcmp(name, "HTTPException") == 0 || strcmp(name, "StarletteHTTPException") == 0) {
        TSNode d = syntax_kwarg(f, n, "detail");
        sink_add(k, ts_node_is_null(d) ? syntax_arg(n, 1) : d);
        k->what = "HTTPException(detail=...)";
    } else if (str_in(name, py_body_classes)) {
        TSNode c = syntax_kwarg(f, n, "content");
        sink_add(k, ts_node_is_null(c) ? syntax_arg(n, 0) : c);
        k->what = name;
    } else if (strcmp(name, "jsonify") == 0) {
        TSNode args = ts_node_child_by_field_name(n, "arguments", 9);
        uint32_t count = ts_node_named_child_count(args);
        for (uint32_t i = 0; i < count; i++)
            sink_add(k, ts_node_named_child(args, i));
        k->what = "jsonify";
    } else if (strcmp(name, "make_response") == 0) {
        sink_add(k, syntax_arg(n, 0));
        k->what = "make_response";
    } else if (strcmp(name, "abort") == 0) {
        TSNode d = syntax_kwarg(f, n, "description");
        sink_add(k, ts_node_is_null(d) ? syntax_arg(n, 1) : d);
        k->what = "abort";
    }
    return k->n > 0;
}

static bool seen_add(struct check_file *f, struct seen *seen, uint32_t at)
{
    for (size_t i = 0; i < seen->n; i++)
        if (seen->v[i] == at)
            return false;
    if (seen->n == seen->cap) {
        size_t cap = seen->cap ? seen->cap * 2 : 16;
        uint32_t *v = arena_alloc(f->arena, cap * sizeof(*v));
        if (seen->n)
            memcpy(v, seen->v, seen->n * sizeof(*v));
        seen->v = v;
        seen->cap = cap;
    }
    seen->v[seen->n++] = at;
    return true;
}

static void report(struct scope *s, struct seen *seen, TSNode sink, const struct sink *k,
                   struct leak l)
{
    struct check_file *f = s->f;
    if (!seen_add(f, seen, ts_node_start_byte(sink)))
        return;
    struct finding *fd = check_report(
        f, l.node,
        "'%s' (from %s) reaches the client through %s: log the error server-side and "
        "send a generic message with an error id",
        short_text(f, l.node), s->what, k->what);
    if (s->end > s->start)
        finding_step(fd, s->start, s->end, "%s", s->what);
    if (l.via && l.via->alias)
        finding_step(fd, l.via->start, l.via->end, "copied into '%s'", l.via->name);
    finding_step(fd, ts_node_start_byte(l.node), ts_node_end_byte(l.node), "sent to the client");
}

/* Follows the scope's names through the named nodes [first, last] of a region. */
static void scope_run(struct scope *s, struct seen *seen, TSNode region, bool siblings_after)
{
    struct check_file *f = s->f;
    TSNode n = region;
    while (!ts_node_is_null(n)) {
        struct walk w;
        walk_init(&w, n);
        for (TSNode m; walk_next(&w, &m);) {
            if (ts_node_is_error(m) || ts_node_is_missing(m)) {
                walk_skip(&w);
                continue;
            }
            const char *t = ts_node_type(m);
            if (strcmp(t, "variable_declarator") == 0)
                bind_copy(s, ts_node_child_by_field_name(m, "name", 4),
                          ts_node_child_by_field_name(m, "value", 5));
            else if (strcmp(t, "assignment_expression") == 0 || strcmp(t, "assignment") == 0)
                bind_copy(s, ts_node_child_by_field_name(m, "left", 4),
                          ts_node_child_by_field_name(m, "right", 5));
            struct sink k = {.n = 0};
            if (s->py ? py_sink(f, m, &k) : ts_sink(f, m, &k)) {
                for (size_t i = 0; i < k.n; i++) {
                    if (node_has_error(k.payload[i]))
                        continue;
                    struct leak l = expr_leak(s, k.payload[i]);
                    if (!ts_node_is_null(l.node)) {
                        report(s, seen, m, &k, l);
                        break;
                    }
                }
            }
        }
        walk_release(&w);
        n = siblings_after ? ts_node_next_named_sibling(n) : (TSNode){0};
    }
}

static void scope_init(struct scope *s, struct check_file *f, const char *what, TSNode origin)
{
    memset(s, 0, sizeof(*s));
    s->f = f;
    s->py = f->lang == LANG_PYTHON;
    s->what = what;
    s->start = ts_node_start_byte(origin);
    s->end = ts_node_end_byte(origin);
}

/* catch (e) { ... }, catch ({ message }) { ... } */
static void ts_catch(struct check_file *f, struct seen *seen, TSNode clause)
{
    TSNode param = ts_node_child_by_field_name(clause, "parameter", 9);
    TSNode body = ts_node_child_by_field_name(clause, "body", 4);
    if (ts_node_is_null(param) || ts_node_is_null(body))
        return;
    struct scope s;
    scope_init(&s, f, "the caught error", param);
    if (node_is(param, "identifier")) {
        scope_bind(&s, param, KIND_ERROR, false);
    } else if (node_is(param, "object_pattern")) {
        uint32_t count = ts_node_named_child_count(param);
        for (uint32_t i = 0; i < count; i++) {
            TSNode p = ts_node_named_child(param, i);
            if (node_is(p, "shorthand_property_identifier_pattern") &&
                str_in(node_text(f, p), ts_leak_props))
                scope_bind(&s, p, KIND_TEXT, false);
        }
    }
    if (s.n)
        scope_run(&s, seen, body, false);
}

/* promise.catch((err) => res.status(500).json({ error: err.message })) */
static void ts_catch_callback(struct check_file *f, struct seen *seen, TSNode call)
{
    char *name = syntax_callee_name(f, call);
    if (!name || strcmp(name, "catch") != 0 ||
        !node_is(syntax_strip(syntax_callee(call)), "member_expression"))
        return;
    TSNode fn = syntax_arg(call, 0);
    if (!node_is(fn, "arrow_function") && !node_is(fn, "function_expression") &&
        !node_is(fn, "function"))
        return;
    TSNode param = ts_node_child_by_field_name(fn, "parameter", 9);
    if (ts_node_is_null(param)) {
        TSNode params = ts_node_child_by_field_name(fn, "parameters", 10);
        TSNode first = ts_node_named_child(params, 0);
        if (!ts_node_is_null(first))
            param = ts_node_child_by_field_name(first, "pattern", 7);
    }
    TSNode body = ts_node_child_by_field_name(fn, "body", 4);
    if (!node_is(param, "identifier") || ts_node_is_null(body))
        return;
    struct scope s;
    scope_init(&s, f, "the rejection error", param);
    scope_bind(&s, param, KIND_ERROR, false);
    scope_run(&s, seen, body, false);
}

/* const { data, error } = await supabase.from('leads').insert(row): the rest of the block. */
static void ts_result_error(struct check_file *f, struct seen *seen, TSNode decl)
{
    TSNode pattern = ts_node_child_by_field_name(decl, "name", 4);
    TSNode value = ts_node_child_by_field_name(decl, "value", 5);
    if (!node_is(pattern, "object_pattern") || !node_is(value, "await_expression"))
        return;
    TSNode call = syntax_strip(ts_node_named_child(value, 0));
    if (!node_is(call, "call_expression"))
        return;
    char *callee = syntax_callee_name(f, call);
    if (callee && str_in(callee, validation_calls))
        return;
    TSNode name = {0};
    uint32_t count = ts_node_named_child_count(pattern);
    for (uint32_t i = 0; i < count; i++) {
        TSNode p = ts_node_named_child(pattern, i);
        if (node_is(p, "shorthand_property_identifier_pattern") && node_text_eq(f, p, "error")) {
            name = p;
        } else if (node_is(p, "pair_pattern")) {
            TSNode key = ts_node_child_by_field_name(p, "key", 3);
            TSNode val = ts_node_child_by_field_name(p, "value", 5);
            if (node_text_eq(f, key, "error") && node_is(val, "identifier"))
                name = val;
        }
    }
    TSNode stmt = ts_node_parent(decl);
    if (ts_node_is_null(name) || ts_node_is_null(stmt))
        return;
    TSNode next = ts_node_next_named_sibling(stmt);
    if (ts_node_is_null(next))
        return;
    struct scope s;
    scope_init(&s, f, "the error returned with the data", name);
    scope_bind(&s, name, KIND_ERROR, false);
    scope_run(&s, seen, next, true);
}

/* except Exception as e: ... (and except without a name, for traceback.format_exc()) */
static void py_except(struct check_file *f, struct seen *seen, TSNode clause)
{
    struct scope s;
    scope_init(&s, f, "the caught exception", clause);
    TSNode body = {0};
    uint32_t count = ts_node_named_child_count(clause);
    for (uint32_t i = 0; i < count; i++) {
        TSNode c = ts_node_named_child(clause, i);
        if (node_is(c, "as_pattern")) {
            TSNode target = ts_node_child_by_field_name(c, "alias", 5);
            TSNode id = ts_node_named_child(target, 0);
            if (node_is(id, "identifier")) {
                s.start = ts_node_start_byte(id);
                s.end = ts_node_end_byte(id);
                scope_bind(&s, id, KIND_ERROR, false);
            }
        } else if (node_is(c, "block")) {
            body = c;
        }
    }
    if (s.n == 0) /* no name: only traceback.format_exc() can leak; point at the clause */
        s.end = s.start + 6;
    if (!ts_node_is_null(body))
        scope_run(&s, seen, body, false);
}

/* The name of the i-th parameter of a function (TS required/optional parameter, Python plain
 * or typed parameter), or a null node. */
static TSNode param_name(TSNode fn, uint32_t i, uint32_t *count)
{
    TSNode params = ts_node_child_by_field_name(fn, "parameters", 10);
    *count = ts_node_is_null(params) ? 0 : ts_node_named_child_count(params);
    if (i >= *count)
        return (TSNode){0};
    TSNode p = ts_node_named_child(params, i);
    if (node_is(p, "required_parameter") || node_is(p, "optional_parameter"))
        p = ts_node_child_by_field_name(p, "pattern", 7);
    else if (node_is(p, "typed_parameter"))
        p = ts_node_named_child(p, 0);
    return node_is(p, "identifier") ? p : (TSNode){0};
}

/* Express error middleware: (err, req, res, next) => res.status(500).json(...) */
static void ts_error_middleware(struct check_file *f, struct seen *seen, TSNode fn)
{
    uint32_t count;
    TSNode err = param_name(fn, 0, &count);
    TSNode res = param_name(fn, 2, &count);
    TSNode body = ts_node_child_by_field_name(fn, "body", 4);
    if (count != 4 || ts_node_is_null(err) || ts_node_is_null(res) || ts_node_is_null(body) ||
        !str_in(node_text(f, res), res_names))
        return;
    struct scope s;
    scope_init(&s, f, "the error given to the error middleware", err);
    scope_bind(&s, err, KIND_ERROR, false);
    scope_run(&s, seen, body, false);
}

/* FastAPI/Starlette @app.exception_handler(Exception) async def h(request, exc): ... */
static void py_exception_handler(struct check_file *f, struct seen *seen, TSNode dd)
{
    TSNode fn = ts_node_child_by_field_name(dd, "definition", 10);
    if (!node_is(fn, "function_definition"))
        return;
    bool handler = false;
    uint32_t count = ts_node_named_child_count(dd);
    for (uint32_t i = 0; i < count && !handler; i++) {
        TSNode d = ts_node_named_child(dd, i);
        TSNode call = ts_node_named_child(d, 0);
        char *name = node_is(d, "decorator") && node_is(call, "call")
                         ? syntax_callee_name(f, call) : NULL;
        handler = name && (strcmp(name, "exception_handler") == 0 ||
                           strcmp(name, "errorhandler") == 0);
    }
    uint32_t nparams;
    /* Starlette passes (request, exc); Flask's errorhandler passes (error) */
    TSNode exc = param_name(fn, 1, &nparams);
    if (nparams == 1)
        exc = param_name(fn, 0, &nparams);
    TSNode body = ts_node_child_by_field_name(fn, "body", 4);
    if (!handler || ts_node_is_null(exc) || ts_node_is_null(body))
        return;
    struct scope s;
    scope_init(&s, f, "the exception given to the handler", exc);
    scope_bind(&s, exc, KIND_ERROR, false);
    scope_run(&s, seen, body, false);
}

static void leak_file(struct check_file *f)
{
    struct seen seen = {0};
    struct walk w;
    walk_init(&w, f->root);
    for (TSNode n; walk_next(&w, &n);) {
        if (ts_node_is_error(n) || ts_node_is_missing(n)) {
            walk_skip(&w);
            continue;
        }
        const char *t = ts_node_type(n);
        if (f->lang == LANG_PYTHON) {
            if (strcmp(t, "except_clause") == 0 || strcmp(t, "except_group_clause") == 0)
                py_except(f, &seen, n);
            else if (strcmp(t, "decorated_definition") == 0)
                py_exception_handler(f, &seen, n);
        } else if (strcmp(t, "catch_clause") == 0) {
            ts_catch(f, &seen, n);
        } else if (strcmp(t, "call_expression") == 0) {
            ts_catch_callback(f, &seen, n);
        } else if (strcmp(t, "variable_declarator") == 0) {
            ts_result_error(f, &seen, n);
        } else if (strcmp(t, "arrow_function") == 0 || strcmp(t, "function_expression") == 0 ||
                   strcmp(t, "function_declaration") == 0 || strcmp(t, "function") == 0) {
            ts_error_middleware(f, &seen, n);
        }
    }
    walk_release(&w);
}

static const char *const leak_tags[] = {"security", "external/cwe/cwe-209", NULL};

const struct check check_security_error_message_leak = {
    .id = "security-error-message-leak",
    .title = "Error message, stack or object sent to the client",
    .level = LEVEL_WARNING,
    .langs = LANGS_JS_TS | LANG_BIT(LANG_PYTHON),
    .tags = leak_tags,
    .security_severity = "5.3",
    .precision = "high",
    .file = leak_file,
};
