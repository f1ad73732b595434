/* pgjson.h — libpg_query's JSON parse trees, read in place for analyzer/sql.c's extractors.
 *
 * The parse trees are read where libpg_query wrote them, without building a tree of their own: a
 * JSON value is a pointer to its first byte in the output (NULL: absent), and the members an
 * extractor needs are picked from an object in one pass over it (jfields). cJSON built a
 * malloc'd node for every member of trees of which a handful of fields are read: parsing and
 * freeing them took a quarter of the SQL slice's instructions. The brackets of a statement's JSON
 * are matched once, without recursion (jdoc_index), so skipping an object or array costs nothing
 * however large or deep it is: skipping by counting brackets read a column's constraints once
 * per level the extractors descend, eight times. Reading stops at the terminating NUL. Strings
 * are decoded only when copied into the arena.
 */
#ifndef PREFLIGHT_PGJSON_H
#define PREFLIGHT_PGJSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "base/arena.h"

/* One statement's JSON with its brackets and quotes matched (jdoc_index): close[i] is the offset
 * of the bracket or quote that closes the one opening at offset i. Reused from statement to
 * statement. */
struct jdoc {
    const char *text;
    uint32_t *close;         /* heap, cap entries */
    size_t cap;
};

/* JSONC to JSON in place (tsconfig.json, vercel.json with comments): comments and trailing
 * commas become spaces, so every offset stays where it was. */
void jsonc_blank(char *s);

/* Matches the brackets and quotes of json into d. Returns false when they do not balance (or a
 * string is unterminated, or the text is too long for 32-bit offsets): nothing is read from such
 * text. */
bool jdoc_index(struct jdoc *d, const char *json);
void jdoc_release(struct jdoc *d);

/* Past the JSON blanks at p. */
static inline const char *jblank(const char *p)
{
    while (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t')
        p++;
    return p;
}

/* The first element of array v, or NULL when it is empty or not an array. */
static inline const char *jarr_first(const char *v)
{
    if (!v || *v != '[')
        return NULL;
    const char *p = jblank(v + 1);
    return *p == ']' || *p == '\0' ? NULL : p;
}

/* Is v a string? */
static inline bool jv_isstr(const char *v)
{
    return v && *v == '"';
}

/* Is v the literal true? */
static inline bool jv_true(const char *v)
{
    return v && strncmp(v, "true", 4) == 0;
}

/* Is the key [key, key + n) the name k? */
static inline bool jkey_is(const char *key, size_t n, const char *k)
{
    for (size_t i = 0; i < n; i++)
        if (k[i] != key[i]) /* also stops at k's end: keys hold no NUL */
            return false;
    return k[n] == '\0';
}

/* Past the value that starts at p (in d's text), or NULL when it is malformed. */
const char *jskip(const struct jdoc *d, const char *p);

/* One wanted member of an object: its key, and where to store its value. */
struct jfield {
    const char *key;
    const char **val;
};

/* Sets every field's value from object o in one pass (NULL for a key o lacks, and for all of
 * them when o is not an object); the first of repeated keys counts. */
void jfields(const struct jdoc *d, const char *o, const struct jfield *f, size_t n);

/* JFIELDS(d, o, {"key", &value}, ...) */
#define JFIELDS(d, o, ...)                                                                 \
    jfields((d), (o), (const struct jfield[]){__VA_ARGS__},                                \
            sizeof((const struct jfield[]){__VA_ARGS__}) / sizeof(struct jfield))

/* The value of one member of object o, or NULL. */
const char *jget(const struct jdoc *d, const char *o, const char *key);

/* The first member of object o: its value, with its key in [*key, *key + *klen). */
const char *jfirst(const struct jdoc *d, const char *o, const char **key, size_t *klen);

/* The element after it, or NULL. */
const char *jarr_next(const struct jdoc *d, const char *it);

#define JARR_EACH(d, it, v) for (const char *it = jarr_first(v); it; it = jarr_next((d), it))

size_t jarr_count(const struct jdoc *d, const char *v);

/* Is v the string lit? lit holds nothing JSON escapes (quotes, backslashes, control characters;
 * libpg_query also escapes < > &): the enum names and keywords compared here never do. */
bool jv_eq(const char *v, const char *lit);

/* A number's value as an int, or missing when v is not a number. */
int jv_int(const char *v, int missing);

/* String v decoded into the arena, or NULL when v is not a string. */
const char *jv_str(struct arena *a, const char *v);

#endif
