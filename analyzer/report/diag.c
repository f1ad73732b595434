/* diag.c — creating, resolving and ordering findings and notices. */
#include "diag.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "fingerprint.h"
#include "redact.h"

const char *level_name(enum level level)
{
    switch (level) {
    case LEVEL_NOTE: return "note";
    case LEVEL_WARNING: return "warning";
    case LEVEL_ERROR: return "error";
    }
    BUG("bad level %d", (int)level);
}

struct finding *finding_new(const struct check *check, size_t check_index, struct file_ref file,
                            uint32_t start, uint32_t end, char *message)
{
    struct finding *fd = xcalloc(1, sizeof(*fd));
    fd->check = check;
    fd->check_index = check_index;
    fd->level = check ? check->level : LEVEL_WARNING;
    fd->message = message;
    fd->loc.file = file;
    fd->loc.start = start;
    fd->loc.end = end < start ? start : end;
    return fd;
}

static void location_release(struct location *loc)
{
    free(loc->message);
    free(loc->snippet);
}

void finding_free(struct finding *fd)
{
    if (!fd)
        return;
    free(fd->message);
    free(fd->justification);
    location_release(&fd->loc);
    for (size_t i = 0; i < fd->related.n; i++)
        location_release(&fd->related.v[i]);
    for (size_t i = 0; i < fd->steps.n; i++)
        location_release(&fd->steps.v[i]);
    VEC_FREE(fd->related);
    VEC_FREE(fd->steps);
    free(fd);
}

static void location_resolve(struct location *loc, const struct source *src,
                             struct redactions *red)
{
    if (loc->start > src->len)
        loc->start = src->len;
    if (loc->end > src->len)
        loc->end = src->len;
    loc->start_pos = source_pos(src, loc->start);
    loc->end_pos = source_pos(src, loc->end);
    uint32_t n;
    const char *line = source_line(src, loc->start_pos.line - 1, &n);
    uint32_t from = 0, to = n;
    loc->snippet_cut = n > SNIPPET_MAX;
    if (loc->snippet_cut) {
        uint32_t col = loc->start_pos.col - 1;
        from = col > SNIPPET_MAX / 4 ? col - SNIPPET_MAX / 4 : 0;
        to = n - from > SNIPPET_MAX ? from + SNIPPET_MAX : n;
        while (from > 0 && ((unsigned char)line[from] & 0xc0) == 0x80) /* whole characters */
            from--;
        while (to < n && ((unsigned char)line[to] & 0xc0) == 0x80)
            to++;
    }
    free(loc->snippet);
    loc->snippet_col = from + 1;
    /* the region in the snippet, as byte offsets: moved by the masks before it */
    uint32_t ls = (uint32_t)(line - src->text);
    uint32_t offs[2] = {loc->start, loc->end_pos.line == loc->start_pos.line ? loc->end : ls + to};
    if (red) {
        loc->snippet = redact_copy(red, src->text, ls + from, ls + to, offs, 2);
        loc->region_from = offs[0];
        loc->region_to = offs[1];
    } else {
        loc->snippet = xstrndup(line + from, to - from);
        loc->region_from = loc->start - ls - from;
        loc->region_to = offs[1] - ls - from;
    }
}

static bool same_file(const struct location *loc, const struct source *src)
{
    return strcmp(loc->file.uri, src->uri) == 0;
}

void findings_resolve(struct finding *const *v, size_t n, const struct source *src,
                      bool want_line_hashes)
{
    findings_resolve_masked(v, n, src, want_line_hashes, NULL);
}

void findings_resolve_masked(struct finding *const *v, size_t n, const struct source *src,
                             bool want_line_hashes, struct redactions *red)
{
    if (red && !red->v.n)
        red = NULL;
    /* GitHub's line hash is a pass over the whole text: make one for all the findings */
    uint32_t *lines = xmalloc((n ? n : 1) * sizeof(*lines));
    struct finding **primary = xmalloc((n ? n : 1) * sizeof(*primary));
    size_t nprimary = 0;
    for (size_t k = 0; k < n; k++) {
        struct finding *fd = v[k];
        if (!fd->resolved && same_file(&fd->loc, src)) {
            location_resolve(&fd->loc, src, red);
            /* the snippet is the line, or on a long line the window around the finding */
            uint32_t line = fd->loc.start_pos.line;
            uint64_t h = preflight_fingerprint(fd->check ? fd->check->id : "", fd->loc.file.uri,
                                               fd->loc.snippet, (uint32_t)strlen(fd->loc.snippet));
            snprintf(fd->fingerprint, sizeof(fd->fingerprint), "%016" PRIx64, h);
            fd->resolved = true;
            lines[nprimary] = line;
            primary[nprimary++] = fd;
        }
        for (size_t i = 0; i < fd->related.n; i++)
            if (!fd->related.v[i].snippet && same_file(&fd->related.v[i], src))
                location_resolve(&fd->related.v[i], src, red);
        for (size_t i = 0; i < fd->steps.n; i++)
            if (!fd->steps.v[i].snippet && same_file(&fd->steps.v[i], src))
                location_resolve(&fd->steps.v[i], src, red);
    }
    if (nprimary && want_line_hashes) {
        char(*hashes)[32] = xmalloc(nprimary * sizeof(*hashes));
        struct source masked;
        bool mask = redact_source(red, src, &masked);
        line_hashes(mask ? &masked : src, lines, nprimary, hashes);
        if (mask)
            source_release(&masked);
        for (size_t k = 0; k < nprimary; k++)
            memcpy(primary[k]->line_hash, hashes[k], sizeof(hashes[k]));
        free(hashes);
    }
    free(lines);
    free(primary);
}

