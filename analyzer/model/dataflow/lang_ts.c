/* lang_ts.c — the dataflow adapter for TypeScript, TSX and JavaScript (tree-sitter-typescript):
 * what each node type means to the taint core. */
#include "dataflow_p.h"

#include "check.h"

#include <string.h>

/* The node types the adapter tells apart; one per type name, or per group of names that
 * always mean the same. */
enum ts_kind {
    K_OTHER,
    K_IDENT,              /* identifier */
    K_SHORTHAND,          /* shorthand_property_identifier */
    K_SHORTHAND_PATTERN,  /* shorthand_property_identifier_pattern */
    K_OBJECT_PATTERN,
    K_ARRAY_PATTERN,
    K_PAIR_PATTERN,
    K_DEFAULT_PATTERN,    /* object_assignment_pattern */
    K_ASSIGNMENT_PATTERN, /* assignment_pattern (a parameter too) */
    K_REST_PATTERN,
    K_MEMBER,
    K_SUBSCRIPT,
    K_TRANSPARENT,        /* parenthesized_expression, non_null_expression */
    K_CALL,
    K_NEW,
    K_TERNARY,
    K_ASSIGN,
    K_AUGASSIGN,
    K_AWAIT,
    K_PAIR,
    K_UNARY,
    K_BINARY,
    K_BLOCK,              /* statement_block, program, labeled_statement */
    K_STATEMENT_BLOCK,    /* statement_block, which 'use server' may open */
    K_EXPR_STMT,
    K_DECL,               /* lexical_declaration, variable_declaration */
    K_DECLARATOR,
    K_IF,
    K_ELSE,
    K_FOR_IN,
    K_LOOP,               /* for, while, do */
    K_RETURN,
    K_THROW,
    K_JUMP,               /* break, continue */
    K_TRY,
    K_CATCH,
    K_FINALLY,
    K_SWITCH,
    K_CASE,               /* switch_case, switch_default */
    K_CONST,              /* literals, types, property names: always clean */
    K_STRING,             /* string: clean too */
    K_COMMENT,            /* comment: clean, skipped */
    K_HTML_COMMENT,
    K_FUNCTION,           /* function declarations and expressions, arrows, methods */
    K_CLASS,              /* class (an expression) */
    K_CLASS_DECL,         /* class_declaration, abstract_class_declaration */
    K_CLASS_BODY,
    K_EXPORT,             /* export_statement */
    K_SKIP,               /* other declarations: not executed */
    K_PARAM,              /* required_parameter, optional_parameter */
    K_OP_NOT,             /* ! */
    K_OP_CLEAN,           /* typeof, void, delete */
    K_OP_CMP,             /* comparisons */
    K_COUNT,
};

static const struct node_kind ts_types[] = {
    {"identifier", K_IDENT},
    {"shorthand_property_identifier", K_SHORTHAND},
    {"shorthand_property_identifier_pattern", K_SHORTHAND_PATTERN},
    {"object_pattern", K_OBJECT_PATTERN},
    {"array_pattern", K_ARRAY_PATTERN},
    {"pair_pattern", K_PAIR_PATTERN},
    {"object_assignment_pattern", K_DEFAULT_PATTERN},
    {"assignment_pattern", K_ASSIGNMENT_PATTERN},
    {"rest_pattern", K_REST_PATTERN},
    {"member_expression", K_MEMBER},
    {"subscript_expression", K_SUBSCRIPT},
    {"parenthesized_expression", K_TRANSPARENT},
    {"non_null_expression", K_TRANSPARENT},
    {"call_expression", K_CALL},
    {"new_expression", K_NEW},
    {"ternary_expression", K_TERNARY},
    {"assignment_expression", K_ASSIGN},
    {"augmented_assignment_expression", K_AUGASSIGN},
    {"await_expression", K_AWAIT},
    {"pair", K_PAIR},
    {"unary_expression", K_UNARY},
    {"binary_expression", K_BINARY},
    {"statement_block", K_STATEMENT_BLOCK},
    {"program", K_BLOCK},
    {"labeled_statement", K_BLOCK},
    {"expression_statement", K_EXPR_STMT},
    {"lexical_declaration", K_DECL},
    {"variable_declaration", K_DECL},
    {"variable_declarator", K_DECLARATOR},
    {"if_statement", K_IF},
    {"else_clause", K_ELSE},
    {"for_in_statement", K_FOR_IN},
    {"for_statement", K_LOOP},
    {"while_statement", K_LOOP},
    {"do_statement", K_LOOP},
    {"return_statement", K_RETURN},
    {"throw_statement", K_THROW},
    {"break_statement", K_JUMP},
    {"continue_statement", K_JUMP},
    {"try_statement", K_TRY},
    {"catch_clause", K_CATCH},
    {"finally_clause", K_FINALLY},
    {"switch_statement", K_SWITCH},
    {"switch_case", K_CASE},
    {"switch_default", K_CASE},
    {"string", K_STRING},
    {"comment", K_COMMENT},
    {"html_comment", K_HTML_COMMENT},
    {"number", K_CONST},
    {"true", K_CONST},
    {"false", K_CONST},
    {"null", K_CONST},
    {"undefined", K_CONST},
    {"regex", K_CONST},
    {"this", K_CONST},
    {"super", K_CONST},
    {"predefined_type", K_CONST},
    {"type_identifier", K_CONST},
    {"type_annotation", K_CONST},
    {"type_arguments", K_CONST},
    {"property_identifier", K_CONST},
    {"private_property_identifier", K_CONST},
    {"meta_property", K_CONST},
    {"import", K_CONST},
    {"function_declaration", K_FUNCTION},
    {"generator_function_declaration", K_FUNCTION},
    {"function_expression", K_FUNCTION},
    {"generator_function", K_FUNCTION},
    {"arrow_function", K_FUNCTION},
    {"method_definition", K_FUNCTION},
    {"class", K_CLASS},
    {"class_declaration", K_CLASS_DECL},
    {"abstract_class_declaration", K_CLASS_DECL},
    {"class_body", K_CLASS_BODY},
    {"export_statement", K_EXPORT},
    {"interface_declaration", K_SKIP},
    {"type_alias_declaration", K_SKIP},
    {"enum_declaration", K_SKIP},
    {"import_statement", K_SKIP},
    {"empty_statement", K_SKIP},
    {"debugger_statement", K_SKIP},
    {"ambient_declaration", K_SKIP},
    {"module", K_SKIP},
    {"internal_module", K_SKIP},
    {"required_parameter", K_PARAM},
    {"optional_parameter", K_PARAM},
    {"!", K_OP_NOT},
    {"typeof", K_OP_CLEAN},
    {"void", K_OP_CLEAN},
    {"delete", K_OP_CLEAN},
    {"==", K_OP_CMP},
    {"===", K_OP_CMP},
    {"!=", K_OP_CMP},
    {"!==", K_OP_CMP},
    {"<", K_OP_CMP},
    {">", K_OP_CMP},
    {"<=", K_OP_CMP},
    {">=", K_OP_CMP},
    {"instanceof", K_OP_CMP},
    {"in", K_OP_CMP},
    {NULL, 0},
};

