/* redact.h — the bytes of a file that no output may show: secrets, masked as "sk_l…".
 *
 * A check marks a secret's bytes (check_redact); every snippet, SARIF region and context
 * region, and both fingerprints are then made from the masked text, in which each marked span
 * keeps its first 4 characters (none when it is shorter than 12) followed by "…". Spans never
 * cross a line end (a multi-line private key is masked line by line) so that the masked text
 * has the lines of the original.
 *
 *     struct redactions r = {0};
 *     redactions_add(&r, src, start, end);
 *     char *shown = redact_copy(&r, src->text, line_start, line_end, NULL, 0);
 *     redactions_release(&r);
 */
#ifndef PREFLIGHT_REDACT_H
#define PREFLIGHT_REDACT_H

#include <stddef.h>
#include <stdint.h>

#include "base/util.h"
#include "front/source.h"

struct redact_span {
    uint32_t start, end;
    uint32_t keep; /* characters shown before the "…" */
};

struct redactions {
    VEC(struct redact_span) v; /* sorted by start, disjoint once redactions_sort ran */
    bool sorted;
};

/* Marks src's bytes [start, end) as a secret. */
void redactions_add(struct redactions *r, const struct source *src, uint32_t start, uint32_t end);
/* Sorts and merges the spans; done by the readers below when needed. */
void redactions_sort(struct redactions *r);
void redactions_release(struct redactions *r);

/* text[from, to) with every marked span masked (caller frees). Each offs[i] (an offset into
 * text within [from, to]) is replaced with the matching offset into the copy: a position inside
 * a masked span moves to the end of its mask. r may be NULL or empty. */
char *redact_copy(struct redactions *r, const char *text, uint32_t from, uint32_t to,
                  uint32_t *offs, size_t noffs);
/* The whole of src masked, as a source of its own with the same lines (released by the
 * caller); false when nothing in it is marked. */
bool redact_source(struct redactions *r, const struct source *src, struct source *out);

#endif
