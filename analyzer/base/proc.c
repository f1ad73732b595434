/* proc.c — fork/exec with two pipes and poll, no shell: paths are passed as they are. */
#include "proc.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util.h"

extern char **environ;

#define ERR_KEEP (64u << 10)

/* The program's path: argv0 itself when it names a path, else the first executable in PATH.
 * Resolved before fork, so that the child only calls what is async-signal-safe. */
static char *find_program(const char *argv0)
{
    if (strchr(argv0, '/'))
        return xstrdup(argv0);
    const char *path = getenv("PATH");
    if (!path || !*path)
        path = "/usr/local/bin:/usr/bin:/bin";
    for (const char *p = path;;) {
        size_t n = strcspn(p, ":");
        /* an empty PATH entry is the current directory: never in a scanned tree */
        if (n) {
            char *cand = xasprintf("%.*s/%s", (int)n, p, argv0);
            if (access(cand, X_OK) == 0)
                return cand;
            free(cand);
        }
        if (!p[n])
            return NULL;
        p += n + 1;
    }
}

/* true when entry ("NAME=value") names the variable of change ("NAME" or "NAME=..."). */
static bool same_name(const char *entry, const char *change)
{
    size_t n = strcspn(change, "=");
    return strncmp(entry, change, n) == 0 && entry[n] == '=';
}

static char **make_env(const char *const env[])
{
    size_t n = 0, m = 0;
    while (environ && environ[n])
        n++;
    while (env && env[m])
        m++;
    char **out = xcalloc(n + m + 1, sizeof(*out));
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        bool changed = false;
        for (size_t j = 0; j < m && !changed; j++)
            changed = same_name(environ[i], env[j]);
        if (!changed)
            out[k++] = environ[i];
    }
    for (size_t j = 0; j < m; j++)
        if (strchr(env[j], '='))
            out[k++] = (char *)env[j];
    out[k] = NULL;
    return out;
}

static void drain(int fd, struct strbuf *sb, size_t keep, bool *open)
{
    char buf[65536];
    ssize_t r = read(fd, buf, sizeof(buf));
    if (r < 0 && (errno == EINTR || errno == EAGAIN))
        return;
    if (r <= 0) {
        *open = false;
        return;
    }
    if (sb->len < keep)
        strbuf_add(sb, buf, (size_t)r < keep - sb->len ? (size_t)r : keep - sb->len);
}

int proc_run(const char *const argv[], const char *const env[], struct proc_result *res)
{
    memset(res, 0, sizeof(*res));
    res->status = -1;
    char *prog = find_program(argv[0]);
    if (!prog)
        return -1;
    int out_fds[2], err_fds[2];
    if (pipe(out_fds) < 0) {
        free(prog);
        return -1;
    }
    if (pipe(err_fds) < 0) {
        close(out_fds[0]);
        close(out_fds[1]);
        free(prog);
        return -1;
    }
    char **envp = make_env(env);
    pid_t pid = fork();
    if (pid == 0) {
        int null = open("/dev/null", O_RDONLY);
        if (null >= 0)
            dup2(null, 0);
        dup2(out_fds[1], 1);
        dup2(err_fds[1], 2);
        close(out_fds[0]);
        close(out_fds[1]);
        close(err_fds[0]);
        close(err_fds[1]);
        execve(prog, (char *const *)argv, envp);
        _exit(127);
    }
    free(envp);
    free(prog);
    close(out_fds[1]);
    close(err_fds[1]);
    if (pid < 0) {
        close(out_fds[0]);
        close(err_fds[0]);
        return -1;
    }
    struct strbuf out, err;
    strbuf_init(&out);
    strbuf_init(&err);
    bool out_open = true, err_open = true;
    while (out_open || err_open) {
        struct pollfd p[2] = {{.fd = out_open ? out_fds[0] : -1, .events = POLLIN},
                              {.fd = err_open ? err_fds[0] : -1, .events = POLLIN}};
        if (poll(p, 2, -1) < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        if (p[0].revents)
            drain(out_fds[0], &out, SIZE_MAX, &out_open);
        if (p[1].revents)
            drain(err_fds[0], &err, ERR_KEEP, &err_open);
    }
    close(out_fds[0]);
    close(err_fds[0]);
    int status;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR) {
            strbuf_release(&out);
            strbuf_release(&err);
            return -1;
        }
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    if (code == 127 && !out.len) {
        /* exec failed (or the program said "not found" itself): not run */
        strbuf_release(&out);
        strbuf_release(&err);
        return -1;
    }
    res->status = code;
    res->out = strbuf_detach(&out, &res->out_len);
    res->err = strbuf_detach(&err, NULL);
    return code;
}

void proc_result_release(struct proc_result *res)
{
    free(res->out);
    free(res->err);
    memset(res, 0, sizeof(*res));
    res->status = -1;
}
