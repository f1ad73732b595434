/* driver.c — runs the enabled checks over every file in parallel, then the project pass.
 *
 * Files are handed out in (language, path) order so that each thread mostly keeps one grammar
 * warm; each file's results go to its own slot, so no locks are taken while checks run, and
 * the final sort makes the output independent of the number of threads.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "checks/registry.h"
#include "base/glob.h"
#include "run_p.h"
#include "front/clang.h"
#include "front/parse_repair.h"
#include "model/alembic.h"
#include "model/imports.h"
#include "model/schema.h"
#include "front/sql.h"
#include "report/diff.h"
#include "report/redact.h"
#include "report/suppress.h"

struct file_result {
    VEC(struct finding *) findings;
    void **facts;              /* per enabled check; NULL until a check keeps some */
    void (**facts_free)(void *);
    struct schema_facts *schema; /* a .sql file's, kept once for every schema check */
    void **models;             /* per run model (run->models); NULL until one is built */
    struct notice_list notices;
    struct suppression_set *suppressions; /* its preflight-ignore comments, or NULL */
    struct redactions redactions; /* the secrets checks marked: masked in every output */
    bool analyzed, parse_error;
};

struct file_ctx {
    struct run *run;
    const struct file_entry *file;
    struct file_result *result;
    size_t check_index;        /* the check running now */
    struct finding_cap cap;    /* the running check's findings in this file */
    struct finding *scratch;   /* the last finding dropped (its caller may still add to it) */
    struct deadline deadline;  /* the checks' time for this file */
    uint64_t models_built;     /* bit k: run->models[k] was built for this file */
    double model_time;         /* CPU time the running check spent building models */
};

struct check_project {
    struct run *run;
    struct file_result *results;
    size_t check_index;
    VEC(struct finding *) *out;
    struct finding_cap **caps; /* per check, per file: allocated when the check reports */
    struct finding *scratch;
};

/* ---- check selection ------------------------------------------------------------------ */

bool run_select_checks(struct run *run, const char *globs, char **err)
{
    /* every positive glob must name at least one check: a typo must not silently do nothing */
    const char *p = globs;
    while (*p) {
        while (*p == ',' || *p == ' ')
            p++;
        const char *end = p;
        while (*end && *end != ',')
            end++;
        size_t n = (size_t)(end - p);
        while (n && p[n - 1] == ' ')
            n--;
        if (n && *p != '-') {
            char *g = xstrndup(p, n);
            bool any = false;
            for (size_t i = 0; i < check_registry_count && !any; i++)
                any = glob_match(g, check_registry[i]->id, false);
            if (!any) {
                *err = xasprintf("'%s' matches no check (see --list-checks)", g);
                free(g);
                return false;
            }
            free(g);
        }
        p = end;
    }
    run->checks = xcalloc(check_registry_count ? check_registry_count : 1, sizeof(*run->checks));
    run->nchecks = 0;
    for (size_t i = 0; i < check_registry_count; i++)
        if (glob_select(globs, check_registry[i]->id, false))
            run->checks[run->nchecks++] = check_registry[i];
    return true;
}

/* ---- what checks call ------------------------------------------------------------------- */

static struct location new_location(struct file_ref file, uint32_t start, uint32_t end,
                                    char *message)
{
    struct location loc = {.file = file, .start = start, .end = end < start ? start : end,
                           .message = message};
    return loc;
}

static struct finding *file_report(struct check_file *f, uint32_t start, uint32_t end,
                                   const char *fmt, va_list ap)
{
    struct file_ctx *ctx = f->ctx;
    struct finding *fd = finding_new(f->check, ctx->check_index, ctx->file->ref, start, end,
                                     xvasprintf(fmt, ap));
    /* past the deadline the check's walks were cut short: what it finds then is not sure */
    if (ctx->deadline.passed ||
        !finding_cap_take(&ctx->cap, budget_max_findings(ctx->run), start, end)) {
        finding_free(ctx->scratch);
        ctx->scratch = fd;
        return fd;
    }
    VEC_PUSH(ctx->result->findings, fd);
    return fd;
}

bool check_out_of_time(const struct check_file *f)
{
    return f && f->ctx && deadline_passed(&f->ctx->deadline);
}

struct finding *check_report(struct check_file *f, TSNode node, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    struct finding *fd = file_report(f, ts_node_start_byte(node), ts_node_end_byte(node), fmt, ap);
    va_end(ap);
    return fd;
}

