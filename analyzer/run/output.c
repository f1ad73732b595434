/* output.c — where -o writes: what stands at the path decides how.
 *
 *   nothing or a regular file   a temporary file beside it, renamed over it: readers and a
 *                               concurrent run see a whole report or the old one, never half
 *   a symbolic link             followed (link by link) to what it names, then as above, so
 *                               the link stays and its target gets the report
 *   a device or a FIFO          written through (/dev/null, /dev/stdout, a pipe's reader);
 *                               renaming over one would replace it with a file
 *   a directory or a socket     refused before the analysis (exit 2)
 * Before the analysis, too: a folder that is missing, is not a folder or where no file can be
 * made (a trial temporary file, made and removed: mode bits, read-only mounts, /proc), and a
 * device or FIFO this process may not write, each exit 2 naming the folder or file and why.
 * A new file gets the mode the umask leaves of 0666; a replaced file keeps its mode.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "run_p.h"

#define MAX_LINKS 40 /* as the kernel's ELOOP */

/* The temporary file being written, removed if a signal ends the run. */
static char *volatile temp_output;

static void on_signal(int sig)
{
    if (temp_output)
        unlink(temp_output);
    signal(sig, SIG_DFL);
    raise(sig);
}

/* "dir/link" + "target" -> "dir/target" (an absolute target stands alone); caller frees. */
static char *link_join(const char *link, const char *target)
{
    const char *slash = strrchr(link, '/');
    if (target[0] == '/' || !slash)
        return xstrdup(target);
    return xasprintf("%.*s/%s", (int)(slash - link), link, target);
}

/* The directory part of path ("." for a bare name); caller frees. */
static char *dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return xstrdup(".");
    return slash == path ? xstrdup("/") : xstrndup(path, (size_t)(slash - path));
}

/* mkstemp("<path><kind>XXXXXX") with the signals that remove temp_output held off until it
 * names the file; returns the descriptor (and *tmp, caller frees) or -1 with errno set. */
static int make_temp(const char *path, const char *kind, char **tmp)
{
    *tmp = xasprintf("%s%sXXXXXX", path, kind);
    /* a signal between the file's creation and temp_output naming it would leave the file */
    sigset_t block, old;
    sigemptyset(&block);
    sigaddset(&block, SIGINT);
    sigaddset(&block, SIGTERM);
    sigaddset(&block, SIGHUP);
    sigprocmask(SIG_BLOCK, &block, &old);
    int fd = mkstemp(*tmp);
    int saved = errno;
    if (fd >= 0)
        temp_output = *tmp;
    sigprocmask(SIG_SETMASK, &old, NULL);
    errno = saved;
    return fd;
}

static void drop_temp(char *tmp)
{
    unlink(tmp);
    temp_output = NULL;
    free(tmp);
}

/* Whether a report can be made beside cur (the path the links led to): its folder exists, is a
 * folder, and a file can be created in it. */
static bool folder_writable(const char *path, const char *cur, char **err)
{
    char *dir = dir_of(cur);
    /* how the message names the target: the path given, and where its links led */
    char *named = strcmp(cur, path) == 0 ? xasprintf("'%s'", path)
                                         : xasprintf("'%s' (a link to '%s')", path, cur);
    struct stat st;
    char *tmp = NULL;
    int fd = -1;
    int e = stat(dir, &st) < 0 ? errno : 0;
    if (e == ENOENT && strcmp(cur, path) == 0) {
        *err = xasprintf("cannot write '%s': directory '%s' does not exist", path, dir);
    } else if (e == ENOENT) {
        *err = xasprintf("cannot write '%s': it links to '%s', whose directory '%s' does not "
                         "exist", path, cur, dir);
    } else if (e == ENOTDIR) {
        *err = xasprintf("cannot write %s: '%s' is not a directory: a part of it is a file",
                         named, dir);
    } else if (e) {
        *err = xasprintf("cannot write %s: directory '%s': %s", named, dir, strerror(e));
    } else if (!S_ISDIR(st.st_mode)) {
        *err = xasprintf("cannot write %s: '%s' is not a directory", named, dir);
    } else if ((fd = make_temp(cur, ".trial", &tmp)) < 0) {
        *err = xasprintf("cannot write %s: no file can be created in directory '%s': %s", named,
                         dir, strerror(errno));
        free(tmp);
    } else {
        close(fd);
        drop_temp(tmp);
    }
    free(named);
    free(dir);
    return fd >= 0;
}