static const struct node_kinds ts_kinds = {ts_types, NULL};

static uint8_t kind(TSNode n)
{
    return node_kind_of(n, &ts_kinds);
}

static TSNode first_named(TSNode n)
{
    return df_first_named(n, &ts_kinds, K_COMMENT);
}

#define SHAPE(role, ...) {true, role, __VA_ARGS__}

/* What each kind is as an assignment target; a kind not named here is a constant. */
static const struct df_shape ts_pattern_shapes[K_COUNT] = {
    [K_IDENT] = SHAPE(P_IDENT, NULL),
    [K_SHORTHAND_PATTERN] = SHAPE(P_IDENT, NULL),
    [K_OBJECT_PATTERN] = SHAPE(P_OBJECT, NULL),
    [K_ARRAY_PATTERN] = SHAPE(P_ARRAY, NULL),
    [K_PAIR_PATTERN] = SHAPE(P_PAIR, "key", "value"),
    [K_DEFAULT_PATTERN] = SHAPE(P_DEFAULT, "left", "right"),
    [K_ASSIGNMENT_PATTERN] = SHAPE(P_DEFAULT, "left", "right"),
    [K_REST_PATTERN] = SHAPE(P_REST, DF_FIRST),
    [K_MEMBER] = SHAPE(P_TARGET, "object"),
    [K_SUBSCRIPT] = SHAPE(P_TARGET, "object"),
    /* transparent: bind the inner pattern to the whole value */
    [K_TRANSPARENT] = SHAPE(P_REST, DF_FIRST),
};

/* What each kind is as an expression or statement; pairs and operators are ts_view's. */
static const struct df_shape ts_shapes[K_COUNT] = {
    [K_IDENT] = SHAPE(R_IDENT, NULL),
    [K_SHORTHAND] = SHAPE(R_IDENT, NULL),
    [K_CONST] = SHAPE(R_CONST, NULL),
    [K_STRING] = SHAPE(R_CONST, NULL),
    [K_COMMENT] = SHAPE(R_CONST, NULL),
    [K_MEMBER] = SHAPE(R_MEMBER, "object", "property"),
    [K_SUBSCRIPT] = SHAPE(R_INDEX, "object", "index"),
    [K_CALL] = SHAPE(R_CALL, "function", "arguments"),
    [K_NEW] = SHAPE(R_NEW, "constructor", "arguments"),
    [K_FUNCTION] = SHAPE(R_FUNC, NULL),
    [K_CLASS] = SHAPE(R_FUNC, NULL),
    [K_TERNARY] = SHAPE(R_TERNARY, "condition", "consequence", "alternative"),
    [K_ASSIGN] = SHAPE(R_ASSIGN, "left", "right"),
    [K_AUGASSIGN] = SHAPE(R_AUGASSIGN, "left", "right"),
    [K_AWAIT] = SHAPE(R_AWAIT, DF_FIRST),
    [K_BLOCK] = SHAPE(S_BLOCK, NULL),
    [K_STATEMENT_BLOCK] = SHAPE(S_BLOCK, NULL),
    [K_EXPR_STMT] = SHAPE(S_EXPR, DF_FIRST),
    [K_DECL] = SHAPE(S_DECL, NULL),
    [K_DECLARATOR] = SHAPE(S_BIND, "name", "value"),
    [K_IF] = SHAPE(S_IF, "condition", "consequence", "alternative"),
    [K_ELSE] = SHAPE(S_ELSE, DF_FIRST),
    [K_FOR_IN] = SHAPE(S_FOREACH, "left", "right", "body"),
    [K_LOOP] = SHAPE(S_LOOP, "body"),
    [K_RETURN] = SHAPE(S_RETURN, DF_FIRST),
    [K_THROW] = SHAPE(S_EXIT, DF_FIRST),
    [K_JUMP] = SHAPE(S_JUMP, NULL),
    [K_TRY] = SHAPE(S_TRY, "body"),
    [K_CATCH] = SHAPE(S_HANDLER, "body"),
    [K_FINALLY] = SHAPE(S_FINALLY, "body"),
    [K_SWITCH] = SHAPE(S_SWITCH, "value", "body"),
    [K_CASE] = SHAPE(S_CASE, "value"),
    [K_CLASS_DECL] = SHAPE(S_SKIP, NULL),
    [K_EXPORT] = SHAPE(S_SKIP, NULL),
    [K_SKIP] = SHAPE(S_SKIP, NULL),
};

