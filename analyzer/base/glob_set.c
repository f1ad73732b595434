/* glob_set.c — a list of path globs compiled once and matched together.
 *
 * A .preflight.json arrives with the pull request, so its exclude list can be long (a 164 KB
 * list made a 2.5 s run take 43 s when every file met every pattern, each compiled anew for
 * every component and every directory prefix). Compiled here once:
 *   - literal names ("node_modules", "vendor/") and literal paths ("web/types/x.ts",
 *     "dist/" + "**") go into hash sets, looked up once per component or directory prefix;
 *   - "*" + a literal ("*.generated.ts") into a hash set of suffixes, looked up once per
 *     component and distinct suffix length;
 *   - the rest becomes a token program run once over the whole path (the reachable-position
 *     simulation of glob.c, where directory prefixes and components fall out of one pass),
 *     after a memmem of its longest literal rejects most paths.
 * The semantics are glob_path_excluded's (glob.h); tests/test_glob.c compares the two.
 */
#include "glob.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

enum tok_kind { TOK_LIT, TOK_ANY, TOK_CLASS, TOK_STAR, TOK_DSTAR, TOK_DSTAR_SLASH };

struct tok {
    uint8_t kind;
    unsigned char c;   /* TOK_LIT */
    uint32_t cls;      /* TOK_CLASS: index into the program's classes */
};

struct program {
    struct tok *toks;
    size_t ntoks;
    uint64_t (*classes)[4]; /* 256-bit sets */
    size_t nclasses;
    bool component;    /* no '/': matches any component; else the path or a directory prefix */
    char *need;        /* a literal every match contains, or NULL (owned) */
};

struct strhash {
    char **slots;      /* owned strings, NULL for empty */
    size_t cap, n;
};

struct glob_set {
    struct strhash names, paths, dirs, suffixes;
    VEC(size_t) suffix_lens;
    VEC(struct program) programs;
};

static uint64_t hash_n(const char *s, size_t n)
{
    return fnv64(FNV64_INIT, s, n);
}

static void strhash_grow(struct strhash *h);

static void strhash_add(struct strhash *h, const char *s)
{
    if ((h->n + 1) * 2 > h->cap)
        strhash_grow(h);
    size_t mask = h->cap - 1, i = (size_t)hash_n(s, strlen(s)) & mask;
    while (h->slots[i]) {
        if (strcmp(h->slots[i], s) == 0)
            return;
        i = (i + 1) & mask;
    }
    h->slots[i] = xstrdup(s);
    h->n++;
}

static void strhash_grow(struct strhash *h)
{
    struct strhash bigger = {.cap = h->cap ? h->cap * 2 : 16};
    bigger.slots = xcalloc(bigger.cap, sizeof(char *));
    for (size_t i = 0; i < h->cap; i++)
        if (h->slots[i]) {
            size_t mask = bigger.cap - 1;
            size_t k = (size_t)hash_n(h->slots[i], strlen(h->slots[i])) & mask;
            while (bigger.slots[k])
                k = (k + 1) & mask;
            bigger.slots[k] = h->slots[i];
            bigger.n++;
        }
    free(h->slots);
    *h = bigger;
}

/* true when s[0..n) is in the set. */
static bool strhash_has(const struct strhash *h, const char *s, size_t n)
{
    if (!h->n)
        return false;
    size_t mask = h->cap - 1, i = (size_t)hash_n(s, n) & mask;
    for (; h->slots[i]; i = (i + 1) & mask)
        if (strncmp(h->slots[i], s, n) == 0 && h->slots[i][n] == '\0')
            return true;
    return false;
}

static void strhash_release(struct strhash *h)
{
    for (size_t i = 0; i < h->cap; i++)
        free(h->slots[i]);
    free(h->slots);
}

/* The [...] class at p as glob.c reads it: *len is its length, 0 when unterminated. */
static void parse_class(const char *p, uint64_t set[4], size_t *len)
{
    const char *q = p + 1;
    bool negate = false;
    if (*q == '!' || *q == '^') {
        negate = true;
        q++;
    }
    const char *first = q;
    uint64_t found[4] = {0};
    while (*q && (*q != ']' || q == first)) {
        if (q[1] == '-' && q[2] && q[2] != ']') {
            for (int c = (unsigned char)q[0]; c <= (unsigned char)q[2]; c++)
                found[c >> 6] |= UINT64_C(1) << (c & 63);
            q += 3;
        } else {
            found[(unsigned char)*q >> 6] |= UINT64_C(1) << ((unsigned char)*q & 63);
            q++;
        }
    }
    if (*q != ']') {
        *len = 0;
        return;
    }
    *len = (size_t)(q + 1 - p);
    for (int i = 0; i < 4; i++)
        set[i] = negate ? ~found[i] : found[i];
    set[0] &= ~UINT64_C(1); /* never the NUL byte */
}

