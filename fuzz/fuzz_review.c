/* fuzz_review.c — libFuzzer target: the diff parser (--diff-file) and the baseline reader
 * (--baseline, SARIF through cJSON), then the filter over findings on the files and lines the
 * diff names. Input: the unified diff, a '\0', the baseline SARIF (optional). Both readers take
 * paths, so each part is written to a temporary file. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "analyzer/run/run_p.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char diff_path[64], baseline_path[64];

static void remove_files(void)
{
    unlink(diff_path);
    unlink(baseline_path);
}

static void write_file(const char *path, const uint8_t *p, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(p, 1, n, f) != n || fclose(f) != 0)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!diff_path[0]) {
        snprintf(diff_path, sizeof(diff_path), "/tmp/preflight-fuzz-%ld.diff", (long)getpid());
        snprintf(baseline_path, sizeof(baseline_path), "/tmp/preflight-fuzz-%ld.sarif",
                 (long)getpid());
        atexit(remove_files);
    }
    const uint8_t *nul = memchr(data, 0, size);
    size_t diff_len = nul ? (size_t)(nul - data) : size;
    write_file(diff_path, data, diff_len);

    struct run run = {0};
    run.opt.diff_file = diff_path;
    if (nul) {
        write_file(baseline_path, nul + 1, size - diff_len - 1);
        run.opt.baseline = baseline_path;
    }
    char *err = NULL;
    if (!run_select_checks(&run, "*", &err) || !run.nchecks)
        abort();

    /* findings in the first file the diff adds to, or in a.ts, over its first lines */
    char *path = xstrdup("a.ts");
    const char *plus = NULL;
    for (size_t i = 0; i + 6 <= diff_len && !plus; i++)
        if (memcmp(data + i, "+++ b/", 6) == 0)
            plus = (const char *)data + i;
    if (plus) {
        const char *start = plus + 6, *end = start;
        while (end < (const char *)data + diff_len && *end != '\n' && *end != '\t' && *end)
            end++;
        free(path);
        path = xstrndup(start, (size_t)(end - start));
    }
    struct file_ref ref = {.path = path, .uri = path, .uri_is_relative = true};
    for (uint32_t k = 0; k < 12; k++) {
        struct finding *fd = finding_new(run.checks[k % run.nchecks], k % run.nchecks, ref,
                                         0, 0, xasprintf("finding %u", k));
        fd->loc.start_pos.line = k * 3 + 1;
        fd->loc.end_pos.line = k * 3 + 1 + k % 3;
        fd->resolved = true;
        snprintf(fd->fingerprint, sizeof(fd->fingerprint), "%016x:%u", k * 2654435761u, k % 3);
        VEC_PUSH(run.findings.items, fd);
    }

    if (review_load(&run, &err))
        review_filter(&run);
    free(err);
    review_release(&run);
    run_release(&run);
    free(path);
    return 0;
}