struct finding *check_report_range(struct check_file *f, uint32_t start, uint32_t end,
                                   const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    struct finding *fd = file_report(f, start, end, fmt, ap);
    va_end(ap);
    return fd;
}

void finding_set_level(struct finding *fd, enum level level)
{
    fd->level = level;
}

void finding_related(struct finding *fd, uint32_t start, uint32_t end, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    VEC_PUSH(fd->related, new_location(fd->loc.file, start, end, xvasprintf(fmt, ap)));
    va_end(ap);
}

void finding_step(struct finding *fd, uint32_t start, uint32_t end, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    VEC_PUSH(fd->steps, new_location(fd->loc.file, start, end, xvasprintf(fmt, ap)));
    va_end(ap);
}

void check_redact(struct check_file *f, uint32_t start, uint32_t end)
{
    redactions_add(&f->ctx->result->redactions, f->src, start, end);
}

void check_notice(struct check_file *f, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = xvasprintf(fmt, ap);
    va_end(ap);
    notices_add(&f->ctx->result->notices, f->ctx->file->ref, LEVEL_NOTE, "%s: %s", f->check->id,
                msg);
    free(msg);
}

void check_keep_facts(struct check_file *f, void *facts, void (*free_fn)(void *))
{
    struct file_result *r = f->ctx->result;
    size_t i = f->ctx->check_index;
    if (!r->facts) {
        size_t n = f->ctx->run->nchecks;
        r->facts = xcalloc(n, sizeof(*r->facts));
        r->facts_free = xcalloc(n, sizeof(*r->facts_free));
    }
    if (r->facts[i] && r->facts_free[i])
        r->facts_free[i](r->facts[i]);
    r->facts[i] = facts;
    r->facts_free[i] = free_fn;
}

/* The index of m in run->models; a check that asks for a model it does not list is a bug. */
static size_t model_index(const struct run *run, const struct check *c,
                          const struct file_model *m)
{
    for (const struct file_model *const *d = c->models; d && *d; d++)
        if (*d == m)
            for (size_t k = 0; k < run->nmodels; k++)
                if (run->models[k] == m)
                    return k;
    BUG("check '%s' reads the model '%s' without listing it in .models", c->id, m->name);
}

const void *check_file_model(struct check_file *f, const struct file_model *m)
{
    struct file_ctx *ctx = f->ctx;
    struct run *run = ctx->run;
    size_t k = model_index(run, f->check, m);
    struct file_result *r = ctx->result;
    if (!(ctx->models_built & (UINT64_C(1) << k))) {
        struct timespec t = stats_thread_now();
        if (!r->models)
            r->models = xcalloc(run->nmodels, sizeof(*r->models));
        r->models[k] = m->build(f, run->model_states[k]);
        ctx->models_built |= UINT64_C(1) << k;
        ctx->model_time += stats_thread_since(&t);
    }
    return r->models ? r->models[k] : NULL;
}

const void *project_file_model(const struct check_project *p, size_t i,
                               const struct file_model *m)
{
    size_t k = model_index(p->run, p->run->checks[p->check_index], m);
    return p->results[i].models ? p->results[i].models[k] : NULL;
}

const void *project_model_state(const struct check_project *p, const struct file_model *m)
{
    return p->run->model_states[model_index(p->run, p->run->checks[p->check_index], m)];
}

/* Frees the models of r that the project pass does not need (all of them when all). */
static void models_release(const struct run *run, struct file_result *r, bool all)
{
    for (size_t k = 0; r->models && k < run->nmodels; k++)
        if (r->models[k] && (all || !run->model_kept[k])) {
            run->models[k]->free(r->models[k]);
            r->models[k] = NULL;
        }
    if (all) {
        free(r->models);
        r->models = NULL;
    }
}

size_t project_file_count(const struct check_project *p)
{
    return p->run->nfiles;
}

const char *project_file_path(const struct check_project *p, size_t i)
{
    return p->run->files[i].ref.path;
}

enum lang project_file_lang(const struct check_project *p, size_t i)
{
    return p->run->files[i].lang;
}

void *project_file_facts(const struct check_project *p, size_t i)
{
    return p->results[i].facts ? p->results[i].facts[p->check_index] : NULL;
}

const struct schema_facts *project_file_schema(const struct check_project *p, size_t i)
{
    return p->results[i].schema;
}

