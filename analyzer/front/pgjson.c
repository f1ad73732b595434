/* pgjson.c — libpg_query's JSON read in place (see pgjson.h). */
#include "pgjson.h"

#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"

/* Byte classes: what the bracket matcher looks for outside strings (jclass) and inside them
 * (jstring_stop), and what ends a number or literal (jscalar_stop). */
enum { J_PLAIN, J_QUOTE, J_BACKSLASH, J_OPEN, J_CLOSE, J_END };
static const unsigned char jclass[256] = {
    ['\0'] = J_END, ['"'] = J_QUOTE, ['\\'] = J_BACKSLASH,
    ['{'] = J_OPEN, ['['] = J_OPEN, ['}'] = J_CLOSE, [']'] = J_CLOSE,
};
static const bool jstring_stop[256] = {['\0'] = true, ['"'] = true, ['\\'] = true};
static const bool jscalar_stop[256] = {
    ['\0'] = true, [','] = true, ['}'] = true, [']'] = true,
    [' '] = true, ['\n'] = true, ['\r'] = true, ['\t'] = true,
};

/* Past the string that opens at p ('"'), or NULL when it is unterminated. */
static const char *jstring_end(const char *p)
{
    for (p++;; p++) {
        while (!jstring_stop[(unsigned char)*p])
            p++;
        if (*p == '"')
            return p + 1;
        if (*p == '\0' || *++p == '\0')
            return NULL;
    }
}

/* Matches the brackets and quotes of json into d. Returns false when they do not balance (or a
 * string is unterminated, or the text is too long for 32-bit offsets): nothing is read from such
 * text. */
bool jdoc_index(struct jdoc *d, const char *json)
{
    size_t n = strlen(json);
    if (n >= UINT32_MAX)
        return false;
    if (d->cap < n) {
        free(d->close);
        d->cap = n > 2 * d->cap ? n : 2 * d->cap;
        d->close = xmalloc(d->cap * sizeof(*d->close));
    }
    d->text = json;
    /* the open brackets form a stack linked through close[]: an open bracket's entry holds the
     * enclosing one's offset until its own closing bracket replaces it */
    uint32_t top = UINT32_MAX;
    for (const char *p = json;; p++) {
        while (jclass[(unsigned char)*p] == J_PLAIN)
            p++;
        switch (jclass[(unsigned char)*p]) {
        case J_PLAIN:
            break;
        case J_QUOTE: {
            const char *end = jstring_end(p);
            if (!end)
                return false;
            d->close[p - json] = (uint32_t)(end - 1 - json);
            p = end - 1;
            break;
        }
        case J_OPEN:
            d->close[p - json] = top;
            top = (uint32_t)(p - json);
            break;
        case J_CLOSE:
            if (top == UINT32_MAX || (json[top] == '{') != (*p == '}'))
                return false;
            uint32_t up = d->close[top];
            d->close[top] = (uint32_t)(p - json);
            top = up;
            break;
        case J_BACKSLASH:
            return false;
        case J_END:
            return top == UINT32_MAX;
        }
    }
}

/* Past the value that starts at p (in d's text), or NULL when it is malformed. */
const char *jskip(const struct jdoc *d, const char *p)
{
    if (*p == '{' || *p == '[' || *p == '"')
        return d->text + d->close[p - d->text] + 1;
    const char *s = p; /* a number, true, false or null */
    while (!jscalar_stop[(unsigned char)*p])
        p++;
    return p > s ? p : NULL;
}

/* Sets every field's value from object o in one pass (NULL for a key o lacks, and for all of
 * them when o is not an object); the first of repeated keys counts. */
void jfields(const struct jdoc *d, const char *o, const struct jfield *f, size_t n)
{
    for (size_t i = 0; i < n; i++)
        *f[i].val = NULL;
    if (!o || *o != '{')
        return;
    const char *p = jblank(o + 1);
    while (*p == '"') {
        const char *key = p + 1, *key_end = jskip(d, p);
        size_t klen = (size_t)(key_end - 1 - key);
        const char **want = NULL;
        for (size_t i = 0; i < n && !want; i++)
            if (!*f[i].val && jkey_is(key, klen, f[i].key))
                want = f[i].val;
        p = jblank(key_end);
        if (*p != ':')
            return;
        p = jblank(p + 1);
        if (want)
            *want = p;
        p = jskip(d, p);
        if (!p)
            return;
        p = jblank(p);
        if (*p != ',')
            return;
        p = jblank(p + 1);
    }
}


/* The value of one member of object o, or NULL. */
const char *jget(const struct jdoc *d, const char *o, const char *key)
{
    const char *v;
    JFIELDS(d, o, {key, &v});
    return v;
}

/* The first member of object o: its value, with its key in [*key, *key + *klen). */
const char *jfirst(const struct jdoc *d, const char *o, const char **key, size_t *klen)
{
    if (!o || *o != '{')
        return NULL;
    const char *p = jblank(o + 1);
    if (*p != '"')
        return NULL;
    const char *end = jskip(d, p);
    *key = p + 1;
    *klen = (size_t)(end - 1 - *key);
    p = jblank(end);
    return *p == ':' ? jblank(p + 1) : NULL;
}

