/* suppress.c — finding the preflight-ignore comments of a file and applying them to findings.
 *
 * Comments are found by their text ("preflight-ignore" is rare, so one strstr pass is cheap)
 * and confirmed with the tree where there is one: a directive quoted in a string is not a
 * comment. SQL, C and the text files (lang.h) have no tree here, so their comments are
 * recognised by their markers on the text (comment_syntax).
 */
#include "suppress.h"

#include <stdlib.h>
#include <string.h>

#include "checks/registry.h"
#include "base/glob.h"
#include "redact.h"
#include "run/run_p.h"

#define DIRECTIVE "preflight-ignore"

enum scope { SCOPE_LINE, SCOPE_NEXT_LINE, SCOPE_FILE };

struct entry {
    char *pattern;          /* a check id or glob (owned) */
    uint32_t start, end;    /* its bytes in the comment, where an unused entry is reported */
    struct finding *unused; /* reported if the entry suppresses nothing, or NULL (owned) */
    bool used;
};

struct suppression {
    enum scope scope;
    uint32_t line;          /* the 1-based line it covers; 0 for none (and for SCOPE_FILE) */
    char *reason;           /* or NULL (owned) */
    VEC(struct entry) entries;
};

struct suppression_set {
    VEC(struct suppression) items;
    VEC(struct finding *) malformed; /* directives without a list, reported as they are */
};

/* What the scanner knows of one file. */
struct scan {
    const struct source *src;
    struct redactions *redactions; /* masked in the findings made here (redact.h), or NULL */
    TSNode root;            /* null for SQL */
    bool broken;            /* the tree has syntax errors, whose subtrees checks skip */
};

static bool has_tree(const struct scan *s)
{
    return !ts_node_is_null(s->root);
}

static bool is_comment_node(TSNode n)
{
    return !ts_node_is_null(n) && strstr(ts_node_type(n), "comment") != NULL;
}

/* How the files read without a tree write comments: SQL (--), C and C++ and JSONC (//),
 * the # of env files, YAML, TOML, .ini (also ;), Dockerfiles and shell, Markdown's <!-- -->. */
struct comment_syntax {
    const char *line, *line2; /* line comment markers, or NULL */
    const char *open, *close; /* block comment markers, or NULL */
    bool hash_after_blank;    /* # starts a comment only at a line start or after a blank */
    bool double_quotes;       /* "..." is a string (with \ escapes), besides '...' */
};

static struct comment_syntax comment_syntax(enum lang lang)
{
    switch (lang) {
    case LANG_SQL: return (struct comment_syntax){"--", NULL, "/*", "*/", false, false};
    case LANG_C:
    case LANG_CPP:
    case LANG_TYPESCRIPT: /* parsed files are read without a tree when no check needs it */
    case LANG_TSX:
    case LANG_JAVASCRIPT:
    case LANG_JSON: return (struct comment_syntax){"//", NULL, "/*", "*/", false, true};
    case LANG_INI: return (struct comment_syntax){"#", ";", NULL, NULL, true, true};
    case LANG_MARKDOWN: return (struct comment_syntax){NULL, NULL, "<!--", "-->", false, false};
    default: return (struct comment_syntax){"#", NULL, NULL, NULL, true, true};
    }
}

static bool marker_at(const char *t, const char *marker)
{
    return marker && strncmp(t, marker, strlen(marker)) == 0;
}

/* true when a line comment starts at text[i] (ls: its line's start). */
static bool line_comment_at(const struct comment_syntax *cs, const char *text, uint32_t ls,
                            uint32_t i)
{
    if (!marker_at(text + i, cs->line) && !marker_at(text + i, cs->line2))
        return false;
    return !cs->hash_after_blank || i == ls || text[i - 1] == ' ' || text[i - 1] == '\t';
}

static uint32_t line_start(const struct source *src, uint32_t off)
{
    return src->lines[source_line_index(src, off)];
}

static uint32_t line_end(const struct source *src, uint32_t off)
{
    const char *nl = memchr(src->text + off, '\n', src->len - off);
    uint32_t end = nl ? (uint32_t)(nl - src->text) : src->len;
    if (end > off && src->text[end - 1] == '\r')
        end--;
    return end;
}

