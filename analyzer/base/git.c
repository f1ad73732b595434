/* git.c — git_repo_open and git_run: one checked repository, and git unable to run programs.
 * See git.h for what is protected against and how. */
#include "git.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* Config every call overrides: each key here names a program git would run, or makes it
 * write, discover or recurse where it should not. Command-line config beats every file. */
static const char *const fixed_config[] = {
    "core.fsmonitor=false",            /* a hook run on every index read */
    "core.useBuiltinFSMonitor=false",  /* the daemon of git 2.35's experiment */
    "core.hooksPath=/dev/null",        /* hooks (worktree add runs post-checkout) */
    "core.pager=cat",
    "core.attributesFile=/dev/null",   /* attributes name filter and diff drivers */
    "safe.bareRepository=explicit",    /* a folder of the tree laid out as a bare repository */
    "protocol.allow=never",            /* no transport: no lazy fetch, no ssh, no ext:: */
    "log.showSignature=false",         /* gpg.program */
    "submodule.recurse=false",
    "diff.ignoreSubmodules=all",       /* else diff runs `git status` in each submodule */
    "status.submoduleSummary=false",
    "color.ui=false",
    "core.quotePath=true",             /* names with unusual bytes C-quoted, as diff.c reads */
    "gc.auto=0",                       /* no background writes */
    "maintenance.auto=false",
};

/* The environment of every call: no system config or attributes, no optional locks (a run
 * never rewrites .git/index), no prompt, pager or lazy fetch, English messages (read below);
 * names without '=' are removed. */
static const char *const git_env[] = {
    "GIT_CONFIG_NOSYSTEM=1", "GIT_ATTR_NOSYSTEM=1", "GIT_OPTIONAL_LOCKS=0",
    "GIT_TERMINAL_PROMPT=0", "GIT_NO_LAZY_FETCH=1", "GIT_PROTOCOL_FROM_USER=0",
    "GIT_PAGER=cat", "PAGER=cat", "LC_ALL=C", "LANGUAGE",
    "GIT_DIR", "GIT_WORK_TREE", "GIT_EXTERNAL_DIFF", "GIT_ASKPASS", "SSH_ASKPASS",
    "GIT_SSH", "GIT_SSH_COMMAND", NULL,
};

/* Options that would turn a program back on; callers never pass them. */
static const char *const forbidden_args[] = {"--textconv", "--filters", "--ext-diff"};

typedef VEC(char *) strvec;

static bool inside(const char *abs, const char *root)
{
    size_t n = strlen(root);
    if (strcmp(root, "/") == 0)
        return abs[0] == '/';
    return strncmp(abs, root, n) == 0 && (abs[n] == '/' || abs[n] == '\0');
}

bool git_repo_holds(const struct git_repo *repo, const char *abs)
{
    return repo->top && inside(abs, repo->top);
}

static size_t config_count(char *const *config)
{
    size_t n = 0;
    while (config && config[n])
        n++;
    return n;
}

/* argv for `git <sub...>` in dir; the strings are borrowed except those in *owned. */
static const char **build_argv(const struct git_repo *repo, const char *dir,
                               const char *const sub[], strvec *owned)
{
    size_t nsub = 0;
    while (sub[nsub])
        nsub++;
    size_t nfixed = ARRAY_SIZE(fixed_config);
    size_t max = 8 + 2 * nfixed + config_count(repo ? repo->config : NULL) + nsub + 2;
    const char **argv = xcalloc(max + 1, sizeof(*argv));
    size_t k = 0;
    argv[k++] = "git";
    argv[k++] = "--no-pager";
    argv[k++] = "-C";
    argv[k++] = dir;
    if (repo && repo->top) {
        char *gd = xasprintf("--git-dir=%s", repo->git_dir);
        char *wt = xasprintf("--work-tree=%s", repo->top);
        VEC_PUSH(*owned, gd);
        VEC_PUSH(*owned, wt);
        argv[k++] = gd;
        argv[k++] = wt;
    }
    if (repo && repo->config) {
        for (char **c = repo->config; *c; c++)
            argv[k++] = *c;
    } else {
        for (size_t i = 0; i < nfixed; i++) {
            argv[k++] = "-c";
            argv[k++] = fixed_config[i];
        }
    }
    argv[k++] = sub[0];
    bool diffs = strcmp(sub[0], "diff") == 0 || strcmp(sub[0], "log") == 0 ||
                 strcmp(sub[0], "show") == 0;
    if (diffs)
        argv[k++] = "--no-ext-diff";
    if (diffs || strcmp(sub[0], "blame") == 0 || strcmp(sub[0], "grep") == 0)
        argv[k++] = "--no-textconv";
    for (size_t i = 1; i < nsub; i++) {
        for (size_t j = 0; j < ARRAY_SIZE(forbidden_args); j++)
            if (strncmp(sub[i], forbidden_args[j], strlen(forbidden_args[j])) == 0 &&
                (sub[i][strlen(forbidden_args[j])] == '\0' ||
                 sub[i][strlen(forbidden_args[j])] == '='))
                BUG("git %s: '%s' would let the repository run a program", sub[0], sub[i]);
        argv[k++] = sub[i];
    }
    argv[k] = NULL;
    return argv;
}

