/* diff.c — unified diffs read into the added lines of each file, and git asked for one.
 *
 * Hunk bodies are consumed by the counts of their "@@ -a,b +c,d @@" header, never by the look
 * of a line: a removed SQL comment "-- x" reads "--- x" and must not be taken for a file
 * header.
 */
#include "diff.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/git.h"
#include "base/util.h"

struct line_range {
    uint32_t first, last; /* 1-based, inclusive */
};

struct diff_file {
    char *path;           /* owned */
    char *old_path;       /* its name on the old side, or NULL: a new file (owned) */
    bool whole;           /* every line counts */
    VEC(struct line_range) ranges;
};

struct diff {
    VEC(struct diff_file) files;
    size_t sections;      /* file headers read, deleted files' included */
    VEC(char *) deleted;  /* old names of the files the diff deletes (owned) */
    char *base;           /* the commit git compared with (diff_from_git), or NULL (owned) */
    bool finished;
};

struct diff *diff_new(void)
{
    return xcalloc(1, sizeof(struct diff));
}

void diff_free(struct diff *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->files.n; i++) {
        free(d->files.v[i].path);
        free(d->files.v[i].old_path);
        VEC_FREE(d->files.v[i].ranges);
    }
    VEC_FREE(d->files);
    for (size_t i = 0; i < d->deleted.n; i++)
        free(d->deleted.v[i]);
    VEC_FREE(d->deleted);
    free(d->base);
    free(d);
}

static struct diff_file *add_file(struct diff *d, char *path)
{
    struct diff_file f = {.path = path};
    VEC_PUSH(d->files, f);
    d->finished = false;
    return &d->files.v[d->files.n - 1];
}

void diff_add_file(struct diff *d, const char *path)
{
    add_file(d, xstrdup(path))->whole = true;
}

/* Decodes a C-quoted path as git writes names with unusual bytes: "a/caf\303\251.ts". */
static char *unquote(const char *s, size_t n)
{
    struct strbuf sb;
    strbuf_init(&sb);
    for (size_t i = 1; i + 1 < n; i++) {
        char c = s[i];
        if (c != '\\' || i + 2 >= n) {
            strbuf_addch(&sb, c);
            continue;
        }
        c = s[++i];
        if (c >= '0' && c <= '7') {
            unsigned v = 0;
            for (int k = 0; k < 3 && i < n - 1 && s[i] >= '0' && s[i] <= '7'; k++, i++)
                v = v * 8 + (unsigned)(s[i] - '0');
            i--;
            strbuf_addch(&sb, (char)v);
            continue;
        }
        switch (c) {
        case 'a': c = '\a'; break;
        case 'b': c = '\b'; break;
        case 'f': c = '\f'; break;
        case 'n': c = '\n'; break;
        case 'r': c = '\r'; break;
        case 't': c = '\t'; break;
        case 'v': c = '\v'; break;
        default: break; /* \\ and \" stand for themselves */
        }
        strbuf_addch(&sb, c);
    }
    return strbuf_detach(&sb, NULL);
}

/* The path of a "--- " or "+++ " header line (without the marker): quoted or up to a tab
 * (diff -u appends a date after one, git a tab after names with spaces). */
static char *header_path(const char *s, size_t n)
{
    while (n && (s[n - 1] == '\r' || s[n - 1] == '\n'))
        n--;
    if (n >= 2 && s[0] == '"') {
        size_t end = 1;
        while (end < n && s[end] != '"')
            end += s[end] == '\\' ? 2 : 1;
        return unquote(s, end < n ? end + 1 : n);
    }
    const char *tab = memchr(s, '\t', n);
    if (tab)
        n = (size_t)(tab - s);
    while (n && s[n - 1] == ' ')
        n--;
    return xstrndup(s, n);
}

static bool parse_count(const char **p, uint32_t *first, uint32_t *count)
{
    char *end;
    errno = 0;
    unsigned long a = strtoul(*p, &end, 10);
    if (end == *p || errno || a > UINT32_MAX)
        return false;
    unsigned long b = 1;
    if (*end == ',') {
        const char *q = end + 1;
        b = strtoul(q, &end, 10);
        if (end == q || errno || b > UINT32_MAX)
            return false;
    }
    *first = (uint32_t)a;
    *count = (uint32_t)b;
    *p = end;
    return true;
}