void finding_resolve(struct finding *fd, const struct source *src, bool line_hashes)
{
    findings_resolve(&fd, 1, src, line_hashes);
}

static int cmp_finding(const void *a, const void *b)
{
    const struct finding *x = *(struct finding *const *)a, *y = *(struct finding *const *)b;
    int c = strcmp(x->loc.file.path, y->loc.file.path);
    if (c)
        return c;
    if (x->loc.start_pos.line != y->loc.start_pos.line)
        return x->loc.start_pos.line < y->loc.start_pos.line ? -1 : 1;
    if (x->loc.start_pos.col != y->loc.start_pos.col)
        return x->loc.start_pos.col < y->loc.start_pos.col ? -1 : 1;
    c = strcmp(x->check ? x->check->id : "", y->check ? y->check->id : "");
    if (c)
        return c;
    if (x->loc.end != y->loc.end)
        return x->loc.end < y->loc.end ? -1 : 1;
    return strcmp(x->message, y->message);
}

/* true when two findings share check, file and fingerprint hash. */
static bool cmp_numbering_same(const struct finding *x, const struct finding *y)
{
    return strncmp(x->fingerprint, y->fingerprint, 16) == 0 && x->check == y->check &&
           strcmp(x->loc.file.uri, y->loc.file.uri) == 0;
}

/* Orders positions in the sorted list by fingerprint, then by position. */
static struct finding *const *numbering_items;

static int cmp_numbering(const void *a, const void *b)
{
    size_t i = *(const size_t *)a, j = *(const size_t *)b;
    const struct finding *x = numbering_items[i], *y = numbering_items[j];
    int c = strncmp(x->fingerprint, y->fingerprint, 16);
    if (!c)
        c = strcmp(x->check ? x->check->id : "", y->check ? y->check->id : "");
    if (!c)
        c = strcmp(x->loc.file.uri, y->loc.file.uri);
    return c ? c : (i < j ? -1 : i > j);
}

void findings_sort(struct finding_list *list)
{
    size_t n = list->items.n;
    if (!n) /* qsort's base may not be NULL, even for no items */
        return;
    qsort(list->items.v, n, sizeof(*list->items.v), cmp_finding);
    /* number equal fingerprints within a file in source order, so duplicates stay distinct
     * and a new copy of an old finding is new (a baseline compares "hash:n") */
    size_t *order = xmalloc(n * sizeof(*order));
    for (size_t i = 0; i < n; i++)
        order[i] = i;
    numbering_items = list->items.v; /* findings_sort runs on one thread */
    qsort(order, n, sizeof(*order), cmp_numbering);
    unsigned k = 0;
    for (size_t i = 0; i < n; i++) {
        struct finding *fd = list->items.v[order[i]];
        k = i > 0 && cmp_numbering_same(list->items.v[order[i - 1]], fd) ? k + 1 : 1;
        char num[12];
        snprintf(num, sizeof(num), ":%u", k > 999999 ? 999999 : k);
        fd->fingerprint[16] = '\0';
        strcat(fd->fingerprint, num);
    }
    free(order);
}

void finding_list_release(struct finding_list *list)
{
    for (size_t i = 0; i < list->items.n; i++)
        finding_free(list->items.v[i]);
    VEC_FREE(list->items);
}

void notices_add(struct notice_list *list, struct file_ref file, enum level level,
                 const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    struct notice n = {.level = level, .message = xvasprintf(fmt, ap)};
    n.file.path = file.path ? xstrdup(file.path) : NULL;
    n.file.uri = file.uri ? xstrdup(file.uri) : NULL;
    n.file.uri_is_relative = file.uri_is_relative;
    va_end(ap);
    VEC_PUSH(list->items, n);
}

static int cmp_notice(const void *a, const void *b)
{
    const struct notice *x = a, *y = b;
    int c = strcmp(x->file.path ? x->file.path : "", y->file.path ? y->file.path : "");
    return c ? c : strcmp(x->message, y->message);
}

void notices_sort(struct notice_list *list)
{
    if (list->items.n) /* qsort's base may not be NULL, even for no items */
        qsort(list->items.v, list->items.n, sizeof(*list->items.v), cmp_notice);
}

void notice_list_release(struct notice_list *list)
{
    for (size_t i = 0; i < list->items.n; i++) {
        free(list->items.v[i].message);
        free((char *)list->items.v[i].file.path);
        free((char *)list->items.v[i].file.uri);
    }
    VEC_FREE(list->items);
}
