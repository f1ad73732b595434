/* glob.c — glob matching without allocation; recursion is bounded by the pattern's stars. */
#include "glob.h"

#include <string.h>

#include "util.h"

/* Matches one [...] class at *pp against c; advances *pp past it. */
static bool match_class(const char **pp, char c)
{
    const char *p = *pp + 1;
    bool negate = false, found = false;
    if (*p == '!' || *p == '^') {
        negate = true;
        p++;
    }
    const char *first = p;
    while (*p && (*p != ']' || p == first)) {
        if (p[1] == '-' && p[2] && p[2] != ']') {
            if (c >= p[0] && c <= p[2])
                found = true;
            p += 3;
        } else {
            if (c == *p)
                found = true;
            p++;
        }
    }
    if (*p != ']') /* unterminated: treat '[' literally */
        return c == '[' && (*pp = *pp + 1, true);
    *pp = p + 1;
    return found != negate;
}

static bool match_at(const char *p, const char *s, bool path)
{
    while (*p) {
        if (p[0] == '*' && p[1] == '*') {
            p += 2;
            if (*p == '/' && path) {
                /* "**" + "/": zero or more whole directories */
                p++;
                for (const char *t = s;; t++) {
                    if ((t == s || t[-1] == '/') && match_at(p, t, path))
                        return true;
                    if (!*t)
                        return false;
                }
            }
            for (const char *t = s;; t++) {
                if (match_at(p, t, path))
                    return true;
                if (!*t)
                    return false;
            }
        }
        if (*p == '*') {
            p++;
            for (const char *t = s;; t++) {
                if (match_at(p, t, path))
                    return true;
                if (!*t || (path && *t == '/'))
                    return false;
            }
        }
        if (!*s)
            return false;
        if (*p == '?') {
            if (path && *s == '/')
                return false;
            p++, s++;
        } else if (*p == '[') {
            if (!match_class(&p, *s))
                return false;
            s++;
        } else {
            if (*p == '\\' && p[1])
                p++;
            if (*p != *s)
                return false;
            p++, s++;
        }
    }
    return *s == '\0';
}

bool glob_match(const char *pattern, const char *s, bool path)
{
    return match_at(pattern, s, path);
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
