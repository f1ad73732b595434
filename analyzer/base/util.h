/* util.h — allocation that never fails, error reporting, and small containers.
 *
 * Every allocation in preflight goes through xmalloc and friends: out of memory is fatal, so
 * callers never test for NULL. tree-sitter is given the same allocator (ts_set_allocator).
 *
 * Error messages follow git: lowercase, no final period, subject quoted: "cannot read '%s'".
 *   die(...)   fatal usage/output failure: prints "preflight: error: ..." and exits 2
 *   warn(...)  prints "preflight: warning: ..." and goes on
 *   BUG(...)   a broken invariant: prints the place and aborts
 */
#ifndef PREFLIGHT_UTIL_H
#define PREFLIGHT_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))
#define NORETURN __attribute__((noreturn))
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t n);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* Formats into a new string; caller frees. */
char *xasprintf(const char *fmt, ...) PRINTF_LIKE(1, 2);
char *xvasprintf(const char *fmt, va_list ap);

NORETURN void die(const char *fmt, ...) PRINTF_LIKE(1, 2);
void warn(const char *fmt, ...) PRINTF_LIKE(1, 2);
NORETURN void bug_at(const char *file, int line, const char *fmt, ...) PRINTF_LIKE(3, 4);
#define BUG(...) bug_at(__FILE__, __LINE__, __VA_ARGS__)

/* Growable array of T: struct { T *v; size_t n, cap; }. Elements move on growth. */
#define VEC(T) struct { T *v; size_t n, cap; }
#define VEC_PUSH(vec, x)                                                                  \
    do {                                                                                  \
        if ((vec).n == (vec).cap) {                                                       \
            (vec).cap = (vec).cap ? (vec).cap * 2 : 8;                                    \
            (vec).v = xrealloc((vec).v, (vec).cap * sizeof(*(vec).v));                    \
        }                                                                                 \
        (vec).v[(vec).n++] = (x);                                                         \
    } while (0)
#define VEC_FREE(vec) (free((vec).v), (vec).v = NULL, (vec).n = (vec).cap = 0)

/* A growable NUL-terminated byte buffer, after git's strbuf. buf is never NULL after init. */
struct strbuf {
    char *buf;
    size_t len, cap;
};
void strbuf_init(struct strbuf *sb);
void strbuf_add(struct strbuf *sb, const void *data, size_t n);
void strbuf_addstr(struct strbuf *sb, const char *s);
void strbuf_addch(struct strbuf *sb, char c);
void strbuf_addf(struct strbuf *sb, const char *fmt, ...) PRINTF_LIKE(2, 3);
/* Appends everything f holds until its end; false on a read error (see ferror). */
bool strbuf_fread(struct strbuf *sb, FILE *f);
/* The same, stopping once more than max bytes were appended (sb->len - before > max then
 * says the input was too large): input a stranger controls is never read whole. */
bool strbuf_fread_max(struct strbuf *sb, FILE *f, size_t max);
/* Hands the buffer to the caller (who frees it) and leaves sb empty. */
char *strbuf_detach(struct strbuf *sb, size_t *len);
void strbuf_release(struct strbuf *sb);

bool str_starts_with(const char *s, const char *prefix);
bool str_ends_with(const char *s, const char *suffix);

/* 64-bit FNV-1a, for fingerprints and hash tables; chain calls with the previous value. */
#define FNV64_INIT UINT64_C(0xcbf29ce484222325)
uint64_t fnv64(uint64_t h, const void *data, size_t n);

#endif
