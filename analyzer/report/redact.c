/* redact.c — masking the secrets a check marked, for every output (redact.h). */
#include "redact.h"

#include <stdlib.h>
#include <string.h>

#define MASK "\xe2\x80\xa6" /* … */
#define KEEP 4
#define KEEP_MIN_LEN 12

void redactions_add(struct redactions *r, const struct source *src, uint32_t start, uint32_t end)
{
    if (end > src->len)
        end = src->len;
    bool first = true;
    while (start < end) {
        const char *nl = memchr(src->text + start, '\n', end - start);
        uint32_t e = nl ? (uint32_t)(nl - src->text) : end;
        if (e > start && src->text[e - 1] == '\r')
            e--;
        if (e > start) {
            uint32_t n = e - start;
            struct redact_span s = {start, e, first && n >= KEEP_MIN_LEN ? KEEP : 0};
            VEC_PUSH(r->v, s);
            first = false;
        }
        start = nl ? (uint32_t)(nl - src->text) + 1 : end;
    }
    r->sorted = false;
}

static int cmp_span(const void *a, const void *b)
{
    const struct redact_span *x = a, *y = b;
    return x->start < y->start ? -1 : x->start > y->start;
}

void redactions_sort(struct redactions *r)
{
    if (r->sorted || !r->v.n)
        return;
    qsort(r->v.v, r->v.n, sizeof(*r->v.v), cmp_span);
    size_t k = 0;
    for (size_t i = 1; i < r->v.n; i++) {
        if (r->v.v[i].start < r->v.v[k].end) { /* overlapping: one mask */
            if (r->v.v[i].end > r->v.v[k].end)
                r->v.v[k].end = r->v.v[i].end;
        } else {
            r->v.v[++k] = r->v.v[i];
        }
    }
    r->v.n = k + 1;
    r->sorted = true;
}

void redactions_release(struct redactions *r)
{
    VEC_FREE(r->v);
    r->sorted = false;
}

/* Offsets in [lo, hi] of the text, not yet mapped, to base + their distance from lo. */
static void map_plain(uint32_t *offs, bool *done, size_t n, uint32_t lo, uint32_t hi,
                      size_t base)
{
    for (size_t k = 0; k < n; k++)
        if (!done[k] && offs[k] >= lo && offs[k] <= hi) {
            offs[k] = (uint32_t)base + (offs[k] - lo);
            done[k] = true;
        }
}

char *redact_copy(struct redactions *r, const char *text, uint32_t from, uint32_t to,
                  uint32_t *offs, size_t noffs)
{
    struct strbuf sb;
    strbuf_init(&sb);
    bool *done = xcalloc(noffs ? noffs : 1, sizeof(*done));
    for (size_t k = 0; k < noffs; k++)
        if (offs[k] < from)
            offs[k] = from;
    uint32_t p = from;
    if (r)
        redactions_sort(r);
    for (size_t i = 0; r && i < r->v.n; i++) {
        const struct redact_span *s = &r->v.v[i];
        if (s->end <= from)
            continue;
        if (s->start >= to)
            break;
        uint32_t a = s->start > from ? s->start : from, e = s->end < to ? s->end : to;
        uint32_t keep = s->start >= from && s->keep <= e - a ? s->keep : 0;
        map_plain(offs, done, noffs, p, a, sb.len);
        strbuf_add(&sb, text + p, a - p);
        strbuf_add(&sb, text + a, keep);
        strbuf_addstr(&sb, MASK);
        for (size_t k = 0; k < noffs; k++)
            if (!done[k] && offs[k] > a && offs[k] <= e) { /* inside: after the mask */
                offs[k] = (uint32_t)sb.len;
                done[k] = true;
            }
        p = e;
    }
    for (size_t k = 0; k < noffs; k++)
        if (!done[k] && offs[k] > to)
            offs[k] = to;
    map_plain(offs, done, noffs, p, to, sb.len);
    strbuf_add(&sb, text + p, to - p);
    free(done);
    return strbuf_detach(&sb, NULL);
}

bool redact_source(struct redactions *r, const struct source *src, struct source *out)
{
    if (!r || !r->v.n)
        return false;
    char *masked = redact_copy(r, src->text, 0, src->len, NULL, 0);
    char *why = NULL;
    enum source_error e = source_from_bytes(out, masked, strlen(masked), &why);
    free(masked);
    free(why);
    if (e != SOURCE_OK)
        return false;
    out->lang = src->lang;
    return true;
}
