/* output_text.c — the formats for people and for CI logs.
 *
 * text:   path:line:col: warning: message [check-id], the source line, a caret under the
 *         range (clang's shape, which editors' and CI's problem matchers understand);
 *         related locations and data-flow steps follow as notes.
 * concise: path:line:col: level: message [check-id], one line per finding and nothing else,
 *         for problem matchers and scripts.
 * github: a summary line (counts per check and level), then workflow commands (::warning
 *         file=...,line=...::message), most severe first, that GitHub Actions turns into
 *         annotations on the pull request; it shows only the first 10 of each type per step.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "run/run_p.h"

struct palette {
    const char *bold, *reset, *level[3], *caret;
};

static const struct palette plain = {"", "", {"", "", ""}, ""};
static const struct palette ansi = {"\033[1m", "\033[0m",
                                    {"\033[1;36m", "\033[1;35m", "\033[1;31m"}, "\033[1;32m"};

void text_put(FILE *out, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p < 0x20 && *p != '\t') || *p == 0x7f) {
            /* the control picture of the byte (ESC -> U+241B), one column as the byte was */
            unsigned cp = *p == 0x7f ? 0x2421 : 0x2400 + *p;
            fputc(0xe0 | (cp >> 12), out);
            fputc(0x80 | ((cp >> 6) & 0x3f), out);
            fputc(0x80 | (cp & 0x3f), out);
        } else if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) {
            fputs("\xef\xbf\xbd", out); /* a C1 control (CSI is U+009B): U+FFFD */
            p++;
        } else {
            fputc(*p, out);
        }
    }
}

/* Columns on screen of the UTF-8 bytes [s, s+n): one per code point. */
static size_t display_width(const char *s, size_t n)
{
    size_t w = 0;
    for (size_t i = 0; i < n; i++)
        w += ((unsigned char)s[i] & 0xc0) != 0x80;
    return w;
}

static void print_snippet(FILE *out, const struct palette *c, const struct location *loc)
{
    const char *line = loc->snippet ? loc->snippet : "";
    size_t n = strlen(line);
    /* a window of a long line is marked with "..." */
    bool cut_left = loc->snippet_cut && loc->snippet_col > 1;
    fprintf(out, "%5u | %s", loc->start_pos.line, cut_left ? "..." : "");
    text_put(out, line);
    fprintf(out, "%s\n      | ", loc->snippet_cut ? "..." : "");
    if (cut_left)
        fputs("   ", out);
    size_t start = loc->region_from;
    if (start > n)
        start = n;
    /* keep tabs so the caret lines up with what the terminal shows above */
    for (size_t i = 0; i < start; i++) {
        unsigned char ch = (unsigned char)line[i];
        if (ch == '\t')
            fputc('\t', out);
        else if ((ch & 0xc0) != 0x80)
            fputc(' ', out);
    }
    size_t end = loc->end_pos.line == loc->start_pos.line ? loc->region_to : n;
    if (end > n)
        end = n;
    size_t width = end > start ? display_width(line + start, end - start) : 1;
    fputs(c->caret, out);
    fputc('^', out);
    for (size_t i = 1; i < width; i++)
        fputc('~', out);
    fprintf(out, "%s\n", c->reset);
}

/* a position's column in the unit --column-unit asks for (bytes by default) */
static uint32_t text_col(const struct run *run, const struct pos *p)
{
    switch (run->opt.column_unit) {
    case COLUMN_UTF16: return p->col_utf16;
    case COLUMN_CHAR: return p->col_char;
    default: return p->col;
    }
}

static void print_note(FILE *out, const struct run *run, const struct palette *c,
                       const struct location *loc, const char *prefix)
{
    fputs(c->bold, out);
    text_put(out, loc->file.path);
    fprintf(out, ":%u:%u:%s %snote:%s %s", loc->start_pos.line, text_col(run, &loc->start_pos), c->reset,
            c->level[LEVEL_NOTE], c->reset, prefix);
    text_put(out, loc->message ? loc->message : "");
    fputc('\n', out);
}

