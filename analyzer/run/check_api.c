/* check_api.c — what checks call (check.h): reporting findings, notices and redactions for a
 * file, keeping facts and building the file models a check asks for, and the project pass's
 * view of every file (its path, language, facts, schema, imports, models). The driver
 * (driver.c) sets up the contexts these read. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checks/registry.h"
#include "driver_p.h"
#include "model/imports.h"
#include "model/schema.h"
#include "report/redact.h"

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
void models_release(const struct run *run, struct file_result *r, bool all)
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
void resolve_kept_imports(struct run *run)
{
    for (size_t i = 0; i < run->nfiles; i++)
        for (size_t k = 0; k < run->files[i].nimports; k++) {
            struct file_import *im = &run->files[i].imports[k];
            const char *export_name;
            im->target = import_resolve(run_imports(run), i, im->spec, im->name, "",
                                        &export_name);
        }
}

void imports_done(struct run *run)
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