/* When a comment starts at byte off, returns the byte after it; else 0. */
static uint32_t comment_at(const struct scan *s, uint32_t off)
{
    const struct source *src = s->src;
    if (off >= src->len)
        return 0;
    if (has_tree(s)) {
        TSNode n = ts_node_descendant_for_byte_range(s->root, off, off + 1);
        return is_comment_node(n) && ts_node_start_byte(n) == off ? ts_node_end_byte(n) : 0;
    }
    struct comment_syntax cs = comment_syntax(src->lang);
    const char *t = src->text + off;
    if (line_comment_at(&cs, src->text, line_start(src, off), off))
        return line_end(src, off);
    if (marker_at(t, cs.open)) {
        const char *close = strstr(t + strlen(cs.open), cs.close);
        return close ? (uint32_t)(close + strlen(cs.close) - src->text) : src->len;
    }
    return 0;
}

/* The start of the comment holding byte off, or UINT32_MAX when off is not in a comment. */
static uint32_t comment_start(const struct scan *s, uint32_t off)
{
    const struct source *src = s->src;
    if (has_tree(s)) {
        TSNode n = ts_node_descendant_for_byte_range(s->root, off, off + 1);
        return is_comment_node(n) ? ts_node_start_byte(n) : UINT32_MAX;
    }
    /* a line comment on this line, else an open block comment */
    uint32_t ls = line_start(src, off);
    struct comment_syntax cs = comment_syntax(src->lang);
    char quote = 0;
    for (uint32_t i = ls; i < off; i++) {
        char c = src->text[i];
        if (quote) {
            if (c == quote)
                quote = 0;
            else if (c == '\\' && cs.double_quotes)
                i++;
        } else if (c == '\'' || (c == '"' && cs.double_quotes)) {
            quote = c;
        } else if (line_comment_at(&cs, src->text, ls, i)) {
            return i;
        }
    }
    if (!cs.open)
        return UINT32_MAX;
    size_t no = strlen(cs.open), nc = strlen(cs.close);
    for (uint32_t i = off; i-- > 0;) {
        if (i + nc <= off && marker_at(src->text + i, cs.close))
            return UINT32_MAX;
        if (i + no <= off && marker_at(src->text + i, cs.open))
            return i;
    }
    return UINT32_MAX;
}

/* The 1-based line of the first line after the one holding byte off that holds code, or 0. */
static uint32_t next_code_line(const struct scan *s, uint32_t off)
{
    const struct source *src = s->src;
    uint32_t k = source_line_index(src, off) + 1;
    while (k < src->nlines) {
        uint32_t p = src->lines[k];
        uint32_t end = line_end(src, p);
        for (;;) {
            while (p < end && (src->text[p] == ' ' || src->text[p] == '\t'))
                p++;
            if (p >= end)
                break;
            uint32_t after = comment_at(s, p);
            if (!after)
                return k + 1; /* code */
            if (after > end) { /* a block comment going on below */
                p = after;
                end = line_end(src, after < src->len ? after : src->len);
                k = source_line_index(src, after < src->len ? after : src->len);
                continue;
            }
            p = after;
        }
        k++;
    }
    return 0;
}

static bool pattern_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '-' || c == '_' || c == '*' || c == '?';
}

/* The enabled unused-suppression check's index in run->checks, or -1. */
static long unused_check_index(const struct run *run)
{
    for (size_t i = 0; i < run->nchecks; i++)
        if (strcmp(run->checks[i]->id, UNUSED_SUPPRESSION_ID) == 0)
            return (long)i;
    return -1;
}

/* The message for an entry that may go unused, or NULL when an unused entry is no news: the
 * checks it names are not enabled in this run, or it only names the unused check itself. */
