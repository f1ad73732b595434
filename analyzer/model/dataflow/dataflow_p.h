/* dataflow_p.h — between the language-neutral taint core (core.c) and the per-language
 * adapters (lang_ts.c, lang_py.c). An adapter says what a node means to the core (its role)
 * and where its parts are; the core never looks at a node type string itself.
 */
#ifndef PREFLIGHT_DATAFLOW_P_H
#define PREFLIGHT_DATAFLOW_P_H

#include "dataflow.h"
#include "front/kinds.h"

enum df_role {
    /* expressions */
    R_OTHER,     /* unknown: carries the taint of every named child */
    R_CONST,     /* literals, comparisons, negations, types: always clean */
    R_IDENT,     /* a variable read */
    R_MEMBER,    /* a = object, b = property name node */
    R_INDEX,     /* a = object, b = index */
    R_CALL,      /* a = callee, b = argument list */
    R_NEW,       /* a = constructor, b = argument list */
    R_FUNC,      /* a function literal: its own unit, never evaluated in place */
    R_TERNARY,   /* a = condition, b = then, c = else */
    R_ASSIGN,    /* a = target pattern, b = value */
    R_AUGASSIGN, /* a = target, b = value: target keeps its taint and gains the value's */
    R_AWAIT,     /* a = operand */
    R_VALUE,     /* b carries taint (a pair's value, a keyword argument's value), and a,
                  * a pair's computed key or dict key, when set */
    R_NOT,       /* a = operand of a boolean negation (clean, but marks a negated guard) */
    R_SPLAT_KW,  /* Python **kwargs argument: a = operand */
    R_COMPREH,   /* a comprehension or generator expression: a = the element built; its
                    named children R_FOR_IN clauses (and conditions) */
    R_FOR_IN,    /* a comprehension's `for a in b` */
    /* statements */
    S_BLOCK,     /* statements: every named child, in order */
    S_EXPR,      /* a = the expression */
    S_DECL,      /* named children are S_BIND declarators */
    S_BIND,      /* a = pattern, b = value (may be null) */
    S_IF,        /* a = condition, b = then, c = else part (may be null) */
    S_ELSE,      /* a = the statement */
    S_FOREACH,   /* a = pattern, b = iterable, c = body */
    S_LOOP,      /* a = body; every other named child is evaluated as an expression */
    S_RETURN,    /* a = value (may be null) */
    S_EXIT,      /* throw / raise: a = value (may be null) */
    S_JUMP,      /* break / continue */
    S_TRY,       /* a = body; handlers and finally are the other named children */
    S_HANDLER,   /* catch / except: a = body */
    S_FINALLY,   /* finally: a = body (runs after the handlers) */
    S_SWITCH,    /* a = value, b = body whose named children are S_CASE */
    S_CASE,      /* statements: the named children after the first (the value) */
    S_SKIP,      /* declarations of functions, classes, types, imports: not executed */
    /* patterns */
    P_IDENT,     /* binds a name */
    P_OBJECT,    /* named children: P_PAIR, P_IDENT (shorthand), P_DEFAULT, P_REST */
    P_ARRAY,     /* named children: patterns, each bound to the whole value */
    P_PAIR,      /* a = key, b = pattern */
    P_DEFAULT,   /* a = pattern, b = default value */
    P_REST,      /* a = pattern */
    P_TARGET,    /* obj.x = v / obj[k] = v: a = the object written into */
};

struct df_view {
    enum df_role role;
    TSNode a, b, c;
};

/* A parameter of a function: the pattern it binds, its name if a plain identifier, and its
 * type annotation node if any. */
struct df_param {
    TSNode pattern;
    TSNode name; /* null unless the parameter is one identifier */
    TSNode type; /* null when untyped; for TS the type itself, not the ': T' wrapper */
    TSNode value; /* the default value, or null */
    bool splat;  /* *args / **kwargs / ...rest */
};

/* A function and its nearest named ancestors, parent first, as the core's walk over the
 * node table found them (asking a node for its parent costs a walk down from the root). */
struct df_fn {
    TSNode n;
    TSNode up[3];
    uint32_t nup;
};

enum {
    DF_SCOPE_FUNCTION = 1,
    DF_SCOPE_CLASS = 2,
};

struct df_adapter {
    /* The role of node n as an expression or statement (in_pattern false), or as an
     * assignment target (in_pattern true). */
    void (*view)(TSNode n, bool in_pattern, struct df_view *v);
    /* true when n starts a function (its own unit). */
    bool (*is_function)(TSNode n);
    /* Node types for the core's walk over the node table: DF_SCOPE_FUNCTION for the types
     * is_function accepts, DF_SCOPE_CLASS for classes (their methods are not the file's
     * helper functions), 0 for the rest. */
    const struct node_kinds *scope;
    /* true when n is a comment. */
    bool (*is_comment)(TSNode n);
    /* The function's body (a statement block, or an expression for arrows/lambdas). */
    TSNode (*function_body)(TSNode fn);
    /* Fills at most max parameters; returns how many the function has. */
    uint32_t (*function_params)(TSNode fn, struct df_param *out, uint32_t max);
    /* The node naming the function (declaration name, or the variable it is assigned to),
     * or a null node. */
    TSNode (*function_name)(const struct df_fn *fn);
    /* true when the function is exported (TS) / decorated (Python). */
    bool (*function_exported)(const struct df_fn *fn);
    /* Python: the route decorator's method name ("post") if fn is a FastAPI/Flask route;
     * TS: NULL. Returns a pointer into text; *n its length. */
    const char *(*route_decorator)(const struct df_fn *fn, const char *text, uint32_t *n);
    /* true when the top-level statement imports `request` from module (Python only). */
    bool (*imports_request)(TSNode root, const char *text, const char *module);
};

extern const struct df_adapter df_adapter_ts;
extern const struct df_adapter df_adapter_py;

/* Helpers the adapters share. */

/* A node kind's role and where the view's parts are, for the adapters' tables of node kind ->
 * role: a, b and c name the fields that hold the parts (DF_FIRST: the first named child that
 * is no comment; NULL: none). A kind whose row is not set is left to the adapter's code. */
#define DF_FIRST "#first"
struct df_shape {
    bool set;
    enum df_role role;
    const char *a, *b, *c;
};
/* n's first named child whose kind in kinds is not comment, or a null node. */
TSNode df_first_named(TSNode n, const struct node_kinds *kinds, uint8_t comment);
/* The view of node n of kind k from an adapter's two tables (indexed by kind): as a target
 * (in_pattern) its row in patterns, a constant where it has none; else its row in shapes.
 * first(n) finds n's first named child that is no comment. false when shapes has no row
 * for k: v is then R_OTHER, for the adapter's own code to fill. */
bool df_view_by_shape(TSNode n, uint8_t k, bool in_pattern, const struct df_shape *patterns,
                      const struct df_shape *shapes, TSNode (*first)(TSNode),
                      struct df_view *v);

bool df_text_eq(TSNode n, const char *text, const char *s);

#endif
