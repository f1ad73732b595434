/* lang_py.c — the dataflow adapter for Python (tree-sitter-python): what each node type means
 * to the taint core, and how FastAPI/Flask mark their routes. */
#include "dataflow_p.h"

#include "check.h"

#include <string.h>

static TSNode first_named(TSNode n)
{
    uint32_t count = ts_node_named_child_count(n);
    for (uint32_t i = 0; i < count; i++) {
        TSNode c = ts_node_named_child(n, i);
        if (!df_node_is(c, "comment"))
            return c;
    }
    return (TSNode){0};
}

static TSNode last_of_type(TSNode n, const char *type)
{
    TSNode found = {0};
    uint32_t count = ts_node_named_child_count(n);
    for (uint32_t i = 0; i < count; i++) {
        TSNode c = ts_node_named_child(n, i);
        if (df_node_is(c, type))
            found = c;
    }
    return found;
}

static bool type_in(const char *t, const char *const *list)
{
    for (; *list; list++)
        if (strcmp(t, *list) == 0)
            return true;
    return false;
}

static const char *const py_consts[] = {
    "integer", "float", "true", "false", "none", "comment", "comparison_operator",
    "ellipsis", "type", "string_content", "escape_sequence", NULL};

static const char *const py_skipped[] = {
    "function_definition", "class_definition", "decorated_definition", "import_statement",
    "import_from_statement", "future_import_statement", "global_statement",
    "nonlocal_statement", "pass_statement", "type_alias_statement", "match_statement",
    "assert_statement", "delete_statement", "print_statement", "exec_statement", "comment",
    NULL};

static bool string_has_interpolation(TSNode n)
{
    return !ts_node_is_null(last_of_type(n, "interpolation"));
}

static void py_view_pattern(TSNode n, const char *t, struct df_view *v)
{
    if (!strcmp(t, "identifier")) {
        v->role = P_IDENT;
    } else if (!strcmp(t, "pattern_list") || !strcmp(t, "tuple_pattern") ||
               !strcmp(t, "list_pattern") || !strcmp(t, "tuple") || !strcmp(t, "list") ||
               !strcmp(t, "expression_list")) {
        v->role = P_ARRAY;
    } else if (!strcmp(t, "list_splat_pattern") || !strcmp(t, "parenthesized_expression") ||
               !strcmp(t, "list_splat")) {
        v->role = P_REST;
        v->a = first_named(n);
    } else if (!strcmp(t, "attribute")) {
        v->role = P_TARGET;
        v->a = node_field(n, "object");
    } else if (!strcmp(t, "subscript")) {
        v->role = P_TARGET;
        v->a = node_field(n, "value");
    } else {
        v->role = R_CONST;
    }
}