bool write_text(const struct run *run, FILE *out, bool color)
{
    const struct palette *c = color ? &ansi : &plain;
    for (size_t i = 0; i < run->findings.items.n; i++) {
        const struct finding *fd = run->findings.items.v[i];
        if (fd->suppressed && !run->opt.show_suppressed)
            continue;
        /* file names, messages and source lines come from the tree: a control byte in them
         * must not clear the terminal or start a line a problem matcher reads */
        fputs(c->bold, out);
        text_put(out, fd->loc.file.path);
        fprintf(out, ":%u:%u:%s %s%s:%s %s", fd->loc.start_pos.line, text_col(run, &fd->loc.start_pos),
                c->reset, c->level[fd->level], level_name(fd->level), c->reset, c->bold);
        text_put(out, fd->message);
        fprintf(out, " [%s]%s", fd->check->id, c->reset);
        if (fd->suppressed) {
            fputs(" (suppressed", out);
            if (fd->justification) {
                fputs(": ", out);
                text_put(out, fd->justification);
            }
            fputc(')', out);
        }
        fputc('\n', out);
        print_snippet(out, c, &fd->loc);
        for (size_t k = 0; k < fd->steps.n; k++) {
            char prefix[32];
            snprintf(prefix, sizeof(prefix), "step %zu: ", k + 1);
            print_note(out, run, c, &fd->steps.v[k], prefix);
        }
        for (size_t k = 0; k < fd->related.n; k++)
            print_note(out, run, c, &fd->related.v[k], "");
    }
    return !ferror(out);
}

bool write_concise(const struct run *run, FILE *out)
{
    for (size_t i = 0; i < run->findings.items.n; i++) {
        const struct finding *fd = run->findings.items.v[i];
        if (fd->suppressed && !run->opt.show_suppressed)
            continue;
        text_put(out, fd->loc.file.path);
        /* a suppressed finding shown on request is a note, and says so before the id */
        fprintf(out, ":%u:%u: %s: ", fd->loc.start_pos.line, text_col(run, &fd->loc.start_pos),
                level_name(fd->suppressed ? LEVEL_NOTE : fd->level));
        text_put(out, fd->message);
        fprintf(out, "%s [%s]\n", fd->suppressed ? " (suppressed)" : "", fd->check->id);
    }
    return !ferror(out);
}

/* Workflow command escaping: data escapes %, CR, LF; properties also ':' and ','. Other
 * control bytes (ESC starts the colours a log shows) are written %XX too: GitHub leaves
 * them as text, which is what they are. */
static void put_escaped(FILE *out, const char *s, bool property)
{
    for (; *s; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ch == '%' || ch == '\r' || ch == '\n' || (property && (ch == ':' || ch == ',')) ||
            (ch < 0x20 && ch != '\t') || ch == 0x7f)
            fprintf(out, "%%%02X", ch);
        else
            fputc(ch, out);
    }
}

struct check_count {
    const char *id;
    size_t n[3];
};

static int cmp_count(const void *a, const void *b)
{
    const struct check_count *x = a, *y = b;
    for (int l = LEVEL_ERROR; l >= LEVEL_NOTE; l--)
        if (x->n[l] != y->n[l])
            return x->n[l] > y->n[l] ? -1 : 1;
    return strcmp(x->id, y->id);
}

static void put_counts(FILE *out, const size_t n[3])
{
    static const char *const name[] = {"note", "warning", "error"};
    const char *sep = "";
    for (int l = LEVEL_ERROR; l >= LEVEL_NOTE; l--)
        if (n[l]) {
            fprintf(out, "%s%zu %s%s", sep, n[l], name[l], n[l] == 1 ? "" : "s");
            sep = ", ";
        }
}

/* "preflight: 5 findings (1 error, 4 warnings): check-a 1 error; check-b 4 warnings" */
static void github_summary(const struct run *run, FILE *out)
{
    struct check_count *counts = xcalloc(run->nchecks + 1, sizeof(*counts));
    size_t ncounts = 0, total[3] = {0}, all = 0, suppressed = 0;
    for (size_t i = 0; i < run->findings.items.n; i++) {
        const struct finding *fd = run->findings.items.v[i];
        if (fd->suppressed) {
            suppressed++;
            continue;
        }
        size_t k = 0;
        while (k < ncounts && strcmp(counts[k].id, fd->check->id) != 0)
            k++;
        if (k == ncounts) {
            if (ncounts == run->nchecks) /* a finding of a check not in the run: BUG */
                continue;
            counts[ncounts++].id = fd->check->id;
        }
        counts[k].n[fd->level]++;
        total[fd->level]++;
        all++;
    }
    qsort(counts, ncounts, sizeof(*counts), cmp_count);
    fprintf(out, "preflight: %zu finding%s", all, all == 1 ? "" : "s");
    if (all) {
        fputs(" (", out);
        put_counts(out, total);
        fputs("):", out);
        for (size_t k = 0; k < ncounts; k++) {
            fprintf(out, "%s %s ", k ? ";" : "", counts[k].id);
            put_counts(out, counts[k].n);
        }
    }
    if (suppressed)
        fprintf(out, "%s%zu suppressed in the source", all ? "; " : ", ", suppressed);
    fputc('\n', out);
    free(counts);
}

