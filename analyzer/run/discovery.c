/* discovery.c — which files a run analyses.
 *
 * Inside the work tree of the run's repository (the first path's, run->repo): what `git
 * ls-files -c` (tracked) and `git ls-files -o --exclude-standard` (untracked but not ignored)
 * list, each file marked with which list it came from. Elsewhere: a walk that skips
 * dependency, build and VCS directories. Text files (lang.h) are never taken from a
 * node_modules folder, even a tracked one. Symbolic links are never followed out of the scanned directory, and directory
 * links are never followed at all (no loops). Explicit file arguments are always analysed.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/glob.h"
#include "run_p.h"

static const char *const skipped_dirs[] = {
    "node_modules", ".git", ".hg", ".svn", ".next", ".nuxt", "dist", "build", "out",
    "venv", ".venv", "env", ".env", "__pycache__", ".mypy_cache", ".pytest_cache", ".tox",
    "coverage", ".turbo", ".vercel",
};

struct candidate {
    char *path;  /* display path */
    char *abs;   /* absolute path */
    enum file_vcs vcs;
    bool explicit_arg;
};

typedef VEC(struct candidate) candidate_vec;

/* Percent-encodes what a URI reference cannot hold as it is. */
static char *uri_encode(const char *s)
{
    struct strbuf sb;
    strbuf_init(&sb);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            strchr("-._~/!$&'()*+,;=:@", *p))
            strbuf_addch(&sb, (char)*p);
        else
            strbuf_addf(&sb, "%%%02X", *p);
    }
    return strbuf_detach(&sb, NULL);
}

static char *join(const char *dir, const char *name)
{
    if (strcmp(dir, ".") == 0)
        return xstrdup(name);
    size_t n = strlen(dir);
    while (n > 1 && dir[n - 1] == '/')
        n--;
    return xasprintf("%.*s/%s", (int)n, dir, name);
}

static bool is_skipped_dir(const char *name, const char *abs)
{
    for (size_t i = 0; i < ARRAY_SIZE(skipped_dirs); i++)
        if (strcmp(name, skipped_dirs[i]) == 0)
            return true;
    /* a Python virtual environment by any name */
    char *cfg = xasprintf("%s/pyvenv.cfg", abs);
    bool venv = access(cfg, F_OK) == 0;
    free(cfg);
    return venv;
}

/* true when abs (resolved) lies inside root (resolved). */
static bool inside(const char *abs, const char *root)
{
    size_t n = strlen(root);
    if (strcmp(root, "/") == 0)
        return true;
    return strncmp(abs, root, n) == 0 && (abs[n] == '/' || abs[n] == '\0');
}

/* true when a folder of path is named node_modules. */
static bool in_node_modules(const char *path)
{
    for (const char *p = strstr(path, "node_modules/"); p; p = strstr(p + 1, "node_modules/"))
        if (p == path || p[-1] == '/')
            return true;
    return false;
}

/* Adds a file found below a scanned directory, unless it is a link leading outside it. */
static void consider(struct run *run, candidate_vec *out, const char *path, const char *abs,
                     const char *scan_root, enum file_vcs vcs)
{
    enum lang lang = lang_from_path(path);
    if (lang == LANG_NONE || (lang_is_text(lang) && in_node_modules(path)))
        return;
    struct stat st;
    if (lstat(abs, &st) < 0)
        return; /* listed by git but deleted: nothing to analyse */
    char *real = NULL;
    if (S_ISLNK(st.st_mode)) {
        real = realpath(abs, NULL);
        if (!real || !inside(real, scan_root)) {
            struct file_ref ref = {.path = path};
            notices_add(&run->notices, ref, LEVEL_NOTE,
                        "skipped: symbolic link %s", real ? "leads outside the scanned directory"
                                                          : "is broken or loops");
            free(real);
            return;
        }
        if (stat(real, &st) < 0 || !S_ISREG(st.st_mode)) {
            if (st.st_mode && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)) {
                struct file_ref ref = {.path = path};
                notices_add(&run->notices, ref, LEVEL_NOTE, "skipped: symbolic link to %s, "
                            "not a regular file", source_file_kind(st.st_mode));
            }
            free(real);
            return;
        }
        free(real);
    } else if (!S_ISREG(st.st_mode)) {
        /* a FIFO would block the read, a device never end: say so rather than vanish */
        struct file_ref ref = {.path = path};
        notices_add(&run->notices, ref, LEVEL_NOTE, "skipped: not a regular file (%s)",
                    source_file_kind(st.st_mode));
        return;
    }
    struct candidate c = {.path = xstrdup(path), .abs = xstrdup(abs), .vcs = vcs};
    VEC_PUSH(*out, c);
}

static void walk(struct run *run, candidate_vec *out, const char *top, const char *top_abs)
{
    VEC(char *) stack = {0}; /* pairs: display path, absolute path */
    VEC_PUSH(stack, xstrdup(top));
    VEC_PUSH(stack, xstrdup(top_abs));
    while (stack.n) {
        char *abs = stack.v[--stack.n];
        char *path = stack.v[--stack.n];
        DIR *d = opendir(abs);
        if (!d) {
            struct file_ref ref = {.path = path};
            notices_add(&run->notices, ref, LEVEL_WARNING, "cannot read directory: %s",
                        strerror(errno));
            free(path);
            free(abs);
            continue;
        }
        struct dirent *e;
        while ((e = readdir(d))) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            char *child = join(path, e->d_name);
            char *child_abs = join(abs, e->d_name);
            struct stat st;
            if (lstat(child_abs, &st) == 0 && S_ISDIR(st.st_mode)) {
                if (!is_skipped_dir(e->d_name, child_abs)) {
                    VEC_PUSH(stack, child);
                    VEC_PUSH(stack, child_abs);
                    continue;
                }
            } else {
                consider(run, out, child, child_abs, top_abs, FILE_NOT_IN_GIT);
            }
            free(child);
            free(child_abs);
        }
        closedir(d);
        free(path);
        free(abs);
    }
    VEC_FREE(stack);
}

