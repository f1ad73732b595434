/* fingerprint.c — GitHub's line hash and preflight's own fingerprint. */
#include "fingerprint.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "base/util.h"

#define BLOCK_SIZE 100
#define MOD UINT64_C(37)

struct line_hasher {
    uint64_t window[BLOCK_SIZE];
    int64_t line_numbers[BLOCK_SIZE];
    uint64_t hash, first_mod;
    int index;
    int64_t line_number;
    int line_start, prev_cr;
    /* results: per 1-based line, the hash and its occurrence count */
    uint64_t *hashes;
    uint32_t *counts;
    uint32_t nlines;
    /* occurrences seen so far of each hash value: open addressing */
    uint64_t *seen_keys;
    uint32_t *seen_counts;
    size_t seen_cap;
};

static uint32_t count_occurrence(struct line_hasher *h, uint64_t value)
{
    size_t mask = h->seen_cap - 1;
    size_t i = (size_t)(value * UINT64_C(0x9e3779b97f4a7c15) >> 20) & mask;
    while (h->seen_counts[i] && h->seen_keys[i] != value)
        i = (i + 1) & mask;
    h->seen_keys[i] = value;
    return ++h->seen_counts[i];
}

static void output_hash(struct line_hasher *h)
{
    int64_t line = h->line_numbers[h->index];
    uint32_t count = count_occurrence(h, h->hash);
    if (line >= 1 && (uint64_t)line <= h->nlines) {
        h->hashes[line - 1] = h->hash;
        h->counts[line - 1] = count;
    }
    h->line_numbers[h->index] = -1;
}

static void update_hash(struct line_hasher *h, uint64_t current)
{
    uint64_t begin = h->window[h->index];
    h->window[h->index] = current;
    h->hash = MOD * h->hash + current - h->first_mod * begin;
    if (++h->index == BLOCK_SIZE)
        h->index = 0;
}

static void process(struct line_hasher *h, uint32_t c)
{
    /* tabs, spaces and the LF of a CRLF are skipped; CR counts as LF */
    if (c == ' ' || c == '\t' || (h->prev_cr && c == '\n')) {
        h->prev_cr = 0;
        return;
    }
    if (c == '\r') {
        c = '\n';
        h->prev_cr = 1;
    } else {
        h->prev_cr = 0;
    }
    if (h->line_numbers[h->index] != -1)
        output_hash(h);
    if (h->line_start) {
        h->line_start = 0;
        h->line_number++;
        h->line_numbers[h->index] = h->line_number;
    }
    if (c == '\n')
        h->line_start = 1;
    update_hash(h, c);
}

static void process_code_point(struct line_hasher *h, uint32_t c)
{
    if (c >= 0x10000) {
        c -= 0x10000;
        process(h, 0xd800 + (c >> 10));
        process(h, 0xdc00 + (c & 0x3ff));
    } else {
        process(h, c);
    }
}

/* The upload action reads every file as UTF-8 (Node's decoder: the WHATWG one, a U+FFFD for
 * each maximal invalid subpart, a BOM kept as U+FEFF) and hashes the UTF-16 code units that
 * charCodeAt sees. Fed the file's bytes, this decoder sees the same characters; it stops once
 * the hash of line `last` is known (a line's hash covers the BLOCK_SIZE characters from its
 * start, and its count the lines before it): true when it stopped there, before the end. */
struct node_decoder {
    uint32_t cp, needed, seen;
    unsigned lower, upper;
};

static bool process_bytes(struct line_hasher *h, struct node_decoder *d, const unsigned char *s,
                          size_t n, uint32_t last)
{
    for (size_t i = 0; i < n;) {
        unsigned b = s[i];
        if (d->needed == 0) {
            i++;
            if (b == '\n' && last && h->counts[last - 1])
                return true;
            if (b < 0x80) {
                process(h, b);
                continue;
            }
            d->lower = b == 0xe0 ? 0xa0 : b == 0xf0 ? 0x90 : 0x80;
            d->upper = b == 0xed ? 0x9f : b == 0xf4 ? 0x8f : 0xbf;
            if (b >= 0xc2 && b <= 0xdf)
                d->needed = 1, d->cp = b & 0x1f;
            else if (b >= 0xe0 && b <= 0xef)
                d->needed = 2, d->cp = b & 0x0f;
            else if (b >= 0xf0 && b <= 0xf4)
                d->needed = 3, d->cp = b & 0x07;
            else
                process(h, 0xfffd);
            continue;
        }
        if (b < d->lower || b > d->upper) {
            /* the sequence so far is one U+FFFD; this byte starts afresh */
            *d = (struct node_decoder){0};
            process(h, 0xfffd);
            continue;
        }
        i++;
        d->lower = 0x80, d->upper = 0xbf;
        d->cp = d->cp << 6 | (b & 0x3f);
        if (++d->seen == d->needed) {
            process_code_point(h, d->cp);
            *d = (struct node_decoder){0};
        }
    }
    return false;
}

