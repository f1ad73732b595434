/* response.c — where a web handler sends data to its HTTP client (response.h). */
#include "model/response.h"

#include <stdlib.h>
#include <string.h>

#include "front/kinds.h"
#include "front/syntax.h"
#include "model/entry.h"

/* The usual names of the response object in Express, Fastify, Hono and Koa handlers. */
static const char *const res_names[] = {"res", "resp", "response", "reply", "c", "ctx",
                                        "context", NULL};
/* NestJS's HTTP exceptions, whose message is the response body. */
static const char *const nest_exceptions[] = {
    "HttpException", "BadRequestException", "UnauthorizedException", "ForbiddenException",
    "NotFoundException", "ConflictException", "UnprocessableEntityException",
    "InternalServerErrorException", "BadGatewayException", "ServiceUnavailableException", NULL};
/* Python response constructors (Starlette/FastAPI, Flask, Django, DRF): the body comes first
 * or as content=/data=. */
static const char *const py_body_classes[] = {
    "JSONResponse", "ORJSONResponse", "UJSONResponse", "PlainTextResponse", "HTMLResponse",
    "Response", "JsonResponse", "HttpResponse", "HttpResponseBadRequest",
    "HttpResponseServerError", NULL};

/* The entry point (model/entry.h) whose handler is fn, if it is of the kind asked: what a
 * FastAPI or Flask route (@app.get, @router.post, @bp.route) returns is its response, what a
 * server action returns is serialized to the browser. */
static bool in_entry(struct check_file *f, TSNode fn, enum entry_kind k1, enum entry_kind k2)
{
    if (ts_node_is_null(fn))
        return false;
    const struct entry_point *ep =
        entry_point_at(entry_file_of(f), ts_node_start_byte(fn), ts_node_end_byte(fn));
    return ep && (ep->kind == k1 || ep->kind == k2);
}

static void payload_add(struct response *k, TSNode n)
{
    if (!ts_node_is_null(n) && k->n < ARRAY_SIZE(k->payload))
        k->payload[k->n++] = n;
}

/* return { statusCode: 500, body: ... }: an AWS Lambda (API Gateway) handler's response, whose
 * body is sent to the client. */
static bool lambda_response(struct check_file *f, TSNode value, struct response *k)
{
    value = syntax_strip(value);
    if (!node_is(value, "object"))
        return false;
    TSNode status = syntax_prop(f, value, "statusCode");
    TSNode body = syntax_prop(f, value, "body");
    if (ts_node_is_null(status) || ts_node_is_null(body))
        return false;
    payload_add(k, body);
    return true;
}

/* NextResponse.json(body), Response.json(body), new Response(body), res.status(500).json(body),
 * res.send(body), c.json(body), and what a server action returns. */
static bool ts_response(struct check_file *f, TSNode n, TSSymbol t, TSNode fn,
                        struct response *k)
{
    const struct syntax_syms *y = syntax_syms(ts_tree_language(f->tree));
    if (t == y->return_statement) {
        TSNode value = ts_node_named_child(n, 0);
        if (ts_node_is_null(value) || node_is(value, "comment"))
            return false;
        if (in_entry(f, fn, ENTRY_SERVER_ACTION, ENTRY_SERVER_ACTION)) {
            payload_add(k, value);
            k->what = "the server action's result";
            k->returns = true;
        } else if (lambda_response(f, value, k)) {
            k->what = "the Lambda response's body";
            k->returns = true;
        }
        return k->n > 0;
    }
    if (t == y->new_expression) {
        TSNode ctor = syntax_callee(n);
        char *name = syntax_callee_name(f, n);
        if (node_text_eq(f, ctor, "Response") || node_text_eq(f, ctor, "NextResponse")) {
            payload_add(k, syntax_arg(n, 0));
            k->what = node_text_eq(f, ctor, "Response") ? "new Response" : "new NextResponse";
            k->returns = true;
        } else if (name && str_in(name, nest_exceptions)) {
            /* NestJS sends the message of its HTTP exceptions as the response body */
            payload_add(k, syntax_arg(n, 0));
            k->what = arena_printf(f->arena, "new %s", name);
        } else if (name && strcmp(name, "TRPCError") == 0) {
            /* tRPC sends the message to the client (the cause stays on the server) */
            payload_add(k, syntax_prop(f, syntax_arg(n, 0), "message"));
            k->what = "new TRPCError({ message })";
        }
        return k->n > 0;
    }
    if (t == y->assignment_expression) {
        /* Koa: ctx.body = { error: err.message } */
        TSNode left = syntax_strip(node_field(n, "left"));
        TSNode prop = node_is(left, "member_expression")
                          ? node_field(left, "property") : (TSNode){0};
        TSNode root = node_is(left, "member_expression") ? syntax_chain_root(left)
                                                         : (TSNode){0};
        if (!ts_node_is_null(prop) && node_text_eq(f, prop, "body") && !ts_node_is_null(root) &&
            (node_text_eq(f, root, "ctx") || node_text_eq(f, root, "context"))) {
            payload_add(k, node_field(n, "right"));
            k->what = "ctx.body";
        }
        return k->n > 0;
    }
    if (t != y->call_expression)
        return false;
    TSNode callee = syntax_strip(syntax_callee(n));
    char *method = NULL;
    if (node_is(callee, "member_expression")) {
        method = syntax_callee_name(f, n);
    } else if (node_is(callee, "subscript_expression")) {
        /* res['send'](body) */
        TSNode index = node_field(callee, "index");
        TSNode frag = node_is(index, "string") ? ts_node_named_child(index, 0) : (TSNode){0};
        if (node_is(frag, "string_fragment") && ts_node_named_child_count(index) == 1)
            method = node_text(f, frag);
    }
    if (!method)
        return false;
    TSNode obj = syntax_strip(ts_node_named_child(callee, 0));
    if (strcmp(method, "json") == 0 &&
        (node_text_eq(f, obj, "NextResponse") || node_text_eq(f, obj, "Response"))) {
        payload_add(k, syntax_arg(n, 0));
        k->what = node_text_eq(f, obj, "Response") ? "Response.json" : "NextResponse.json";
        k->returns = true;
        return k->n > 0;
    }
    if (strcmp(method, "json") == 0 || strcmp(method, "send") == 0 ||
        strcmp(method, "end") == 0 || strcmp(method, "text") == 0 ||
        strcmp(method, "write") == 0) {
        TSNode root = syntax_chain_root(obj);
        if (!ts_node_is_null(root) && str_in(node_text(f, root), res_names)) {
            payload_add(k, syntax_arg(n, 0));
            k->what = syntax_short_text(f, callee);
        }
    }
    return k->n > 0;
}

