/* fuzz_api.c — a run of one in-memory file: a thin layer over driver.c's run_analyze (the file
 * entry carries the bytes, which the driver reads instead of the disk) and the writers. */
#include "fuzz_api.h"

#include <stdlib.h>
#include <string.h>

#include "run_p.h"

/* The checks are started once per process: their init (query compilation) would otherwise
 * cost more than the analysis of a small input; their state is read-only after init. A
 * process runs one selection (a target's). */
static struct run *started_run(const char *checks)
{
    static struct run run;
    static const char *started;
    if (!started) {
        char *err = NULL;
        run.opt.jobs = 1;
        run.opt.category = "fuzz";
        run.root = xstrdup("/fuzz");
        if (!run_select_checks(&run, checks, &err) || !run_start_checks(&run))
            BUG("cannot start the checks '%s': %s", checks, err ? err : "init failed");
        started = checks;
    } else if (strcmp(started, checks) != 0) {
        BUG("one process runs one selection of checks ('%s', then '%s')", started, checks);
    }
    return &run;
}

size_t fuzz_analyze(const char *path, const char *uri, const char *checks, const char *bytes,
                    size_t n, FILE *text_out, FILE *sarif_out)
{
    struct run *run = started_run(checks ? checks : "*");
    struct file_entry f = {
        .ref = {.path = path, .uri = uri ? uri : path, .uri_is_relative = true},
        .fs_path = (char *)path, /* never opened: the bytes are read instead */
        .lang = lang_from_path(path),
        .bytes = bytes,
        .nbytes = n,
    };
    run->files = &f;
    run->nfiles = 1;
    run->opt.sarif_no_help = !text_out;
    size_t count = 0;
    if (run_analyze(run)) {
        count = run->findings.items.n + run->notices.items.n;
        if ((text_out && (!write_text(run, text_out, false) || !write_text(run, text_out, true) ||
                          !write_github(run, text_out))) ||
            !write_sarif(run, sarif_out))
            BUG("a writer failed on a memory stream");
    }
    /* what run_release would free of this file's run, keeping the started checks */
    finding_list_release(&run->findings);
    notice_list_release(&run->notices);
    run->files = NULL;
    run->nfiles = 0;
    run->files_analyzed = run->files_with_parse_errors = 0;
    return count;
}

bool fuzz_config(const char *path)
{
    struct run run = {0};
    char *err = NULL;
    bool ok = config_load(&run.config, path, &err);
    if (ok) {
        struct strbuf globs;
        strbuf_init(&globs);
        strbuf_addstr(&globs, "*");
        if (run.config.checks)
            strbuf_addf(&globs, ",%s", run.config.checks);
        ok = run_select_checks(&run, globs.buf, &err);
        strbuf_release(&globs);
    }
    if (ok) {
        /* each check's init reads its options, as run_analyze does; no files to analyse */
        ok = run_analyze(&run);
    }
    free(err);
    run_release(&run);
    return ok;
}
