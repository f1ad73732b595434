/* file_pass.c — one file's trip through a worker thread: read (size cap, encoding, lone CRs),
 * parse within the CPU budget (JSX text repaired and parsed again when that helps), the node
 * table, then each enabled check whose languages and prefilter match, under the file's check
 * budget and findings cap; what is left (findings, facts, notices, suppressions, redactions)
 * goes to the file's own result slot, so no locks are taken. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checks/registry.h"
#include "driver_p.h"
#include "front/parse_repair.h"
#include "front/sql.h"
#include "model/alembic.h"
#include "model/imports.h"
#include "model/schema.h"
#include "report/diff.h"
#include "report/suppress.h"

/* The parse's budget is the thread's CPU time, as the checks' is (budget.c): on a loaded
 * machine a file is not cut short because other processes had the cores. */
static bool parse_progress(TSParseState *state)
{
    return deadline_passed(state->payload); /* true cancels the parse */
}

static const char *read_source(void *payload, uint32_t offset, TSPoint point, uint32_t *n)
{
    const struct source *src = payload;
    (void)point;
    if (offset >= src->len) {
        *n = 0;
        return "";
    }
    *n = src->len - offset;
    return src->text + offset;
}

/* The per-file budgets: the configured values or the defaults. */
static size_t max_file_size(const struct run *run)
{
    return run->config.max_file_size ? run->config.max_file_size : DEFAULT_MAX_FILE_SIZE;
}

static double parse_timeout(const struct run *run)
{
    return run->config.parse_timeout > 0 ? run->config.parse_timeout : DEFAULT_PARSE_TIMEOUT;
}

/* Lone CRs (classic Mac line ends) become LFs. The grammars end comments and Python
 * statements at LF only, so a CR-only file parsed as it is would be one long syntax error;
 * the source's line index already counts a lone CR as a line end, and the change keeps every
 * byte offset. */
static void normalize_lone_cr(struct source *src)
{
    char *p = src->text, *end = src->text + src->len;
    while ((p = memchr(p, '\r', (size_t)(end - p))) != NULL) {
        if (p + 1 == end || p[1] != '\n')
            *p = '\n';
        p++;
    }
}

/* Reads a file's text into src: from memory when the entry carries it (fuzzers), else from
 * disk; the size cap applies to both. */
enum source_error load_entry(const struct run *run, const struct file_entry *file,
                             struct source *src, char **why)
{
    size_t max = max_file_size(run);
    enum source_error e;
    if (!file->bytes) {
        e = source_load(src, file->fs_path, max, why);
    } else if (file->nbytes > max) {
        memset(src, 0, sizeof(*src));
        *why = xasprintf("file too large (%zu bytes; the limit is %zu, see max-file-size)",
                         file->nbytes, max);
        e = SOURCE_TOO_LARGE;
    } else {
        e = source_from_bytes(src, file->bytes, file->nbytes, why);
    }
    if (e == SOURCE_OK)
        normalize_lone_cr(src);
    return e;
}

/* Parses src with the thread's parser for its language, within the time budget. Returns NULL
 * (and sets *over_budget when the budget was the reason) if the parse was abandoned. */
static TSTree *parse(struct worker *w, const struct source *src, double seconds,
                     bool *over_budget)
{
    TSParser **pp = &w->parsers[src->lang];
    if (!*pp) {
        *pp = ts_parser_new();
        if (!ts_parser_set_language(*pp, lang_grammar(src->lang)))
            BUG("grammar for %s does not match the runtime", lang_name(src->lang));
    }
    struct deadline budget;
    deadline_start(&budget, seconds);
    TSInput input = {.payload = (void *)src, .read = read_source, .encoding = TSInputEncodingUTF8};
    TSParseOptions options = {.payload = &budget, .progress_callback = parse_progress};
    TSTree *tree = ts_parser_parse_with_options(*pp, NULL, input, options);
    if (!tree)
        ts_parser_reset(*pp); /* the next file must not resume this one */
    *over_budget = budget.passed;
    return tree;
}

