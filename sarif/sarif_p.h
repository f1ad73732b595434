/* sarif_p.h — private to the SARIF writer: GitHub's upload limits (limits.c). */
#ifndef PREFLIGHT_SARIF_P_H
#define PREFLIGHT_SARIF_P_H

#include <stddef.h>

#include "analyzer/run/run_p.h"

#define SARIF_MAX_RESULTS 25000         /* per run */
#define SARIF_MAX_GZIP (10u << 20)      /* bytes of the gzipped file */
#define SARIF_MAX_RELATED 10            /* related locations GitHub shows */
#define SARIF_MAX_FLOW_STEPS 1000       /* thread-flow locations GitHub keeps */

/* Indices into run->findings, most severe first (errors, warnings, notes, suppressed), the
 * sorted order within a rank; caller frees. */
size_t *sarif_severity_order(const struct run *run);
/* How many of order[kept..] are errors, warnings, notes and suppressed: cut[0..3]. */
void sarif_cut_count(const struct run *run, const size_t *order, size_t kept, size_t cut[4]);
/* The size of s[0..n) gzipped at the default level. */
size_t sarif_gzip_size(const char *s, size_t n);
/* At least sarif_gzip_size of any n bytes: zlib's compressBound and the larger gzip wrapper. */
size_t sarif_gzip_bound(size_t n);

#endif