static void ts_view(TSNode n, bool in_pattern, struct df_view *v)
{
    uint8_t k = kind(n);
    if (df_view_by_shape(n, k, in_pattern, ts_pattern_shapes, ts_shapes, first_named, v))
        return;
    switch (k) {
    case K_PAIR: {
        v->role = R_VALUE;
        v->b = node_field(n, "value");
        /* { [body.column]: value }: a computed key is data too */
        TSNode key = node_field(n, "key");
        if (node_is(key, "computed_property_name"))
            v->a = key;
        break;
    }
    case K_UNARY: {
        uint8_t o = kind(node_field(n, "operator"));
        if (o == K_OP_NOT) {
            v->role = R_NOT;
            v->a = node_field(n, "argument");
        } else if (o == K_OP_CLEAN) {
            v->role = R_CONST;
        }
        break;
    }
    case K_BINARY:
        if (kind(node_field(n, "operator")) == K_OP_CMP)
            v->role = R_CONST;
        break;
    default:
        break;
    }
}

static bool ts_is_function(TSNode n)
{
    return kind(n) == K_FUNCTION;
}

static uint8_t ts_scope_of(uint8_t k)
{
    if (k == K_FUNCTION)
        return DF_SCOPE_FUNCTION;
    return k == K_CLASS_BODY || k == K_CLASS || k == K_CLASS_DECL ? DF_SCOPE_CLASS : 0;
}

static const struct node_kinds ts_scopes = {ts_types, ts_scope_of};

static bool ts_is_comment(TSNode n)
{
    uint8_t k = kind(n);
    return k == K_COMMENT || k == K_HTML_COMMENT;
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
        uint8_t k = kind(p);
        struct df_param dp = {0};
        if (k == K_PARAM) {
            dp.pattern = node_field(p, "pattern");
            dp.value = node_field(p, "value");
            TSNode ty = node_field(p, "type");
            if (!ts_node_is_null(ty))
                dp.type = first_named(ty);
        } else if (k == K_IDENT || k == K_OBJECT_PATTERN || k == K_ARRAY_PATTERN ||
                   k == K_ASSIGNMENT_PATTERN || k == K_REST_PATTERN) {
            dp.pattern = p;
        } else {
            continue; /* comments, `this` parameters */
        }
        if (ts_node_is_null(dp.pattern))
            continue;
        uint8_t pk = kind(dp.pattern);
        if (pk == K_IDENT)
            dp.name = dp.pattern;
        else if (pk == K_REST_PATTERN)
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
    if (fn->nup > 0 && kind(fn->up[0]) == K_DECLARATOR)
        return node_field(fn->up[0], "name");
    return (TSNode){0};
}

static bool ts_function_exported(const struct df_fn *fn)
{
    if (fn->nup > 0 && kind(fn->up[0]) == K_EXPORT)
        return true;
    /* export const POST = async () => ...: declarator, lexical_declaration, export */
    return fn->nup > 2 && kind(fn->up[0]) == K_DECLARATOR && kind(fn->up[2]) == K_EXPORT;
}

static const char *ts_route_decorator(const struct df_fn *fn, const char *text, uint32_t *n)
{
    (void)fn, (void)text;
    *n = 0;
    return NULL;
}

static bool ts_imports_request(TSNode root, const char *text, const char *module)
{
    (void)root, (void)text, (void)module;
    return false;
}

const struct df_adapter df_adapter_ts = {
    .view = ts_view,
    .is_function = ts_is_function,
    .scope = &ts_scopes,
    .is_comment = ts_is_comment,
    .function_body = ts_function_body,
    .function_params = ts_function_params,
    .function_name = ts_function_name,
    .function_exported = ts_function_exported,
    .route_decorator = ts_route_decorator,
    .imports_request = ts_imports_request,
};