/* The files git lists under the directory top (absolute top_abs), which lies in the
 * repository's work tree: the tracked ones, then the untracked ones that are not ignored;
 * false when git cannot tell (then the directory is walked). */
static bool git_list(struct run *run, candidate_vec *out, const char *top, const char *top_abs)
{
    /* paths come out relative to top_abs, where git runs */
    const char *const tracked[] = {"ls-files", "-z", "-c", "--", ".", NULL};
    const char *const untracked[] = {"ls-files", "-z", "-o", "--exclude-standard", "--", ".",
                                     NULL};
    struct proc_result r[2] = {0};
    bool ok = git_run(&run->repo, top_abs, tracked, &r[0]);
    ok = ok && git_run(&run->repo, top_abs, untracked, &r[1]);
    for (int k = 0; ok && k < 2; k++) {
        for (size_t i = 0; i < r[k].out_len;) {
            const char *rel = r[k].out + i;
            size_t n = strlen(rel);
            i += n + 1;
            if (!n)
                continue;
            char *path = join(top, rel);
            char *abs = join(top_abs, rel);
            consider(run, out, path, abs, top_abs, k == 0 ? FILE_TRACKED : FILE_UNTRACKED);
            free(path);
            free(abs);
        }
    }
    proc_result_release(&r[0]);
    proc_result_release(&r[1]);
    return ok;
}

/* Whether git tracks the file at abs (resolved), named on the command line. */
static enum file_vcs explicit_vcs(struct run *run, const char *abs)
{
    if (!git_repo_holds(&run->repo, abs))
        return FILE_NOT_IN_GIT;
    const char *const argv[] = {"ls-files", "-z", "-c", "--", abs, NULL};
    struct proc_result r;
    enum file_vcs vcs = FILE_NOT_IN_GIT;
    if (git_run(&run->repo, NULL, argv, &r))
        vcs = r.out_len ? FILE_TRACKED : FILE_UNTRACKED;
    proc_result_release(&r);
    return vcs;
}

static int cmp_candidate(const void *a, const void *b)
{
    const struct candidate *x = a, *y = b;
    int c = strcmp(x->path, y->path);
    return c ? c : (int)y->explicit_arg - (int)x->explicit_arg;
}

static char *display_path(const char *path)
{
    while (str_starts_with(path, "./") && path[2])
        path += 2;
    return xstrdup(path);
}

void discover_files(struct run *run)
{
    candidate_vec found = {0};
    for (size_t i = 0; i < run->opt.paths.n; i++) {
        const char *arg = run->opt.paths.v[i];
        struct stat st;
        if (stat(arg, &st) < 0)
            die("cannot read '%s': %s", arg, strerror(errno));
        char *abs = realpath(arg, NULL);
        if (!abs)
            die("cannot resolve '%s': %s", arg, strerror(errno));
        if (S_ISDIR(st.st_mode)) {
            /* git only for the one repository the run opened (cli.c), never another one
             * found below: a folder of the tree can pose as a repository */
            if (!(git_repo_holds(&run->repo, abs) && git_list(run, &found, arg, abs)))
                walk(run, &found, arg, abs);
        } else {
            /* named on the command line: analysed whatever the excludes say */
            if (lang_from_path(arg) == LANG_NONE) {
                struct file_ref ref = {.path = display_path(arg)};
                notices_add(&run->notices, ref, LEVEL_WARNING,
                            "skipped: not a language preflight reads (.ts .tsx .js .jsx .mjs "
                            ".cjs .mts .cts .py .sql, and as text .env* .json .yaml .toml "
                            ".ini .cfg .sh .md Dockerfile)");
                free((char *)ref.path);
            } else {
                struct candidate c = {.path = xstrdup(arg), .abs = xstrdup(abs),
                                      .vcs = explicit_vcs(run, abs), .explicit_arg = true};
                VEC_PUSH(found, c);
            }
        }
        free(abs);
    }

    if (found.n)
        qsort(found.v, found.n, sizeof(*found.v), cmp_candidate);
    run->files = xcalloc(found.n ? found.n : 1, sizeof(*run->files));
    size_t root_len = strlen(run->root);
    for (size_t i = 0; i < found.n; i++) {
        struct candidate *c = &found.v[i];
        char *path = display_path(c->path);
        bool dup = run->nfiles && strcmp(run->files[run->nfiles - 1].ref.path, path) == 0;
        const char *rel = NULL;
        if (strcmp(run->root, "/") == 0)
            rel = c->abs + 1;
        else if (strncmp(c->abs, run->root, root_len) == 0 && c->abs[root_len] == '/')
            rel = c->abs + root_len + 1;
        bool excluded = rel && !c->explicit_arg && glob_set_match(run->config.exclude_set, rel);
        if (dup || excluded) {
            free(path);
        } else {
            struct file_entry *f = &run->files[run->nfiles++];
            f->ref.path = path;
            f->ref.uri_is_relative = rel != NULL;
            if (rel) {
                f->ref.uri = uri_encode(rel);
            } else {
                char *enc = uri_encode(c->abs);
                f->ref.uri = xasprintf("file://%s", enc);
                free(enc);
            }
            f->fs_path = xstrdup(c->path);
            f->lang = lang_from_path(c->path);
            f->vcs = c->vcs;
        }
        free(c->path);
        free(c->abs);
    }
    VEC_FREE(found);
}