/* true when word occurs in text[0..n) (memmem is a GNU extension: not in C17 or POSIX) */
/* JSX text with a bare '&' ("Q&A") that tree-sitter-tsx cannot read: parse the text with
 * spaces in their place (parse_repair.h; only ampersands inside the tree's errors change, so
 * the new tree has fewer of them) and analyse that tree instead. */
static void reparse_jsx_text(struct worker *w, struct check_file *f, const struct source *src,
                             const struct run *run)
{
    if (src->lang != LANG_TSX && src->lang != LANG_JAVASCRIPT)
        return;
    char *patched = jsx_repair_ampersands(f->root, src->text, src->len);
    if (!patched)
        return;
    struct source copy = *src;
    copy.text = patched;
    bool over = false;
    TSTree *tree = parse(w, &copy, parse_timeout(run), &over);
    free(patched);
    if (!tree)
        return;
    ts_tree_delete(f->tree);
    f->tree = tree;
    f->root = ts_tree_root_node(tree);
}

static bool contains(const char *text, size_t n, const char *word)
{
    size_t m = strlen(word);
    if (!m)
        return true;
    for (const char *p = text, *end = text + n; (size_t)(end - p) >= m; p++) {
        p = memchr(p, word[0], (size_t)(end - p) - m + 1);
        if (!p)
            return false;
        if (memcmp(p, word, m) == 0)
            return true;
    }
    return false;
}

/* true when the check's prefilter lets the file through (see struct check). */
static bool prefilter_passes(const struct check *c, const struct source *src)
{
    if (!c->prefilter)
        return true;
    for (const char *const *word = c->prefilter; *word; word++)
        if (contains(src->text, src->len, *word))
            return true;
    return false;
}

/* The finding that stands for the ones of check i that were cut in one file. */
struct finding *cap_summary(const struct run *run, size_t i, struct file_ref ref,
                            const struct finding_cap *cap)
{
    size_t max = budget_max_findings(run);
    struct finding *fd = finding_new(run->checks[i], i, ref, cap->start, cap->end,
                                     finding_cap_message(cap, max));
    finding_set_level(fd, LEVEL_NOTE);
    return fd;
}

/* --diff REV: what file imports, for the base tree's analysis (review_base.c); written by
 * the one worker that analyses the file */
static void keep_imports(struct file_entry *file, struct check_file *f)
{
    if (!(LANG_BIT(f->lang) & (LANGS_JS_TS | LANG_BIT(LANG_PYTHON))) || ts_node_is_null(f->root))
        return;
    const struct imports *im = imports_scan(f);
    if (!im->project || !im->nb)
        return;
    file->imports = xcalloc(im->nb, sizeof(*file->imports));
    for (size_t i = 0; i < im->nb; i++) {
        const struct import_binding *b = &im->b[i];
        file->imports[file->nimports++] = (struct file_import){
            .spec = xstrndup(b->spec, b->spec_len), .name = xstrndup(b->name, b->name_len),
            .target = SIZE_MAX};
    }
}

