/* git.h — the one way preflight runs git: in a stranger's tree, unable to run a program.
 *
 * preflight runs on pull requests from strangers. A tree can hold what git reads as a
 * repository of its own (a folder with HEAD, config, objects/ and refs/), and a repository's
 * config, attributes and hooks can name programs that git runs on its own: core.fsmonitor on
 * any index read, filter.<x>.clean/smudge/process on any content read of the work tree,
 * diff.external, diff.<x>.command and textconv in a diff, a pager, hooks, a transport for a
 * lazy fetch. Every git call in preflight goes through git_run, which
 *   - uses the one repository git_repo_open resolved and checked, with --git-dir and
 *     --work-tree given explicitly (no second discovery, GIT_DIR/GIT_WORK_TREE ignored);
 *   - overrides every config key that runs a program (`-c core.fsmonitor=false -c
 *     core.hooksPath=/dev/null -c safe.bareRepository=explicit -c protocol.allow=never ...`,
 *     and, for each filter, diff and protocol driver any config level defines, an empty
 *     command), in an environment without the system config and system attributes, without
 *     optional locks (a run never rewrites .git/index), prompts, pagers or lazy fetches;
 *   - adds --no-ext-diff and --no-textconv to diff, log and show, and refuses (BUG) the
 *     options that would turn content conversion back on (--textconv, --filters, --ext-diff).
 * git_repo_open refuses a repository whose git directory lies inside a scanned folder
 * without being a `.git` directory or inside one (a folder of the tree posing as a
 * repository), and a repository git itself refuses (safe.directory), saying why; preflight
 * then walks the folder instead.
 *
 *     struct git_repo repo;
 *     char *why = NULL;
 *     const char *const scanned[] = {"/abs/web", NULL};
 *     if (git_repo_open(&repo, "/abs/web", "web", scanned, &why) == GIT_OPEN_OK) {
 *         const char *const argv[] = {"ls-files", "-z", "--", ".", NULL};
 *         struct proc_result r;
 *         if (git_run(&repo, "/abs/web", argv, &r)) ... r.out, r.out_len ...
 *         proc_result_release(&r);
 *     }
 *     git_repo_release(&repo);
 *     free(why);
 */
#ifndef PREFLIGHT_GIT_H
#define PREFLIGHT_GIT_H

#include <stdbool.h>

#include "proc.h"

/* A repository resolved and checked once; read-only afterwards. A zeroed struct is "no
 * repository": git_run fails on it without running anything. */
struct git_repo {
    char *top;        /* the work tree's top level, absolute and resolved (owned), or NULL */
    char *git_dir;    /* its git directory, absolute and resolved (owned) */
    char **config;    /* the "-c", "key=value" arguments every call adds (owned) */
};

enum git_open {
    GIT_OPEN_OK,      /* *repo holds the repository */
    GIT_OPEN_NONE,    /* dir is in no repository, or git cannot be run: nothing to say */
    GIT_OPEN_REFUSED, /* a repository preflight or git will not use: *why says which, why */
};

/* Resolves the repository that holds dir (an existing directory) with `git rev-parse
 * --show-toplevel --absolute-git-dir` under the same protections as git_run, and checks it
 * against the folders to be analysed (scanned: absolute resolved directories, NULL-ended;
 * dir need not be among them). On GIT_OPEN_REFUSED, *why is set (caller frees): a sentence
 * that names the folder as shown (dir as the user wrote it) and the reason, with no absolute
 * path. *repo is zeroed unless GIT_OPEN_OK. */
enum git_open git_repo_open(struct git_repo *repo, const char *dir, const char *shown,
                            const char *const scanned[], char **why);
/* Frees what git_repo_open filled; leaves a zeroed struct. Accepts a zeroed struct. */
void git_repo_release(struct git_repo *repo);

/* true when the absolute resolved path lies in the repository's work tree. */
bool git_repo_holds(const struct git_repo *repo, const char *abs);

/* Runs `git <argv...>` (argv[0] is the subcommand, NULL-ended) in dir (NULL: the top level;
 * else a directory inside the work tree, for commands whose paths are relative to where they
 * run) with the protections above. Fills *res (release it with proc_result_release, also on
 * false) and returns true when git ran and exited 0. */
bool git_run(const struct git_repo *repo, const char *dir, const char *const argv[],
             struct proc_result *res);

#endif
