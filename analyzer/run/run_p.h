/* run_p.h — one run of preflight: its options, configuration, files and results.
 * Private to the core (cli, driver, writers); checks see only check.h. */
#ifndef PREFLIGHT_RUN_P_H
#define PREFLIGHT_RUN_P_H

#include <stdbool.h>
#include <stdio.h>

#include "base/git.h"
#include "check.h"
#include "report/diag.h"
#include "stats.h"
#include "base/util.h"

enum format { FORMAT_TEXT, FORMAT_SARIF, FORMAT_GITHUB, FORMAT_CONCISE, FORMAT_JSON };
enum color { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER };
/* what a column counts: the text formats default to bytes, SARIF to UTF-16 code units */
enum column_unit { COLUMN_DEFAULT, COLUMN_UTF8, COLUMN_UTF16, COLUMN_CHAR };

#define DEFAULT_MAX_FILE_SIZE (4u << 20)
#define DEFAULT_PARSE_TIMEOUT 10.0 /* seconds one file's tree-sitter parse may take */
#define DEFAULT_CHECK_TIMEOUT 5.0  /* seconds the checks may spend on one file */
#define DEFAULT_MAX_FINDINGS 1000  /* findings of one check in one file; then a summary */

struct run_options {
    VEC(const char *) paths;  /* borrowed from argv */
    enum format format;
    const char *output;       /* NULL: stdout */
    const char *checks;       /* --checks globs, or NULL */
    const char *config;       /* --config FILE, or NULL */
    bool no_config;           /* --no-config: no .preflight.json is read */
    size_t max_file_size;     /* --max-file-size: a ceiling on the config's, or 0 */
    double parse_timeout;     /* --parse-timeout: a ceiling on the config's, or 0 */
    const char *category;     /* SARIF automationDetails.id */
    int jobs;                 /* 0: online CPUs */
    bool exit_zero, quiet, stats;
    enum color color;
    enum column_unit column_unit; /* --column-unit */
    const char *diff_rev;     /* --diff REV, or NULL */
    const char *diff_file;    /* --diff-file FILE ("-": stdin), or NULL */
    const char *baseline;     /* --baseline FILE.sarif, or NULL */
    bool show_suppressed;     /* text/github show findings suppressed in the source */
    const char *compile_commands; /* --compile-commands FILE, or NULL: found under the root */
    bool sarif_no_help;       /* the fuzzers (fuzz_api.c): SARIF rules without their help text,
                               * which is the same for every input */
};

/* .preflight.json, validated (see config.c). */
struct config {
    char *path;               /* where it was read from, or NULL (owned) */
    char *checks;             /* clang-tidy style globs, or NULL (owned) */
    VEC(char *) exclude;      /* path globs (owned) */
    struct glob_set *exclude_set; /* exclude, compiled once (owned) */
    size_t max_file_size;
    double parse_timeout;     /* seconds; 0: DEFAULT_PARSE_TIMEOUT */
    double check_timeout;     /* seconds; 0: DEFAULT_CHECK_TIMEOUT */
    size_t max_findings;      /* per check and file; 0: DEFAULT_MAX_FINDINGS */
    void *options_json;       /* cJSON object: check id -> options object, or NULL (owned) */
};

struct file_entry {
    struct file_ref ref;      /* path and uri strings owned here */
    char *fs_path;            /* what to open (owned) */
    enum lang lang;
    enum file_vcs vcs;        /* tracked by git or not (discovery.c) */
    const char *bytes;        /* the text in memory (borrowed), read instead of fs_path; for
                               * fuzzers (fuzz_api.c), NULL otherwise */
    size_t nbytes;
    /* --diff REV: the file's imports as it is now (module spec, imported name, and after the
     * project pass the index in files of the module it names, or SIZE_MAX), from which the
     * analysis of the base tree adds the project modules a changed file imports; owned, NULL
     * in other runs */
    struct file_import { char *spec, *name; size_t target; } *imports;
    size_t nimports;
};

struct run {
    struct run_options opt;
    struct config config;
    char *root;               /* absolute directory SARIF URIs are relative to (owned) */
    struct git_repo repo;     /* the repository of the first path, checked once; zeroed when
                               * there is none or preflight refused it (every git call) */

    const struct check **checks; /* enabled, in registry order */
    struct check_options **check_options;
    void **check_states;
    size_t nchecks;
    bool schema_checks;          /* one of them replays the schema: keep .sql files' facts */
    const struct file_model **models; /* the file models the enabled checks read, once each */
    void **model_states;         /* what each model's init returned */
    bool *model_kept;            /* a check that reads it has a project hook: kept till then */
    size_t nmodels;
    VEC(struct check_options *) model_options; /* what the models' init asked for (owned) */

    struct file_entry *files; /* sorted by path */
    size_t nfiles;

    struct finding_list findings;
    struct notice_list notices;
    size_t files_analyzed, files_with_parse_errors;
    struct stats stats;       /* where the time went (--stats) */

    struct import_resolver *imports; /* the project pass's (model/imports.h), or NULL (owned) */
    const char **import_paths, **import_fs_paths; /* what it borrows (owned) */
    struct compile_db *compile_db; /* C and C++ files' flags (front/clang.h), or NULL (owned) */
    bool compile_db_loaded;

