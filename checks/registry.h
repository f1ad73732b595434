/* registry.h — the table of every check, sorted by id (see checks.def). */
#ifndef PREFLIGHT_REGISTRY_H
#define PREFLIGHT_REGISTRY_H

#include <stddef.h>

#include "check.h"

extern const struct check *const check_registry[];
extern const size_t check_registry_count;

/* The check with this id, or NULL. */
const struct check *registry_find(const char *id);
/* Its documentation page (Markdown, embedded at build time), or NULL. */
const char *registry_doc(const char *id);

#endif