/* "@@ -a[,b] +c[,d] @@ ..." */
static bool parse_hunk_header(const char *s, uint32_t *old_count, uint32_t *new_first,
                              uint32_t *new_count)
{
    uint32_t old_first;
    const char *p = s + 2;
    while (*p == ' ')
        p++;
    if (*p++ != '-' || !parse_count(&p, &old_first, old_count))
        return false;
    while (*p == ' ')
        p++;
    if (*p++ != '+' || !parse_count(&p, new_first, new_count))
        return false;
    return *p == ' ' || *p == '@';
}

bool diff_parse(struct diff *d, const char *text, size_t len, char **err)
{
    struct diff_file *cur = NULL;
    char *old_path = NULL;     /* of the last "--- " header, to know whether prefixes are git's */
    bool git_section = false;  /* inside a "diff --git" section */
    uint32_t old_left = 0, new_left = 0, new_line = 0;
    size_t lineno = 0;
    const char *p = text, *end = text + len;
    bool ok = true;

    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
        const char *line = p;
        p = nl ? nl + 1 : end;
        lineno++;

        if (old_left || new_left) { /* inside a hunk body */
            char c = n ? line[0] : ' '; /* an empty line is an empty context line */
            if (c == '\\')
                continue; /* "\ No newline at end of file" */
            if (c == '+' && new_left) {
                if (cur) {
                    struct line_range *last = cur->ranges.n ? &cur->ranges.v[cur->ranges.n - 1]
                                                            : NULL;
                    if (last && last->last + 1 == new_line)
                        last->last = new_line;
                    else
                        VEC_PUSH(cur->ranges, ((struct line_range){new_line, new_line}));
                }
                new_line++;
                new_left--;
                continue;
            }
            if (c == '-' && old_left) {
                old_left--;
                continue;
            }
            if (c == ' ' && old_left && new_left) {
                old_left--;
                new_left--;
                new_line++;
                continue;
            }
            old_left = new_left = 0; /* a short hunk: read the line as a header */
        }

        if (n >= 11 && strncmp(line, "diff --git ", 11) == 0) {
            git_section = true;
            cur = NULL;
            d->sections++;
        } else if (n >= 4 && strncmp(line, "--- ", 4) == 0) {
            free(old_path);
            old_path = header_path(line + 4, n - 4);
            cur = NULL;
        } else if (n >= 4 && strncmp(line, "+++ ", 4) == 0) {
            char *path = header_path(line + 4, n - 4);
            cur = NULL;
            if (!git_section)
                d->sections++;
            /* git's a/ b/ prefixes; a plain diff -u names paths as they are */
            bool prefixed = git_section || (old_path && (str_starts_with(old_path, "a/") ||
                                                         strcmp(old_path, "/dev/null") == 0));
            char *old = old_path && strcmp(old_path, "/dev/null") != 0
                            ? xstrdup(old_path + (prefixed && str_starts_with(old_path, "a/")
                                                      ? 2 : 0))
                            : NULL;
            if (strcmp(path, "/dev/null") == 0) {
                /* a deleted file holds no finding, but what it held can be missed */
                free(path);
                if (old)
                    VEC_PUSH(d->deleted, old);
                continue;
            }
            if (prefixed && str_starts_with(path, "b/"))
                memmove(path, path + 2, strlen(path + 2) + 1);
            cur = add_file(d, path);
            cur->old_path = old;
        } else if (n >= 2 && strncmp(line, "@@", 2) == 0) {
            if (n >= 3 && line[2] == '@') {
                *err = xasprintf("line %zu: combined diffs (@@@) are not supported", lineno);
                ok = false;
                break;
            }
            char *h = xstrndup(line, n);
            bool good = parse_hunk_header(h, &old_left, &new_line, &new_left);
            free(h);
            if (!good) {
                *err = xasprintf("line %zu: malformed hunk header '%.*s'", lineno,
                                 (int)(n > 60 ? 60 : n), line);
                ok = false;
                break;
            }
            /* a deleted file's hunk (cur NULL) is read through all the same: its removed
             * lines could look like headers */
        }
        /* anything else ("index", "rename from", "Binary files ...", mail text) says nothing
         * about added lines */
    }
    free(old_path);
    return ok;
}

static int cmp_file(const void *a, const void *b)
{
    return strcmp(((const struct diff_file *)a)->path, ((const struct diff_file *)b)->path);
}

static int cmp_range(const void *a, const void *b)
{
    const struct line_range *x = a, *y = b;
    return x->first < y->first ? -1 : x->first > y->first;
}

