/* imports_barrel.c — the re-exports of a TypeScript/JavaScript module read from its text, for
 * the resolver to follow one hop past a barrel (`lib/index.ts` doing `export { supabaseAdmin }
 * from './admin'` or `export * from './admin'`). A light scan of statements that start a line
 * with `export`: the resolver runs in the project pass, when the trees are gone.
 */
#include "imports_p.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static bool ident_char(char c)
{
    return isalnum((unsigned char)c) || c == '_' || c == '$';
}

static const char *skip_space(const char *p, const char *end)
{
    for (;;) {
        while (p < end && isspace((unsigned char)*p))
            p++;
        if (p + 1 < end && p[0] == '/' && p[1] == '*') {
            const char *c = p + 2;
            while (c + 1 < end && !(c[0] == '*' && c[1] == '/'))
                c++;
            p = c + 1 < end ? c + 2 : end;
        } else if (p + 1 < end && p[0] == '/' && p[1] == '/') {
            while (p < end && *p != '\n')
                p++;
        } else {
            return p;
        }
    }
}

/* The word at p, if it is w. */
static bool word_at(const char *p, const char *end, const char *w)
{
    size_t n = strlen(w);
    return (size_t)(end - p) >= n && memcmp(p, w, n) == 0 &&
           (p + n == end || !ident_char(p[n]));
}

static const char *ident_end(const char *p, const char *end)
{
    while (p < end && ident_char(*p))
        p++;
    return p;
}

/* `from 'spec'` at p: the spec (malloc'd), p moved past it; NULL when it is not there. */
static char *from_spec(const char **pp, const char *end)
{
    const char *p = skip_space(*pp, end);
    if (!word_at(p, end, "from"))
        return NULL;
    p = skip_space(p + 4, end);
    if (p >= end || (*p != '\'' && *p != '"'))
        return NULL;
    char q = *p++;
    const char *s = p;
    while (p < end && *p != q && *p != '\n')
        p++;
    if (p >= end || *p != q)
        return NULL;
    *pp = p + 1;
    return xstrndup(s, (size_t)(p - s));
}

/* `{ a, b as c, type d }` at p (after the brace): the pairs into rx with spec. */
static void named_list(struct reexports *rx, const char *p, const char *end)
{
    const char *close = memchr(p, '}', (size_t)(end - p));
    if (!close)
        return;
    const char *after = close + 1;
    char *spec = from_spec(&after, end); /* NULL: export { a } of the module's own names */
    bool used = false;
    while (p < close) {
        p = skip_space(p, close);
        if (word_at(p, close, "type")) {
            const char *q = skip_space(p + 4, close);
            if (q < close && ident_char(*q))
                p = q; /* `type X`: a type, but its name still resolves */
        }
        const char *a = p, *ae = ident_end(p, close);
        if (ae == a)
            break;
        const char *b = a, *be = ae;
        p = skip_space(ae, close);
        if (word_at(p, close, "as")) {
            p = skip_space(p + 2, close);
            b = p;
            be = ident_end(p, close);
            p = be;
        }
        if (spec) {
            struct reexport e = {.name = xstrndup(b, (size_t)(be - b)),
                                 .from_name = xstrndup(a, (size_t)(ae - a)), .spec = spec};
            VEC_PUSH(rx->named, e);
            used = true;
        } else {
            VEC_PUSH(rx->own, xstrndup(b, (size_t)(be - b)));
        }
        p = skip_space(p, close);
        if (p < close && *p == ',')
            p++;
        else
            break;
    }
    if (used)
        VEC_PUSH(rx->specs, spec); /* owned here, shared by the entries */
    else
        free(spec);
}

/* export [async] const|let|var|function|class|enum NAME at p: NAME into rx->own. */
static void own_name(struct reexports *rx, const char *p, const char *end)
{
    static const char *const kinds[] = {"const", "let", "var", "function", "class", "enum",
                                        NULL};
    if (word_at(p, end, "async"))
        p = skip_space(p + 5, end);
    for (const char *const *k = kinds; *k; k++) {
        if (!word_at(p, end, *k))
            continue;
        const char *q = skip_space(p + strlen(*k), end);
        if (q < end && *q == '*')
            q = skip_space(q + 1, end); /* function* */
        const char *e = ident_end(q, end);
        if (e > q)
            VEC_PUSH(rx->own, xstrndup(q, (size_t)(e - q)));
        return;
    }
}

struct reexports *reexports_scan(const char *text)
{
    struct reexports *rx = xcalloc(1, sizeof(*rx));
    if (!text)
        return rx;
    const char *end = text + strlen(text);
    for (const char *line = text; line < end;) {
        const char *nl = memchr(line, '\n', (size_t)(end - line));
        const char *p = line;
        while (p < end && (*p == ' ' || *p == '\t'))
            p++;
        line = nl ? nl + 1 : end;
        if (!word_at(p, end, "export"))
            continue;
        p = skip_space(p + 6, end);
        if (word_at(p, end, "type"))
            continue; /* export type { ... } from: types only */
        if (p < end && *p == '*') {
            p = skip_space(p + 1, end);
            if (word_at(p, end, "as"))
                continue; /* export * as ns from: one name, the namespace */
            char *spec = from_spec(&p, end);
            if (spec)
                VEC_PUSH(rx->stars, spec);
        } else if (p < end && *p == '{') {
            named_list(rx, p + 1, end);
        } else {
            own_name(rx, p, end);
        }
    }
    return rx;
}

void reexports_free(struct reexports *rx)
{
    if (!rx)
        return;
    for (size_t i = 0; i < rx->named.n; i++) {
        free(rx->named.v[i].name);
        free(rx->named.v[i].from_name);
    }
    for (size_t i = 0; i < rx->specs.n; i++)
        free(rx->specs.v[i]);
    for (size_t i = 0; i < rx->stars.n; i++)
        free(rx->stars.v[i]);
    for (size_t i = 0; i < rx->own.n; i++)
        free(rx->own.v[i]);
    VEC_FREE(rx->own);
    VEC_FREE(rx->named);
    VEC_FREE(rx->specs);
    VEC_FREE(rx->stars);
    free(rx);
}