/* Feeds the bytes the file held: its BOM, and UTF-16 text encoded back as it was read. */
static bool process_file(struct line_hasher *h, const struct source *src, uint32_t last)
{
    struct node_decoder d = {0};
    const unsigned char *text = (const unsigned char *)src->text;
    if (src->encoding == SOURCE_UTF8 || src->encoding == SOURCE_UTF8_BOM) {
        static const unsigned char bom[] = {0xef, 0xbb, 0xbf};
        if (src->encoding == SOURCE_UTF8_BOM && process_bytes(h, &d, bom, sizeof(bom), last))
            return true;
        return process_bytes(h, &d, text, src->len, last);
    }
    bool be = src->encoding == SOURCE_UTF16BE;
    unsigned char *raw = xmalloc(2 * (size_t)src->len + 2), *p = raw;
    *p++ = be ? 0xfe : 0xff, *p++ = be ? 0xff : 0xfe;
    for (uint32_t i = 0; i < src->len;) {
        /* the text is valid UTF-8 (source_load made it from valid UTF-16) */
        uint32_t c = text[i], len = c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
        c = len == 1 ? c : len == 2 ? c & 0x1f : len == 3 ? c & 0x0f : c & 0x07;
        for (uint32_t k = 1; k < len; k++)
            c = c << 6 | (text[i + k] & 0x3fu);
        i += len;
        uint32_t units[2] = {c, 0}, nunits = 1;
        if (c >= 0x10000)
            units[0] = 0xd800 + ((c - 0x10000) >> 10), units[1] = 0xdc00 + (c & 0x3ff), nunits = 2;
        for (uint32_t k = 0; k < nunits; k++) {
            *p++ = (unsigned char)(be ? units[k] >> 8 : units[k] & 0xff);
            *p++ = (unsigned char)(be ? units[k] & 0xff : units[k] >> 8);
        }
    }
    bool stopped = process_bytes(h, &d, raw, (size_t)(p - raw), last);
    free(raw);
    if (!stopped && d.needed)
        process(h, 0xfffd); /* an incomplete sequence at the end */
    return stopped;
}

void line_hashes(const struct source *src, const uint32_t *lines, size_t n, char (*out)[32])
{
    struct line_hasher h = {0};
    h.first_mod = 1;
    for (int i = 0; i < BLOCK_SIZE; i++) {
        h.first_mod *= MOD;
        h.line_numbers[i] = -1;
    }
    h.line_start = 1;
    h.nlines = src->nlines + 1;
    h.hashes = xcalloc(h.nlines, sizeof(*h.hashes));
    h.counts = xcalloc(h.nlines, sizeof(*h.counts));
    h.seen_cap = 64;
    while (h.seen_cap < 2 * (size_t)h.nlines)
        h.seen_cap *= 2;
    h.seen_keys = xcalloc(h.seen_cap, sizeof(*h.seen_keys));
    h.seen_counts = xcalloc(h.seen_cap, sizeof(*h.seen_counts));

    uint32_t last = 0;
    for (size_t i = 0; i < n; i++)
        if (lines[i] > last && lines[i] <= h.nlines)
            last = lines[i];
    if (!process_file(&h, src, last)) {
        process(&h, 65535); /* the end-of-file marker of the reference implementation */
        for (int i = 0; i < BLOCK_SIZE; i++) {
            if (h.line_numbers[h.index] != -1)
                output_hash(&h);
            update_hash(&h, 0);
        }
    }

    for (size_t i = 0; i < n; i++) {
        uint32_t line = lines[i];
        if (line >= 1 && line <= h.nlines && h.counts[line - 1])
            snprintf(out[i], 32, "%" PRIx64 ":%" PRIu32, h.hashes[line - 1], h.counts[line - 1]);
        else
            out[i][0] = '\0';
    }
    free(h.hashes);
    free(h.counts);
    free(h.seen_keys);
    free(h.seen_counts);
}

uint64_t preflight_fingerprint(const char *check_id, const char *uri, const char *line_text,
                               uint32_t line_len)
{
    /* whitespace is folded so that re-indenting does not make a finding new */
    uint64_t h = fnv64(FNV64_INIT, check_id, strlen(check_id) + 1);
    h = fnv64(h, uri, strlen(uri) + 1);
    int in_space = 0, started = 0;
    for (uint32_t i = 0; i < line_len; i++) {
        char c = line_text[i];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
            in_space = 1;
            continue;
        }
        if (in_space && started) {
            char sp = ' ';
            h = fnv64(h, &sp, 1);
        }
        in_space = 0;
        started = 1;
        h = fnv64(h, &c, 1);
    }
    return h;
}
