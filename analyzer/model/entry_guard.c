/* entry_guard.c — whether a function's exits guard it on who calls it (an auth call whose
 * result an early exit tests), and what the same file's helpers add to their callers: their
 * reach, rate limits and authentication, a few calls deep (entry_p.h).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "model/entry_p.h"

/* true when an identifier of bound appears as a word in text[a, b). */
static bool mentions(const char *text, uint32_t a, uint32_t b, const char *bound)
{
    for (const char *p = bound; p && *p;) {
        if (!(isalpha((unsigned char)*p) || *p == '_' || *p == '$')) {
            p++;
            continue;
        }
        const char *q = p;
        while (isalnum((unsigned char)*q) || *q == '_' || *q == '$')
            q++;
        size_t len = (size_t)(q - p);
        for (uint32_t k = a; k + len <= b; k++)
            if (memcmp(text + k, p, len) == 0 &&
                (k == a || !(isalnum((unsigned char)text[k - 1]) || text[k - 1] == '_')) &&
                (k + len == b || !(isalnum((unsigned char)text[k + len]) || text[k + len] == '_')))
                return true;
        p = q;
    }
    return false;
}

bool entry_guarded(const struct entry_scan *sc, const struct entry_fn *fn, uint32_t a,
                    uint32_t b, const char *bound)
{
    for (size_t g = 0; g < fn->guards.n; g++) {
        const struct entry_guard *gd = &fn->guards.v[g];
        if (gd->cond_start <= a && b <= gd->cond_end)
            return true; /* if (!(await isAuthenticated())) */
        if (gd->start > a && mentions(sc->f->src->text, gd->cond_start, gd->cond_end, bound))
            return true;
    }
    return false;
}

void entry_judge(struct entry_scan *sc, struct entry_fn *fn)
{
    for (size_t i = 0; i < fn->cands.n; i++) {
        const struct entry_cand *c = &fn->cands.v[i];
        if (entry_guarded(sc, fn, c->start, c->end, c->bound)) {
            if (c->auth > fn->s.auth) {
                fn->s.auth = c->auth;
                fn->s.auth_at = (struct entry_site){c->start, c->end, -1, true};
            }
        } else if (c->auth == AUTH_USER) {
            fn->s.auth_source = true;
        }
    }
}

struct named {
    const char *name;
    uint32_t fn;
};

static int named_cmp(const void *a, const void *b)
{
    const struct named *x = a, *y = b;
    int c = strcmp(x->name, y->name);
    return c ? c : (x->fn > y->fn) - (x->fn < y->fn);
}

/* Resolves every plain call to the first function of this file with its name, once: a sorted
 * table of names instead of a search per call and round. */
static void resolve_callees(struct entry_scan *sc)
{
    VEC(struct named) names = {0};
    for (size_t i = 1; i < sc->fns.n; i++)
        if (sc->fns.v[i].name) {
            struct named nm = {sc->fns.v[i].name, (uint32_t)i};
            VEC_PUSH(names, nm);
        }
    if (names.n)
        qsort(names.v, names.n, sizeof(*names.v), named_cmp);
    for (size_t i = 0; i < sc->fns.n; i++)
        for (size_t k = 0; k < sc->fns.v[i].calls.n; k++) {
            struct entry_callref *r = &sc->fns.v[i].calls.v[k];
            r->callee = -1;
            size_t lo = 0, hi = names.n;
            while (lo < hi) {
                size_t mid = (lo + hi) / 2;
                if (strcmp(names.v[mid].name, r->name) < 0)
                    lo = mid + 1;
                else
                    hi = mid;
            }
            if (lo < names.n && strcmp(names.v[lo].name, r->name) == 0)
                r->callee = (int32_t)names.v[lo].fn;
        }
    VEC_FREE(names);
}

void entry_fold(struct entry_scan *sc)
{
    resolve_callees(sc);
    for (int round = 0; round < 4; round++) {
        for (size_t i = 0; i < sc->fns.n; i++) {
            struct entry_fn *fn = &sc->fns.v[i];
            for (size_t k = 0; k < fn->calls.n; k++) {
                const struct entry_callref *r = &fn->calls.v[k];
                if (r->imp || r->callee < 0)
                    continue;
                const struct entry_fn *h = &sc->fns.v[r->callee];
                if (h == fn)
                    continue;
                for (unsigned b = 0; b < REACH_KINDS; b++)
                    if ((h->s.reach & (1u << b)) && !(fn->s.reach & (1u << b))) {
                        fn->s.at[b] = h->s.at[b];
                        fn->s.reach |= 1u << b;
                    }
                if (h->s.limited && !fn->s.limited) {
                    fn->s.limited = true;
                    fn->s.limit_at = (struct entry_site){r->start, r->end, -1, true};
                }
                if (h->s.auth >= AUTH_USER && h->s.auth > fn->s.auth) {
                    fn->s.auth = h->s.auth;
                    fn->s.auth_at = (struct entry_site){r->start, r->end, -1, true};
                }
                if (h->s.auth_source && entry_guarded(sc, fn, r->start, r->end, r->bound) &&
                    fn->s.auth < AUTH_USER) {
                    fn->s.auth = AUTH_USER;
                    fn->s.auth_at = (struct entry_site){r->start, r->end, -1, true};
                }
                if (h->s.auth_source && fn->s.auth < AUTH_USER)
                    fn->s.auth_source = true;
            }
        }
    }
}
