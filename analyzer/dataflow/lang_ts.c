/* lang_ts.c — the dataflow adapter for TypeScript, TSX and JavaScript (tree-sitter-typescript):
 * what each node type means to the taint core. */
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

static bool type_in(const char *t, const char *const *list)
{
    for (; *list; list++)
        if (strcmp(t, *list) == 0)
            return true;
    return false;
}

static const char *const ts_functions[] = {
    "function_declaration", "generator_function_declaration", "function_expression",
    "generator_function", "arrow_function", "method_definition", NULL};

static const char *const ts_skipped[] = {
    "function_declaration", "generator_function_declaration", "class_declaration",
    "abstract_class_declaration", "interface_declaration", "type_alias_declaration",
    "enum_declaration", "import_statement", "export_statement", "empty_statement", "comment",
    "debugger_statement", "ambient_declaration", "module", "internal_module", NULL};

static const char *const ts_consts[] = {
    "string", "number", "true", "false", "null", "undefined", "regex", "this", "super",
    "comment", "predefined_type", "type_identifier", "type_annotation", "type_arguments",
    "property_identifier", "private_property_identifier", "meta_property", "import", NULL};

static const char *const ts_comparisons[] = {
    "==", "===", "!=", "!==", "<", ">", "<=", ">=", "instanceof", "in", NULL};

static void ts_view_pattern(TSNode n, const char *t, struct df_view *v)
{
    if (!strcmp(t, "identifier") || !strcmp(t, "shorthand_property_identifier_pattern")) {
        v->role = P_IDENT;
    } else if (!strcmp(t, "object_pattern")) {
        v->role = P_OBJECT;
    } else if (!strcmp(t, "array_pattern")) {
        v->role = P_ARRAY;
    } else if (!strcmp(t, "pair_pattern")) {
        v->role = P_PAIR;
        v->a = node_field(n, "key");
        v->b = node_field(n, "value");
    } else if (!strcmp(t, "object_assignment_pattern") || !strcmp(t, "assignment_pattern")) {
        v->role = P_DEFAULT;
        v->a = node_field(n, "left");
        v->b = node_field(n, "right");
    } else if (!strcmp(t, "rest_pattern")) {
        v->role = P_REST;
        v->a = first_named(n);
    } else if (!strcmp(t, "member_expression") || !strcmp(t, "subscript_expression")) {
        v->role = P_TARGET;
        v->a = node_field(n, "object");
    } else if (!strcmp(t, "parenthesized_expression") || !strcmp(t, "non_null_expression")) {
        v->role = P_REST; /* transparent: bind the inner pattern to the whole value */
        v->a = first_named(n);
    } else {
        v->role = R_CONST;
    }
}

