/* cli.c — options, configuration, the run, the report's output and the exit status. */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "checks/registry.h"
#include "report/diff.h"
#include "run_p.h"
#include "version.h"
#include "front/clang.h"

static const char usage_text[] =
    "usage: preflight [options] [path...]\n"
    "\n"
    "Finds request data reaching queries unvalidated, SQL built by string formatting, error\n"
    "details leaked to clients, N+1 queries, LLM calls without retries, unindexed foreign keys,\n"
    "'any' parameters and more, in TypeScript/JavaScript, Python and SQL migrations (C and\n"
    "C++ too, in a build with libclang).\n"
    "\n"
    "  -f, --format FORMAT     text (default), concise (one line each), json, sarif or github\n"
    "  -o, --output FILE       write the report to FILE (atomically: all of it or nothing;\n"
    "                          a device or FIFO is written through; '-': standard output)\n"
    "      --checks GLOBS      checks to run, clang-tidy style: \"-*,security-*,typing-*\"\n"
    "      --list-checks       list the checks (with --checks: those selected) and exit\n"
    "      --explain CHECK     show a check's documentation and options\n"
    "      --config FILE       configuration (default: the nearest .preflight.json upward,\n"
    "                          up to the repository's root)\n"
    "      --no-config         read no .preflight.json (one may come with a pull request)\n"
    "      --max-file-size N   bytes; a ceiling the configuration cannot raise\n"
    "      --parse-timeout S   CPU seconds a file's parse may take; a ceiling as well\n"
    "      --category NAME     SARIF automationDetails.id, one per analysis on GitHub\n"
    "      --diff REV          report only findings on lines changed since the merge base\n"
    "                          of REV and HEAD (work tree and untracked files included)\n"
    "      --diff-file FILE    the same from a unified diff in FILE ('-': standard input)\n"
    "      --baseline SARIF    hide findings whose fingerprint a previous SARIF report holds\n"
    "      --show-suppressed   text/github: also show findings suppressed by preflight-ignore\n"
    "      --compile-commands FILE  the C/C++ flags (default: compile_commands.json at the\n"
    "                          root or in a build* folder under it)\n"
    "  -j, --jobs N            threads (default: online CPUs); output is the same for any N\n"
    "      --exit-zero         exit 0 even when there are findings\n"
    "      --stats             print where the time and memory went on stderr\n"
    "  -q, --quiet             print nothing on stderr but errors\n"
    "      --color WHEN        auto (default), always or never; NO_COLOR, FORCE_COLOR\n"
    "      --column-unit UNIT  what text and concise columns count: utf-8 bytes (default),\n"
    "                          utf-16 code units or char (code points); SARIF: utf-16\n"
    "                          (default) or char, named in its columnKind\n"
    "      --version           print the version\n"
    "  -h, --help              print this help\n"
    "\n"
    "\n"
    "'--' ends the options: paths after it are never read as options (a file named\n"
    "'--output=x.ts' that a glob expands to, say).\n"
    "\n"
    "exit status: 0 no findings, 1 findings, 2 usage, configuration or output error\n";

static NORETURN void usage_error(const char *fmt, ...) PRINTF_LIKE(1, 2);
static void usage_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("preflight: error: ", stderr);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputs("\nTry 'preflight --help' for more information.\n", stderr);
    exit(2);
}

static int explain(const char *id)
{
    const struct check *c = registry_find(id);
    if (!c)
        usage_error("unknown check '%s' (see --list-checks)", id);
    const char *doc = registry_doc(id);
    fputs(doc ? doc : "", stdout);
    if (c->options && c->options->name) {
        printf("\n## Options in .preflight.json (\"options\": {\"%s\": {...}})\n\n", c->id);
        static const char *const type[] = {"boolean", "string", "array of strings"};
        for (const struct check_option *o = c->options; o->name; o++)
            printf("- `%s` (%s): %s\n", o->name, type[o->type], o->help);
    }
    return 0;
}

/* Opens the repository of the first path, checked against every folder to be analysed (a
 * refusal is a notice: the folders are walked), and sets the root SARIF URIs are relative
 * to: the repository's top level, else the current directory. */