static void py_view(TSNode n, bool in_pattern, struct df_view *v)
{
    const char *t = ts_node_type(n);
    v->role = R_OTHER;
    v->a = v->b = v->c = (TSNode){0};
    if (in_pattern) {
        py_view_pattern(n, t, v);
        return;
    }
    if (!strcmp(t, "identifier")) {
        v->role = R_IDENT;
    } else if (!strcmp(t, "string")) {
        v->role = string_has_interpolation(n) ? R_OTHER : R_CONST;
    } else if (type_in(t, py_consts)) {
        v->role = R_CONST;
    } else if (!strcmp(t, "attribute")) {
        v->role = R_MEMBER;
        v->a = node_field(n, "object");
        v->b = node_field(n, "attribute");
    } else if (!strcmp(t, "subscript")) {
        v->role = R_INDEX;
        v->a = node_field(n, "value");
        v->b = node_field(n, "subscript");
    } else if (!strcmp(t, "call")) {
        v->role = R_CALL;
        v->a = node_field(n, "function");
        v->b = node_field(n, "arguments");
    } else if (!strcmp(t, "lambda")) {
        v->role = R_FUNC;
    } else if (!strcmp(t, "conditional_expression")) {
        v->role = R_TERNARY;
        v->b = ts_node_named_child(n, 0);
        v->a = ts_node_named_child(n, 1);
        v->c = ts_node_named_child(n, 2);
    } else if (!strcmp(t, "assignment")) {
        v->role = R_ASSIGN;
        v->a = node_field(n, "left");
        v->b = node_field(n, "right");
        if (ts_node_is_null(v->b))
            v->role = R_CONST; /* a bare annotation: x: int */
    } else if (!strcmp(t, "named_expression")) {
        v->role = R_ASSIGN;
        v->a = node_field(n, "name");
        v->b = node_field(n, "value");
    } else if (!strcmp(t, "augmented_assignment")) {
        v->role = R_AUGASSIGN;
        v->a = node_field(n, "left");
        v->b = node_field(n, "right");
    } else if (!strcmp(t, "await")) {
        v->role = R_AWAIT;
        v->a = first_named(n);
    } else if (!strcmp(t, "pair") || !strcmp(t, "keyword_argument")) {
        v->role = R_VALUE;
        v->b = node_field(n, "value");
    } else if (!strcmp(t, "not_operator")) {
        v->role = R_NOT;
        v->a = node_field(n, "argument");
    } else if (!strcmp(t, "dictionary_splat")) {
        v->role = R_SPLAT_KW;
        v->a = first_named(n);
    } else if (!strcmp(t, "module") || !strcmp(t, "block") || !strcmp(t, "with_statement")) {
        v->role = S_BLOCK;
    } else if (!strcmp(t, "expression_statement")) {
        v->role = S_EXPR;
        v->a = first_named(n);
    } else if (!strcmp(t, "if_statement")) {
        v->role = S_IF;
        v->a = node_field(n, "condition");
        v->b = node_field(n, "consequence");
        v->c = node_field(n, "alternative");
    } else if (!strcmp(t, "elif_clause")) {
        v->role = S_IF;
        v->a = node_field(n, "condition");
        v->b = node_field(n, "consequence");
        TSNode next = ts_node_next_named_sibling(n);
        while (!ts_node_is_null(next) && df_node_is(next, "comment"))
            next = ts_node_next_named_sibling(next);
        if (!ts_node_is_null(next) &&
            (df_node_is(next, "elif_clause") || df_node_is(next, "else_clause")))
            v->c = next;
    } else if (!strcmp(t, "else_clause")) {
        v->role = S_ELSE;
        v->a = node_field(n, "body");
    } else if (!strcmp(t, "for_statement")) {
        v->role = S_FOREACH;
        v->a = node_field(n, "left");
        v->b = node_field(n, "right");
        v->c = node_field(n, "body");
    } else if (!strcmp(t, "while_statement")) {
        v->role = S_LOOP;
        v->a = node_field(n, "body");
    } else if (!strcmp(t, "return_statement")) {
        v->role = S_RETURN;
        v->a = first_named(n);
    } else if (!strcmp(t, "raise_statement")) {
        v->role = S_EXIT;
        v->a = first_named(n);
    } else if (!strcmp(t, "break_statement") || !strcmp(t, "continue_statement")) {
        v->role = S_JUMP;
    } else if (!strcmp(t, "try_statement")) {
        v->role = S_TRY;
        v->a = node_field(n, "body");
    } else if (!strcmp(t, "except_clause") || !strcmp(t, "except_group_clause")) {
        v->role = S_HANDLER;
        v->a = last_of_type(n, "block");
    } else if (!strcmp(t, "finally_clause")) {
        v->role = S_FINALLY;
        v->a = last_of_type(n, "block");
    } else if (type_in(t, py_skipped)) {
        v->role = S_SKIP;
    }
}

static bool py_is_function(TSNode n)
{
    return df_node_is(n, "function_definition") || df_node_is(n, "lambda");
}

static bool py_is_class(TSNode n)
{
    return df_node_is(n, "class_definition");
}

static bool py_is_comment(TSNode n)
{
    return df_node_is(n, "comment");
}

static TSNode py_function_body(TSNode fn)
{
    return node_field(fn, "body");
}

