/* proc.h — running a helper program and capturing what it prints.
 *
 * Only base/git.c runs programs (git, always through git_run): nothing here knows what it runs,
 * so nothing here makes it safe to run in a stranger's tree. No shell is involved: arguments
 * are passed as they are.
 *
 *     struct proc_result r;
 *     const char *const argv[] = {"git", "--version", NULL};
 *     const char *const env[] = {"LC_ALL=C", "GIT_DIR", NULL};  // set LC_ALL, unset GIT_DIR
 *     if (proc_run(argv, env, &r) == 0) ... r.out ...
 *     proc_result_release(&r);
 */
#ifndef PREFLIGHT_PROC_H
#define PREFLIGHT_PROC_H

#include <stddef.h>

/* What a program printed and how it ended. */
struct proc_result {
    int status;       /* exit status, 128 + signal, or -1 when it could not be run */
    char *out;        /* standard output, NUL-terminated (owned; NULL when not run) */
    size_t out_len;   /* without the NUL */
    char *err;        /* standard error, NUL-terminated, the first 64 KB (owned; NULL when
                       * not run) */
};

/* Runs argv[0] (searched in PATH unless it holds a '/') with argv, standard input from
 * /dev/null, in the environment of preflight changed by env: each "NAME=value" sets NAME,
 * each bare "NAME" removes it (env may be NULL). Captures standard output and error into *res
 * and returns res->status. Never runs a shell. */
int proc_run(const char *const argv[], const char *const env[], struct proc_result *res);
/* Frees what proc_run captured; accepts a result proc_run never filled if zeroed. */
void proc_result_release(struct proc_result *res);

#endif
