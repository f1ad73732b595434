/* localdefs.h — which definitions of a local name can reach a use of it, within one function.
 *
 * A syntax-only reaching-definitions query over Python and TypeScript/JavaScript trees. From
 * the use it walks back through the statements of the enclosing function: it joins the
 * branches of if/elif/else, switch and try, adds a loop body's definitions for the back edge,
 * and stops at a definition that replaces the value on every path (a statement-level
 * assignment or declaration, an if/else whose every branch assigns, a loop or with target).
 * It knows nothing of types, aliasing through objects or calls: `x.append(v)` and `x.push(v)`
 * are reported as mutations, a name bound outside every function as LOCALDEF_GLOBAL.
 *
 *     struct localdefs_memo *memo = localdefs_memo_new(f);   // once per file
 *     struct localdef *defs;
 *     size_t n = localdefs_find(f, memo, use, &defs);
 *     for (size_t i = 0; i < n; i++)
 *         if (defs[i].kind == LOCALDEF_ASSIGN && !ts_node_is_null(defs[i].value))
 *             ... look at defs[i].value ...
 *
 * Everything returned is allocated from f->arena and borrows nodes of f->tree. Nothing here
 * recurses on tree depth.
 */
#ifndef PREFLIGHT_LOCALDEFS_H
#define PREFLIGHT_LOCALDEFS_H

#include <stdbool.h>
#include <stddef.h>
#include "front/tsapi.h"

#include "check.h"

enum localdef_kind {
    LOCALDEF_ASSIGN,  /* name = value, let name = value, (name := value); value is null
                       * for `let name;` */
    LOCALDEF_AUGMENT, /* name += value (any operator): the definitions before it reach too */
    LOCALDEF_MUTATE,  /* name.append(...), name.push(...): value is the argument list */
    LOCALDEF_UPDATE,  /* name++, --name */
    LOCALDEF_BIND,    /* a pattern binds it: loop target, `as` target, destructuring, tuple
                       * unpacking; value is the source expression or null */
    LOCALDEF_PARAM,   /* a parameter of the function scope, index is its position */
    LOCALDEF_GLOBAL,  /* not bound in any enclosing function: module-level name, import or
                       * builtin (at and value are null) */
};

struct localdef {
    enum localdef_kind kind;
    TSNode at;    /* the defining node: assignment, declarator, call, parameter, loop
                   * statement or comprehension clause (its `left` is the target) ... */
    TSNode value; /* see kind; may be null */
    TSNode scope; /* PARAM: the function; BIND: the loop statement or comprehension, if any */
    int index;    /* PARAM: 0-based position among the function's parameters */
    bool iter;    /* BIND: value is an iterable and the name gets its elements */
};

/* Answers already given for one file: every query about a long function walks the same
 * statements, so a check that asks about many uses keeps one memo per file. Allocated from
 * f->arena and gone with it; a NULL memo is allowed everywhere and remembers nothing. */
struct localdefs_memo;
struct localdefs_memo *localdefs_memo_new(struct check_file *f);

/* The definitions of the identifier `use` that can reach it, in no particular order; *out is
 * set to an arena array (NULL when none), shared with the memo: do not modify it. A name
 * with no definition in its functions and not a parameter gives one LOCALDEF_GLOBAL. */
size_t localdefs_find(struct check_file *f, struct localdefs_memo *memo, TSNode use,
                      struct localdef **out);

/* The nodes from top down to node, both included (an arena array of *n). Use it instead of
 * climbing with ts_node_parent(), which walks down from the root on every call. */
TSNode *localdefs_path(struct check_file *f, TSNode top, TSNode node, size_t *n);

/* true for the nodes that open a new function scope (defs, lambdas, arrows, methods). */
bool localdefs_is_function(TSNode node);

#endif