/* The path of a file as GitHub names it: relative to GITHUB_WORKSPACE (the checkout) when
 * that is set and holds the file, as named otherwise. The last answer is kept in *cache
 * (findings come sorted by path). Returns a string owned by the cache or by f. */
struct path_cache {
    const char *path; /* the file_ref's path the answer is for (borrowed) */
    char *abs;        /* its realpath, or NULL (owned) */
    const char *rel;  /* into abs, or NULL when outside the workspace */
};

static const char *github_path(const struct file_ref *f, const char *workspace,
                               struct path_cache *cache)
{
    if (!workspace)
        return f->path;
    if (cache->path != f->path) {
        free(cache->abs);
        cache->path = f->path;
        cache->abs = realpath(f->path, NULL);
        size_t wl = strlen(workspace);
        cache->rel = cache->abs && strncmp(cache->abs, workspace, wl) == 0 &&
                             cache->abs[wl] == '/'
                         ? cache->abs + wl + 1
                         : NULL;
    }
    return cache->rel ? cache->rel : f->path;
}

bool write_github(const struct run *run, FILE *out)
{
    static const char *const command[] = {"notice", "warning", "error"};
    github_summary(run, out);
    /* the workspace as the file system names it: the run's root is a realpath too */
    const char *ws_env = getenv("GITHUB_WORKSPACE");
    char *workspace = ws_env && *ws_env ? realpath(ws_env, NULL) : NULL;
    if (workspace && strcmp(workspace, "/") == 0)
        workspace[0] = '\0'; /* "/" + "/" + rel: every absolute path is under it */
    /* most severe first (GitHub shows 10 of each type), the sorted order within a level;
     * suppressed findings (shown on request) last */
    size_t nv = run->findings.items.n, k = 0;
    size_t *order = xmalloc((nv ? nv : 1) * sizeof(*order));
    for (int pass = LEVEL_ERROR; pass >= (int)LEVEL_NOTE - 1; pass--)
        for (size_t i = 0; i < nv; i++) {
            const struct finding *fd = run->findings.items.v[i];
            if ((fd->suppressed ? LEVEL_NOTE - 1 : (int)fd->level) == pass)
                order[k++] = i;
        }
    struct path_cache cache = {0};
    for (size_t j = 0; j < nv; j++) {
        const struct finding *fd = run->findings.items.v[order[j]];
        if (fd->suppressed && !run->opt.show_suppressed)
            continue;
        /* a suppressed finding shown on request is a notice, not a problem */
        fprintf(out, "::%s file=", command[fd->suppressed ? LEVEL_NOTE : fd->level]);
        put_escaped(out, github_path(&fd->loc.file, workspace, &cache), true);
        /* GitHub counts columns as JavaScript does, in UTF-16 code units */
        fprintf(out, ",line=%u,col=%u,endLine=%u,endColumn=%u,title=", fd->loc.start_pos.line,
                fd->loc.start_pos.col_utf16, fd->loc.end_pos.line, fd->loc.end_pos.col_utf16);
        put_escaped(out, fd->check->id, true);
        if (fd->suppressed)
            put_escaped(out, " (suppressed)", true);
        fputs("::", out);
        put_escaped(out, fd->message, false);
        if (fd->justification) {
            put_escaped(out, " (suppressed: ", false);
            put_escaped(out, fd->justification, false);
            put_escaped(out, ")", false);
        }
        fputc('\n', out);
    }
    free(cache.abs);
    free(order);
    free(workspace);
    return !ferror(out);
}
