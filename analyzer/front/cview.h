/* cview.h — C and C++ as checks see them: each function of a file as the expressions and
 * events (declarations, assignments, calls) that libclang found in it, in source order.
 *
 * The libclang front end (clang.c) writes this view into the file's arena and disposes of its
 * translation unit at once, so checks and models never hold libclang objects and never include
 * its headers. Everything here is plain data, borrowed for the file's lifetime. Offsets are
 * bytes of the analysed file; a construct that comes from a macro sits at its expansion.
 *
 *     for (size_t i = 0; i < view->nfunctions; i++)
 *         for (size_t k = 0; k < view->functions[i].nevents; k++)
 *             if (view->functions[i].events[k].kind == CX_EV_CALL) ...
 */
#ifndef PREFLIGHT_CVIEW_H
#define PREFLIGHT_CVIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum cx_kind {
    CX_STRING,   /* a string literal (adjacent literals and macros folded): value */
    CX_NUMBER,   /* an integer, floating or character literal, sizeof, nullptr */
    CX_VAR,      /* a reference to a variable or parameter: name, var, var_const */
    CX_CALL,     /* a call: name is the callee (or the method: args[0] is then the object);
                  * overloaded operators are calls named "operator+" etc. */
    CX_ADDR,     /* &operand: args[0] */
    CX_OTHER,    /* anything else; args holds its operands, if any were kept */
};

struct cx_expr {
    enum cx_kind kind;
    uint32_t start, end;       /* bytes of the file */
    const char *name;          /* CX_VAR, CX_CALL; else NULL */
    const char *value;         /* CX_STRING: the literal's text between its quotes (escapes kept) */
    uint64_t var;              /* CX_VAR: the declaration's identity within the file; 0 unknown */
    bool var_const;            /* CX_VAR: declared const with a constant initializer */
    bool method;               /* CX_CALL: a member call, args[0] is the object */
    bool construct;            /* CX_CALL: a constructor (std::string(s), a declared object) */
    struct cx_expr **args;
    uint32_t nargs;
};

enum cx_event_kind {
    CX_EV_INIT,   /* a variable declared: var = expr, or expr NULL when declared without one */
    CX_EV_ASSIGN, /* var = expr */
    CX_EV_APPEND, /* var += expr (and std::string::append, stream <<: var grows by expr) */
    CX_EV_CALL,   /* a call, at any depth (expr is the CX_CALL) */
};

struct cx_event {
    enum cx_event_kind kind;
    uint64_t var;              /* INIT, ASSIGN, APPEND: the variable written */
    const char *var_name;
    struct cx_expr *expr;
    const char *how;           /* APPEND: "+=", "append" or "<<" */
    bool conditional;          /* under an if, a loop, a switch or ?: inside the function */
};

struct cx_function {
    const char *name;
    uint32_t start, end;
    struct cx_event *events;
    size_t nevents;
};

struct cview {
    struct cx_function *functions;
    size_t nfunctions;
};

#endif
