/* lang_py.c — the dataflow adapter for Python (tree-sitter-python): what each node type means
 * to the taint core, and how FastAPI/Flask mark their routes. */
#include "dataflow_p.h"

#include "check.h"

#include <string.h>

/* The node types the adapter tells apart; one per type name, or per group of names that
 * always mean the same. */
enum py_kind {
    K_OTHER,
    K_IDENT,
    K_SEQUENCE,      /* pattern_list, tuple_pattern, list_pattern, tuple, list,
                        expression_list: P_ARRAY as a target */
    K_LIST_SPLAT,    /* list_splat_pattern, list_splat */
    K_PARENS,        /* parenthesized_expression */
    K_ATTRIBUTE,
    K_SUBSCRIPT,
    K_STRING,
    K_INTERPOLATION,
    K_CONST,         /* literals, comparisons, types */
    K_COMMENT,
    K_CALL,
    K_LAMBDA,
    K_CONDITIONAL,
    K_ASSIGNMENT,
    K_NAMED_EXPR,
    K_AUGASSIGN,
    K_AWAIT,
    K_VALUE,         /* pair, keyword_argument */
    K_NOT,
    K_DICT_SPLAT,    /* dictionary_splat */
    K_BLOCK,         /* module, block, with_statement */
    K_EXPR_STMT,
    K_IF,
    K_ELIF,
    K_ELSE,
    K_FOR,
    K_WHILE,
    K_RETURN,
    K_RAISE,
    K_JUMP,          /* break, continue */
    K_TRY,
    K_EXCEPT,        /* except_clause, except_group_clause */
    K_FINALLY,
    K_FUNCTION_DEF,  /* function_definition */
    K_CLASS_DEF,     /* class_definition */
    K_DECORATED,     /* decorated_definition */
    K_IMPORT_FROM,   /* import_from_statement */
    K_SKIP,          /* other statements that are not executed */
    K_TYPED_PARAM,   /* typed_parameter */
    K_DEFAULT_PARAM, /* default_parameter, typed_default_parameter */
    K_SPLAT_PARAM,   /* list_splat_pattern is K_LIST_SPLAT; dictionary_splat_pattern */
    K_DECORATOR,
    K_DOTTED_NAME,
    K_COMPREH,       /* list/set/dictionary comprehensions, generator expressions */
    K_FOR_IN_CLAUSE,
    K_IF_CLAUSE,
    K_COUNT,
};

static const struct node_kind py_types[] = {
    {"identifier", K_IDENT},
    {"pattern_list", K_SEQUENCE},
    {"tuple_pattern", K_SEQUENCE},
    {"list_pattern", K_SEQUENCE},
    {"tuple", K_SEQUENCE},
    {"list", K_SEQUENCE},
    {"expression_list", K_SEQUENCE},
    {"list_splat_pattern", K_LIST_SPLAT},
    {"list_splat", K_LIST_SPLAT},
    {"parenthesized_expression", K_PARENS},
    {"attribute", K_ATTRIBUTE},
    {"subscript", K_SUBSCRIPT},
    {"string", K_STRING},
    {"interpolation", K_INTERPOLATION},
    {"integer", K_CONST},
    {"float", K_CONST},
    {"true", K_CONST},
    {"false", K_CONST},
    {"none", K_CONST},
    {"comparison_operator", K_CONST},
    {"ellipsis", K_CONST},
    {"type", K_CONST},
    {"string_content", K_CONST},
    {"escape_sequence", K_CONST},
    {"comment", K_COMMENT},
    {"call", K_CALL},
    {"lambda", K_LAMBDA},
    {"conditional_expression", K_CONDITIONAL},
    {"assignment", K_ASSIGNMENT},
    {"named_expression", K_NAMED_EXPR},
    {"augmented_assignment", K_AUGASSIGN},
    {"await", K_AWAIT},
    {"pair", K_VALUE},
    {"keyword_argument", K_VALUE},
    {"not_operator", K_NOT},
    {"dictionary_splat", K_DICT_SPLAT},
    {"module", K_BLOCK},
    {"block", K_BLOCK},
    {"with_statement", K_BLOCK},
    {"expression_statement", K_EXPR_STMT},
    {"if_statement", K_IF},
    {"elif_clause", K_ELIF},
    {"else_clause", K_ELSE},
    {"for_statement", K_FOR},
    {"while_statement", K_WHILE},
    {"return_statement", K_RETURN},
    {"raise_statement", K_RAISE},
    {"break_statement", K_JUMP},
    {"continue_statement", K_JUMP},
    {"try_statement", K_TRY},
    {"except_clause", K_EXCEPT},
    {"except_group_clause", K_EXCEPT},
    {"finally_clause", K_FINALLY},
    {"function_definition", K_FUNCTION_DEF},
    {"class_definition", K_CLASS_DEF},
    {"decorated_definition", K_DECORATED},
    {"import_from_statement", K_IMPORT_FROM},
    {"import_statement", K_SKIP},
    {"future_import_statement", K_SKIP},
    {"global_statement", K_SKIP},
    {"nonlocal_statement", K_SKIP},
    {"pass_statement", K_SKIP},
    {"type_alias_statement", K_SKIP},
    {"match_statement", K_SKIP},
    {"assert_statement", K_SKIP},
    {"delete_statement", K_SKIP},
    {"print_statement", K_SKIP},
    {"exec_statement", K_SKIP},
    {"typed_parameter", K_TYPED_PARAM},
    {"default_parameter", K_DEFAULT_PARAM},
    {"typed_default_parameter", K_DEFAULT_PARAM},
    {"dictionary_splat_pattern", K_SPLAT_PARAM},
    {"decorator", K_DECORATOR},
    {"dotted_name", K_DOTTED_NAME},
    {"list_comprehension", K_COMPREH},
    {"set_comprehension", K_COMPREH},
    {"dictionary_comprehension", K_COMPREH},
    {"generator_expression", K_COMPREH},
    {"for_in_clause", K_FOR_IN_CLAUSE},
    {"if_clause", K_IF_CLAUSE},
    {NULL, 0},
};

