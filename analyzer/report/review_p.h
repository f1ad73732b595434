/* review_p.h — private to review.c and review_base.c: sorted string sets and the tree at
 * the merge base that --diff REV compares with. */
#ifndef PREFLIGHT_REVIEW_P_H
#define PREFLIGHT_REVIEW_P_H

#include <stdbool.h>

#include "base/util.h"

struct run;

/* A set of strings: add any number, finish once, then look up (read-only). */
struct strset {
    VEC(char *) v; /* owned; sorted and unique after strset_finish */
};
void strset_add(struct strset *s, const char *str); /* copies str */
void strset_finish(struct strset *s);
bool strset_has(const struct strset *s, const char *str);
void strset_release(struct strset *s);

/* A relative URI back to the path it encodes ("caf%C3%A9.ts" -> "café.ts"); caller frees. */
char *review_uri_decode(const char *uri);

/* What the tree at the merge base of --diff REV holds of what the change can affect. */
struct review_base {
    struct strset fingerprints; /* preflight/v1 of its findings not suppressed in the source */
    struct strset uris;         /* the current tree's files compared with it: the changed and
                                 * added files and every migration */
    size_t files;               /* files analysed at the base */
};

/* Analyses, with the run's checks, the changed files as they were at diff_base(run->diff) and
 * every migration, and fills *base (finished; release with review_base_release). Files git
 * cannot give are left out with a notice on run: their findings count as new. */
void review_base_analyze(struct run *run, struct review_base *base);
void review_base_release(struct review_base *base);

#endif
