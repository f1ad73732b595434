/* errors_p.h — between errors.c (bindings and where errors are caught) and errors_detail.c
 * (what of an error an expression carries, and copies). */
#ifndef PREFLIGHT_ERRORS_P_H
#define PREFLIGHT_ERRORS_P_H

#include "model/errors.h"

/* The properties of a TS/JS error whose text is internal detail (message, stack, ...). */
extern const char *const err_ts_leak_props[];
/* What reading property p of an error gives the client, for messages. */
const char *err_prop_what(const char *p, bool nested);
/* The error n (stripped) reads from, through properties that hold a nested error or the
 * upstream response; *nested tells whether it went through one. NULL when n is no error. */
struct err_bound *err_error_find(struct errors *s, TSNode n, bool *nested);
/* left = right at node at: binds left when right holds an error or text made from one. */
void err_bind_copy(struct errors *s, TSNode at, TSNode left, TSNode right);

#endif
