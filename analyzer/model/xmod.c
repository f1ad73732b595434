/* xmod.c — per-file facts about exports and uses of imports, matched in the project pass
 * (see xmod.h). */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "model/xmod.h"

struct xmod_facts *xmod_new(void)
{
    return xcalloc(1, sizeof(struct xmod_facts));
}

void xmod_free(void *facts)
{
    struct xmod_facts *x = facts;
    if (!x)
        return;
    for (size_t i = 0; i < x->offers.n; i++) {
        free(x->offers.v[i].name);
        free(x->offers.v[i].text);
    }
    for (size_t i = 0; i < x->asks.n; i++) {
        struct xmod_ask *a = &x->asks.v[i];
        free(a->spec);
        free(a->name);
        free(a->member);
        free(a->text);
        for (size_t k = 0; k < a->steps.n; k++)
            free(a->steps.v[k].msg);
        VEC_FREE(a->steps);
    }
    VEC_FREE(x->offers);
    VEC_FREE(x->asks);
    free(x);
}

bool xmod_empty(const struct xmod_facts *x)
{
    return !x || (!x->offers.n && !x->asks.n);
}

struct xmod_offer *xmod_offer(struct xmod_facts *x, const char *name, uint32_t len,
                              unsigned traits, uint32_t start, uint32_t end, const char *text,
                              int aux)
{
    struct xmod_offer o = {.name = xstrndup(name, len), .traits = traits, .start = start,
                           .end = end, .text = text ? xstrdup(text) : NULL, .aux = aux,
                           .slot = -1};
    VEC_PUSH(x->offers, o);
    return &x->offers.v[x->offers.n - 1];
}

struct xmod_ask *xmod_ask(struct xmod_facts *x, const struct import_ref *r, unsigned want,
                          uint32_t start, uint32_t end, const char *text, int aux)
{
    struct xmod_ask a = {.spec = xstrndup(r->b->spec, r->b->spec_len),
                         .name = xstrndup(r->b->name, r->b->name_len),
                         .member = r->member ? xstrndup(r->member, r->member_len) : NULL,
                         .want = want, .start = start, .end = end,
                         .text = text ? xstrdup(text) : NULL, .aux = aux, .slot = -1};
    VEC_PUSH(x->asks, a);
    return &x->asks.v[x->asks.n - 1];
}

void xmod_ask_step(struct xmod_ask *a, uint32_t start, uint32_t end, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    struct xmod_step s = {.start = start, .end = end, .msg = xvasprintf(fmt, ap)};
    va_end(ap);
    VEC_PUSH(a->steps, s);
}

static void match(struct check_project *p, xmod_match_fn fn, void *data, bool all)
{
    struct import_resolver *r = NULL;
    size_t n = project_file_count(p);
    for (size_t i = 0; i < n; i++) {
        const struct xmod_facts *x = project_file_facts(p, i);
        for (size_t k = 0; x && k < x->asks.n; k++) {
            const struct xmod_ask *a = &x->asks.v[k];
            if (!r)
                r = project_imports(p);
            const char *export_name;
            size_t j = import_resolve(r, i, a->spec, a->name, a->member, &export_name);
            const struct xmod_facts *y = j == SIZE_MAX ? NULL : project_file_facts(p, j);
            const struct xmod_offer *hit = NULL;
            for (size_t o = 0; y && o < y->offers.n && !hit; o++) {
                const struct xmod_offer *of = &y->offers.v[o];
                if ((of->traits & a->want) && strcmp(of->name, export_name) == 0 &&
                    (of->slot == -1 || a->slot == -1 || of->slot == a->slot))
                    hit = of;
            }
            if (hit)
                fn(p, i, a, j, hit, data);
            else if (all)
                fn(p, i, a, SIZE_MAX, NULL, data);
        }
    }
}

void xmod_match(struct check_project *p, xmod_match_fn fn, void *data)
{
    match(p, fn, data, false);
}

void xmod_each(struct check_project *p, xmod_match_fn fn, void *data)
{
    match(p, fn, data, true);
}
