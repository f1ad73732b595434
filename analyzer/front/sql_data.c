/* sql_data.c — what in a migration file is not SQL, blanked before the statements are split:
 * the data rows of COPY ... FROM stdin (up to the `\.` line), psql's backslash commands, and
 * a statement whose quote never closes (see sql_p.h).
 *
 * libpg_query's scanner reads a whole file: an apostrophe in a COPY data row ("O'Brien") or an
 * unterminated $tag$ opened a quote that swallowed every statement after it, and data rows
 * that read like SQL became tables. Blanking with spaces (newlines kept) leaves every byte
 * offset and line where it was, so the rest of the front end reads the copy as the file.
 * One pass, no recursion; quotes are Postgres's: '...' with '', E'...' with backslashes,
 * "...", $tag$...$tag$, and -- and nested block comments. */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "sql_p.h"

static bool ident_char(unsigned char c)
{
    return isalnum(c) || c == '_' || c == '$' || c >= 0x80;
}

/* Blanks [from, to) of t, keeping line ends. */
static void blank(char *t, uint32_t from, uint32_t to)
{
    for (uint32_t i = from; i < to; i++)
        if (t[i] != '\n' && t[i] != '\r')
            t[i] = ' ';
}

/* Past the line holding i (after its '\n'), or n. */
static uint32_t next_line(const char *t, uint32_t i, uint32_t n)
{
    const char *nl = memchr(t + i, '\n', n - i);
    return nl ? (uint32_t)(nl - t) + 1 : n;
}

/* Is the word w (lowercase) at t[i], not inside a longer word? */
static bool word_at(const char *t, uint32_t i, uint32_t n, const char *w)
{
    size_t k = strlen(w);
    return i + k <= n && strncasecmp(t + i, w, k) == 0 &&
           (i + k == n || !ident_char((unsigned char)t[i + k])) &&
           (i == 0 || !ident_char((unsigned char)t[i - 1]));
}

/* Does [from, to) say FROM STDIN (blanks between)? */
static bool from_stdin(const char *t, uint32_t from, uint32_t to)
{
    for (uint32_t i = from; i < to; i++) {
        if (!word_at(t, i, to, "from"))
            continue;
        uint32_t j = i + 4;
        while (j < to && isspace((unsigned char)t[j]))
            j++;
        if (word_at(t, j, to, "stdin"))
            return true;
    }
    return false;
}

/* Past the closing quote of the quote that opens at t[i], or UINT32_MAX if it never closes. */
static uint32_t quote_end(const char *t, uint32_t i, uint32_t n)
{
    char q = t[i];
    if (q == '$') {
        uint32_t k = i + 1;
        while (k < n && t[k] != '$')
            k++;
        size_t tag = k + 1 - i; /* $tag$ */
        for (uint32_t j = k + 1; j + tag <= n; j++) {
            const char *p = memchr(t + j, '$', n - j);
            if (!p)
                break;
            j = (uint32_t)(p - t);
            if (j + tag <= n && memcmp(t + j, t + i, tag) == 0)
                return j + (uint32_t)tag;
        }
        return UINT32_MAX;
    }
    /* E'...' reads backslash escapes; a standard string reads a backslash as itself */
    bool esc = q == '\'' && i > 0 && (t[i - 1] == 'e' || t[i - 1] == 'E') &&
               (i == 1 || !ident_char((unsigned char)t[i - 2]));
    for (uint32_t j = i + 1; j < n; j++) {
        if (esc && t[j] == '\\') {
            j++;
        } else if (t[j] == q) {
            if (j + 1 < n && t[j + 1] == q)
                j++;
            else
                return j + 1;
        }
    }
    return UINT32_MAX;
}

/* Does a dollar quote open at t[i]: $$ or $tag$ with tag an identifier (not $1)? */
static bool dollar_quote_at(const char *t, uint32_t i, uint32_t n)
{
    if (i > 0 && ident_char((unsigned char)t[i - 1]))
        return false;
    uint32_t k = i + 1;
    if (k < n && (isdigit((unsigned char)t[k])))
        return false;
    while (k < n && ident_char((unsigned char)t[k]) && t[k] != '$')
        k++;
    return k < n && t[k] == '$';
}

/* Where reading resumes after a quote that opens at q and never closes: the first line after
 * q's that starts, in its first column, with a word that begins a statement, after a line that
 * ends with ';' (blank lines and -- comments between). n when there is none. */
static uint32_t resume_after(const char *t, uint32_t q, uint32_t n)
{
    static const char *const starts[] = {
        "alter", "begin", "comment", "commit", "copy", "create", "delete", "do", "drop",
        "grant", "insert", "revoke", "select", "set", "truncate", "update", "with", NULL};
    bool after_semicolon = false;
    for (uint32_t i = next_line(t, q, n), prev = q; i < n; prev = i, i = next_line(t, i, n)) {
        /* the previous line's last non-blank byte; blank and -- comment lines do not count */
        uint32_t b = prev, e = i;
        while (b < i && isspace((unsigned char)t[b]))
            b++;
        while (e > prev && isspace((unsigned char)t[e - 1]))
            e--;
        if (e > b && !(prev != q && t[b] == '-' && b + 1 < e && t[b + 1] == '-'))
            after_semicolon = t[e - 1] == ';';
        if (!after_semicolon)
            continue;
        for (const char *const *w = starts; *w; w++)
            if (word_at(t, i, n, *w))
                return i;
    }
    return n;
}