void diff_finish(struct diff *d)
{
    if (d->files.n)
        qsort(d->files.v, d->files.n, sizeof(*d->files.v), cmp_file);
    /* one entry per path: a path named twice (two diffs, or a diff and an untracked file) gets
     * the union of its lines */
    size_t out = 0;
    for (size_t i = 0; i < d->files.n; i++) {
        struct diff_file *f = &d->files.v[i];
        if (out && strcmp(d->files.v[out - 1].path, f->path) == 0) {
            struct diff_file *into = &d->files.v[out - 1];
            into->whole |= f->whole;
            for (size_t k = 0; k < f->ranges.n; k++)
                VEC_PUSH(into->ranges, f->ranges.v[k]);
            if (!into->old_path) {
                into->old_path = f->old_path;
                f->old_path = NULL;
            }
            free(f->old_path);
            free(f->path);
            VEC_FREE(f->ranges);
            continue;
        }
        d->files.v[out++] = *f;
    }
    d->files.n = out;
    for (size_t i = 0; i < d->files.n; i++) {
        struct diff_file *f = &d->files.v[i];
        if (!f->ranges.n)
            continue;
        qsort(f->ranges.v, f->ranges.n, sizeof(*f->ranges.v), cmp_range);
        size_t m = 0;
        for (size_t k = 0; k < f->ranges.n; k++) {
            struct line_range r = f->ranges.v[k];
            if (m && r.first <= f->ranges.v[m - 1].last + 1) {
                if (r.last > f->ranges.v[m - 1].last)
                    f->ranges.v[m - 1].last = r.last;
            } else {
                f->ranges.v[m++] = r;
            }
        }
        f->ranges.n = m;
    }
    d->finished = true;
}

static const struct diff_file *find_file(const struct diff *d, const char *path)
{
    if (!d->finished)
        BUG("diff looked up before diff_finish");
    if (!d->files.n)
        return NULL;
    struct diff_file key = {.path = (char *)path};
    return bsearch(&key, d->files.v, d->files.n, sizeof(*d->files.v), cmp_file);
}

bool diff_has_file(const struct diff *d, const char *path)
{
    return find_file(d, path) != NULL;
}

bool diff_line_changed(const struct diff *d, const char *path, uint32_t line)
{
    const struct diff_file *f = find_file(d, path);
    if (!f)
        return false;
    if (f->whole)
        return true;
    size_t lo = 0, hi = f->ranges.n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const struct line_range *r = &f->ranges.v[mid];
        if (line < r->first)
            hi = mid;
        else if (line > r->last)
            lo = mid + 1;
        else
            return true;
    }
    return false;
}

size_t diff_file_count(const struct diff *d)
{
    return d->files.n;
}

size_t diff_section_count(const struct diff *d)
{
    return d->sections;
}

const char *diff_old_path(const struct diff *d, const char *path)
{
    const struct diff_file *f = find_file(d, path);
    return f ? f->old_path : NULL;
}

size_t diff_deleted_count(const struct diff *d)
{
    return d->deleted.n;
}

const char *diff_deleted_path(const struct diff *d, size_t i)
{
    return i < d->deleted.n ? d->deleted.v[i] : NULL;
}

const char *diff_base(const struct diff *d)
{
    return d->base;
}

/* The files git lists (tracked, and untracked but not ignored) as wholly new: the diff of a
 * repository whose branch has no commit yet. */
/* every name of a 'git ls-files -z' listing, as a wholly new file */
static void add_listed_files(struct diff *d, const struct proc_result *r)
{
    for (size_t i = 0; i < r->out_len;) {
        size_t k = strnlen(r->out + i, r->out_len - i);
        if (k)
            diff_add_file(d, r->out + i);
        i += k + 1;
    }
}

static struct diff *diff_all_new(const struct git_repo *repo, char **err)
{
    const char *const argv[] = {"ls-files", "-z", "-co", "--exclude-standard", NULL};
    struct proc_result r;
    if (!git_run(repo, NULL, argv, &r)) {
        *err = xasprintf("--diff: 'git ls-files' failed in '%s'", repo->top);
        proc_result_release(&r);
        return NULL;
    }
    struct diff *d = diff_new();
    add_listed_files(d, &r);
    proc_result_release(&r);
    diff_finish(d);
    return d;
}