static void open_repository(struct run *run)
{
    const char *first = run->opt.paths.v[0];
    VEC(char *) scanned = {0};
    for (size_t i = 0; i < run->opt.paths.n; i++) {
        struct stat st;
        char *abs = realpath(run->opt.paths.v[i], NULL);
        if (abs && stat(abs, &st) == 0 && S_ISDIR(st.st_mode))
            VEC_PUSH(scanned, abs);
        else
            free(abs);
    }
    VEC_PUSH(scanned, NULL);
    char *abs = realpath(first, NULL);
    if (abs) {
        struct stat st;
        if (stat(abs, &st) == 0 && !S_ISDIR(st.st_mode)) {
            char *slash = strrchr(abs, '/');
            if (slash)
                *(slash == abs ? slash + 1 : slash) = '\0';
        }
        char *why = NULL;
        if (git_repo_open(&run->repo, abs, first, (const char *const *)scanned.v, &why) ==
            GIT_OPEN_REFUSED)
            notices_add(&run->notices, (struct file_ref){0}, LEVEL_WARNING,
                        "%s; the files are found by walking the folders instead (.gitignore "
                        "is not read)", why);
        free(why);
        free(abs);
    }
    for (size_t i = 0; i < scanned.n; i++)
        free(scanned.v[i]);
    VEC_FREE(scanned);
    if (run->repo.top) {
        run->root = xstrdup(run->repo.top);
        return;
    }
    char cwd[PATH_MAX];
    if (!getcwd(cwd, sizeof(cwd)))
        die("cannot find the current directory: %s", strerror(errno));
    run->root = xstrdup(cwd);
}

static bool write_report(const struct run *run, FILE *out, bool color)
{
    switch (run->opt.format) {
    case FORMAT_TEXT: return write_text(run, out, color);
    case FORMAT_GITHUB: return write_github(run, out);
    case FORMAT_SARIF: return write_sarif(run, out);
    case FORMAT_CONCISE: return write_concise(run, out);
    case FORMAT_JSON: return write_json(run, out);
    }
    return false;
}

/* --color wins; then NO_COLOR (set, not empty: never), then FORCE_COLOR (set, not empty:
 * always, but "0" and "false" mean never, as Node's tools read it); then a terminal that is
 * not TERM=dumb. */
static bool use_color(enum color opt)
{
    if (opt != COLOR_AUTO)
        return opt == COLOR_ALWAYS;
    const char *no_color = getenv("NO_COLOR");
    if (no_color && *no_color)
        return false;
    const char *force = getenv("FORCE_COLOR");
    if (force && *force)
        return strcmp(force, "0") != 0 && strcmp(force, "false") != 0;
    const char *term = getenv("TERM");
    return isatty(STDOUT_FILENO) && !(term && strcmp(term, "dumb") == 0);
}

struct report_ctx {
    const struct run *run;
    bool color;
};

static bool write_report_to(const void *ctx, FILE *out)
{
    const struct report_ctx *r = ctx;
    return write_report(r->run, out, r->color);
}

/* Enables the checks: all by default, then the config's selection, then --checks on top of
 * it (clang-tidy's order). Returns false after reporting an error (status 2). */
static bool select_checks(struct run *run)
{
    char *err = NULL;
    if (run->config.checks) {
        /* a bad glob in the file is the file's error: name it and its key */
        char *own = xasprintf("*,%s", run->config.checks);
        bool ok = run_select_checks(run, own, &err);
        free(own);
        free(run->checks);
        run->checks = NULL;
        if (!ok) {
            fprintf(stderr, "preflight: error: %s: 'checks': %s\n", run->config.path, err);
            free(err);
            return false;
        }
    }
    struct strbuf globs;
    strbuf_init(&globs);
    strbuf_addstr(&globs, "*");
    if (run->config.checks)
        strbuf_addf(&globs, ",%s", run->config.checks);
    if (run->opt.checks)
        strbuf_addf(&globs, ",%s", run->opt.checks);
    bool ok = run_select_checks(run, globs.buf, &err);
    strbuf_release(&globs);
    if (!ok)
        usage_error("%s%s", run->opt.checks ? "--checks: " : "checks: ", err);
    return true;
}

static void list_checks(const struct run *run)
{
    for (size_t i = 0; i < run->nchecks; i++) {
        const struct check *ch = run->checks[i];
        char langs[160] = "";
        bool every = (ch->langs & (LANGS_CODE | LANGS_TEXT)) == (LANGS_CODE | LANGS_TEXT);
        if (every)
            strcpy(langs, "every file"); /* code and text (lang.h) */
        for (int l = 0; l < LANG_COUNT && !every; l++)
            if (ch->langs & LANG_BIT(l)) {
                if (langs[0])
                    strcat(langs, ",");
                strcat(langs, lang_name((enum lang)l));
            }
        printf("%-36s %-8s %-34s %s\n", ch->id, level_name(ch->level), langs, ch->title);
    }
}