static int run(const struct git_repo *repo, const char *dir, const char *const sub[],
               struct proc_result *res)
{
    strvec owned = {0};
    const char **argv = build_argv(repo, dir, sub, &owned);
    int status = proc_run(argv, git_env, res);
    free(argv);
    for (size_t i = 0; i < owned.n; i++)
        free(owned.v[i]);
    VEC_FREE(owned);
    return status;
}

bool git_run(const struct git_repo *repo, const char *dir, const char *const argv[],
             struct proc_result *res)
{
    memset(res, 0, sizeof(*res));
    res->status = -1;
    if (!repo->top || !argv[0])
        return false;
    return run(repo, dir ? dir : repo->top, argv, res) == 0;
}

/* git's first message line without its "fatal: " / "error: ", for a notice. */
static char *first_message(const char *err)
{
    if (!err || !*err)
        return xstrdup("no message");
    const char *s = err;
    if (str_starts_with(s, "fatal: "))
        s += 7;
    else if (str_starts_with(s, "error: "))
        s += 7;
    return xstrndup(s, strcspn(s, "\n"));
}

/* true when a component of the '/'-separated path is ".git". */
static bool has_git_component(const char *path)
{
    for (const char *p = path; *p;) {
        size_t n = strcspn(p, "/");
        if (n == 4 && strncmp(p, ".git", 4) == 0)
            return true;
        p += n;
        while (*p == '/')
            p++;
    }
    return false;
}

static void add_config(strvec *cfg, char *kv)
{
    for (size_t i = 1; i < cfg->n; i += 2)
        if (strcmp(cfg->v[i], kv) == 0) {
            free(kv);
            return;
        }
    VEC_PUSH(*cfg, xstrdup("-c"));
    VEC_PUSH(*cfg, kv);
}

/* For each driver some config level defines, the override that empties its command. Returns
 * false with *bad set to the key that cannot be overridden on git's command line. */
static bool driver_overrides(strvec *cfg, const char *list, size_t len, char **bad)
{
    static const struct {
        const char *section, *name, *value;
    } drivers[] = {
        {"filter", "clean", ""},   {"filter", "smudge", ""}, {"filter", "process", ""},
        {"filter", "required", "false"}, {"diff", "command", ""}, {"diff", "textconv", ""},
        {"protocol", "allow", "never"},
    };
    for (size_t i = 0; i < len;) {
        const char *entry = list + i;
        size_t n = strnlen(entry, len - i);
        i += n + 1;
        size_t klen = strcspn(entry, "\n");
        if (klen > n)
            klen = n;
        const char *first = memchr(entry, '.', klen);
        const char *last = first;
        for (const char *p = first; p && p < entry + klen; p++)
            if (*p == '.')
                last = p;
        if (!first || last == first)
            continue; /* no subsection: not a driver */
        for (size_t d = 0; d < ARRAY_SIZE(drivers); d++) {
            size_t sl = strlen(drivers[d].section), nl = strlen(drivers[d].name);
            if ((size_t)(first - entry) != sl || strncmp(entry, drivers[d].section, sl) != 0 ||
                (size_t)(entry + klen - last - 1) != nl || strncmp(last + 1, drivers[d].name, nl))
                continue;
            /* `-c` splits at the first '=': a subsection holding one cannot be named there */
            if (memchr(entry, '=', klen)) {
                *bad = xstrndup(entry, klen);
                return false;
            }
            add_config(cfg, xasprintf("%.*s=%s", (int)klen, entry, drivers[d].value));
        }
    }
    return true;
}