static char *unused_message(const struct run *run, const char *pattern, enum lang lang,
                            enum scope scope, uint32_t target, bool broken)
{
    if (strcmp(pattern, UNUSED_SUPPRESSION_ID) == 0)
        return NULL;
    bool known = false, for_lang = false, enabled = false;
    for (size_t i = 0; i < check_registry_count; i++) {
        const struct check *c = check_registry[i];
        if (!glob_match(pattern, c->id, false))
            continue;
        known = true;
        for_lang |= (c->langs & LANG_BIT(lang)) != 0;
    }
    for (size_t i = 0; i < run->nchecks; i++) {
        const struct check *c = run->checks[i];
        if ((c->file || c->project || c->schema_set) && (c->langs & LANG_BIT(lang)) &&
            glob_match(pattern, c->id, false))
            enabled = true;
    }
    if (!known)
        return xasprintf("suppression of '%s' names no check (see --list-checks)", pattern);
    if (!for_lang)
        return xasprintf("suppression of '%s' can match nothing: no such check looks at %s "
                         "files", pattern, lang_name(lang));
    /* checks skip what does not parse: a finding may be missing for that reason alone */
    if (!enabled || broken)
        return NULL;
    const char *what = strpbrk(pattern, "*?") ? "matching" : "of";
    switch (scope) {
    case SCOPE_LINE:
        return xasprintf("unused suppression: no finding %s '%s' on this line", what, pattern);
    case SCOPE_NEXT_LINE:
        if (!target)
            return xasprintf("unused suppression: no code follows for '%s' to apply to",
                             pattern);
        return xasprintf("unused suppression: no finding %s '%s' on the next line (%u)", what,
                         pattern, target);
    case SCOPE_FILE:
        return xasprintf("unused suppression: no finding %s '%s' in this file", what, pattern);
    }
    return NULL;
}

static struct finding *new_finding(const struct run *run, long index, const struct file_ref *file,
                                   const struct scan *s, uint32_t start, uint32_t end,
                                   char *message)
{
    struct finding *fd = finding_new(run->checks[index], (size_t)index, *file, start, end,
                                     message);
    findings_resolve_masked(&fd, 1, s->src, run_line_hashes(run), s->redactions);
    return fd;
}

/* Parses the directive whose name starts at byte off; adds it to set. */
static void parse_directive(const struct run *run, long unused_index, const struct scan *s,
                            const struct file_ref *file, uint32_t off, uint32_t comment_end,
                            struct suppression_set *set)
{
    const struct source *src = s->src;
    const char *t = src->text;
    uint32_t limit = line_end(src, off);
    if (comment_end && comment_end < limit)
        limit = comment_end;
    uint32_t p = off + (uint32_t)strlen(DIRECTIVE);
    struct suppression sup = {.scope = SCOPE_LINE};
    uint32_t w = p;
    while (w < limit && ((t[w] >= 'a' && t[w] <= 'z') || t[w] == '-'))
        w++;
    if (w == p + 10 && strncmp(t + p, "-next-line", 10) == 0) {
        sup.scope = SCOPE_NEXT_LINE;
    } else if (w == p + 5 && strncmp(t + p, "-file", 5) == 0) {
        sup.scope = SCOPE_FILE;
    } else if (w > p && t[p] == '-') {
        if (unused_index >= 0)
            VEC_PUSH(set->malformed,
                     new_finding(run, unused_index, file, s, off, w,
                                 xasprintf("unknown directive '%.*s' (use preflight-ignore, "
                                           "preflight-ignore-next-line or preflight-ignore-file)",
                                           (int)(w - off), t + off)));
        return;
    } else if (w > p || (w < limit && pattern_char(t[w]))) {
        return; /* another word ("preflight-ignored"): not a directive */
    }
    p = w;