static void problem(struct sql_data *d, struct arena *a, uint32_t at, const char *msg)
{
    if (d->nproblems == d->cap) {
        size_t cap = d->cap ? 2 * d->cap : 4;
        struct sql_problem *v = arena_alloc(a, cap * sizeof(*v));
        if (d->nproblems)
            memcpy(v, d->problems, d->nproblems * sizeof(*v));
        d->problems = v;
        d->cap = cap;
    }
    d->problems[d->nproblems++] = (struct sql_problem){at, msg};
}

/* The copy of t being blanked: made on the first change. */
static char *writable(struct sql_data *d, struct arena *a, const char *t, uint32_t n)
{
    if (!d->text) {
        char *c = arena_alloc(a, (size_t)n + 1);
        memcpy(c, t, n);
        c[n] = '\0';
        d->text = c;
    }
    return d->text;
}

/* What opens at t[at] (a quote, a comment) never closes: the statement from stmt is blanked up
 * to the next statement, with a problem; returns where reading resumes. */
static uint32_t give_up(struct sql_data *d, struct arena *a, const char *t, uint32_t n,
                        uint32_t stmt, uint32_t at, const char *what)
{
    problem(d, a, at, arena_printf(a, "%s that is never closed: the statement is not read; "
                                      "reading resumes at the next statement", what));
    uint32_t r = resume_after(t, at, n);
    blank(writable(d, a, t, n), stmt, r);
    return r;
}

/* Blanks COPY's data rows from line i up to a line that is \. alone (or the end of the file);
 * returns where the SQL goes on. */
static uint32_t skip_rows(struct sql_data *d, struct arena *a, const char *t, uint32_t i,
                          uint32_t n)
{
    while (i < n) {
        uint32_t end = next_line(t, i, n), e = end;
        while (e > i && (t[e - 1] == '\n' || t[e - 1] == '\r'))
            e--;
        bool last = e - i == 2 && t[i] == '\\' && t[i + 1] == '.';
        blank(writable(d, a, t, n), i, end);
        i = end;
        if (last)
            break;
    }
    return i;
}

void sql_data_blank(struct sql_data *d, const char *t, uint32_t n, struct arena *a)
{
    *d = (struct sql_data){0};
    uint32_t stmt = 0;           /* where the statement being read starts */
    uint32_t first = UINT32_MAX; /* its first byte that is not blank or comment */
    for (uint32_t i = 0; i < n;) {
        unsigned char c = (unsigned char)t[i];
        if (first == UINT32_MAX && !isspace(c) && !(c == '-' && i + 1 < n && t[i + 1] == '-') &&
            !(c == '/' && i + 1 < n && t[i + 1] == '*'))
            first = i;
        if (c == '\\' && first == i) {
            /* a psql command (\connect, \set, \copy ... from stdin): one line, not SQL */
            uint32_t end = next_line(t, i, n);
            bool copy = word_at(t, i + 1, n, "copy") && from_stdin(t, i, end);
            blank(writable(d, a, t, n), i, end);
            i = copy ? skip_rows(d, a, t, end, n) : end;
            stmt = i;
            first = UINT32_MAX;
            continue;
        }
        if (c == '-' && i + 1 < n && t[i + 1] == '-') {
            i = next_line(t, i, n);
        } else if (c == '/' && i + 1 < n && t[i + 1] == '*') {
            uint32_t depth = 1, j = i + 2;
            for (; j < n && depth; j++) {
                if (t[j] == '/' && j + 1 < n && t[j + 1] == '*')
                    depth++, j++;
                else if (t[j] == '*' && j + 1 < n && t[j + 1] == '/')
                    depth--, j++;
            }
            if (depth) {
                i = stmt = give_up(d, a, t, n, stmt, i, "a comment");
                first = UINT32_MAX;
                continue;
            }
            i = j;
        } else if (c == '\'' || c == '"' || (c == '$' && dollar_quote_at(t, i, n))) {
            uint32_t e = quote_end(t, i, n);
            if (e == UINT32_MAX) {
                i = stmt = give_up(d, a, t, n, stmt, i, c == '$' ? "a dollar quote" : "a quote");
                first = UINT32_MAX;
                continue;
            }
            i = e;
        } else if (c == ';') {
            bool copy = first != UINT32_MAX && word_at(t, first, n, "copy") &&
                        from_stdin(t, first, i);
            i = copy ? skip_rows(d, a, t, next_line(t, i, n), n) : i + 1;
            stmt = i;
            first = UINT32_MAX;
        } else {
            i++;
        }
    }
}