static bool is_literal(const char *p)
{
    return !strpbrk(p, "*?[\\");
}

/* Compiles pattern (already trimmed) into a program. */
static void compile(struct program *prog, const char *p, bool component)
{
    VEC(struct tok) toks = {0};
    prog->component = component;
    size_t best_start = 0, best_len = 0, run_start = 0, run_len = 0;
    struct strbuf lit;
    strbuf_init(&lit);
    char *need = NULL;
    while (*p) {
        struct tok t = {0};
        if (p[0] == '*' && p[1] == '*' && p[2] == '/' && !component) {
            t.kind = TOK_DSTAR_SLASH;
            p += 3;
        } else if (p[0] == '*') {
            t.kind = p[1] == '*' ? TOK_DSTAR : TOK_STAR;
            p += p[1] == '*' ? 2 : 1;
        } else if (p[0] == '?') {
            t.kind = TOK_ANY;
            p++;
        } else if (p[0] == '[') {
            uint64_t set[4];
            size_t len;
            parse_class(p, set, &len);
            if (len) {
                t.kind = TOK_CLASS;
                t.cls = (uint32_t)prog->nclasses;
                prog->classes = xrealloc(prog->classes, (prog->nclasses + 1) * sizeof(*prog->classes));
                memcpy(prog->classes[prog->nclasses++], set, sizeof(set));
                p += len;
            } else {
                t.kind = TOK_LIT;
                t.c = '[';
                p++;
            }
        } else {
            size_t len = (*p == '\\' && p[1]) ? 2 : 1;
            t.kind = TOK_LIT;
            t.c = (unsigned char)p[len - 1];
            p += len;
        }
        /* the longest run of literals: a match holds it as it is */
        if (t.kind == TOK_LIT) {
            if (!run_len)
                run_start = lit.len;
            strbuf_addch(&lit, (char)t.c);
            run_len++;
            if (run_len > best_len) {
                best_len = run_len;
                best_start = run_start;
            }
        } else {
            strbuf_addch(&lit, '\0');
            run_len = 0;
        }
        /* consecutive stars are one star (the wider one) */
        if (toks.n && (t.kind == TOK_STAR || t.kind == TOK_DSTAR) &&
            (toks.v[toks.n - 1].kind == TOK_STAR || toks.v[toks.n - 1].kind == TOK_DSTAR)) {
            if (t.kind == TOK_DSTAR)
                toks.v[toks.n - 1].kind = TOK_DSTAR;
            continue;
        }
        VEC_PUSH(toks, t);
    }
    if (best_len)
        need = xstrndup(lit.buf + best_start, best_len);
    strbuf_release(&lit);
    prog->toks = toks.v;
    prog->ntoks = toks.n;
    prog->need = need;
}

static bool contains(const char *s, size_t n, const char *word)
{
    size_t m = strlen(word);
    for (const char *p = s, *end = s + n; m && (size_t)(end - p) >= m; p++) {
        p = memchr(p, word[0], (size_t)(end - p) - m + 1);
        if (!p)
            return false;
        if (memcmp(p, word, m) == 0)
            return true;
    }
    return !m;
}

/* The reachable-position simulation of glob_match over the whole path s[0..n); scratch holds
 * 2 * (n + 1) bools. In component mode no token consumes '/', and a match starts at a
 * component's start; else it starts at 0. Accepts at n or, as a directory, before a '/'. */
