/* arena.h — bump allocation for everything a file's analysis needs, freed in one go.
 *
 * The driver gives each file an arena; checks and the dataflow engine allocate from it and
 * never free. arena_release() frees every block when the file is done.
 *
 *     struct arena a;
 *     arena_init(&a);
 *     char *s = arena_strndup(&a, text, n);
 *     arena_release(&a);
 */
#ifndef PREFLIGHT_ARENA_H
#define PREFLIGHT_ARENA_H

#include <stddef.h>

#include "util.h"

struct arena_block;
struct arena {
    struct arena_block *head;
    size_t next_block; /* size of the next block: small first, doubling to a cap */
};

void arena_init(struct arena *a);
/* Zeroed memory aligned for any type, valid until arena_release(). */
void *arena_alloc(struct arena *a, size_t n);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_printf(struct arena *a, const char *fmt, ...) PRINTF_LIKE(2, 3);
void arena_release(struct arena *a);

#endif