static uint32_t py_function_params(TSNode fn, struct df_param *out, uint32_t max)
{
    TSNode ps = node_field(fn, "parameters");
    if (ts_node_is_null(ps))
        return 0;
    uint32_t n = 0, count = ts_node_named_child_count(ps);
    for (uint32_t i = 0; i < count; i++) {
        TSNode p = ts_node_named_child(ps, i);
        const char *t = ts_node_type(p);
        struct df_param dp = {0};
        if (!strcmp(t, "identifier")) {
            dp.pattern = dp.name = p;
        } else if (!strcmp(t, "typed_parameter")) {
            dp.pattern = first_named(p);
            dp.type = node_field(p, "type");
            if (df_node_is(dp.pattern, "identifier"))
                dp.name = dp.pattern;
            else
                dp.splat = true;
        } else if (!strcmp(t, "default_parameter") || !strcmp(t, "typed_default_parameter")) {
            dp.pattern = dp.name = node_field(p, "name");
            dp.type = node_field(p, "type");
            dp.value = node_field(p, "value");
        } else if (!strcmp(t, "list_splat_pattern") || !strcmp(t, "dictionary_splat_pattern")) {
            dp.pattern = p;
            dp.splat = true;
        } else {
            continue;
        }
        if (ts_node_is_null(dp.pattern))
            continue;
        if (n < max)
            out[n] = dp;
        n++;
    }
    return n;
}

static TSNode py_function_name(const struct df_fn *fn)
{
    return node_field(fn->n, "name");
}

static bool py_function_exported(const struct df_fn *fn)
{
    return fn->nup > 0 && df_node_is(fn->up[0], "decorated_definition");
}

/* @app.post("/x") / @router.get(...) / @bp.route(...): returns the method name. */
static const char *py_route_decorator(const struct df_fn *fn, const char *text, uint32_t *n)
{
    *n = 0;
    if (!py_function_exported(fn))
        return NULL;
    TSNode p = fn->up[0];
    uint32_t count = ts_node_named_child_count(p);
    for (uint32_t i = 0; i < count; i++) {
        TSNode d = ts_node_named_child(p, i);
        if (!df_node_is(d, "decorator"))
            continue;
        TSNode call = first_named(d);
        if (ts_node_is_null(call) || !df_node_is(call, "call"))
            continue;
        TSNode fnode = node_field(call, "function");
        if (ts_node_is_null(fnode) || !df_node_is(fnode, "attribute"))
            continue;
        TSNode attr = node_field(fnode, "attribute");
        static const char *const methods[] = {"get", "post", "put", "patch", "delete",
                                              "route", "api_route", "websocket", NULL};
        for (const char *const *m = methods; *m; m++) {
            if (df_text_eq(attr, text, *m)) {
                *n = ts_node_end_byte(attr) - ts_node_start_byte(attr);
                return text + ts_node_start_byte(attr);
            }
        }
    }
    return NULL;
}

static bool py_server_action(const struct df_fn *fn, TSNode root, const char *text)
{
    (void)fn, (void)root, (void)text;
    return false;
}

/* from flask import request / from flask import request as req (the latter not modelled). */
static bool py_imports_request(TSNode root, const char *text, const char *module)
{
    uint32_t count = ts_node_named_child_count(root);
    for (uint32_t i = 0; i < count; i++) {
        TSNode s = ts_node_named_child(root, i);
        if (!df_node_is(s, "import_from_statement"))
            continue;
        TSNode mod = node_field(s, "module_name");
        if (ts_node_is_null(mod) || !df_text_eq(mod, text, module))
            continue;
        uint32_t nc = ts_node_named_child_count(s);
        for (uint32_t j = 0; j < nc; j++) {
            TSNode c = ts_node_named_child(s, j);
            if (ts_node_eq(c, mod))
                continue;
            if (df_node_is(c, "dotted_name") && df_text_eq(c, text, "request"))
                return true;
        }
    }
    return false;
}

const struct df_adapter df_adapter_py = {
    .view = py_view,
    .is_function = py_is_function,
    .is_class = py_is_class,
    .is_comment = py_is_comment,
    .function_body = py_function_body,
    .function_params = py_function_params,
    .function_name = py_function_name,
    .function_exported = py_function_exported,
    .route_decorator = py_route_decorator,
    .server_action = py_server_action,
    .imports_request = py_imports_request,
};