/* An integer literal that can be an HTTP status: Flask's `return body, 500`, not a
 * `return message, 1` of other code. */
static bool is_http_status(struct check_file *f, TSNode n)
{
    if (!node_is(n, "integer"))
        return false;
    long v = strtol(node_text(f, n), NULL, 10);
    return v >= 100 && v <= 599;
}

/* HTTPException(detail=...), JSONResponse(content=...), jsonify(...), abort(code, msg),
 * `return body, 500` and what a route function returns. */
static bool py_response(struct check_file *f, TSNode n, TSSymbol t, TSNode fn,
                        struct response *k)
{
    const struct syntax_syms *y = syntax_syms(ts_tree_language(f->tree));
    if (t == y->return_statement) {
        TSNode value = ts_node_named_child(n, 0);
        if (ts_node_is_null(value))
            return false;
        if (node_is(value, "expression_list") && ts_node_named_child_count(value) >= 2 &&
            is_http_status(f, ts_node_named_child(value, 1))) {
            payload_add(k, ts_node_named_child(value, 0));
            k->what = "the (body, status) response";
            k->returns = true;
        } else if (in_entry(f, fn, ENTRY_FASTAPI, ENTRY_FLASK)) {
            payload_add(k, value);
            k->what = "the route's response";
            k->returns = true;
        }
        return k->n > 0;
    }
    if (t != y->call)
        return false;
    char *name = syntax_callee_name(f, n);
    if (!name)
        return false;
    if (strcmp(name, "HTTPException") == 0 || strcmp(name, "StarletteHTTPException") == 0) {
        TSNode d = syntax_kwarg(f, n, "detail");
        payload_add(k, ts_node_is_null(d) ? syntax_arg(n, 1) : d);
        k->what = "HTTPException(detail=...)";
    } else if (str_in(name, py_body_classes)) {
        TSNode c = syntax_kwarg(f, n, "content");
        if (ts_node_is_null(c))
            c = syntax_kwarg(f, n, "data");
        payload_add(k, ts_node_is_null(c) ? syntax_arg(n, 0) : c);
        k->what = name;
        k->returns = true;
    } else if (strcmp(name, "jsonify") == 0 || strcmp(name, "render_template_string") == 0) {
        /* every argument: jsonify's values, and the template and values Flask renders */
        TSNode args = node_field(n, "arguments");
        uint32_t count = ts_node_named_child_count(args);
        for (uint32_t i = 0; i < count; i++)
            payload_add(k, ts_node_named_child(args, i));
        k->what = name;
        k->returns = true;
    } else if (strcmp(name, "make_response") == 0) {
        payload_add(k, syntax_arg(n, 0));
        k->what = "make_response";
        k->returns = true;
    } else if (strcmp(name, "abort") == 0) {
        TSNode d = syntax_kwarg(f, n, "description");
        payload_add(k, ts_node_is_null(d) ? syntax_arg(n, 1) : d);
        k->what = "abort";
    }
    return k->n > 0;
}

bool response_at(struct check_file *f, TSNode n, TSSymbol t, TSNode fn, struct response *r)
{
    memset(r, 0, sizeof(*r));
    if (!f->tree)
        return false;
    return f->lang == LANG_PYTHON ? py_response(f, n, t, fn, r) : ts_response(f, n, t, fn, r);
}

bool response_object_name(const struct check_file *f, TSNode n)
{
    for (const char *const *p = res_names; *p; p++)
        if (node_text_eq(f, n, *p))
            return true;
    return false;
}

/* Words a sink is spelled with: a function holding none cannot build a response. */
static const char *const sink_words[] = {"json", "Response", "send", "write", "end", "text",
                                         "statusCode", "body", "Exception", "TRPCError",
                                         "abort", "jsonify", "make_response",
                                         "render_template_string", NULL};

/* true when one of words occurs in [s, s+n) (memmem is not C17). */
static bool has_word(const char *s, size_t n, const char *const *words)
{
    for (; *words; words++) {
        size_t wl = strlen(*words);
        for (const char *p = s; wl <= n && (size_t)(s + n - p) >= wl; p++) {
            p = memchr(p, (*words)[0], (size_t)(s + n - p) - wl + 1);
            if (!p)
                break;
            if (memcmp(p, *words, wl) == 0)
                return true;
        }
    }
    return false;
}

bool response_may_build(const struct check_file *f, TSNode body)
{
    if (ts_node_is_null(body))
        return false;
    uint32_t a = ts_node_start_byte(body), b = ts_node_end_byte(body);
    return has_word(f->src->text + a, b - a, sink_words);
}
