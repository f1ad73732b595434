/* review_base.c — --diff REV: the findings the tree at the merge base already had.
 *
 * A change can cause a finding away from the lines it adds: deleting `.parse(body)` leaves
 * the query line as it was, deleting `enable row level security` leaves the CREATE TABLE. So
 * --diff REV also reports the findings whose fingerprint the tree at the merge base does not
 * have, that tree analysed in the same run by the same checks. Only what the change can affect
 * is analysed again: the changed files as they were at the base, every migration (.sql),
 * whose replayed schema every schema check reads, and the unchanged project modules a changed
 * file imports (one hop), whose helpers and clients its findings draw on. A changed file's old text comes from `git
 * cat-file blob` (raw: no filter, no textconv, nothing checked out or written to disk) into
 * memory; an unchanged migration is read from the work tree, where it is the same text.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "base/glob.h"
#include "diff.h"
#include "review_p.h"
#include "run/run_p.h"

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

void strset_add(struct strset *s, const char *str)
{
    VEC_PUSH(s->v, xstrdup(str));
}

void strset_finish(struct strset *s)
{
    if (!s->v.n)
        return;
    qsort(s->v.v, s->v.n, sizeof(char *), cmp_str);
    size_t out = 0;
    for (size_t i = 0; i < s->v.n; i++) {
        if (out && strcmp(s->v.v[out - 1], s->v.v[i]) == 0)
            free(s->v.v[i]);
        else
            s->v.v[out++] = s->v.v[i];
    }
    s->v.n = out;
}

bool strset_has(const struct strset *s, const char *str)
{
    return s->v.n && bsearch(&str, s->v.v, s->v.n, sizeof(char *), cmp_str) != NULL;
}

void strset_release(struct strset *s)
{
    for (size_t i = 0; i < s->v.n; i++)
        free(s->v.v[i]);
    VEC_FREE(s->v);
}

void review_base_release(struct review_base *base)
{
    strset_release(&base->fingerprints);
    strset_release(&base->uris);
    base->files = 0;
}

/* The blob of path at commit, or NULL (then *why says why; caller frees both). */
static char *read_blob(const struct git_repo *repo, const char *commit, const char *path,
                       size_t max, size_t *len, char **why)
{
    char *spec = xasprintf("%s:%s", commit, path);
    const char *const argv[] = {"cat-file", "blob", spec, NULL};
    struct proc_result r;
    bool ok = git_run(repo, NULL, argv, &r);
    free(spec);
    char *text = NULL;
    if (!ok)
        *why = xstrdup("git cannot read it at the merge base");
    else if (r.out_len > max)
        *why = xasprintf("larger than %zu bytes at the merge base", max);
    else {
        text = r.out;
        *len = r.out_len;
        r.out = NULL;
    }
    proc_result_release(&r);
    return text;
}

/* true when the repository-relative path lies in a folder or is a file the run analyses. */
static bool scanned(const struct run *run, const char *rel)
{
    char *abs = xasprintf("%s/%s", run->root, rel);
    bool hit = false;
    for (size_t i = 0; i < run->opt.paths.n && !hit; i++) {
        char dir[PATH_MAX];
        if (!realpath(run->opt.paths.v[i], dir))
            continue;
        size_t n = strlen(dir);
        hit = strcmp(dir, "/") == 0 ||
              (strncmp(abs, dir, n) == 0 && (abs[n] == '/' || abs[n] == '\0'));
    }
    free(abs);
    return hit;
}

struct file_vec {
    struct file_entry *v;
    size_t n, cap;
};

static int cmp_entry(const void *a, const void *b)
{
    return strcmp(((const struct file_entry *)a)->ref.path,
                  ((const struct file_entry *)b)->ref.path);
}

/* One hop of project imports: the unchanged modules a changed file imports (as it is now),
 * read from the work tree, where they hold the same text as at the base. The file's findings
 * that draw on them (a helper's query, an imported client) are then made at the base too; their
 * own findings are not compared (their uris are not in the base's), so what their other
 * importers cause is not taken for the change's. */
static void add_imported(const struct run *run, const bool *changed, bool *taken,
                         struct file_vec *files)
{
    for (size_t i = 0; i < run->nfiles; i++) {
        for (size_t k = 0; changed[i] && k < run->files[i].nimports; k++) {
            size_t j = run->files[i].imports[k].target;
            if (j >= run->nfiles || taken[j] || changed[j])
                continue;
            struct file_entry e = run->files[j];
            e.bytes = NULL;
            e.nbytes = 0;
            VEC_PUSH(*files, e);
            taken[j] = true;
        }
    }
}

