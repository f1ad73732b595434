/* driver.c — runs the enabled checks over every file in parallel (file_pass.c), then the
 * project pass; what checks call is check_api.c.
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
#include "driver_p.h"
#include "front/clang.h"
#include "model/imports.h"
#include "model/schema.h"
#include "front/sql.h"
#include "report/redact.h"
#include "report/suppress.h"

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
