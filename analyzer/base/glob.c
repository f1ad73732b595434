/* glob.c — glob matching without allocation; recursion is bounded by the pattern's stars. */
#include "glob.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

/* Matches c against the [...] class that starts at p; *len receives the class's length in
 * the pattern, 0 when the '[' is not a class (unterminated) and stands for itself. */
static bool match_class(const char *p, char c, size_t *len)
{
    const char *q = p + 1;
    bool negate = false, found = false;
    if (*q == '!' || *q == '^') {
        negate = true;
        q++;
    }
    const char *first = q;
    while (*q && (*q != ']' || q == first)) {
        if (q[1] == '-' && q[2] && q[2] != ']') {
            if (c >= q[0] && c <= q[2])
                found = true;
            q += 3;
        } else {
            if (c == *q)
                found = true;
            q++;
        }
    }
    if (*q != ']') {
        *len = 0;
        return c == '[';
    }
    *len = (size_t)(q + 1 - p);
    return found != negate;
}

/*
 * One pass over the pattern, keeping the set of string positions the pattern so far can end
 * at (reach[j]: the first j characters are matched). Each token maps one set to the next in
 * O(length of s), so a match costs O(pattern x string) whatever the stars: a backtracking
 * matcher is exponential on "*a*a*a*a*b", and a .preflight.json arrives with pull requests.
 */
bool glob_match(const char *pattern, const char *s, bool path)
{
    size_t n = strlen(s);
    bool *reach = xcalloc(n + 1, sizeof(*reach)), *next = xcalloc(n + 1, sizeof(*next));
    reach[0] = true;
    const char *p = pattern;
    bool any = true; /* some position is still reachable */
    while (*p && any) {
        memset(next, 0, (n + 1) * sizeof(*next));
        if (p[0] == '*' && p[1] == '*' && p[2] == '/' && path) {
            /* zero or more whole directories */
            bool seen = false;
            for (size_t j = 0; j <= n; j++) {
                next[j] = reach[j] || (seen && j > 0 && s[j - 1] == '/');
                seen |= reach[j];
            }
            p += 3;
        } else if (p[0] == '*') {
            /* "**" crosses '/', "*" does not in a path */
            bool cross = p[1] == '*' || !path;
            for (size_t j = 0; j <= n; j++)
                next[j] = reach[j] || (j > 0 && next[j - 1] && (cross || s[j - 1] != '/'));
            p += p[1] == '*' ? 2 : 1;
        } else {
            /* one character: literal, '?', a [class] or an escaped character */
            size_t len = 1;
            if (*p == '[') {
                (void)match_class(p, '\0', &len);
                if (!len) /* unterminated: the '[' stands for itself */
                    len = 1;
            } else if (*p == '\\' && p[1]) {
                len = 2;
            }
            for (size_t j = 0; j < n; j++) {
                if (!reach[j])
                    continue;
                char c = s[j];
                size_t ignored;
                if (*p == '?')
                    next[j + 1] = !(path && c == '/');
                else if (*p == '[' && len > 1)
                    next[j + 1] = match_class(p, c, &ignored);
                else
                    next[j + 1] = c == p[len - 1];
            }
            p += len;
        }
        bool *t = reach;
        reach = next;
        next = t;
        any = false;
        for (size_t j = 0; j <= n && !any; j++)
            any = reach[j];
    }
    bool matched = !*p && reach[n];
    free(reach);
    free(next);
    return matched;
}

bool glob_select(const char *globs, const char *id, bool enabled)
{
    const char *p = globs;
    while (*p) {
        while (*p == ',' || *p == ' ' || *p == '\t' || *p == '\n')
            p++;
        const char *end = p;
        while (*end && *end != ',')
            end++;
        const char *last = end;
        while (last > p && (last[-1] == ' ' || last[-1] == '\t' || last[-1] == '\n'))
            last--;
        if (last > p) {
            bool negative = *p == '-';
            const char *g = negative ? p + 1 : p;
            char buf[256];
            size_t n = (size_t)(last - g);
            if (n < sizeof(buf)) {
                memcpy(buf, g, n);
                buf[n] = '\0';
                if (glob_match(buf, id, false))
                    enabled = !negative;
            }
        }
        p = end;
    }
    return enabled;
}

bool glob_path_excluded(const char *pattern, const char *relpath)
{
    if (str_starts_with(pattern, "./"))
        pattern += 2;
    size_t plen = strlen(pattern);
    char trimmed[1024];
    if (plen && pattern[plen - 1] == '/' && plen < sizeof(trimmed)) {
        /* "dir/" means the directory and all below it */
        memcpy(trimmed, pattern, plen - 1);
        trimmed[plen - 1] = '\0';
        pattern = trimmed;
    }
    if (strchr(pattern, '/')) {
        if (pattern[0] == '/')
            pattern++;
        if (glob_match(pattern, relpath, true))
            return true;
        /* a directory pattern excludes everything below it */
        char buf[4096];
        for (const char *slash = strchr(relpath, '/'); slash; slash = strchr(slash + 1, '/')) {
            size_t n = (size_t)(slash - relpath);
            if (n >= sizeof(buf))
                break;
            memcpy(buf, relpath, n);
            buf[n] = '\0';
            if (glob_match(pattern, buf, true))
                return true;
        }
        return false;
    }
    /* no '/': any component matches */
    const char *c = relpath;
    for (;;) {
        const char *slash = strchr(c, '/');
        size_t n = slash ? (size_t)(slash - c) : strlen(c);
        char buf[1024];
        if (n < sizeof(buf)) {
            memcpy(buf, c, n);
            buf[n] = '\0';
            if (glob_match(pattern, buf, true))
                return true;
        }
        if (!slash)
            return false;
        c = slash + 1;
    }
}