void review_base_analyze(struct run *run, struct review_base *out)
{
    const struct diff *d = run->diff;
    const char *commit = diff_base(d);
    size_t max = run->config.max_file_size ? run->config.max_file_size : DEFAULT_MAX_FILE_SIZE;
    struct file_vec files = {0};
    VEC(char *) owned = {0}; /* blobs and the names of deleted files */
    bool *changed = xcalloc(run->nfiles ? run->nfiles : 1, sizeof(*changed));
    bool *taken = xcalloc(run->nfiles ? run->nfiles : 1, sizeof(*taken));

    for (size_t i = 0; i < run->nfiles; i++) {
        const struct file_entry *f = &run->files[i];
        if (!f->ref.uri_is_relative)
            continue;
        char *rel = review_uri_decode(f->ref.uri);
        struct file_entry e = *f;
        e.bytes = NULL;
        e.nbytes = 0;
        if (diff_has_file(d, rel)) {
            changed[i] = true;
            strset_add(&out->uris, f->ref.uri);
            const char *old = diff_old_path(d, rel);
            char *why = NULL;
            char *text = old ? read_blob(&run->repo, commit, old, max, &e.nbytes, &why) : NULL;
            if (text) {
                e.bytes = text;
                VEC_PUSH(owned, text);
                VEC_PUSH(files, e);
                taken[i] = true;
            } else if (why) {
                notices_add(&run->notices, f->ref, LEVEL_NOTE, "--diff: %s, so every finding "
                            "in it counts as new", why);
                free(why);
            }
        } else if (f->lang == LANG_SQL) {
            strset_add(&out->uris, f->ref.uri);
            VEC_PUSH(files, e);
            taken[i] = true;
        }
        free(rel);
    }
    add_imported(run, changed, taken, &files);
    free(changed);
    free(taken);
    /* a migration the change deletes still made the schema the others are judged by */
    for (size_t i = 0; i < diff_deleted_count(d); i++) {
        const char *rel = diff_deleted_path(d, i);
        if (lang_from_path(rel) != LANG_SQL || !scanned(run, rel) ||
            glob_set_match(run->config.exclude_set, rel))
            continue;
        struct file_entry e = {.lang = LANG_SQL};
        char *why = NULL;
        char *text = read_blob(&run->repo, commit, rel, max, &e.nbytes, &why);
        free(why); /* its findings are not compared: it is gone */
        if (!text)
            continue;
        char *name = xstrdup(rel);
        VEC_PUSH(owned, text);
        VEC_PUSH(owned, name);
        e.ref = (struct file_ref){.path = name, .uri = name, .uri_is_relative = true};
        e.fs_path = name;
        e.bytes = text;
        VEC_PUSH(files, e);
    }
    if (files.n)
        qsort(files.v, files.n, sizeof(*files.v), cmp_entry);

    /* the same checks, started once for both trees; nothing here is owned but the files */
    struct run base = {0};
    base.opt = run->opt;
    base.opt.paths.v = NULL;
    base.opt.paths.n = base.opt.paths.cap = 0;
    base.opt.diff_rev = base.opt.diff_file = base.opt.baseline = NULL;
    base.config = run->config;
    base.root = run->root;
    base.checks = run->checks;
    base.check_options = run->check_options;
    base.check_states = run->check_states;
    base.nchecks = run->nchecks;
    base.schema_checks = run->schema_checks;
    base.models = run->models;
    base.model_states = run->model_states;
    base.model_kept = run->model_kept;
    base.nmodels = run->nmodels;
    base.compile_db = run->compile_db;
    base.compile_db_loaded = true;
    base.files = files.v;
    base.nfiles = files.n;
    if (run_analyze(&base)) {
        for (size_t i = 0; i < base.findings.items.n; i++) {
            const struct finding *fd = base.findings.items.v[i];
            /* a finding the change un-suppresses is new to a reviewer */
            if (!fd->suppressed)
                strset_add(&out->fingerprints, fd->fingerprint);
        }
    }
    out->files = files.n;
    strset_finish(&out->fingerprints);
    strset_finish(&out->uris);

    finding_list_release(&base.findings);
    notice_list_release(&base.notices);
    stats_release(&base.stats);
    VEC_FREE(files);
    for (size_t i = 0; i < owned.n; i++)
        free(owned.v[i]);
    VEC_FREE(owned);
}
