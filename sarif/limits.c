/* limits.c — what GitHub code scanning accepts in one upload, and choosing what fits.
 *
 * GitHub refuses a SARIF file over 10 MB gzipped and a run over 25,000 results, and shows
 * only 10 related locations of a result; the writer keeps the most severe results (errors,
 * then warnings, then notes, then those suppressed in the source; the sorted order within a
 * level) and says what it left out, so that an upload is never rejected whole.
 */
#include <stdlib.h>
#include <zlib.h>

#include "sarif_p.h"

/* The rank of a finding: lower is kept first. */
static int rank(const struct finding *fd)
{
    return fd->suppressed ? 3 : fd->level == LEVEL_ERROR ? 0 : fd->level == LEVEL_WARNING ? 1 : 2;
}

size_t *sarif_severity_order(const struct run *run)
{
    size_t n = run->findings.items.n, k = 0;
    size_t *order = xmalloc((n ? n : 1) * sizeof(*order));
    for (int r = 0; r <= 3; r++)
        for (size_t i = 0; i < n; i++)
            if (rank(run->findings.items.v[i]) == r)
                order[k++] = i;
    return order;
}

void sarif_cut_count(const struct run *run, const size_t *order, size_t kept, size_t cut[4])
{
    cut[0] = cut[1] = cut[2] = cut[3] = 0;
    for (size_t i = kept; i < run->findings.items.n; i++)
        cut[rank(run->findings.items.v[order[i]])]++;
}

size_t sarif_gzip_bound(size_t n)
{
    /* the gzip header and trailer are 18 bytes where zlib's are 6 */
    return (size_t)compressBound((uLong)n) + 12;
}

size_t sarif_gzip_size(const char *s, size_t n)
{
    z_stream z = {0};
    /* 15 + 16: a gzip stream, as the upload action makes; level 6, zlib's and gzip's default */
    if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        BUG("deflateInit2 failed");
    unsigned char buf[1 << 16];
    size_t total = 0;
    z.next_in = (unsigned char *)s;
    int ret;
    do {
        /* avail_in is 32 bits: feed at most 1 GB at a time */
        if (z.avail_in == 0 && n) {
            size_t chunk = n > (1u << 30) ? (1u << 30) : n;
            z.avail_in = (unsigned)chunk;
            n -= chunk;
        }
        z.next_out = buf;
        z.avail_out = sizeof(buf);
        ret = deflate(&z, n || z.avail_in ? Z_NO_FLUSH : Z_FINISH);
        total += sizeof(buf) - z.avail_out;
    } while (ret != Z_STREAM_END);
    deflateEnd(&z);
    return total;
}