static const struct node_kinds py_kinds = {py_types, NULL};

static uint8_t kind(TSNode n)
{
    return node_kind_of(n, &py_kinds);
}

static TSNode first_named(TSNode n)
{
    return df_first_named(n, &py_kinds, K_COMMENT);
}

/* The last named child of kind k (nodes with few children: strings, except clauses). */
static TSNode last_of_kind(TSNode n, uint8_t k)
{
    TSNode found = {0};
    uint32_t count = ts_node_named_child_count(n);
    for (uint32_t i = 0; i < count; i++) {
        TSNode c = ts_node_named_child(n, i);
        if (kind(c) == k)
            found = c;
    }
    return found;
}

#define SHAPE(role, ...) {true, role, __VA_ARGS__}

/* What each kind is as an assignment target; a kind not named here is a constant. */
static const struct df_shape py_pattern_shapes[K_COUNT] = {
    [K_IDENT] = SHAPE(P_IDENT, NULL),
    [K_SEQUENCE] = SHAPE(P_ARRAY, NULL),
    [K_LIST_SPLAT] = SHAPE(P_REST, DF_FIRST),
    [K_PARENS] = SHAPE(P_REST, DF_FIRST),
    [K_ATTRIBUTE] = SHAPE(P_TARGET, "object"),
    [K_SUBSCRIPT] = SHAPE(P_TARGET, "value"),
};

/* What each kind is as an expression or statement; the kinds whose parts are not fields
 * (f-strings, conditionals, annotations, elif chains, except blocks) are py_view's. */
static const struct df_shape py_shapes[K_COUNT] = {
    [K_IDENT] = SHAPE(R_IDENT, NULL),
    [K_CONST] = SHAPE(R_CONST, NULL),
    [K_COMMENT] = SHAPE(R_CONST, NULL),
    [K_ATTRIBUTE] = SHAPE(R_MEMBER, "object", "attribute"),
    [K_SUBSCRIPT] = SHAPE(R_INDEX, "value", "subscript"),
    [K_CALL] = SHAPE(R_CALL, "function", "arguments"),
    [K_LAMBDA] = SHAPE(R_FUNC, NULL),
    [K_NAMED_EXPR] = SHAPE(R_ASSIGN, "name", "value"),
    [K_AUGASSIGN] = SHAPE(R_AUGASSIGN, "left", "right"),
    [K_AWAIT] = SHAPE(R_AWAIT, DF_FIRST),
    [K_NOT] = SHAPE(R_NOT, "argument"),
    [K_DICT_SPLAT] = SHAPE(R_SPLAT_KW, DF_FIRST),
    [K_COMPREH] = SHAPE(R_COMPREH, "body"),
    [K_FOR_IN_CLAUSE] = SHAPE(R_FOR_IN, "left", "right"),
    /* a condition: the elements it lets through carry the taint */
    [K_IF_CLAUSE] = SHAPE(R_CONST, NULL),
    [K_BLOCK] = SHAPE(S_BLOCK, NULL),
    [K_EXPR_STMT] = SHAPE(S_EXPR, DF_FIRST),
    [K_IF] = SHAPE(S_IF, "condition", "consequence", "alternative"),
    [K_ELSE] = SHAPE(S_ELSE, "body"),
    [K_FOR] = SHAPE(S_FOREACH, "left", "right", "body"),
    [K_WHILE] = SHAPE(S_LOOP, "body"),
    [K_RETURN] = SHAPE(S_RETURN, DF_FIRST),
    [K_RAISE] = SHAPE(S_EXIT, DF_FIRST),
    [K_JUMP] = SHAPE(S_JUMP, NULL),
    [K_TRY] = SHAPE(S_TRY, "body"),
    [K_FUNCTION_DEF] = SHAPE(S_SKIP, NULL),
    [K_CLASS_DEF] = SHAPE(S_SKIP, NULL),
    [K_DECORATED] = SHAPE(S_SKIP, NULL),
    [K_IMPORT_FROM] = SHAPE(S_SKIP, NULL),
    [K_SKIP] = SHAPE(S_SKIP, NULL),
};