static struct import_resolver *run_imports(struct run *run)
{
    if (!run->imports) {
        size_t n = run->nfiles;
        run->import_paths = xcalloc(n ? n : 1, sizeof(*run->import_paths));
        run->import_fs_paths = xcalloc(n ? n : 1, sizeof(*run->import_fs_paths));
        for (size_t i = 0; i < n; i++) {
            run->import_paths[i] = run->files[i].ref.path;
            run->import_fs_paths[i] = run->files[i].fs_path;
        }
        run->imports = import_resolver_new(n, run->import_paths, run->import_fs_paths);
    }
    return run->imports;
}

struct import_resolver *project_imports(struct check_project *p)
{
    return run_imports(p->run);
}

/* --diff REV: the module each kept import names (a member of "" asks for the module itself,
 * whatever it exports) */
static void resolve_kept_imports(struct run *run)
{
    for (size_t i = 0; i < run->nfiles; i++)
        for (size_t k = 0; k < run->files[i].nimports; k++) {
            struct file_import *im = &run->files[i].imports[k];
            const char *export_name;
            im->target = import_resolve(run_imports(run), i, im->spec, im->name, "",
                                        &export_name);
        }
}

static void imports_done(struct run *run)
{
    import_resolver_free(run->imports);
    free(run->import_paths);
    free(run->import_fs_paths);
    run->imports = NULL;
    run->import_paths = run->import_fs_paths = NULL;
}

void *project_state(const struct check_project *p)
{
    return p->run->check_states[p->check_index];
}

struct finding *project_report(struct check_project *p, size_t file, uint32_t start,
                               uint32_t end, const char *fmt, ...)
{
    if (file >= p->run->nfiles)
        BUG("project_report: file %zu of %zu", file, p->run->nfiles);
    va_list ap;
    va_start(ap, fmt);
    struct finding *fd = finding_new(p->run->checks[p->check_index], p->check_index,
                                     p->run->files[file].ref, start, end, xvasprintf(fmt, ap));
    va_end(ap);
    struct finding_cap **caps = &p->caps[p->check_index];
    if (!*caps)
        *caps = xcalloc(p->run->nfiles, sizeof(**caps));
    if (!finding_cap_take(&(*caps)[file], budget_max_findings(p->run), start, end)) {
        finding_free(p->scratch);
        p->scratch = fd;
        return fd;
    }
    VEC_PUSH(*p->out, fd);
    return fd;
}

void finding_related_in(struct finding *fd, struct check_project *p, size_t file,
                        uint32_t start, uint32_t end, const char *fmt, ...)
{
    if (file >= p->run->nfiles)
        BUG("finding_related_in: file %zu of %zu", file, p->run->nfiles);
    va_list ap;
    va_start(ap, fmt);
    VEC_PUSH(fd->related, new_location(p->run->files[file].ref, start, end, xvasprintf(fmt, ap)));
    va_end(ap);
}

/* ---- the schema checks' part of the project pass --------------------------------------- */

struct schema_pass {
    double *hook; /* per check: seconds in its schema_set hook */
};

/* Every schema check's hook on one replayed set, each as its own check. */
static void schema_set_all(struct check_project *p, const struct schema *s, void *data)
{
    struct schema_pass *sp = data;
    for (size_t i = 0; i < p->run->nchecks; i++) {
        const struct check *c = p->run->checks[i];
        if (!c->schema || !c->schema_set)
            continue;
        p->check_index = i;
        struct timespec t = stats_now();
        c->schema_set(p, s);
        sp->hook[i] += stats_since(&t);
    }
}

/* Replays each migration set once for all schema checks. A check's project time in --stats is
 * its own hook plus an equal share of the replay. */
static void schema_pass(struct run *run, struct file_result *results, void *out,
                        struct finding_cap **caps)
{
    size_t nhooks = 0;
    for (size_t i = 0; i < run->nchecks; i++)
        nhooks += run->checks[i]->schema && run->checks[i]->schema_set;
    if (!nhooks)
        return;
    struct schema_pass sp = {.hook = xcalloc(run->nchecks, sizeof(*sp.hook))};
    struct check_project p = {.run = run, .results = results, .out = out, .caps = caps};
    struct timespec t = stats_now();
    schema_replay_project(&p, schema_set_all, &sp);
    finding_free(p.scratch);
    double replay = stats_since(&t);
    for (size_t i = 0; i < run->nchecks; i++)
        replay -= sp.hook[i];
    if (replay < 0)
        replay = 0;
    for (size_t i = 0; i < run->nchecks; i++)
        if (run->checks[i]->schema && run->checks[i]->schema_set)
            run->stats.check_project[i] += sp.hook[i] + replay / (double)nhooks;
    free(sp.hook);
}

