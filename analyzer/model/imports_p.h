/* imports_p.h — what the resolver (imports_resolve.c) and the barrel scan (imports_barrel.c)
 * share. Not for checks (see imports.h). */
#ifndef PREFLIGHT_IMPORTS_P_H
#define PREFLIGHT_IMPORTS_P_H

#include <stdbool.h>

#include "base/util.h"
#include "imports.h"

/* `export { from_name as name } from 'spec'` */
struct reexport {
    char *name, *from_name;
    const char *spec; /* owned by reexports.specs */
};

/* A module's re-exports. */
struct reexports {
    VEC(struct reexport) named;
    VEC(char *) specs; /* the specs of named, each once per statement */
    VEC(char *) stars; /* `export * from 'spec'` */
    /* what the module exports itself: export const/let/var/function/class/enum NAME,
     * export { a as NAME } */
    VEC(char *) own;
};

/* The re-exports of a module's text (NULL reads as none). Never NULL; caller frees with
 * reexports_free. */
struct reexports *reexports_scan(const char *text);
void reexports_free(struct reexports *rx);

#endif