/* The element after it, or NULL. */
const char *jarr_next(const struct jdoc *d, const char *it)
{
    const char *p = jskip(d, it);
    if (!p)
        return NULL;
    p = jblank(p);
    return *p == ',' ? jblank(p + 1) : NULL;
}


size_t jarr_count(const struct jdoc *d, const char *v)
{
    size_t n = 0;
    JARR_EACH(d, it, v)
        n++;
    return n;
}

/* Is v the string lit? lit holds nothing JSON escapes (quotes, backslashes, control characters;
 * libpg_query also escapes < > &): the enum names and keywords compared here never do. */
bool jv_eq(const char *v, const char *lit)
{
    if (!jv_isstr(v))
        return false;
    size_t i = 0;
    for (; lit[i]; i++)
        if (v[1 + i] != lit[i]) /* also stops at v's closing quote */
            return false;
    return v[1 + i] == '"';
}

/* A number's value as an int, or missing when v is not a number. */
int jv_int(const char *v, int missing)
{
    if (!v || !(*v == '-' || isdigit((unsigned char)*v)))
        return missing;
    long x = strtol(v, NULL, 10);
    return x < INT_MIN ? INT_MIN : x > INT_MAX ? INT_MAX : (int)x;
}

static unsigned jhex4(const char *p)
{
    unsigned x = 0;
    for (int i = 0; i < 4; i++) {
        char ch = p[i];
        unsigned d = ch >= '0' && ch <= '9'   ? (unsigned)(ch - '0')
                     : ch >= 'a' && ch <= 'f' ? (unsigned)(ch - 'a' + 10)
                     : ch >= 'A' && ch <= 'F' ? (unsigned)(ch - 'A' + 10)
                                              : 16;
        if (d == 16)
            return UINT_MAX;
        x = x * 16 + d;
    }
    return x;
}

/* String v decoded into the arena, or NULL when v is not a string. */
const char *jv_str(struct arena *a, const char *v)
{
    if (!jv_isstr(v))
        return NULL;
    const char *end = jstring_end(v);
    if (!end)
        return NULL;
    const char *s = v + 1;
    size_t n = (size_t)(end - 1 - s);
    if (!memchr(s, '\\', n))
        return arena_strndup(a, s, n);
    /* escapes never decode longer than they are written (\uXXXX: at most 3 bytes of UTF-8, a
     * surrogate pair's 12 bytes: 4) */
    char *out = arena_alloc(a, n + 1), *o = out;
    for (const char *p = s; p < s + n; p++) {
        if (*p != '\\') {
            *o++ = *p;
            continue;
        }
        char e = *++p;
        switch (e) {
        case 'b': *o++ = '\b'; break;
        case 'f': *o++ = '\f'; break;
        case 'n': *o++ = '\n'; break;
        case 'r': *o++ = '\r'; break;
        case 't': *o++ = '\t'; break;
        case 'u': {
            unsigned cp = p + 4 < s + n ? jhex4(p + 1) : UINT_MAX;
            if (cp == UINT_MAX) {
                *o++ = e;
                break;
            }
            p += 4;
            if (cp >= 0xD800 && cp < 0xDC00 && p + 6 < s + n && p[1] == '\\' && p[2] == 'u') {
                unsigned lo = jhex4(p + 3);
                if (lo >= 0xDC00 && lo < 0xE000) {
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    p += 6;
                }
            }
            if (cp < 0x80) {
                *o++ = (char)cp;
            } else if (cp < 0x800) {
                *o++ = (char)(0xC0 | (cp >> 6));
                *o++ = (char)(0x80 | (cp & 0x3F));
            } else if (cp < 0x10000) {
                *o++ = (char)(0xE0 | (cp >> 12));
                *o++ = (char)(0x80 | ((cp >> 6) & 0x3F));
                *o++ = (char)(0x80 | (cp & 0x3F));
            } else {
                *o++ = (char)(0xF0 | (cp >> 18));
                *o++ = (char)(0x80 | ((cp >> 12) & 0x3F));
                *o++ = (char)(0x80 | ((cp >> 6) & 0x3F));
                *o++ = (char)(0x80 | (cp & 0x3F));
            }
            break;
        }
        default: *o++ = e; break; /* \" \\ \/ */
        }
    }
    *o = '\0';
    return out;
}

void jdoc_release(struct jdoc *d)
{
    free(d->close);
    *d = (struct jdoc){0};
}

void jsonc_blank(char *s)
{
    bool str = false;
    for (char *p = s; *p; p++) {
        if (str) {
            if (*p == '\\' && p[1])
                p++;
            else if (*p == '"')
                str = false;
        } else if (*p == '"') {
            str = true;
        } else if (p[0] == '/' && p[1] == '/') {
            while (*p && *p != '\n')
                *p++ = ' ';
            if (!*p)
                break;
        } else if (p[0] == '/' && p[1] == '*') {
            char *e = strstr(p + 2, "*/");
            char *end = e ? e + 2 : p + strlen(p);
            for (; p < end; p++)
                if (*p != '\n')
                    *p = ' ';
            p--;
        } else if (*p == ',') {
            char *q = p + 1;
            while (*q == ' ' || *q == '\t' || *q == '\n' || *q == '\r')
                q++;
            if (*q == '}' || *q == ']')
                *p = ' ';
        }
    }
}
