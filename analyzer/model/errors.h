/* errors.h — where errors are in reach in a TypeScript/JavaScript or Python file, and what of
 * an error an expression carries: the error model of one walk in source order.
 *
 * An error is bound where it is caught, visible in that region only: catch (e) and
 * catch ({ message }) blocks, .catch((err) => ...) callbacks, except ... as e blocks (and a
 * marker there for traceback.format_exc()), the rest of the block after
 * `const { data, error } = await supabase...` or `const r = await supabase...` (r.error),
 * Express error middleware (err, req, res, next), FastAPI/Flask exception handlers, and the
 * error parameter of a central error helper (handleApiError(error: unknown)). Copies are
 * bound too: const err = e as Error, const { message, stack: trace } = err,
 * const msg = `failed: ${e.message}`, and a clean value written over a name ends it.
 * Validation results (safeParse) and supabase auth errors are written for the user and are
 * not bound.
 *
 *     struct errors e;
 *     errors_init(&e, f);
 *     walk over f: errors_leave(&e, start of n); errors_enter(&e, &w, n, sym);
 *                  struct err_leak l = errors_leak(&e, payload);  // l.node: carries one
 *
 * Bindings, origins and strings live in the file's arena. Nothing here recurses on tree
 * depth.
 */
#ifndef PREFLIGHT_ERRORS_H
#define PREFLIGHT_ERRORS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "check.h"
#include "front/kinds.h"
#include "front/syntax.h"

enum err_kind {
    ERR_ERROR,  /* the error object itself, or an alias of it */
    ERR_TEXT,   /* a value built from its text */
    ERR_RESULT, /* a supabase result whose .error is the error: const r = await supabase... */
    ERR_CLEAN,  /* the name now holds something else: const error = 'Invalid input' */
};

/* Where an error comes from: the catch parameter, the destructured `error`. */
struct err_origin {
    const char *what; /* "the caught error" */
    uint32_t start, end;
    /* a parameter of a top-level function (its index and the function's name), watched to
     * learn whether what its callers pass reaches a response; -1 for errors */
    int param;
    const char *helper;
};

struct err_bound {
    const char *name;     /* NULL: the marker of an except block (for traceback.format_exc()) */
    enum err_kind kind;
    bool nested;          /* ERR_ERROR: an error or response inside one (const { response } = e) */
    const char *leaks;    /* ERR_TEXT: what of the error it holds ("the error's message") */
    uint32_t start, end;  /* where it was bound */
    uint32_t from, to;    /* the bytes where it is visible */
    bool alias;           /* a copy made in the block, not the error's own name */
    const struct err_origin *origin;
};

/* Every binding made so far in the file's walk, innermost last. */
struct errors {
    struct check_file *f;
    const struct syntax_syms *sym; /* of f's grammar */
    bool py;
    struct err_bound *v;
    size_t n, cap;
};

/* What of an error an expression carries, or a null node. */
struct err_leak {
    TSNode node;      /* the expression that carries the error's text */
    struct err_bound *via;
    const char *what; /* what of the error it is: "the error's message" */
};

void errors_init(struct errors *s, struct check_file *f);
/* Drops the bindings whose region ends at or before byte at (the walk is past them). */
void errors_leave(struct errors *s, uint32_t at);
/* The bindings node n (of symbol t, the walk's current node) makes: errors caught there and
 * copies of errors in reach. */
void errors_enter(struct errors *s, struct walk *w, TSNode n, TSSymbol t);
/* The part of expr that carries an error in reach (e.message, String(e), `${e}`, the whole
 * e, a copy), through concatenation, templates, objects and calls that keep their
 * argument's text; a null node when none. */
struct err_leak errors_leak(struct errors *s, TSNode expr);

/* A binding of one's own (a watched parameter): name visible in [from, to). */
const struct err_origin *errors_origin(struct errors *s, const char *what, uint32_t start,
                                       uint32_t end);
void errors_bind(struct errors *s, TSNode name, enum err_kind kind, bool alias, uint32_t from,
                 uint32_t to, const struct err_origin *origin);
/* The innermost binding of the name node visible where it is, or NULL. */
struct err_bound *errors_find(struct errors *s, TSNode name);
/* The innermost except block around byte at, as its marker binding, or NULL. */
struct err_bound *errors_marker(struct errors *s, uint32_t at);

/* A function's parameter list, found in the file's node table (nodes.h). */
struct err_params {
    const struct node_table *t;
    TSNode list;    /* the parameters field, or a null node (TS `x => ...`) */
    uint32_t at;    /* its index in t, or NODE_NONE */
    uint32_t count; /* its named children */
};
/* The parameters of the function at index fn of the table. */
struct err_params errors_params(const struct node_table *t, uint32_t fn);
/* The name of the i-th parameter (TS required/optional parameter, Python plain or typed
 * parameter), or a null node. */
TSNode errors_param_name(const struct syntax_syms *y, const struct err_params *ps, uint32_t i);

#endif