static void ts_view(TSNode n, bool in_pattern, struct df_view *v)
{
    const char *t = ts_node_type(n);
    v->role = R_OTHER;
    v->a = v->b = v->c = (TSNode){0};
    if (in_pattern) {
        ts_view_pattern(n, t, v);
        return;
    }
    if (!strcmp(t, "identifier") || !strcmp(t, "shorthand_property_identifier")) {
        v->role = R_IDENT;
    } else if (type_in(t, ts_consts)) {
        v->role = R_CONST;
    } else if (!strcmp(t, "member_expression")) {
        v->role = R_MEMBER;
        v->a = node_field(n, "object");
        v->b = node_field(n, "property");
    } else if (!strcmp(t, "subscript_expression")) {
        v->role = R_INDEX;
        v->a = node_field(n, "object");
        v->b = node_field(n, "index");
    } else if (!strcmp(t, "call_expression")) {
        v->role = R_CALL;
        v->a = node_field(n, "function");
        v->b = node_field(n, "arguments");
    } else if (!strcmp(t, "new_expression")) {
        v->role = R_NEW;
        v->a = node_field(n, "constructor");
        v->b = node_field(n, "arguments");
    } else if (type_in(t, ts_functions) || !strcmp(t, "class")) {
        v->role = R_FUNC;
    } else if (!strcmp(t, "ternary_expression")) {
        v->role = R_TERNARY;
        v->a = node_field(n, "condition");
        v->b = node_field(n, "consequence");
        v->c = node_field(n, "alternative");
    } else if (!strcmp(t, "assignment_expression")) {
        v->role = R_ASSIGN;
        v->a = node_field(n, "left");
        v->b = node_field(n, "right");
    } else if (!strcmp(t, "augmented_assignment_expression")) {
        v->role = R_AUGASSIGN;
        v->a = node_field(n, "left");
        v->b = node_field(n, "right");
    } else if (!strcmp(t, "await_expression")) {
        v->role = R_AWAIT;
        v->a = first_named(n);
    } else if (!strcmp(t, "pair")) {
        v->role = R_VALUE;
        v->b = node_field(n, "value");
    } else if (!strcmp(t, "unary_expression")) {
        TSNode op = node_field(n, "operator");
        const char *o = ts_node_is_null(op) ? "" : ts_node_type(op);
        if (!strcmp(o, "!")) {
            v->role = R_NOT;
            v->a = node_field(n, "argument");
        } else if (!strcmp(o, "typeof") || !strcmp(o, "void") || !strcmp(o, "delete")) {
            v->role = R_CONST;
        }
    } else if (!strcmp(t, "binary_expression")) {
        TSNode op = node_field(n, "operator");
        if (!ts_node_is_null(op) && type_in(ts_node_type(op), ts_comparisons))
            v->role = R_CONST;
    } else if (!strcmp(t, "statement_block") || !strcmp(t, "program") ||
               !strcmp(t, "labeled_statement")) {
        v->role = S_BLOCK;
    } else if (!strcmp(t, "expression_statement")) {
        v->role = S_EXPR;
        v->a = first_named(n);
    } else if (!strcmp(t, "lexical_declaration") || !strcmp(t, "variable_declaration")) {
        v->role = S_DECL;
    } else if (!strcmp(t, "variable_declarator")) {
        v->role = S_BIND;
        v->a = node_field(n, "name");
        v->b = node_field(n, "value");
    } else if (!strcmp(t, "if_statement")) {
        v->role = S_IF;
        v->a = node_field(n, "condition");
        v->b = node_field(n, "consequence");
        v->c = node_field(n, "alternative");
    } else if (!strcmp(t, "else_clause")) {
        v->role = S_ELSE;
        v->a = first_named(n);
    } else if (!strcmp(t, "for_in_statement")) {
        v->role = S_FOREACH;
        v->a = node_field(n, "left");
        v->b = node_field(n, "right");
        v->c = node_field(n, "body");
    } else if (!strcmp(t, "for_statement") || !strcmp(t, "while_statement") ||
               !strcmp(t, "do_statement")) {
        v->role = S_LOOP;
        v->a = node_field(n, "body");
    } else if (!strcmp(t, "return_statement")) {
        v->role = S_RETURN;
        v->a = first_named(n);
    } else if (!strcmp(t, "throw_statement")) {
        v->role = S_EXIT;
        v->a = first_named(n);
    } else if (!strcmp(t, "break_statement") || !strcmp(t, "continue_statement")) {
        v->role = S_JUMP;
    } else if (!strcmp(t, "try_statement")) {
        v->role = S_TRY;
        v->a = node_field(n, "body");
    } else if (!strcmp(t, "catch_clause")) {
        v->role = S_HANDLER;
        v->a = node_field(n, "body");
    } else if (!strcmp(t, "finally_clause")) {
        v->role = S_FINALLY;
        v->a = node_field(n, "body");
    } else if (!strcmp(t, "switch_statement")) {
        v->role = S_SWITCH;
        v->a = node_field(n, "value");
        v->b = node_field(n, "body");
    } else if (!strcmp(t, "switch_case") || !strcmp(t, "switch_default")) {
        v->role = S_CASE;
        v->a = node_field(n, "value");
    } else if (type_in(t, ts_skipped)) {
        v->role = S_SKIP;
    }
}

static bool ts_is_function(TSNode n)
{
    return type_in(ts_node_type(n), ts_functions);
}

static bool ts_is_class(TSNode n)
{
    return df_node_is(n, "class_body") || df_node_is(n, "class") ||
           df_node_is(n, "class_declaration") || df_node_is(n, "abstract_class_declaration");
}

