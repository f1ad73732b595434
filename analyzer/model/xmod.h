/* xmod.h — facts a check keeps about one file for the project pass, to match uses of imported
 * names with what the exporting module does (one hop of imports, see imports.h).
 *
 * In the file pass a check offers what it learnt of the file's exports ("getUser runs a
 * query", "genAI is a Gemini client") and asks about its uses of imported names ("getUser is
 * called once per item here: a finding if it runs a query"). In the project hook xmod_match
 * resolves every ask's import and calls back once per ask whose export offers a wanted trait:
 *
 *     struct xmod_facts *x = xmod_new();                     // file hook
 *     xmod_offer(x, name, len, TRAIT_QUERY, start, end, hint, 0);
 *     xmod_ask(x, &ref, TRAIT_QUERY, start, end, message, 0);
 *     check_keep_facts(f, x, xmod_free);
 *
 *     xmod_match(p, on_match, data);                         // project hook
 *
 * Everything is copied to the heap: the facts own their strings and are freed by xmod_free.
 * Traits are the check's own bits.
 */
#ifndef PREFLIGHT_XMOD_H
#define PREFLIGHT_XMOD_H

#include <stddef.h>
#include <stdint.h>

#include "check.h"
#include "model/imports.h"

struct xmod_step {
    uint32_t start, end; /* in the asking file */
    char *msg;
};

struct xmod_offer {
    char *name; /* the export */
    unsigned traits;
    uint32_t start, end; /* where in the exporting file it shows (the query, the client) */
    char *text;          /* the check's (a fix hint, a kind), or NULL */
    int aux;
    int slot;            /* a parameter's position, or -1 (any): matched with the ask's */
};

struct xmod_ask {
    char *spec, *name, *member; /* the import (see import_resolve); member may be NULL */
    unsigned want;
    uint32_t start, end; /* where to report */
    char *text;          /* the check's (a message), or NULL */
    int aux;
    int slot;            /* an argument's position, -1 (any), or another negative (none) */
    VEC(struct xmod_step) steps; /* related places or flow steps in the asking file */
};

struct xmod_facts {
    VEC(struct xmod_offer) offers;
    VEC(struct xmod_ask) asks;
};

struct xmod_facts *xmod_new(void);
/* Frees the facts (a check_keep_facts free function); NULL is fine. */
void xmod_free(void *facts);
bool xmod_empty(const struct xmod_facts *x);

/* The export [name, name+len) has traits; text is copied (may be NULL). The returned offer,
 * owned by x, may be given a slot until the next xmod_offer. */
struct xmod_offer *xmod_offer(struct xmod_facts *x, const char *name, uint32_t len, unsigned traits,
                uint32_t start, uint32_t end, const char *text, int aux);
/* A use of r (imports_ref) that matters if its export has one of want; text is copied. The
 * returned ask, owned by x, may be given steps until the next xmod_ask. */
struct xmod_ask *xmod_ask(struct xmod_facts *x, const struct import_ref *r, unsigned want,
                          uint32_t start, uint32_t end, const char *text, int aux);
void xmod_ask_step(struct xmod_ask *a, uint32_t start, uint32_t end, const char *fmt, ...)
    PRINTF_LIKE(4, 5);

/* For every ask of every file (in file order) whose import resolves to a file that offers the
 * export with a wanted trait (and the same slot, unless either is -1): fn(p, file, ask, target
 * file, offer, data), once per ask (the first such offer). The facts read are this check's
 * (project_file_facts). */
typedef void (*xmod_match_fn)(struct check_project *p, size_t file, const struct xmod_ask *a,
                              size_t target, const struct xmod_offer *o, void *data);
void xmod_match(struct check_project *p, xmod_match_fn fn, void *data);
/* The same, and for the asks nothing matches too, with target SIZE_MAX and offer NULL: a check
 * that left a finding to the project pass reports it either way. */
void xmod_each(struct check_project *p, xmod_match_fn fn, void *data);

#endif
