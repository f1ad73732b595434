/* dbcall_p.h — what dbcall.c (chains, bindings, setup) and dbcall_kind.c (classification, the
 * file at a glance) share. Not for checks (see dbcall.h). */
#ifndef PREFLIGHT_DBCALL_P_H
#define PREFLIGHT_DBCALL_P_H

#include <string.h>

#include "dbcall.h"

/* s[0, n) is the literal lit */
static inline bool span_eq(const char *s, uint32_t n, const char *lit)
{
    return strlen(lit) == n && memcmp(s, lit, n) == 0;
}

/* n has the symbol sym (0: a symbol the grammar lacks, never matched) */
static inline bool is(TSNode n, TSSymbol sym)
{
    return dbcall_is(n, sym);
}

#endif
