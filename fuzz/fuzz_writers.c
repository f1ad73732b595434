/* fuzz_writers.c — libFuzzer target: the text, GitHub and SARIF writers and finding resolution
 * over adversarial findings that no check would make: any byte ranges (past the end, reversed,
 * splitting a UTF-8 sequence, on CR/CRLF line ends), related locations and flow steps,
 * suppressions, notices, and a path with spaces, percent signs and quotes.
 *
 * Input: a 2-byte header (finding count, flags), 6-byte finding records, then a '\0' and the
 * source text. Messages are slices of the source text, so they may cut a character in two. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_sink.h"
#include "analyzer/run/run_p.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static uint32_t u16(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    size_t nrec = data[0] % 32;
    uint8_t flags = data[1];
    const uint8_t *rec = data + 2;
    size_t header = 2 + nrec * 6;
    if (size < header + 1)
        return 0;
    const char *text = (const char *)data + header + 1;
    size_t text_len = size - header - 1;

    struct source src;
    char *why = NULL;
    if (source_from_bytes(&src, text, text_len, &why) != SOURCE_OK) {
        free(why);
        return 0;
    }
    static const char *const paths[] = {"app/api/r o%ute's \"x\".ts", "engine/main.py",
                                        "supabase/migrations/0001_init.sql", "a.tsx"};
    const char *path = paths[flags & 3];
    src.path = xstrdup(path);
    src.uri = xstrdup(path);

    struct run run = {0};
    run.opt.category = (flags & 4) ? "fuzz" : NULL;
    run.root = xstrdup("/fuzz");
    char *err = NULL;
    if (!run_select_checks(&run, "*", &err) || !run.nchecks)
        abort();
    run.files = xcalloc(1, sizeof(*run.files));
    run.nfiles = 1;
    run.files[0].ref = (struct file_ref){.path = xstrdup(path), .uri = xstrdup(path),
                                         .uri_is_relative = !(flags & 8)};
    run.files[0].fs_path = xstrdup(path);
    run.files[0].lang = lang_from_path(path);
    run.files_analyzed = 1;

    struct finding *last = NULL;
    for (size_t i = 0; i < nrec; i++, rec += 6) {
        uint32_t start = u16(rec + 1), end = u16(rec + 3);
        uint32_t mstart = src.len ? start % (src.len + 1) : 0;
        uint32_t mlen = src.len - mstart < rec[5] ? src.len - mstart : rec[5];
        char *msg = xstrndup(src.text + mstart, mlen);
        switch (rec[0] % 4) {
        case 0:
        case 1: {
            size_t ci = (size_t)rec[0] / 4 % run.nchecks;
            last = finding_new(run.checks[ci], ci, run.files[0].ref, start, end,
                               xasprintf("finding: %s", msg));
            last->suppressed = rec[5] & 1;
            if (last->suppressed && (rec[5] & 2))
                last->justification = xstrdup(msg);
            VEC_PUSH(run.findings.items, last);
            break;
        }
        case 2:
            if (last)
                finding_related(last, start, end, "related %s", msg);
            break;
        case 3:
            if (last)
                finding_step(last, start, end, "step %s", msg);
            else
                notices_add(&run.notices, run.files[0].ref, (enum level)(rec[5] % 3),
                            "notice %s", msg);
            break;
        }
        free(msg);
    }
    for (size_t i = 0; i < run.findings.items.n; i++)
        finding_resolve(run.findings.items.v[i], &src, true);
    findings_sort(&run.findings);
    notices_sort(&run.notices);

    struct report_sink sink;
    report_sink_open(&sink);
    if (!write_text(&run, sink.text, false) || !write_text(&run, sink.text, true) ||
        !write_github(&run, sink.text) || !write_sarif(&run, sink.sarif))
        abort();
    report_sink_check(&sink);
    run_release(&run);
    source_release(&src);
    return 0;
}