    bool ok = p < limit && t[p] == '[';
    uint32_t close = p;
    if (ok) {
        while (close < limit && t[close] != ']')
            close++;
        ok = close < limit;
    }
    if (ok) {
        for (uint32_t q = p + 1; q < close;) {
            while (q < close && (t[q] == ' ' || t[q] == '\t' || t[q] == ','))
                q++;
            uint32_t a = q;
            while (q < close && t[q] != ',')
                q++;
            uint32_t b = q;
            while (b > a && (t[b - 1] == ' ' || t[b - 1] == '\t'))
                b--;
            if (b > a) {
                struct entry e = {.pattern = xstrndup(t + a, b - a), .start = a, .end = b};
                VEC_PUSH(sup.entries, e);
            }
        }
        ok = sup.entries.n > 0;
    }
    if (!ok) {
        if (unused_index >= 0)
            VEC_PUSH(set->malformed,
                     new_finding(run, unused_index, file, s, off, p,
                                 xstrdup("suppression without a list of checks: write "
                                         "preflight-ignore[check-id]: reason")));
        for (size_t i = 0; i < sup.entries.n; i++)
            free(sup.entries.v[i].pattern);
        VEC_FREE(sup.entries);
        return;
    }

    /* the reason: after ':' to the end of the comment or line, without a block comment's close */
    uint32_t r = close + 1;
    while (r < limit && (t[r] == ' ' || t[r] == '\t'))
        r++;
    if (r < limit && t[r] == ':') {
        r++;
        uint32_t e = limit;
        while (r < e && (t[r] == ' ' || t[r] == '\t'))
            r++;
        while (e > r && (t[e - 1] == ' ' || t[e - 1] == '\t' || t[e - 1] == '\r'))
            e--;
        if (e >= r + 2 && t[e - 2] == '*' && t[e - 1] == '/')
            e -= 2;
        else if (e >= r + 3 && strncmp(t + e - 3, "-->", 3) == 0)
            e -= 3;
        while (e > r && (t[e - 1] == ' ' || t[e - 1] == '\t'))
            e--;
        if (e > r)
            sup.reason = xstrndup(t + r, e - r);
    }

    uint32_t target = 0;
    if (sup.scope == SCOPE_LINE)
        target = source_line_index(src, off) + 1;
    else if (sup.scope == SCOPE_NEXT_LINE)
        target = next_code_line(s, comment_end ? comment_end - 1 : off);
    sup.line = target;

    enum lang lang = src->lang;
    for (size_t i = 0; i < sup.entries.n; i++) {
        struct entry *e = &sup.entries.v[i];
        if (unused_index < 0)
            continue;
        char *msg = unused_message(run, e->pattern, lang, sup.scope, target, s->broken);
        if (msg)
            e->unused = new_finding(run, unused_index, file, s, e->start, e->end, msg);
    }
    VEC_PUSH(set->items, sup);
}

struct suppression_set *suppressions_collect(const struct run *run, const struct file_ref *file,
                                             const struct source *src, TSNode root,
                                             struct redactions *redactions)
{
    struct scan s = {.src = src, .redactions = redactions, .root = root,
                     .broken = !ts_node_is_null(root) && ts_node_has_error(root)};
    struct suppression_set *set = NULL;
    long unused_index = unused_check_index(run);
    const size_t n = strlen(DIRECTIVE);
    for (const char *hit = strstr(src->text, DIRECTIVE); hit; hit = strstr(hit + n, DIRECTIVE)) {
        uint32_t off = (uint32_t)(hit - src->text);
        if (off + n > src->len)
            break; /* past a NUL inside the text */
        uint32_t cs = comment_start(&s, off);
        if (cs == UINT32_MAX)
            continue;
        /* the directive opens the comment: only markers and blanks before it on its line */
        uint32_t from = line_start(src, off);
        if (cs > from)
            from = cs;
        bool opens = true;
        for (uint32_t i = from; i < off && opens; i++)
            opens = strchr(" \t/*#-{!<;", src->text[i]) != NULL;
        if (!opens)
            continue;
        uint32_t ce = comment_at(&s, cs);
        if (!set)
            set = xcalloc(1, sizeof(*set));
        parse_directive(run, unused_index, &s, file, off, ce, set);
    }
    if (set && !set->items.n && !set->malformed.n) {
        suppression_set_free(set);
        return NULL;
    }
    return set;
}