/* ---- the file pass ---------------------------------------------------------------------- */

struct worker {
    struct run *run;
    struct file_result *results;
    const size_t *order;
    atomic_size_t *next;
    TSParser *parsers[LANG_COUNT];
    struct cx_parser *cx;      /* libclang's index for C and C++, made on the first such file */
    struct node_table nodes;   /* the current file's, its memory kept for the next */
    struct stats stats;        /* this thread's share */
};

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
static enum source_error load_entry(const struct run *run, const struct file_entry *file,
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
static struct finding *cap_summary(const struct run *run, size_t i, struct file_ref ref,
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

static void *worker_main(void *arg)
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

static const struct run *sort_run; /* qsort has no context argument */

static int cmp_order(const void *a, const void *b)
{
    const struct file_entry *x = &sort_run->files[*(const size_t *)a];
    const struct file_entry *y = &sort_run->files[*(const size_t *)b];
    if (x->lang != y->lang)
        return x->lang < y->lang ? -1 : 1;
    return strcmp(x->ref.path, y->ref.path);
}

/* Resolves findings reported by project hooks: reads each file they name once more. */
/* A finding's location in one file: project findings are grouped by file to resolve them. */
struct placed {
    size_t file;
    struct finding *fd;
};

typedef VEC(struct placed) placed_vec;

static int cmp_placed(const void *a, const void *b)
{
    const struct placed *x = a, *y = b;
    if (x->file != y->file)
        return x->file < y->file ? -1 : 1;
    return 0;
}

/* The run's file_ref.uri strings are unique pointers: sorted, they find a file's index. */
struct uri_index {
    const char *uri;
    size_t file;
};

static int cmp_uri_index(const void *a, const void *b)
{
    uintptr_t x = (uintptr_t)((const struct uri_index *)a)->uri;
    uintptr_t y = (uintptr_t)((const struct uri_index *)b)->uri;
    return x < y ? -1 : x > y;
}

static void place(placed_vec *placed, const struct uri_index *index, size_t nfiles,
                  const struct location *loc, struct finding *fd)
{
    struct uri_index key = {.uri = loc->file.uri};
    const struct uri_index *hit = bsearch(&key, index, nfiles, sizeof(*index), cmp_uri_index);
    if (!hit)
        BUG("a project finding names a file outside the run");
    struct placed p = {hit->file, fd};
    VEC_PUSH(*placed, p);
}

/* Resolves findings reported by project hooks: reads each file they name once more, and
 * resolves all of that file's locations in one go. */
static void resolve_project_findings(struct run *run, struct file_result *results,
                                     struct finding **v, size_t n)
{
    if (!n)
        return;
    struct uri_index *index = xmalloc(run->nfiles * sizeof(*index));
    for (size_t i = 0; i < run->nfiles; i++)
        index[i] = (struct uri_index){run->files[i].ref.uri, i};
    qsort(index, run->nfiles, sizeof(*index), cmp_uri_index);
    placed_vec placed = {0};
    for (size_t k = 0; k < n; k++) {
        place(&placed, index, run->nfiles, &v[k]->loc, v[k]);
        for (size_t j = 0; j < v[k]->related.n; j++)
            place(&placed, index, run->nfiles, &v[k]->related.v[j], v[k]);
    }
    free(index);
    qsort(placed.v, placed.n, sizeof(*placed.v), cmp_placed);
    struct finding **group = xmalloc(placed.n * sizeof(*group));
    for (size_t i = 0; i < placed.n;) {
        size_t end = i, ng = 0;
        while (end < placed.n && placed.v[end].file == placed.v[i].file)
            group[ng++] = placed.v[end++].fd;
        const struct file_entry *file = &run->files[placed.v[i].file];
        struct source src;
        char *why = NULL;
        if (load_entry(run, file, &src, &why) == SOURCE_OK) {
            src.path = xstrdup(file->ref.path);
            src.uri = xstrdup(file->ref.uri);
            findings_resolve_masked(group, ng, &src, run_line_hashes(run),
                                    &results[placed.v[i].file].redactions);
            source_release(&src);
        } else {
            notices_add(&run->notices, file->ref, LEVEL_WARNING, "cannot read again: %s", why);
            free(why);
        }
        i = end;
    }
    free(group);
    VEC_FREE(placed);
}

static const struct check_options *model_options_of(void *ctx, const char *check_id)
{
    struct run *run = ctx;
    struct check_options *o = config_check_options(&run->config, check_id);
    VEC_PUSH(run->model_options, o);
    return o;
}

/* The models the enabled checks read, each started once (after the checks' init). */
static void start_models(struct run *run)
{
    for (size_t i = 0; i < run->nchecks; i++)
        for (const struct file_model *const *d = run->checks[i]->models; d && *d; d++) {
            size_t k = 0;
            while (k < run->nmodels && run->models[k] != *d)
                k++;
            if (k == run->nmodels) {
                if (k == 64)
                    BUG("more than 64 file models");
                run->models = xrealloc(run->models, (k + 1) * sizeof(*run->models));
                run->model_states = xrealloc(run->model_states, (k + 1) * sizeof(void *));
                run->model_kept = xrealloc(run->model_kept, (k + 1) * sizeof(bool));
                run->models[k] = *d;
                run->model_states[k] = NULL;
                run->model_kept[k] = false;
                run->nmodels++;
                if ((*d)->init)
                    run->model_states[k] = (*d)->init(model_options_of, run);
            }
            run->model_kept[k] |= run->checks[i]->project != NULL;
        }
}

bool run_start_checks(struct run *run)
{
    run->check_states = xcalloc(run->nchecks ? run->nchecks : 1, sizeof(*run->check_states));
    run->check_options = xcalloc(run->nchecks ? run->nchecks : 1, sizeof(*run->check_options));
    for (size_t i = 0; i < run->nchecks; i++) {
        const struct check *c = run->checks[i];
        run->schema_checks |= c->schema;
        run->check_options[i] = config_check_options(&run->config, c->id);
        if (c->init) {
            char *err = NULL;
            run->check_states[i] = c->init(run->check_options[i], &err);
            if (err) {
                warn("check '%s' cannot start: %s", c->id, err);
                free(err);
                return false;
            }
        }
    }
    start_models(run);
    return true;
}

/* The compilation database, when a C or C++ file is to be read: once, before the threads. */
static bool load_compile_db(struct run *run)
{
    if (run->compile_db_loaded)
        return true;
    bool c_files = false;
    for (size_t i = 0; i < run->nfiles && !c_files; i++)
        c_files = run->files[i].lang == LANG_C || run->files[i].lang == LANG_CPP;
    if (!c_files && !run->opt.compile_commands)
        return true;
    char *err = NULL;
    run->compile_db = compile_db_load(run->root, run->opt.compile_commands, &err);
    run->compile_db_loaded = true;
    if (err) {
        warn("%s", err);
        free(err);
        return false;
    }
    return true;
}

bool run_analyze(struct run *run)
{
    if (!run->check_states && !run_start_checks(run))
        return false;
    if (!load_compile_db(run))
        return false;

    struct file_result *results = xcalloc(run->nfiles ? run->nfiles : 1, sizeof(*results));
    size_t *order = xmalloc((run->nfiles ? run->nfiles : 1) * sizeof(*order));
    for (size_t i = 0; i < run->nfiles; i++)
        order[i] = i;
    sort_run = run;
    if (run->nfiles)
        qsort(order, run->nfiles, sizeof(*order), cmp_order);

    int jobs = run->opt.jobs > 0 ? run->opt.jobs : (int)sysconf(_SC_NPROCESSORS_ONLN);
    if (jobs < 1)
        jobs = 1;
    if ((size_t)jobs > run->nfiles)
        jobs = run->nfiles ? (int)run->nfiles : 1;
    atomic_size_t next = 0;
    struct worker *workers = xcalloc((size_t)jobs, sizeof(*workers));
    pthread_t *threads = xcalloc((size_t)jobs, sizeof(*threads));
    stats_release(&run->stats); /* a run analysed again (fuzzers) starts its stats anew */
    stats_init(&run->stats, run->nchecks);
    run->stats.jobs = jobs;
    struct timespec pass_start = stats_now();
    for (int t = 0; t < jobs; t++) {
        workers[t] = (struct worker){.run = run, .results = results, .order = order, .next = &next};
        stats_init(&workers[t].stats, run->nchecks);
        if (t > 0 && pthread_create(&threads[t], NULL, worker_main, &workers[t]) != 0)
            die("cannot start thread %d of %d", t + 1, jobs);
    }
    worker_main(&workers[0]);
    for (int t = 1; t < jobs; t++)
        pthread_join(threads[t], NULL);
    run->stats.file_pass = stats_since(&pass_start);
    for (int t = 0; t < jobs; t++) {
        stats_merge(&run->stats, &workers[t].stats);
        stats_release(&workers[t].stats);
    }
    free(threads);
    free(workers);
    free(order);

    for (size_t i = 0; i < run->nfiles; i++) {
        struct file_result *r = &results[i];
        for (size_t k = 0; k < r->findings.n; k++)
            VEC_PUSH(run->findings.items, r->findings.v[k]);
        VEC_FREE(r->findings);
        for (size_t k = 0; k < r->notices.items.n; k++)
            VEC_PUSH(run->notices.items, r->notices.items.v[k]);
        VEC_FREE(r->notices.items);
        run->files_analyzed += r->analyzed;
        run->files_with_parse_errors += r->parse_error;
    }

    /* the project pass, in registry order */
    VEC(struct finding *) project_findings = {0};
    struct finding_cap **caps = xcalloc(run->nchecks ? run->nchecks : 1, sizeof(*caps));
    pass_start = stats_now();
    for (size_t i = 0; i < run->nchecks; i++) {
        if (!run->checks[i]->project)
            continue;
        struct check_project p = {.run = run, .results = results, .check_index = i,
                                  .out = (void *)&project_findings, .caps = caps};
        struct timespec t = stats_now();
        run->checks[i]->project(&p);
        finding_free(p.scratch);
        run->stats.check_project[i] += stats_since(&t);
    }
    schema_pass(run, results, &project_findings, caps);
    resolve_kept_imports(run);
    imports_done(run);
    for (size_t i = 0; i < run->nchecks; i++) {
        for (size_t k = 0; caps[i] && k < run->nfiles; k++)
            if (caps[i][k].cut)
                VEC_PUSH(project_findings, cap_summary(run, i, run->files[k].ref, &caps[i][k]));
        free(caps[i]);
    }
    free(caps);
    resolve_project_findings(run, results, project_findings.v, project_findings.n);
    run->stats.project_pass = stats_since(&pass_start);
    for (size_t k = 0; k < project_findings.n; k++) {
        if (project_findings.v[k]->resolved)
            VEC_PUSH(run->findings.items, project_findings.v[k]);
        else
            finding_free(project_findings.v[k]); /* its file vanished: noticed above */
    }
    VEC_FREE(project_findings);

    struct suppression_set **sets = xcalloc(run->nfiles ? run->nfiles : 1, sizeof(*sets));
    for (size_t i = 0; i < run->nfiles; i++)
        sets[i] = results[i].suppressions;
    suppressions_apply(run, sets); /* frees the sets */
    free(sets);

    for (size_t i = 0; i < run->nfiles; i++) {
        struct file_result *r = &results[i];
        for (size_t k = 0; r->facts && k < run->nchecks; k++)
            if (r->facts[k] && r->facts_free[k])
                r->facts_free[k](r->facts[k]);
        free(r->facts);
        free(r->facts_free);
        schema_facts_free(r->schema);
        models_release(run, r, true);
        redactions_release(&r->redactions);
    }
    free(results);

    findings_sort(&run->findings);
    notices_sort(&run->notices);
    review_filter(run); /* after the sort: it compares numbered fingerprints */
    return true;
}

void run_release(struct run *run)
{
    stats_release(&run->stats);
    compile_db_free(run->compile_db);
    review_release(run);
    for (size_t i = 0; i < run->nchecks; i++) {
        if (run->check_states && run->checks[i]->fini)
            run->checks[i]->fini(run->check_states[i]);
        if (run->check_options)
            check_options_free(run->check_options[i]);
    }
    free(run->check_states);
    free(run->check_options);
    for (size_t k = 0; k < run->nmodels; k++)
        if (run->models[k]->fini)
            run->models[k]->fini(run->model_states[k]);
    free(run->models);
    free(run->model_states);
    free(run->model_kept);
    for (size_t k = 0; k < run->model_options.n; k++)
        check_options_free(run->model_options.v[k]);
    VEC_FREE(run->model_options);
    free(run->checks);
    finding_list_release(&run->findings);
    notice_list_release(&run->notices);
    for (size_t i = 0; i < run->nfiles; i++) {
        free((char *)run->files[i].ref.path);
        free((char *)run->files[i].ref.uri);
        free(run->files[i].fs_path);
        for (size_t k = 0; k < run->files[i].nimports; k++) {
            free(run->files[i].imports[k].spec);
            free(run->files[i].imports[k].name);
        }
        free(run->files[i].imports);
    }
    free(run->files);
    config_release(&run->config);
    free(run->root);
    git_repo_release(&run->repo);
    VEC_FREE(run->opt.paths);
}