bool output_resolve(struct output_target *t, const char *path, char **err)
{
    *t = (struct output_target){0};
    char *cur = xstrdup(path);
    for (int hops = 0;; hops++) {
        struct stat st;
        if (lstat(cur, &st) < 0) {
            /* ENOTDIR: a part of the folder is a file, which the folder check names */
            if (errno != ENOENT && errno != ENOTDIR) {
                *err = xasprintf("cannot write '%s': %s", path, strerror(errno));
                free(cur);
                return false;
            }
            t->kind = OUTPUT_REPLACE;
            break;
        }
        if (S_ISLNK(st.st_mode)) {
            char buf[PATH_MAX];
            ssize_t n = hops < MAX_LINKS ? readlink(cur, buf, sizeof(buf) - 1) : -1;
            if (n < 0) {
                *err = xasprintf("cannot write '%s': the symbolic link cannot be followed: %s",
                                 path, hops < MAX_LINKS ? strerror(errno) : strerror(ELOOP));
                free(cur);
                return false;
            }
            buf[n] = '\0';
            char *next = link_join(cur, buf);
            free(cur);
            cur = next;
            continue;
        }
        if (S_ISREG(st.st_mode)) {
            t->kind = OUTPUT_REPLACE;
            t->keep_mode = true;
            t->mode = st.st_mode & 07777;
        } else if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode) || S_ISFIFO(st.st_mode)) {
            /* opened only after the analysis (a FIFO's open waits for its reader) */
            if (faccessat(AT_FDCWD, cur, W_OK, AT_EACCESS) < 0) {
                *err = xasprintf("cannot write '%s': %s", path, strerror(errno));
                free(cur);
                return false;
            }
            t->kind = OUTPUT_THROUGH;
        } else {
            *err = xasprintf("cannot write '%s'%s%s%s: it is a %s", path,
                             strcmp(cur, path) ? " (a link to '" : "",
                             strcmp(cur, path) ? cur : "", strcmp(cur, path) ? "')" : "",
                             S_ISDIR(st.st_mode) ? "directory" : "socket");
            free(cur);
            return false;
        }
        break;
    }
    if (t->kind == OUTPUT_REPLACE && !folder_writable(path, cur, err)) {
        free(cur);
        return false;
    }
    t->path = cur;
    t->named = path;
    return true;
}

void output_catch_signals(void)
{
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    signal(SIGHUP, on_signal);
}

static mode_t umask_mode(void)
{
    /* single-threaded here: the analysis threads have ended */
    mode_t mask = umask(0);
    umask(mask);
    return 0666 & ~mask;
}

/* Written through: open without creating or truncating what is there. */
static void write_through(const struct output_target *t, output_writer write, const void *ctx)
{
    int fd = open(t->path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
    if (fd < 0)
        die("cannot write '%s': %s", t->named, strerror(errno));
    FILE *f = fdopen(fd, "w");
    if (!f)
        die("cannot write '%s': %s", t->named, strerror(errno));
    errno = 0;
    bool ok = write(ctx, f);
    ok = fflush(f) == 0 && ok;
    int saved = errno;
    ok = fclose(f) == 0 && ok;
    if (!saved)
        saved = errno;
    if (!ok)
        die("cannot write '%s': %s", t->named, strerror(saved ? saved : EIO));
}

/* A temporary file beside the target, renamed over it: all of the report or nothing. */
static void write_replace(const struct output_target *t, output_writer write, const void *ctx)
{
    char *tmp;
    int fd = make_temp(t->path, ".tmp", &tmp);
    int saved = errno;
    if (fd < 0)
        die("cannot write '%s': %s", t->named, strerror(saved));
    /* mkstemp made it 0600: a report is not a secret unless the umask says so */
    bool ok = fchmod(fd, t->keep_mode ? t->mode : umask_mode()) == 0;
    saved = errno;
    FILE *f = ok ? fdopen(fd, "w") : NULL;
    if (f) {
        errno = 0;
        ok = write(ctx, f);
        ok = fflush(f) == 0 && ok;
        ok = ok && fsync(fd) == 0;
        saved = errno;
        ok = fclose(f) == 0 && ok;
    } else {
        ok = false;
        close(fd);
    }
    if (ok) {
        ok = rename(tmp, t->path) == 0;
        saved = errno;
    }
    if (!ok) {
        drop_temp(tmp);
        die("cannot write '%s': %s", t->named, strerror(saved ? saved : EIO));
    }
    temp_output = NULL;
    free(tmp);
}

void output_write(const struct output_target *t, output_writer write, const void *ctx)
{
    if (t->kind == OUTPUT_THROUGH) {
        write_through(t, write, ctx);
    } else {
        write_replace(t, write, ctx);
    }
}

void output_target_release(struct output_target *t)
{
    free(t->path);
    *t = (struct output_target){0};
}