static bool ts_is_comment(TSNode n)
{
    return df_node_is(n, "comment") || df_node_is(n, "html_comment");
}

static TSNode ts_function_body(TSNode fn)
{
    return node_field(fn, "body");
}

static uint32_t ts_function_params(TSNode fn, struct df_param *out, uint32_t max)
{
    TSNode single = node_field(fn, "parameter");
    if (!ts_node_is_null(single)) {
        if (max > 0)
            out[0] = (struct df_param){.pattern = single, .name = single};
        return 1;
    }
    TSNode ps = node_field(fn, "parameters");
    if (ts_node_is_null(ps))
        return 0;
    uint32_t n = 0, count = ts_node_named_child_count(ps);
    for (uint32_t i = 0; i < count; i++) {
        TSNode p = ts_node_named_child(ps, i);
        const char *t = ts_node_type(p);
        struct df_param dp = {0};
        if (!strcmp(t, "required_parameter") || !strcmp(t, "optional_parameter")) {
            dp.pattern = node_field(p, "pattern");
            dp.value = node_field(p, "value");
            TSNode ty = node_field(p, "type");
            if (!ts_node_is_null(ty))
                dp.type = first_named(ty);
        } else if (!strcmp(t, "identifier") || !strcmp(t, "object_pattern") ||
                   !strcmp(t, "array_pattern") || !strcmp(t, "assignment_pattern") ||
                   !strcmp(t, "rest_pattern")) {
            dp.pattern = p;
        } else {
            continue; /* comments, `this` parameters */
        }
        if (ts_node_is_null(dp.pattern))
            continue;
        if (df_node_is(dp.pattern, "identifier"))
            dp.name = dp.pattern;
        else if (df_node_is(dp.pattern, "rest_pattern"))
            dp.splat = true;
        if (n < max)
            out[n] = dp;
        n++;
    }
    return n;
}

static TSNode ts_function_name(const struct df_fn *fn)
{
    TSNode name = node_field(fn->n, "name");
    if (!ts_node_is_null(name))
        return name;
    if (fn->nup > 0 && df_node_is(fn->up[0], "variable_declarator"))
        return node_field(fn->up[0], "name");
    return (TSNode){0};
}

static bool ts_function_exported(const struct df_fn *fn)
{
    if (fn->nup > 0 && df_node_is(fn->up[0], "export_statement"))
        return true;
    /* export const POST = async () => ...: declarator, lexical_declaration, export */
    return fn->nup > 2 && df_node_is(fn->up[0], "variable_declarator") &&
           df_node_is(fn->up[2], "export_statement");
}

static const char *ts_route_decorator(const struct df_fn *fn, const char *text, uint32_t *n)
{
    (void)fn, (void)text;
    *n = 0;
    return NULL;
}

/* A 'use server' directive: the first statement of the block is that string. */
static bool has_use_server(TSNode block, const char *text)
{
    TSNode first = first_named(block);
    if (ts_node_is_null(first) || !df_node_is(first, "expression_statement"))
        return false;
    TSNode s = first_named(first);
    return !ts_node_is_null(s) && df_node_is(s, "string") &&
           (df_text_eq(s, text, "'use server'") || df_text_eq(s, text, "\"use server\""));
}

static bool ts_server_action(const struct df_fn *fn, TSNode root, const char *text)
{
    TSNode body = node_field(fn->n, "body");
    if (!ts_node_is_null(body) && df_node_is(body, "statement_block") &&
        has_use_server(body, text))
        return true;
    return has_use_server(root, text) && ts_function_exported(fn);
}

static bool ts_imports_request(TSNode root, const char *text, const char *module)
{
    (void)root, (void)text, (void)module;
    return false;
}

const struct df_adapter df_adapter_ts = {
    .view = ts_view,
    .is_function = ts_is_function,
    .is_class = ts_is_class,
    .is_comment = ts_is_comment,
    .function_body = ts_function_body,
    .function_params = ts_function_params,
    .function_name = ts_function_name,
    .function_exported = ts_function_exported,
    .route_decorator = ts_route_decorator,
    .server_action = ts_server_action,
    .imports_request = ts_imports_request,
};
