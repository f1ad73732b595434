/* cstr.h — how C and C++ code builds strings, over the cview (front/cview.h): which calls
 * write text into a buffer or return it (sprintf, snprintf, asprintf, strcpy, strcat,
 * sqlite3_mprintf, std::string's + and +=, streams' <<), read with their format strings, and
 * what a variable holds at each event of a function, branch by branch joined.
 *
 * A value is CONSTANT when every piece of it is a literal, a macro, a const variable with a
 * literal initializer, a number, or a piece quoted for SQL by its formatter (%q, %Q, %w of
 * sqlite3_mprintf); BUILT when a piece that is none of these went into it through one of the
 * calls above; UNKNOWN otherwise (a parameter, a call's result: nothing says how it was made).
 *
 *     struct cstr_flow *flow = cstr_flow_new(arena, fn);
 *     for (size_t k = 0; k < fn->nevents; k++) {
 *         struct cstr_value v = cstr_eval(flow, fn->events[k].expr->args[1]); // before event k
 *         ...
 *         cstr_flow_step(flow, k);
 *     }
 */
#ifndef PREFLIGHT_CSTR_H
#define PREFLIGHT_CSTR_H

#include <stdint.h>

#include "base/arena.h"
#include "front/cview.h"
#include "front/source.h"

enum cstr_origin { CSTR_CONSTANT, CSTR_UNKNOWN, CSTR_BUILT };

struct cstr_value {
    enum cstr_origin origin;
    /* CSTR_BUILT: the call or operator that put a varying piece in, and that piece */
    uint32_t start, end;
    const char *how;   /* "sprintf", "strcat", "+", "<<"... (static or arena) */
    const char *from;  /* the piece, as written: "name", "argv[1]" (arena) */
};

/* One function's variables as its events assign them. Allocated from arena. */
struct cstr_flow;
struct cstr_flow *cstr_flow_new(struct arena *arena, const struct source *src,
                                const struct cx_function *fn);
/* What e holds at the flow's current point (before the next event is stepped over). */
struct cstr_value cstr_eval(struct cstr_flow *flow, const struct cx_expr *e);
/* Takes event k into account: the assignments it makes and the buffers its call writes. Call
 * for k = 0, 1, ... in order. */
void cstr_flow_step(struct cstr_flow *flow, size_t k);

#endif