    struct diff *diff;         /* --diff / --diff-file: the changed lines, or NULL (owned) */
    struct baseline *baseline; /* --baseline: the known fingerprints, or NULL (owned) */
    size_t findings_hidden;    /* left out by the diff or the baseline */
    size_t review_base_files;  /* --diff REV: files analysed at the merge base */
};

/* config.c */
/* Reads and validates the configuration at path into cfg; on error returns false with *err
 * set (caller frees), naming the key and the expected type. */
bool config_load(struct config *cfg, const char *path, char **err);
/* The nearest .preflight.json in dir or above, up to the repository's root (the folder that
 * holds .git), or NULL; caller frees. */
char *config_find(const char *dir);
/* Reads the configuration the options name (--config, --no-config, else config_find from
 * the first path) into run->config and caps its limits at --max-file-size and
 * --parse-timeout; false with *err set (caller frees) when it cannot be read. */
bool config_resolve(struct run *run, char **err);
/* The configuration's path for people and SARIF: relative to the root (or the current
 * directory) when inside it, as given with --config; NULL when none was read. Caller frees. */
char *config_shown(const struct run *run);
void config_release(struct config *cfg);
/* The options the config gives one check; never NULL. */
struct check_options *config_check_options(const struct config *cfg, const char *check_id);
void check_options_free(struct check_options *o);

/* discovery.c: fills run->files from run->opt.paths; problems become notices. */
void discover_files(struct run *run);

/* driver.c */
/* Enables the checks that the globs select (clang-tidy syntax); false with *err set on a
 * glob that selects nothing known. */
bool run_select_checks(struct run *run, const char *globs, char **err);
/* Starts the enabled checks (their init with their options); false when one refuses. */
bool run_start_checks(struct run *run);
/* Whether findings need GitHub's line hash: only SARIF shows it (partialFingerprints). */
static inline bool run_line_hashes(const struct run *run)
{
    return run->opt.format == FORMAT_SARIF;
}

/* The file pass, the project pass, then sorting; starts the checks first unless they are.
 * Returns false on a fatal error (reported). */
bool run_analyze(struct run *run);
void run_release(struct run *run);

/* budget.c: what one file may cost (max-findings-per-file, check-timeout) */
size_t budget_max_findings(const struct run *run);
double budget_check_timeout(const struct run *run);
/* A time budget polled at loop heads: the clock is read once every few hundred polls. */
struct deadline {
    struct timespec start;
    double seconds;
    unsigned countdown;
    bool passed;              /* sticky */
};
void deadline_start(struct deadline *d, double seconds);
bool deadline_passed(struct deadline *d);
/* The findings of one check in one file: kept while under the cap, then counted, with the
 * place of the first one cut (where the summary finding goes). */
struct finding_cap {
    size_t kept, cut;
    uint32_t start, end;
};
/* Counts a finding on [start, end); false when it is over max and is to be dropped. */
bool finding_cap_take(struct finding_cap *c, size_t max, uint32_t start, uint32_t end);
/* The summary finding's message (caller frees). */
char *finding_cap_message(const struct finding_cap *c, size_t max);

/* review.c: --diff, --diff-file and --baseline */
/* Reads the diff and baseline that run->opt names (git runs in run->repo); false with *err
 * set (caller frees) when one cannot be read. */
bool review_load(struct run *run, char **err);
/* Drops the findings the baseline holds and, with a diff, those with no location on a changed
 * line; run after the findings are sorted (fingerprints numbered). */
void review_filter(struct run *run);
void review_release(struct run *run);

/* output.c: -o FILE ("-" is standard output and never gets here) */
struct output_target {
    enum { OUTPUT_REPLACE, OUTPUT_THROUGH } kind; /* rename over it, or write into it */
    char *path;               /* what is written: symbolic links followed (owned) */
    const char *named;        /* as given, for messages (borrowed) */
    bool keep_mode;           /* a regular file stands there: keep its mode */
    unsigned mode;
};
typedef bool (*output_writer)(const void *ctx, FILE *out);
/* Decides, before the analysis, how path is written; false with *err set (caller frees)
 * when it cannot be: a directory, a socket, a missing directory, a broken chain of links. */
bool output_resolve(struct output_target *t, const char *path, char **err);
/* Removes the temporary file when SIGINT, SIGTERM or SIGHUP ends the run. */
void output_catch_signals(void);
/* Writes the report with write(ctx, f); a failure is fatal (exit 2, message on stderr). */
void output_write(const struct output_target *t, output_writer write, const void *ctx);
void output_target_release(struct output_target *t);

/* Writes s for a terminal or a log (output_text.c): control bytes as their control pictures
 * (ESC as U+241B, one column each), C1 controls as U+FFFD; tabs stay. */
void text_put(FILE *out, const char *s);
/* Writers: render run->findings and run->notices; return false on a write error. */
bool write_text(const struct run *run, FILE *out, bool color);
bool write_github(const struct run *run, FILE *out);
bool write_concise(const struct run *run, FILE *out);
bool write_json(const struct run *run, FILE *out);
bool write_sarif(const struct run *run, FILE *out);

#endif
