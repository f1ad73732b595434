/* output_text.c — the formats for people and for CI logs.
 *
 * text:   path:line:col: warning: message [check-id], the source line, a caret under the
 *         range (clang's shape, which editors' and CI's problem matchers understand);
 *         related locations and data-flow steps follow as notes.
 * github: workflow commands (::warning file=...,line=...::message) that GitHub Actions turns
 *         into annotations on the pull request.
 */
#include <stdio.h>
#include <string.h>

#include "run/run_p.h"

struct palette {
    const char *bold, *reset, *level[3], *caret;
};

static const struct palette plain = {"", "", {"", "", ""}, ""};
static const struct palette ansi = {"\033[1m", "\033[0m",
                                    {"\033[1;36m", "\033[1;35m", "\033[1;31m"}, "\033[1;32m"};

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
    fprintf(out, "%5u | %s%s%s\n      | ", loc->start_pos.line, cut_left ? "..." : "", line,
            loc->snippet_cut ? "..." : "");
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

static void print_note(FILE *out, const struct palette *c, const struct location *loc,
                       const char *prefix)
{
    fprintf(out, "%s%s:%u:%u:%s %snote:%s %s%s\n", c->bold, loc->file.path, loc->start_pos.line,
            loc->start_pos.col, c->reset, c->level[LEVEL_NOTE], c->reset, prefix,
            loc->message ? loc->message : "");
}

bool write_text(const struct run *run, FILE *out, bool color)
{
    const struct palette *c = color ? &ansi : &plain;
    for (size_t i = 0; i < run->findings.items.n; i++) {
        const struct finding *fd = run->findings.items.v[i];
        if (fd->suppressed && !run->opt.show_suppressed)
            continue;
        fprintf(out, "%s%s:%u:%u:%s %s%s:%s %s%s [%s]%s", c->bold, fd->loc.file.path,
                fd->loc.start_pos.line, fd->loc.start_pos.col, c->reset, c->level[fd->level],
                level_name(fd->level), c->reset, c->bold, fd->message, fd->check->id, c->reset);
        if (fd->suppressed)
            fprintf(out, " (suppressed%s%s)", fd->justification ? ": " : "",
                    fd->justification ? fd->justification : "");
        fputc('\n', out);
        print_snippet(out, c, &fd->loc);
        for (size_t k = 0; k < fd->steps.n; k++) {
            char prefix[32];
            snprintf(prefix, sizeof(prefix), "step %zu: ", k + 1);
            print_note(out, c, &fd->steps.v[k], prefix);
        }
        for (size_t k = 0; k < fd->related.n; k++)
            print_note(out, c, &fd->related.v[k], "");
    }
    return !ferror(out);
}

/* Workflow command escaping: data escapes %, CR, LF; properties also ':' and ','. */
static void put_escaped(FILE *out, const char *s, bool property)
{
    for (; *s; s++) {
        switch (*s) {
        case '%': fputs("%25", out); break;
        case '\r': fputs("%0D", out); break;
        case '\n': fputs("%0A", out); break;
        case ':': property ? fputs("%3A", out) : fputc(':', out); break;
        case ',': property ? fputs("%2C", out) : fputc(',', out); break;
        default: fputc(*s, out);
        }
    }
}

bool write_github(const struct run *run, FILE *out)
{
    static const char *const command[] = {"notice", "warning", "error"};
    for (size_t i = 0; i < run->findings.items.n; i++) {
        const struct finding *fd = run->findings.items.v[i];
        if (fd->suppressed && !run->opt.show_suppressed)
            continue;
        /* a suppressed finding shown on request is a notice, not a problem */
        fprintf(out, "::%s file=", command[fd->suppressed ? LEVEL_NOTE : fd->level]);
        put_escaped(out, fd->loc.file.path, true);
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
    return !ferror(out);
}
