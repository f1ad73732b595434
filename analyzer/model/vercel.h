/* vercel.h — the `headers` rules of a vercel.json, with the byte offsets of what they set.
 *
 * vercel.json sets response headers per route: {"headers": [{"source": "/api/(.*)",
 * "headers": [{"key": "Access-Control-Allow-Origin", "value": "*"}]}]}. Comments (which Vercel
 * does not allow, but editors write) are blanked first; text that is not JSON has no rules.
 *
 *     size_t n;
 *     const struct vercel_rule *r = vercel_headers(f->arena, f->src->text, &n);
 *     for (size_t i = 0; i < n; i++) ... r[i].headers[k].key, .value, .value_start ...
 */
#ifndef PREFLIGHT_VERCEL_H
#define PREFLIGHT_VERCEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"

struct vercel_header {
    const char *key, *value;        /* decoded (arena); value "" when it is not a string */
    uint32_t value_start, value_end; /* the value's bytes, quotes included */
};

struct vercel_rule {
    const char *source;             /* the route pattern, or "" (arena) */
    struct vercel_header *headers;
    size_t nheaders;
};

/* true when path names a vercel.json. */
bool vercel_config(const char *path);
/* The headers rules of the NUL-terminated JSON text, in the arena; *n receives their count
 * (0, and NULL returned, for text that is not JSON or has none). */
const struct vercel_rule *vercel_headers(struct arena *a, const char *text, size_t *n);

#endif