static void analyze_file(struct worker *w, size_t index)
{
    struct run *run = w->run;
    const struct file_entry *file = &run->files[index];
    struct file_result *r = &w->results[index];

    bool wanted = false, parse_it = false;
    for (size_t i = 0; i < run->nchecks; i++) {
        unsigned langs = run->checks[i]->langs;
        wanted |= (langs & LANG_BIT(file->lang)) != 0;
        parse_it |= (langs & ~run->checks[i]->text_langs & LANG_BIT(file->lang)) != 0;
    }
    if (!wanted)
        return;

    struct source src;
    char *why = NULL;
    struct timespec t = stats_thread_now();
    enum source_error loaded = load_entry(run, file, &src, &why);
    w->stats.read[file->lang] += stats_thread_since(&t);
    if (loaded != SOURCE_OK) {
        /* a .json or .md that holds binary data was never text a check could read */
        bool binary = loaded == SOURCE_BINARY || loaded == SOURCE_NOT_UTF8;
        if (!(lang_is_text(file->lang) && binary))
            notices_add(&r->notices, file->ref, LEVEL_WARNING, "skipped: %s", why);
        free(why);
        return;
    }
    w->stats.files[file->lang]++;
    w->stats.bytes[file->lang] += src.len;
    src.path = xstrdup(file->ref.path);
    src.uri = xstrdup(file->ref.uri);
    src.lang = file->lang;

    struct arena arena;
    arena_init(&arena);
    struct check_file f = {.src = &src, .lang = file->lang, .vcs = file->vcs, .arena = &arena};
    struct file_ctx ctx = {.run = run, .file = file, .result = r};
    f.ctx = &ctx;

    t = stats_thread_now();
    if (lang_is_text(file->lang) || !parse_it) {
        /* read as text: nothing to parse, or no enabled check needs the parse */
    } else if (file->lang == LANG_SQL) {
        f.sql = sql_parse_file(&src, &arena);
        for (size_t k = 0; k < f.sql->nproblems; k++) {
            struct pos at = source_pos(&src, f.sql->problems[k].at);
            notices_add(&r->notices, file->ref, LEVEL_WARNING, "line %u: %s", at.line,
                        f.sql->problems[k].message);
        }
        w->stats.sql_statements += f.sql->statements;
        w->stats.sql_understood += f.sql->understood;
        r->parse_error = f.sql->understood < f.sql->statements;
        if (run->schema_checks)
            r->schema = schema_facts_new(f.sql);
    } else if (file->lang == LANG_C || file->lang == LANG_CPP) {
        /* libclang parses on a thread of its own: its time is wall time, not this thread's */
        struct timespec wall = stats_now();
        if (!w->cx)
            w->cx = cx_parser_new();
        struct cx_diag diag;
        char *cx_why = NULL;
        f.cview = cx_parse(w->cx, run->compile_db, file->fs_path, &src, &arena, &diag, &cx_why);
        if (!f.cview) {
            notices_add(&r->notices, file->ref, LEVEL_WARNING, "skipped: %s", cx_why);
            free(cx_why);
            goto done;
        }
        r->parse_error = diag.errors > 0;
        if (diag.errors)
            notices_add(&r->notices, file->ref, LEVEL_NOTE,
                        "libclang reported %zu error%s (%s), the first: %s; code that depends on "
                        "what failed is not analysed%s",
                        diag.errors, diag.errors == 1 ? "" : "s",
                        diag.borrowed        ? "with the flags compile_commands.json gives "
                                               "the compiled file nearest to it"
                        : diag.flags_from_db ? "with the flags of compile_commands.json"
                                             : "with default flags",
                        diag.first ? diag.first : "(none given)",
                        diag.flags_from_db ? ""
                                           : ": give preflight the build's flags with a "
                                             "compile_commands.json (see docs/c-cpp.md)");
        w->stats.parse[file->lang] += stats_since(&wall) - stats_thread_since(&t);
    } else {
        bool over = false;
        f.tree = parse(w, &src, parse_timeout(run), &over);
        if (!f.tree) {
            if (over)
                notices_add(&r->notices, file->ref, LEVEL_WARNING,
                            "skipped: parsing took longer than %g s (see parse-timeout)",
                            parse_timeout(run));
            else
                notices_add(&r->notices, file->ref, LEVEL_WARNING, "skipped: the parser gave up");
            goto done;
        }
        f.root = ts_tree_root_node(f.tree);
        reparse_jsx_text(w, &f, &src, run);
        r->parse_error = ts_node_has_error(f.root);
        if (r->parse_error) {
            TSNode e = parse_first_error(f.root);
            uint32_t at = ts_node_is_null(e) ? 0 : ts_node_start_byte(e);
            struct pos p = source_pos(&src, at);
            notices_add(&r->notices, file->ref, LEVEL_NOTE,
                        "syntax error at line %u, column %u: the code around it is skipped by "
                        "the checks", p.line, p.col);
        }
    }
    w->stats.parse[file->lang] += stats_thread_since(&t);
    w->stats.syntax_errors[file->lang] += r->parse_error;
    r->analyzed = true;

    deadline_start(&ctx.deadline, budget_check_timeout(run));
    if (run->schema_checks && file->lang == LANG_PYTHON && f.tree &&
        alembic_is_migration(src.path)) {
        /* an Alembic migration is the Python engine's migration: the schema checks see it */
        t = stats_thread_now();
        nodes_build(&w->nodes, f.root);
        f.nodes = &w->nodes;
        w->stats.nodes[file->lang] += stats_thread_since(&t);
        struct alembic_file *m = alembic_read(&f);
        r->schema = schema_facts_new_revision(&m->sql, m->revision, m->down_revision);
    }
    const char *stopped = NULL; /* the check that was running when the budget ran out */
    char *not_run = NULL;       /* the checks that did not start, ", "-separated */
    for (size_t i = 0; i < run->nchecks; i++) {
        const struct check *c = run->checks[i];
        if (!c->file || !(c->langs & LANG_BIT(file->lang)) || !prefilter_passes(c, &src))
            continue;
        if (ctx.deadline.passed) {
            char *more = xasprintf("%s%s%s", not_run ? not_run : "", not_run ? ", " : "", c->id);
            free(not_run);
            not_run = more;
            continue;
        }
        if (f.tree && !f.nodes) {
            t = stats_thread_now();
            nodes_build(&w->nodes, f.root);
            f.nodes = &w->nodes;
            w->stats.nodes[file->lang] += stats_thread_since(&t);
        }
        ctx.check_index = i;
        f.check = c;
        f.state = run->check_states[i];
        ctx.cap = (struct finding_cap){0};
        ctx.model_time = 0;
        t = stats_thread_now();
        c->file(&f);
        /* the model a check built first is every reader's: its time is the model's */
        w->stats.check_file[i] += stats_thread_since(&t) - ctx.model_time;
        w->stats.models[file->lang] += ctx.model_time;
        finding_free(ctx.scratch);
        ctx.scratch = NULL;
        if (ctx.cap.cut)
            VEC_PUSH(r->findings, cap_summary(run, i, file->ref, &ctx.cap));
        if (ctx.deadline.passed && !stopped)
            stopped = c->id;
    }
    if (stopped) {
        notices_add(&r->notices, file->ref, LEVEL_WARNING,
                    "partly analysed: the checks took longer than %g s (see check-timeout); %s "
                    "stopped, its findings from then on are not reported%s%s",
                    budget_check_timeout(run), stopped, not_run ? "; not run: " : "",
                    not_run ? not_run : "");
        free(not_run);
    }
    findings_resolve_masked(r->findings.v, r->findings.n, &src, run_line_hashes(run),
                            &r->redactions);
    if (run->diff && diff_base(run->diff))
        keep_imports(&run->files[index], &f);
    /* kept for after the project pass, whose findings in this file they may suppress too */
    r->suppressions = suppressions_collect(run, &file->ref, &src, f.root, &r->redactions);

done:
    models_release(run, r, false);
    nodes_done(&w->nodes);
    if (f.tree)
        ts_tree_delete(f.tree);
    arena_release(&arena);
    source_release(&src);
}

void *worker_main(void *arg)
{
    struct worker *w = arg;
    for (;;) {
        size_t k = atomic_fetch_add(w->next, 1);
        if (k >= w->run->nfiles)
            break;
        analyze_file(w, w->order[k]);
    }
    for (int l = 0; l < LANG_COUNT; l++)
        if (w->parsers[l])
            ts_parser_delete(w->parsers[l]);
    cx_parser_delete(w->cx);
    nodes_release(&w->nodes);
    return NULL;
}