static bool run_program(const struct program *prog, const char *s, size_t n, bool *scratch)
{
    if (prog->need && !contains(s, n, prog->need))
        return false;
    bool *reach = scratch, *next = scratch + n + 1;
    memset(reach, 0, (n + 1) * sizeof(bool));
    reach[0] = true;
    if (prog->component)
        for (size_t j = 0; j < n; j++)
            if (s[j] == '/')
                reach[j + 1] = true;
    bool comp = prog->component;
    for (size_t t = 0; t < prog->ntoks; t++) {
        const struct tok *k = &prog->toks[t];
        memset(next, 0, (n + 1) * sizeof(bool));
        bool any = false;
        if (k->kind == TOK_DSTAR_SLASH) {
            bool seen = false;
            for (size_t j = 0; j <= n; j++) {
                next[j] = reach[j] || (seen && j > 0 && s[j - 1] == '/');
                seen |= reach[j];
                any |= next[j];
            }
        } else if (k->kind == TOK_STAR || k->kind == TOK_DSTAR) {
            bool cross = k->kind == TOK_DSTAR && !comp;
            for (size_t j = 0; j <= n; j++) {
                next[j] = reach[j] || (j > 0 && next[j - 1] && (cross || s[j - 1] != '/'));
                any |= next[j];
            }
        } else {
            for (size_t j = 0; j < n; j++) {
                if (!reach[j])
                    continue;
                unsigned char c = (unsigned char)s[j];
                bool ok = k->kind == TOK_ANY   ? c != '/'
                        : k->kind == TOK_CLASS ? (prog->classes[k->cls][c >> 6] >> (c & 63)) & 1
                                               : c == k->c;
                if (comp && c == '/')
                    ok = false;
                next[j + 1] = ok;
                any |= ok;
            }
        }
        bool *tmp = reach;
        reach = next;
        next = tmp;
        if (!any)
            return false;
    }
    if (reach[n])
        return true;
    for (size_t j = 0; j < n; j++)
        if (reach[j] && s[j] == '/')
            return true;
    return false;
}

struct glob_set *glob_set_new(const char *const *patterns, size_t n)
{
    struct glob_set *set = xcalloc(1, sizeof(*set));
    for (size_t i = 0; i < n; i++) {
        const char *p = patterns[i];
        if (str_starts_with(p, "./"))
            p += 2;
        char *pat = xstrdup(p);
        size_t len = strlen(pat);
        if (len && pat[len - 1] == '/' && len < 1024) /* "dir/": the directory and below */
            pat[--len] = '\0';
        bool component = !strchr(pat, '/');
        const char *body = !component && pat[0] == '/' ? pat + 1 : pat;
        size_t blen = strlen(body);
        if (component && is_literal(body)) {
            strhash_add(&set->names, body);
        } else if (!component && is_literal(body)) {
            strhash_add(&set->paths, body);
        } else if (!component && blen > 3 && strcmp(body + blen - 3, "/**") == 0 &&
                   !strpbrk(body, "?[\\") && !memchr(body, '*', blen - 3)) {
            char *dir = xstrndup(body, blen - 3); /* "dist/" + "**": all below dist */
            strhash_add(&set->dirs, dir);
            free(dir);
        } else if (component && body[0] == '*' && blen > 1 && is_literal(body + 1)) {
            strhash_add(&set->suffixes, body + 1);
            size_t k = 0;
            while (k < set->suffix_lens.n && set->suffix_lens.v[k] != blen - 1)
                k++;
            if (k == set->suffix_lens.n)
                VEC_PUSH(set->suffix_lens, blen - 1);
        } else {
            struct program prog = {0};
            compile(&prog, body, component);
            VEC_PUSH(set->programs, prog);
        }
        free(pat);
    }
    return set;
}

void glob_set_free(struct glob_set *set)
{
    if (!set)
        return;
    strhash_release(&set->names);
    strhash_release(&set->paths);
    strhash_release(&set->dirs);
    strhash_release(&set->suffixes);
    VEC_FREE(set->suffix_lens);
    for (size_t i = 0; i < set->programs.n; i++) {
        free(set->programs.v[i].toks);
        free(set->programs.v[i].classes);
        free(set->programs.v[i].need);
    }
    VEC_FREE(set->programs);
    free(set);
}

bool glob_set_match(const struct glob_set *set, const char *relpath)
{
    if (!set)
        return false;
    size_t n = strlen(relpath);
    /* every component, and every directory prefix and the whole path */
    for (size_t start = 0; start <= n;) {
        const char *slash = memchr(relpath + start, '/', n - start);
        size_t end = slash ? (size_t)(slash - relpath) : n;
        const char *comp = relpath + start;
        size_t clen = end - start;
        if (strhash_has(&set->names, comp, clen) || strhash_has(&set->paths, relpath, end) ||
            (slash && strhash_has(&set->dirs, relpath, end)))
            return true;
        for (size_t k = 0; k < set->suffix_lens.n; k++) {
            size_t l = set->suffix_lens.v[k];
            if (l <= clen && strhash_has(&set->suffixes, comp + clen - l, l))
                return true;
        }
        if (!slash)
            break;
        start = end + 1;
    }
    if (!set->programs.n)
        return false;
    bool *scratch = xmalloc(2 * (n + 1) * sizeof(bool));
    bool hit = false;
    for (size_t i = 0; i < set->programs.n && !hit; i++)
        hit = run_program(&set->programs.v[i], relpath, n, scratch);
    free(scratch);
    return hit;
}