/* The version (with the commit of a build from a checkout), and the front ends this build
 * has: C and C++ only with libclang. */
static void print_version(void)
{
    if (PREFLIGHT_COMMIT[0])
        printf("preflight %s (commit %s)\n", PREFLIGHT_VERSION, PREFLIGHT_COMMIT);
    else
        printf("preflight %s\n", PREFLIGHT_VERSION);
    const char *clang = clang_front_version();
    printf("front ends: typescript, tsx, javascript, python (tree-sitter); sql (libpg_query, "
           "tree-sitter-sql); %s%s%s\n", clang ? "c, c++ (" : "no c or c++ (built without libclang",
           clang ? clang : "", ")");
}

int cli_main(int argc, char **argv)
{
    enum { OPT_CHECKS = 256, OPT_LIST, OPT_EXPLAIN, OPT_CONFIG, OPT_CATEGORY, OPT_EXIT_ZERO,
           OPT_STATS,
           OPT_COLOR, OPT_VERSION, OPT_DIFF, OPT_DIFF_FILE, OPT_BASELINE, OPT_SHOW_SUPPRESSED,
           OPT_COMPILE_COMMANDS, OPT_NO_CONFIG, OPT_MAX_FILE_SIZE, OPT_PARSE_TIMEOUT,
           OPT_COLUMN_UNIT };
    static const struct option longopts[] = {
        {"format", required_argument, NULL, 'f'},
        {"output", required_argument, NULL, 'o'},
        {"checks", required_argument, NULL, OPT_CHECKS},
        {"list-checks", no_argument, NULL, OPT_LIST},
        {"explain", required_argument, NULL, OPT_EXPLAIN},
        {"config", required_argument, NULL, OPT_CONFIG},
        {"no-config", no_argument, NULL, OPT_NO_CONFIG},
        {"max-file-size", required_argument, NULL, OPT_MAX_FILE_SIZE},
        {"parse-timeout", required_argument, NULL, OPT_PARSE_TIMEOUT},
        {"category", required_argument, NULL, OPT_CATEGORY},
        {"jobs", required_argument, NULL, 'j'},
        {"exit-zero", no_argument, NULL, OPT_EXIT_ZERO},
        {"stats", no_argument, NULL, OPT_STATS},
        {"quiet", no_argument, NULL, 'q'},
        {"color", required_argument, NULL, OPT_COLOR},
        {"column-unit", required_argument, NULL, OPT_COLUMN_UNIT},
        {"version", no_argument, NULL, OPT_VERSION},
        {"diff", required_argument, NULL, OPT_DIFF},
        {"diff-file", required_argument, NULL, OPT_DIFF_FILE},
        {"baseline", required_argument, NULL, OPT_BASELINE},
        {"show-suppressed", no_argument, NULL, OPT_SHOW_SUPPRESSED},
        {"compile-commands", required_argument, NULL, OPT_COMPILE_COMMANDS},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    /* tree-sitter allocates through the same never-failing family as the rest of preflight */
    ts_set_allocator(xmalloc, xcalloc, xrealloc, free);
    struct run run = {0};
    bool list = false;
    const char *explain_id = NULL;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":f:o:j:qh", longopts, NULL)) != -1) {
        switch (c) {
        case 'f':
            if (strcmp(optarg, "text") == 0)
                run.opt.format = FORMAT_TEXT;
            else if (strcmp(optarg, "sarif") == 0)
                run.opt.format = FORMAT_SARIF;
            else if (strcmp(optarg, "github") == 0)
                run.opt.format = FORMAT_GITHUB;
            else if (strcmp(optarg, "concise") == 0)
                run.opt.format = FORMAT_CONCISE;
            else if (strcmp(optarg, "json") == 0)
                run.opt.format = FORMAT_JSON;
            else
                usage_error("unknown format '%s' (use --format text, concise, json, sarif or "
                            "github)", optarg);
            break;
        case 'o': run.opt.output = strcmp(optarg, "-") == 0 ? NULL : optarg; break;
        case OPT_CHECKS: run.opt.checks = optarg; break;
        case OPT_LIST: list = true; break;
        case OPT_EXPLAIN: explain_id = optarg; break;
        case OPT_CONFIG: run.opt.config = optarg; break;
        case OPT_NO_CONFIG: run.opt.no_config = true; break;
        case OPT_MAX_FILE_SIZE: {
            char *end;
            errno = 0;
            unsigned long long n = strtoull(optarg, &end, 10);
            if (*end || end == optarg || errno || n < 1 || n > UINT32_MAX || *optarg == '-')
                usage_error("--max-file-size takes a number of bytes from 1 to %u, not '%s'",
                            UINT32_MAX, optarg);
            run.opt.max_file_size = (size_t)n;
            break;
        }
        case OPT_PARSE_TIMEOUT: {
            char *end;
            double t = strtod(optarg, &end);
            if (*end || end == optarg || !(t > 0) || t > 3600)
                usage_error("--parse-timeout takes seconds above 0 and at most 3600, not '%s'",
                            optarg);
            run.opt.parse_timeout = t;
            break;
        }
        case OPT_CATEGORY:
            if (!*optarg)
                usage_error("--category needs a name, e.g. --category preflight");
            run.opt.category = optarg;
            break;
        case 'j': {
            char *end;
            long n = strtol(optarg, &end, 10);
            if (*end || n < 1 || n > 1024)
                usage_error("--jobs takes a number from 1 to 1024, not '%s'", optarg);
            run.opt.jobs = (int)n;
            break;
        }
        case OPT_EXIT_ZERO: run.opt.exit_zero = true; break;
        case OPT_STATS: run.opt.stats = true; break;
        case 'q': run.opt.quiet = true; break;
        case OPT_COLOR:
            if (strcmp(optarg, "auto") == 0)
                run.opt.color = COLOR_AUTO;
            else if (strcmp(optarg, "always") == 0)
                run.opt.color = COLOR_ALWAYS;
            else if (strcmp(optarg, "never") == 0)
                run.opt.color = COLOR_NEVER;
            else
                usage_error("unknown --color '%s' (use auto, always or never)", optarg);
            break;
        case OPT_COLUMN_UNIT:
            if (strcmp(optarg, "utf-8") == 0)
                run.opt.column_unit = COLUMN_UTF8;
            else if (strcmp(optarg, "utf-16") == 0)
                run.opt.column_unit = COLUMN_UTF16;
            else if (strcmp(optarg, "char") == 0)
                run.opt.column_unit = COLUMN_CHAR;
            else
                usage_error("unknown --column-unit '%s' (use utf-8, utf-16 or char)", optarg);
            break;
        case OPT_VERSION: print_version(); return 0;
        case OPT_DIFF:
            /* a revision never starts with '-': git would read it as an option */
            if (!*optarg || *optarg == '-')
                usage_error("--diff needs a revision, e.g. --diff origin/main");
            run.opt.diff_rev = optarg;
            break;
        case OPT_DIFF_FILE: run.opt.diff_file = optarg; break;
        case OPT_BASELINE: run.opt.baseline = optarg; break;
        case OPT_SHOW_SUPPRESSED: run.opt.show_suppressed = true; break;
        case OPT_COMPILE_COMMANDS:
            if (!clang_front_version())
                usage_error("--compile-commands needs a preflight built with libclang (meson "
                            "setup -Dclang=enabled; Debian: libclang-dev)");
            run.opt.compile_commands = optarg;
            break;
        case 'h': fputs(usage_text, stdout); return 0;
        case ':': usage_error("option '%s' needs a value", argv[optind - 1]);
        default:
            if (optopt)
                usage_error("unknown option '-%c'", optopt);
            usage_error("unknown option '%s'", argv[optind - 1]);
        }
    }
    if (explain_id)
        return explain(explain_id);
    if (run.opt.diff_rev && run.opt.diff_file)
        usage_error("--diff and --diff-file exclude each other");
    /* SARIF's columnKind names UTF-16 code units or code points, and nothing else; github
     * annotations and the JSON schema fix their own columns */
    if (run.opt.column_unit == COLUMN_UTF8 && run.opt.format == FORMAT_SARIF)
        usage_error("SARIF columns count utf-16 code units or characters: use --column-unit "
                    "utf-16 or char");
    if (run.opt.column_unit && (run.opt.format == FORMAT_GITHUB || run.opt.format == FORMAT_JSON))
        usage_error("--column-unit applies to the text, concise and sarif formats");
    for (int i = optind; i < argc; i++)
        VEC_PUSH(run.opt.paths, argv[i]);
    if (!run.opt.paths.n)
        VEC_PUSH(run.opt.paths, ".");

    char *err = NULL;
    if (!config_resolve(&run, &err)) {
        fprintf(stderr, "preflight: error: %s\n", err);
        free(err);
        run_release(&run);
        return 2;
    }

    if (!select_checks(&run)) {
        run_release(&run);
        return 2;
    }
    if (list) {
        list_checks(&run);
        run_release(&run);
        return 0;
    }
    if (!run.nchecks)
        usage_error("no check is enabled (see --checks and --list-checks)");

    /* fails before the analysis when the output cannot be written at all */
    struct output_target target = {0};
    if (run.opt.output) {
        output_catch_signals(); /* first: output_resolve makes (and removes) a trial file */
        if (!output_resolve(&target, run.opt.output, &err)) {
            fprintf(stderr, "preflight: error: %s\n", err);
            free(err);
            run_release(&run);
            return 2;
        }
    }

    open_repository(&run);
    if (!review_load(&run, &err)) {
        fprintf(stderr, "preflight: error: %s\n", err);
        free(err);
        run_release(&run);
        return 2;
    }
    struct timespec discovery_start = stats_now();
    discover_files(&run);
    double discovery_time = stats_since(&discovery_start);
    if (!run_analyze(&run)) {
        run_release(&run);
        return 2;
    }
    run.stats.discovery = discovery_time;

    if (!run.opt.quiet) {
        for (size_t i = 0; i < run.notices.items.n; i++) {
            const struct notice *n = &run.notices.items.v[i];
            text_put(stderr, n->file.path ? n->file.path : "");
            fprintf(stderr, "%s%s: ", n->file.path ? ": " : "", level_name(n->level));
            text_put(stderr, n->message);
            fputc('\n', stderr);
        }
    }

    struct timespec output_start = stats_now();
    if (run.opt.output) {
        output_write(&target, write_report_to, &(struct report_ctx){&run, false});
        output_target_release(&target);
    } else {
        bool color = use_color(run.opt.color);
        if (!write_report(&run, stdout, color) || fflush(stdout) != 0)
            die("cannot write the report to standard output: %s", strerror(errno));
    }
    run.stats.output = stats_since(&output_start);
    if (run.opt.stats) {
        const char **ids = xcalloc(run.nchecks ? run.nchecks : 1, sizeof(*ids));
        for (size_t i = 0; i < run.nchecks; i++)
            ids[i] = run.checks[i]->id;
        stats_print(&run.stats, ids, stderr);
        free(ids);
    }

    size_t shown = 0, files_with = 0, suppressed = 0;
    const char *last = NULL;
    for (size_t i = 0; i < run.findings.items.n; i++) {
        const struct finding *fd = run.findings.items.v[i];
        if (fd->suppressed) {
            suppressed++;
            continue;
        }
        shown++;
        if (!last || strcmp(last, fd->loc.file.path) != 0)
            files_with++;
        last = fd->loc.file.path;
    }
    if (!run.opt.quiet && run.opt.format == FORMAT_TEXT) {
        fprintf(stderr, "preflight: %zu finding%s in %zu file%s (%zu file%s analysed", shown,
                shown == 1 ? "" : "s", files_with, files_with == 1 ? "" : "s",
                run.files_analyzed, run.files_analyzed == 1 ? "" : "s");
        /* checks skip broken subtrees, so say how much of the input that was */
        if (run.files_with_parse_errors)
            fprintf(stderr, ", %zu with syntax errors", run.files_with_parse_errors);
        if (suppressed)
            fprintf(stderr, ", %zu suppressed in the source", suppressed);
        if (run.findings_hidden)
            fprintf(stderr, ", %zu %s", run.findings_hidden,
                    run.diff && run.baseline ? "in the baseline or on unchanged lines"
                    : run.diff && diff_base(run.diff) ? "on unchanged lines and at the merge base"
                    : run.diff              ? "on unchanged lines"
                                            : "in the baseline");
        /* the config may have come with the pull request: say which one ruled the run */
        char *config = config_shown(&run);
        fprintf(stderr, "; config: %s)\n", config ? config : run.opt.no_config ? "none (--no-config)"
                                                                      : "none");
        free(config);
    }
    int status = shown && !run.opt.exit_zero ? 1 : 0;
    run_release(&run);
    return status;
}