void suppression_set_free(struct suppression_set *set)
{
    if (!set)
        return;
    for (size_t i = 0; i < set->items.n; i++) {
        struct suppression *sup = &set->items.v[i];
        for (size_t k = 0; k < sup->entries.n; k++) {
            free(sup->entries.v[k].pattern);
            finding_free(sup->entries.v[k].unused);
        }
        VEC_FREE(sup->entries);
        free(sup->reason);
    }
    VEC_FREE(set->items);
    for (size_t i = 0; i < set->malformed.n; i++)
        finding_free(set->malformed.v[i]);
    VEC_FREE(set->malformed);
    free(set);
}

/* Marks fd suppressed by the entries of set that cover it. With only_exact, just entries that
 * name the unused-suppression check by its id (no glob hides that check's own findings). */
static void match(struct suppression_set *set, struct finding *fd, bool only_exact)
{
    const char *id = fd->check->id;
    uint32_t line = fd->loc.start_pos.line;
    const char *reason = NULL;
    bool reason_from_file = false;
    for (size_t i = 0; i < set->items.n; i++) {
        struct suppression *sup = &set->items.v[i];
        if (sup->scope != SCOPE_FILE && sup->line != line)
            continue;
        for (size_t k = 0; k < sup->entries.n; k++) {
            struct entry *e = &sup->entries.v[k];
            bool hit = only_exact ? strcmp(e->pattern, id) == 0 : glob_match(e->pattern, id, false);
            if (!hit)
                continue;
            e->used = true;
            fd->suppressed = true;
            /* the reason of the nearest comment: a line's before the file's */
            if (sup->reason && (!reason || (reason_from_file && sup->scope != SCOPE_FILE))) {
                reason = sup->reason;
                reason_from_file = sup->scope == SCOPE_FILE;
            }
        }
    }
    if (fd->suppressed && reason && !fd->justification)
        fd->justification = xstrdup(reason);
}

static const struct run *sort_files_run; /* qsort has no context argument */

static int cmp_file_index(const void *a, const void *b)
{
    return strcmp(sort_files_run->files[*(const size_t *)a].ref.path,
                  sort_files_run->files[*(const size_t *)b].ref.path);
}

/* The index in run->files of the file at path, through order (sorted by path), or SIZE_MAX. */
static size_t file_index(const struct run *run, const size_t *order, const char *path)
{
    size_t lo = 0, hi = run->nfiles;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(path, run->files[order[mid]].ref.path);
        if (c == 0)
            return order[mid];
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return SIZE_MAX;
}

void suppressions_apply(struct run *run, struct suppression_set **sets)
{
    bool any = false;
    for (size_t i = 0; i < run->nfiles && !any; i++)
        any = sets[i] != NULL;
    if (!any)
        return;
    size_t *order = xmalloc(run->nfiles * sizeof(*order));
    for (size_t i = 0; i < run->nfiles; i++)
        order[i] = i;
    sort_files_run = run;
    qsort(order, run->nfiles, sizeof(*order), cmp_file_index);

    struct finding_list *list = &run->findings;
    for (size_t i = 0; i < list->items.n; i++) {
        struct finding *fd = list->items.v[i];
        size_t k = file_index(run, order, fd->loc.file.path);
        if (k != SIZE_MAX && sets[k])
            match(sets[k], fd, false);
    }

    /* what suppressed nothing is reported; such a report can itself be suppressed only by
     * naming maintainability-unused-suppression exactly */
    for (size_t i = 0; i < run->nfiles; i++) {
        struct suppression_set *set = sets[i];
        if (!set)
            continue;
        VEC(struct finding *) unused = {0};
        for (size_t k = 0; k < set->items.n; k++)
            for (size_t j = 0; j < set->items.v[k].entries.n; j++) {
                struct entry *e = &set->items.v[k].entries.v[j];
                if (!e->used && e->unused) {
                    VEC_PUSH(unused, e->unused);
                    e->unused = NULL;
                }
            }
        for (size_t k = 0; k < set->malformed.n; k++)
            VEC_PUSH(unused, set->malformed.v[k]);
        set->malformed.n = 0;
        for (size_t k = 0; k < unused.n; k++) {
            match(set, unused.v[k], true);
            VEC_PUSH(list->items, unused.v[k]);
        }
        VEC_FREE(unused);
        suppression_set_free(set);
        sets[i] = NULL;
    }
    free(order);
}