static void py_view(TSNode n, bool in_pattern, struct df_view *v)
{
    uint8_t k = kind(n);
    if (df_view_by_shape(n, k, in_pattern, py_pattern_shapes, py_shapes, first_named, v))
        return;
    switch (k) {
    case K_STRING:
        /* an f-string's interpolations carry taint */
        v->role = ts_node_is_null(last_of_kind(n, K_INTERPOLATION)) ? R_CONST : R_OTHER;
        break;
    case K_CONDITIONAL:
        v->role = R_TERNARY;
        v->b = ts_node_named_child(n, 0);
        v->a = ts_node_named_child(n, 1);
        v->c = ts_node_named_child(n, 2);
        break;
    case K_ASSIGNMENT:
        v->role = R_ASSIGN;
        v->a = node_field(n, "left");
        v->b = node_field(n, "right");
        if (ts_node_is_null(v->b))
            v->role = R_CONST; /* a bare annotation: x: int */
        break;
    case K_VALUE:
        v->role = R_VALUE;
        v->b = node_field(n, "value");
        /* {body["column"]: value}: a dict's key is data too (a keyword's name is not) */
        if (node_is(n, "pair"))
            v->a = node_field(n, "key");
        break;
    case K_ELIF: {
        v->role = S_IF;
        v->a = node_field(n, "condition");
        v->b = node_field(n, "consequence");
        TSNode next = ts_node_next_named_sibling(n);
        while (kind(next) == K_COMMENT)
            next = ts_node_next_named_sibling(next);
        uint8_t nk = kind(next);
        if (nk == K_ELIF || nk == K_ELSE)
            v->c = next;
        break;
    }
    case K_EXCEPT:
        v->role = S_HANDLER;
        v->a = last_of_kind(n, K_BLOCK);
        break;
    case K_FINALLY:
        v->role = S_FINALLY;
        v->a = last_of_kind(n, K_BLOCK);
        break;
    default:
        break;
    }
}

static bool py_is_function(TSNode n)
{
    uint8_t k = kind(n);
    return k == K_FUNCTION_DEF || k == K_LAMBDA;
}

static uint8_t py_scope_of(uint8_t k)
{
    if (k == K_FUNCTION_DEF || k == K_LAMBDA)
        return DF_SCOPE_FUNCTION;
    return k == K_CLASS_DEF ? DF_SCOPE_CLASS : 0;
}

static const struct node_kinds py_scopes = {py_types, py_scope_of};

static bool py_is_comment(TSNode n)
{
    return kind(n) == K_COMMENT;
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
        uint8_t k = kind(p);
        struct df_param dp = {0};
        if (k == K_IDENT) {
            dp.pattern = dp.name = p;
        } else if (k == K_TYPED_PARAM) {
            dp.pattern = first_named(p);
            dp.type = node_field(p, "type");
            if (kind(dp.pattern) == K_IDENT)
                dp.name = dp.pattern;
            else
                dp.splat = true;
        } else if (k == K_DEFAULT_PARAM) {
            dp.pattern = dp.name = node_field(p, "name");
            dp.type = node_field(p, "type");
            dp.value = node_field(p, "value");
        } else if (k == K_LIST_SPLAT || k == K_SPLAT_PARAM) {
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
    return fn->nup > 0 && kind(fn->up[0]) == K_DECORATED;
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
        if (kind(d) != K_DECORATOR)
            continue;
        TSNode call = first_named(d);
        if (kind(call) != K_CALL)
            continue;
        TSNode fnode = node_field(call, "function");
        if (kind(fnode) != K_ATTRIBUTE)
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


/* from flask import request / from flask import request as req (the latter not modelled). */
static bool py_imports_request(TSNode root, const char *text, const char *module)
{
    uint32_t count = ts_node_named_child_count(root);
    for (uint32_t i = 0; i < count; i++) {
        TSNode s = ts_node_named_child(root, i);
        if (kind(s) != K_IMPORT_FROM)
            continue;
        TSNode mod = node_field(s, "module_name");
        if (ts_node_is_null(mod) || !df_text_eq(mod, text, module))
            continue;
        uint32_t nc = ts_node_named_child_count(s);
        for (uint32_t j = 0; j < nc; j++) {
            TSNode c = ts_node_named_child(s, j);
            if (ts_node_eq(c, mod))
                continue;
            if (kind(c) == K_DOTTED_NAME && df_text_eq(c, text, "request"))
                return true;
        }
    }
    return false;
}

const struct df_adapter df_adapter_py = {
    .view = py_view,
    .is_function = py_is_function,
    .scope = &py_scopes,
    .is_comment = py_is_comment,
    .function_body = py_function_body,
    .function_params = py_function_params,
    .function_name = py_function_name,
    .function_exported = py_function_exported,
    .route_decorator = py_route_decorator,
    .imports_request = py_imports_request,
};