struct diff *diff_from_file(const char *path, char **err)
{
    bool is_stdin = strcmp(path, "-") == 0;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (!f) {
        *err = xasprintf("cannot read diff '%s': %s", path, strerror(errno));
        return NULL;
    }
    const char *shown = is_stdin ? "standard input" : path;
    struct strbuf sb;
    strbuf_init(&sb);
    bool failed = !strbuf_fread_max(&sb, f, DIFF_MAX_SIZE);
    if (!is_stdin)
        fclose(f);
    if (failed || sb.len > DIFF_MAX_SIZE) {
        *err = failed ? xasprintf("cannot read diff '%s'", shown)
                      : xasprintf("diff '%s' is larger than %u MB (the limit of a review's "
                                  "diff)", shown, DIFF_MAX_SIZE >> 20);
        strbuf_release(&sb);
        return NULL;
    }
    struct diff *d = diff_new();
    char *why = NULL;
    if (!diff_parse(d, sb.buf, sb.len, &why)) {
        *err = xasprintf("diff '%s': %s", shown, why);
        free(why);
        strbuf_release(&sb);
        diff_free(d);
        return NULL;
    }
    /* a failed `gh pr diff > pr.diff` leaves nothing or an error page: reviewing "no
     * change" would pass every pull request */
    bool blank = true;
    for (size_t i = 0; i < sb.len && blank; i++)
        blank = sb.buf[i] == ' ' || sb.buf[i] == '\t' || sb.buf[i] == '\n' || sb.buf[i] == '\r';
    if (!d->sections) {
        *err = blank ? xasprintf("diff '%s' is empty (was the command that made it "
                                 "successful?)", shown)
                     : xasprintf("diff '%s' is not a unified diff (no '--- a/file' and '+++ "
                                 "b/file' header)", shown);
        strbuf_release(&sb);
        diff_free(d);
        return NULL;
    }
    strbuf_release(&sb);
    diff_finish(d);
    return d;
}

struct diff *diff_from_git(const struct git_repo *repo, const char *rev, char **err)
{
    if (!repo->top) {
        *err = xstrdup("--diff needs the paths to be in a git repository preflight can use "
                       "(see the notice above, or use --diff-file)");
        return NULL;
    }
    const char *const base_argv[] = {"merge-base", rev, "HEAD", NULL};
    struct proc_result r;
    bool ok = git_run(repo, NULL, base_argv, &r);
    if (!ok && strcmp(rev, "HEAD") == 0) {
        /* the first commit (the pre-commit hook's --diff HEAD): no HEAD yet, all is new */
        const char *const head_argv[] = {"rev-parse", "-q", "--verify", "HEAD", NULL};
        struct proc_result h;
        bool born = git_run(repo, NULL, head_argv, &h);
        bool ran = h.status >= 0;
        proc_result_release(&h);
        if (ran && !born) {
            proc_result_release(&r);
            return diff_all_new(repo, err);
        }
    }
    if (!ok || !r.out[0]) {
        *err = r.status < 0 ? xstrdup("--diff needs git, which cannot be run")
                            : xasprintf("--diff: no merge base of '%s' and HEAD in '%s' (a git "
                                        "revision is needed there; else use --diff-file)", rev,
                                        repo->top);
        proc_result_release(&r);
        return NULL;
    }
    r.out[strcspn(r.out, "\r\n")] = '\0';
    char *base = xstrdup(r.out);
    proc_result_release(&r);

    /* the work tree against the base: what a review of this checkout would see, uncommitted
     * edits included; explicit prefixes whatever the user's config (git_run sets
     * core.quotePath, adds --no-ext-diff and --no-textconv, switches every filter off) */
    const char *const diff_argv[] = {"diff", "--unified=0", "--no-color", "-M",
                                     "--src-prefix=a/", "--dst-prefix=b/", base, "--", NULL};
    ok = git_run(repo, NULL, diff_argv, &r);
    if (!ok) {
        *err = xasprintf("--diff: 'git diff' failed in '%s'", repo->top);
        proc_result_release(&r);
        free(base);
        return NULL;
    }
    struct diff *d = diff_new();
    d->base = base;
    char *why = NULL;
    if (!diff_parse(d, r.out, r.out_len, &why)) {
        *err = xasprintf("--diff: cannot read git's diff: %s", why);
        free(why);
        proc_result_release(&r);
        diff_free(d);
        return NULL;
    }
    proc_result_release(&r);

    /* files git does not track yet are wholly new */
    const char *const untracked_argv[] = {"ls-files", "-o", "--exclude-standard", "-z", NULL};
    if (git_run(repo, NULL, untracked_argv, &r))
        add_listed_files(d, &r);
    proc_result_release(&r);
    diff_finish(d);
    return d;
}