static enum git_open refuse(struct git_repo *repo, char **why, char *msg)
{
    git_repo_release(repo);
    *why = msg;
    return GIT_OPEN_REFUSED;
}

enum git_open git_repo_open(struct git_repo *repo, const char *dir, const char *shown,
                            const char *const scanned[], char **why)
{
    memset(repo, 0, sizeof(*repo));
    *why = NULL;
    const char *const sub[] = {"rev-parse", "--show-toplevel", "--absolute-git-dir", NULL};
    struct proc_result r;
    int status = run(NULL, dir, sub, &r);
    if (status < 0) {
        proc_result_release(&r);
        return GIT_OPEN_NONE;
    }
    if (status != 0) {
        enum git_open res = GIT_OPEN_REFUSED;
        if (strstr(r.err, "not a git repository"))
            res = GIT_OPEN_NONE;
        else if (strstr(r.err, "dubious ownership"))
            *why = xasprintf("git refuses the repository of '%s': it belongs to another user "
                             "(git's safe.directory; if you trust it, `git config --global "
                             "--add safe.directory PATH`)", shown);
        else if (strstr(r.err, "cannot use bare repository"))
            *why = xasprintf("'%s' is laid out as a bare git repository (HEAD, config, "
                             "objects/, refs/): not using it", shown);
        else {
            char *msg = first_message(r.err);
            *why = xasprintf("git cannot use the repository of '%s': %s", shown, msg);
            free(msg);
        }
        proc_result_release(&r);
        return res;
    }
    char *nl = strchr(r.out, '\n');
    char *top = NULL, *gd = NULL;
    if (nl) {
        *nl = '\0';
        char *second = nl + 1;
        second[strcspn(second, "\n")] = '\0';
        top = realpath(r.out, NULL);
        gd = realpath(second, NULL);
    }
    proc_result_release(&r);
    repo->top = top;
    repo->git_dir = gd;
    if (!top || !gd)
        return refuse(repo, why, xasprintf("git names no usable repository for '%s'", shown));
    if (!inside(dir, top))
        return refuse(repo, why,
                      xasprintf("the repository of '%s' sets its work tree elsewhere: not "
                                "using it", shown));
    /* a real git directory is `.git` or lies inside one (worktrees, submodules): git never
     * checks out a path named .git, so a pull request cannot add one */
    for (size_t i = 0; scanned && scanned[i]; i++)
        if (inside(gd, scanned[i]) && !has_git_component(gd + strlen(scanned[i]))) {
            const char *rel = gd + strlen(scanned[i]);
            while (*rel == '/')
                rel++;
            return refuse(repo, why,
                          xasprintf("the repository of '%s' has its git directory in a scanned "
                                    "folder ('%s' there), a folder posing as a repository: not "
                                    "using it", shown, *rel ? rel : "."));
        }

    strvec cfg = {0};
    for (size_t i = 0; i < ARRAY_SIZE(fixed_config); i++) {
        VEC_PUSH(cfg, xstrdup("-c"));
        VEC_PUSH(cfg, xstrdup(fixed_config[i]));
    }
    VEC_PUSH(cfg, NULL);
    repo->config = cfg.v;
    cfg.n--;
    /* every config level's drivers, read under the fixed overrides (git config runs nothing) */
    const char *const list[] = {"config", "-z", "--list", NULL};
    bool ok = git_run(repo, NULL, list, &r);
    char *bad = NULL;
    if (ok)
        ok = driver_overrides(&cfg, r.out, r.out_len, &bad);
    char *msg = ok ? NULL : bad ? NULL : first_message(r.err);
    proc_result_release(&r);
    VEC_PUSH(cfg, NULL);
    repo->config = cfg.v;
    if (!ok) {
        char *text = bad ? xasprintf("the config of the repository of '%s' names a driver "
                                     "preflight cannot switch off ('%s'): not using it", shown, bad)
                         : xasprintf("git cannot read the config of the repository of '%s': %s",
                                     shown, msg);
        free(bad);
        free(msg);
        return refuse(repo, why, text);
    }
    return GIT_OPEN_OK;
}

void git_repo_release(struct git_repo *repo)
{
    free(repo->top);
    free(repo->git_dir);
    for (size_t i = 0; repo->config && repo->config[i]; i++)
        free(repo->config[i]);
    free(repo->config);
    memset(repo, 0, sizeof(*repo));
}
