/* clang.c — libclang as preflight's C and C++ parser: compile_commands.json, one index per
 * thread, and the walk that turns a translation unit into the cview checks read. */
#include "clang.h"

#include <cJSON.h>
#include <clang-c/Index.h>
#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/util.h"

#define MAX_DEPTH 2000 /* expression nesting kept; deeper parts become CX_OTHER */

const char *clang_front_version(void)
{
    static char version[64];
    if (!version[0]) {
        CXString s = clang_getClangVersion(); /* "Debian clang version 14.0.6" */
        const char *v = clang_getCString(s);
        const char *num = v ? strstr(v, "version ") : NULL;
        snprintf(version, sizeof version, "libclang %.40s", num ? num + 8 : "(unknown)");
        char *space = strchr(version + 9, ' ');
        if (space)
            *space = '\0';
        clang_disposeString(s);
    }
    return version;
}

/* ---- compile_commands.json -------------------------------------------------------------- */

typedef VEC(char *) word_vec;
typedef VEC(const char *) arg_vec;

struct compile_cmd {
    char *file;       /* absolute, normalised */
    char *directory;
    char **argv;      /* the arguments libclang gets: no compiler, no output, no input */
    int argc;
};

struct compile_db {
    char *path;
    struct compile_cmd *cmds; /* sorted by file */
    size_t n;
};

static char *join_path(const char *dir, const char *name)
{
    if (name[0] == '/' || !dir || !dir[0])
        return xstrdup(name);
    return xasprintf("%s%s%s", dir, str_ends_with(dir, "/") ? "" : "/", name);
}

/* An absolute path with "." and ".." folded, without touching the file system (a database
 * may name files that are not there any more). */
static char *normalize(const char *path)
{
    char *cwd = NULL;
    if (path[0] != '/') {
        char buf[PATH_MAX];
        cwd = xstrdup(getcwd(buf, sizeof buf) ? buf : "/");
    }
    char *full = cwd ? join_path(cwd, path) : xstrdup(path);
    free(cwd);
    char *out = xmalloc(strlen(full) + 2);
    size_t n = 0;
    for (char *seg = strtok(full, "/"); seg; seg = strtok(NULL, "/")) {
        if (strcmp(seg, ".") == 0)
            continue;
        if (strcmp(seg, "..") == 0) {
            while (n && out[n - 1] != '/')
                n--;
            if (n)
                n--;
            continue;
        }
        out[n++] = '/';
        size_t m = strlen(seg);
        memcpy(out + n, seg, m);
        n += m;
    }
    if (!n)
        out[n++] = '/';
    out[n] = '\0';
    free(full);
    return out;
}

/* Splits a shell command line as compilers' drivers are written there: blanks separate,
 * quotes group, a backslash escapes the next character. */
static void split_command(const char *s, word_vec *out)
{
    struct strbuf word;
    strbuf_init(&word);
    bool in_word = false;
    char quote = 0;
    for (const char *p = s;; p++) {
        char c = *p;
        if (!c || (!quote && (c == ' ' || c == '\t' || c == '\n'))) {
            if (in_word) {
                VEC_PUSH(*out, strbuf_detach(&word, NULL));
                strbuf_init(&word); /* detach leaves it empty, not ready */
            }
            in_word = false;
            if (!c)
                break;
            continue;
        }
        in_word = true;
        if (quote) {
            if (c == quote)
                quote = 0;
            else if (c == '\\' && quote == '"' && p[1])
                strbuf_addch(&word, *++p);
            else
                strbuf_addch(&word, c);
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '\\' && p[1]) {
            strbuf_addch(&word, *++p);
        } else {
            strbuf_addch(&word, c);
        }
    }
    strbuf_release(&word);
}

/* Options that name outputs or write files (dependency files): libclang must not act on them. */
static int output_option(const char *a)
{
    static const char *const with_value[] = {"-o", "-MF", "-MT", "-MQ", "-MJ", "--serialize-diagnostics"};
    for (size_t i = 0; i < ARRAY_SIZE(with_value); i++)
        if (strcmp(a, with_value[i]) == 0)
            return 2;
    if (strcmp(a, "-c") == 0 || strcmp(a, "-MD") == 0 || strcmp(a, "-MMD") == 0 ||
        strcmp(a, "-M") == 0 || strcmp(a, "-MM") == 0 || strcmp(a, "-MP") == 0 ||
        (a[0] == '-' && a[1] == 'o' && a[2]) || str_starts_with(a, "-MF") ||
        str_starts_with(a, "-Wp,-M"))
        return 1;
    return 0;
}

/* Options whose value is a path, as a separate word or joined (-Iinclude). */
static const char *const path_options[] = {"-I", "-isystem", "-iquote", "-idirafter",
                                           "-include", "-imacros", "-isysroot", "--sysroot",
                                           "-F", "-iprefix", "-iwithprefix", "-cxx-isystem"};

/* The word as libclang must see it: a relative path made absolute against the entry's
 * directory. (libclang's own -working-directory would change the whole process's current
 * directory, under the other threads' feet.) */
static char *absolute_option(const struct compile_cmd *cmd, const char *opt, const char *value)
{
    if (!value[0] || value[0] == '/' || value[0] == '=')
        return xasprintf("%s%s", opt, value);
    char *abs = join_path(cmd->directory, value);
    char *out = xasprintf("%s%s", opt, abs);
    free(abs);
    return out;
}

static void command_from_words(struct compile_cmd *cmd, char **words, size_t n)
{
    VEC(char *) argv = {0};
    for (size_t i = 1; i < n; i++) { /* words[0] is the compiler */
        int skip = output_option(words[i]);
        if (strcmp(words[i], "-working-directory") == 0)
            skip = 2;
        if (skip) {
            i += (size_t)skip - 1;
            continue;
        }
        const char *path_opt = NULL;
        for (size_t k = 0; k < ARRAY_SIZE(path_options) && !path_opt; k++)
            if (str_starts_with(words[i], path_options[k]))
                path_opt = path_options[k];
        if (path_opt && strcmp(words[i], path_opt) == 0 && i + 1 < n) {
            VEC_PUSH(argv, xstrdup(words[i]));
            VEC_PUSH(argv, absolute_option(cmd, "", words[++i]));
            continue;
        }
        if (path_opt && (strlen(path_opt) == 2 || words[i][strlen(path_opt)] == '=')) {
            size_t k = strlen(path_opt) + (words[i][strlen(path_opt)] == '=');
            char *opt = xstrndup(words[i], k);
            VEC_PUSH(argv, absolute_option(cmd, opt, words[i] + k));
            free(opt);
            continue;
        }
        if (words[i][0] != '-') { /* the input file: the one this entry is for */
            char *abs = join_path(cmd->directory, words[i]);
            char *norm = normalize(abs);
            bool input = strcmp(norm, cmd->file) == 0;
            free(abs);
            free(norm);
            if (input)
                continue;
        }
        VEC_PUSH(argv, xstrdup(words[i]));
    }
    cmd->argv = argv.v;
    cmd->argc = (int)argv.n;
}

static int cmp_cmd(const void *a, const void *b)
{
    return strcmp(((const struct compile_cmd *)a)->file, ((const struct compile_cmd *)b)->file);
}

static void cmd_release(struct compile_cmd *c)
{
    for (int i = 0; i < c->argc; i++)
        free(c->argv[i]);
    free(c->argv);
    free(c->file);
    free(c->directory);
}

static struct compile_db *db_read(const char *path, char **err)
{
    struct stat st;
    FILE *in = fopen(path, "rb");
    if (!in || fstat(fileno(in), &st) != 0 || !S_ISREG(st.st_mode)) {
        *err = xasprintf("cannot read '%s'", path);
        if (in)
            fclose(in);
        return NULL;
    }
    struct strbuf sb;
    strbuf_init(&sb);
    bool ok = strbuf_fread(&sb, in);
    fclose(in);
    cJSON *root = ok ? cJSON_ParseWithLength(sb.buf, sb.len) : NULL;
    strbuf_release(&sb);
    if (!cJSON_IsArray(root)) {
        *err = xasprintf("'%s' is not a compilation database (a JSON array of commands)", path);
        cJSON_Delete(root);
        return NULL;
    }
    char *dir_of_db = xstrdup(path);
    char *slash = strrchr(dir_of_db, '/');
    if (slash)
        *slash = '\0';
    else
        strcpy(dir_of_db, ".");
    VEC(struct compile_cmd) cmds = {0};
    const cJSON *e;
    size_t index = 0;
    cJSON_ArrayForEach(e, root) {
        index++;
        const cJSON *dir = cJSON_GetObjectItemCaseSensitive(e, "directory");
        const cJSON *file = cJSON_GetObjectItemCaseSensitive(e, "file");
        const cJSON *args = cJSON_GetObjectItemCaseSensitive(e, "arguments");
        const cJSON *command = cJSON_GetObjectItemCaseSensitive(e, "command");
        if (!cJSON_IsString(file) || (!cJSON_IsArray(args) && !cJSON_IsString(command))) {
            warn("%s: entry %zu has no \"file\" or no \"arguments\"/\"command\"; skipped", path,
                 index);
            continue;
        }
        struct compile_cmd c = {0};
        char *d = join_path(dir_of_db, cJSON_IsString(dir) ? dir->valuestring : ".");
        c.directory = normalize(d);
        free(d);
        char *f = join_path(c.directory, file->valuestring);
        c.file = normalize(f);
        free(f);
        word_vec words = {0};
        if (cJSON_IsArray(args)) {
            const cJSON *a;
            cJSON_ArrayForEach(a, args)
                if (cJSON_IsString(a))
                    VEC_PUSH(words, xstrdup(a->valuestring));
        } else {
            split_command(command->valuestring, &words);
        }
        command_from_words(&c, words.v, words.n);
        for (size_t i = 0; i < words.n; i++)
            free(words.v[i]);
        VEC_FREE(words);
        VEC_PUSH(cmds, c);
    }
    cJSON_Delete(root);
    free(dir_of_db);
    qsort(cmds.v, cmds.n, sizeof(*cmds.v), cmp_cmd);
    struct compile_db *db = xcalloc(1, sizeof(*db));
    db->path = xstrdup(path);
    db->cmds = cmds.v;
    db->n = cmds.n;
    return db;
}

struct compile_db *compile_db_load(const char *root, const char *explicit_file, char **err)
{
    *err = NULL;
    if (explicit_file)
        return db_read(explicit_file, err);
    char *candidate = join_path(root, "compile_commands.json");
    struct stat st;
    if (stat(candidate, &st) == 0)
        goto found;
    free(candidate);
    candidate = NULL;
    /* build*, in name order, so the choice does not depend on the directory's order */
    char *pattern_dirs[64];
    size_t nd = 0;
    DIR *d = opendir(root);
    struct dirent *de;
    while (d && (de = readdir(d)) && nd < ARRAY_SIZE(pattern_dirs))
        if (str_starts_with(de->d_name, "build"))
            pattern_dirs[nd++] = xstrdup(de->d_name);
    if (d)
        closedir(d);
    for (size_t i = 0; i < nd; i++)
        for (size_t j = i + 1; j < nd; j++)
            if (strcmp(pattern_dirs[j], pattern_dirs[i]) < 0) {
                char *t = pattern_dirs[i];
                pattern_dirs[i] = pattern_dirs[j];
                pattern_dirs[j] = t;
            }
    for (size_t i = 0; i < nd; i++) {
        char *dir = join_path(root, pattern_dirs[i]);
        char *c = join_path(dir, "compile_commands.json");
        free(dir);
        if (!candidate && stat(c, &st) == 0 && S_ISREG(st.st_mode))
            candidate = c;
        else
            free(c);
        free(pattern_dirs[i]);
    }
    if (!candidate)
        return NULL;
found:;
    struct compile_db *db = db_read(candidate, err);
    free(candidate);
    return db;
}

const char *compile_db_path(const struct compile_db *db)
{
    return db->path;
}

size_t compile_db_count(const struct compile_db *db)
{
    return db ? db->n : 0;
}

void compile_db_free(struct compile_db *db)
{
    if (!db)
        return;
    for (size_t i = 0; i < db->n; i++)
        cmd_release(&db->cmds[i]);
    free(db->cmds);
    free(db->path);
    free(db);
}

static const struct compile_cmd *db_find(const struct compile_db *db, const char *abs)
{
    if (!db)
        return NULL;
    struct compile_cmd key = {.file = (char *)abs};
    return bsearch(&key, db->cmds, db->n, sizeof(*db->cmds), cmp_cmd);
}

static bool cpp_name(const char *path)
{
    static const char *const ext[] = {".cc", ".cpp", ".cxx", ".c++", ".hpp", ".hh", ".hxx"};
    for (size_t i = 0; i < ARRAY_SIZE(ext); i++)
        if (str_ends_with(path, ext[i]))
            return true;
    return false;
}

/* A file the build does not compile (a header) borrows the command of the compiled file
 * nearest to it, the one sharing the longest leading part of its path, as clangd does; a C++
 * file only a C++ command, a C file only a C command (a .h either). */
static const struct compile_cmd *db_neighbour(const struct compile_db *db, const char *abs)
{
    const struct compile_cmd *best = NULL;
    size_t best_len = 0;
    bool header = str_ends_with(abs, ".h"), cpp = cpp_name(abs);
    for (size_t i = 0; db && i < db->n; i++) {
        if (!header && cpp_name(db->cmds[i].file) != cpp)
            continue;
        const char *a = abs, *b = db->cmds[i].file;
        size_t n = 0, dir = 0;
        while (a[n] && a[n] == b[n]) {
            if (a[n] == '/')
                dir = n + 1;
            n++;
        }
        if (dir > best_len) {
            best_len = dir;
            best = &db->cmds[i];
        }
    }
    return best;
}

/* ---- parsing ---------------------------------------------------------------------------- */

struct cx_parser {
    CXIndex index;
};

struct cx_parser *cx_parser_new(void)
{
    struct cx_parser *p = xcalloc(1, sizeof(*p));
    p->index = clang_createIndex(0, 0); /* no diagnostics printed by libclang itself */
    return p;
}

void cx_parser_delete(struct cx_parser *p)
{
    if (!p)
        return;
    clang_disposeIndex(p->index);
    free(p);
}

/* What the walk needs while it writes one file's view. */
struct walk {
    struct arena *arena;
    const struct source *src;
    CXFile file;
    VEC(struct cx_event) events; /* of the function being walked (heap; copied at its end) */
};

static char *cx_string(struct arena *a, CXString s)
{
    const char *c = clang_getCString(s);
    char *out = arena_strndup(a, c ? c : "", c ? strlen(c) : 0);
    clang_disposeString(s);
    return out;
}

/* The byte range of a cursor in the analysed file (at the macro's use when it comes from one);
 * false when it lies in another file. */
static bool extent_of(const struct walk *w, CXCursor c, uint32_t *start, uint32_t *end)
{
    CXSourceRange r = clang_getCursorExtent(c);
    CXFile f1, f2;
    unsigned a, b;
    clang_getExpansionLocation(clang_getRangeStart(r), &f1, NULL, NULL, &a);
    clang_getExpansionLocation(clang_getRangeEnd(r), &f2, NULL, NULL, &b);
    if (!f1 || !clang_File_isEqual(f1, w->file))
        return false;
    if (!f2 || !clang_File_isEqual(f2, w->file) || b < a)
        b = a;
    if (a > w->src->len)
        return false;
    *start = a;
    *end = b > w->src->len ? w->src->len : b;
    return true;
}

struct children {
    CXCursor v[8];
    unsigned n;  /* how many were seen (more than 8 are counted, not kept) */
};

static enum CXChildVisitResult collect(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct children *ch = data;
    if (ch->n < ARRAY_SIZE(ch->v))
        ch->v[ch->n] = c;
    ch->n++;
    return CXChildVisit_Continue;
}

static struct children children_of(CXCursor c)
{
    struct children ch = {.n = 0};
    clang_visitChildren(c, collect, &ch);
    return ch;
}

static bool is_expr(CXCursor c)
{
    return clang_isExpression(clang_getCursorKind(c)) != 0;
}

/* Implicit conversions, parentheses and casts say nothing about where text comes from. */
static CXCursor strip(CXCursor c)
{
    for (int guard = 0; guard < 64; guard++) {
        enum CXCursorKind k = clang_getCursorKind(c);
        if (k != CXCursor_UnexposedExpr && k != CXCursor_ParenExpr &&
            k != CXCursor_CStyleCastExpr && k != CXCursor_CXXFunctionalCastExpr &&
            k != CXCursor_CXXStaticCastExpr && k != CXCursor_CXXConstCastExpr &&
            k != CXCursor_CXXReinterpretCastExpr)
            return c;
        struct children ch = children_of(c);
        CXCursor last = clang_getNullCursor();
        for (unsigned i = 0; i < ch.n && i < ARRAY_SIZE(ch.v); i++)
            if (is_expr(ch.v[i]))
                last = ch.v[i];
        /* an implicit constructor call (std::string from a literal) keeps one operand */
        if (clang_Cursor_isNull(last) || (k == CXCursor_UnexposedExpr && ch.n != 1))
            return c;
        c = last;
    }
    return c;
}

/* The text of a string literal between its quotes (prefixes u8, L, R"d( dropped). */
static const char *literal_value(struct walk *w, CXCursor c)
{
    char *s = cx_string(w->arena, clang_getCursorSpelling(c));
    char *open = strchr(s, '"');
    if (!open)
        return s;
    char *close = strrchr(s, '"');
    if (close > open)
        *close = '\0';
    return open + 1;
}

/* The operator between a binary expression's operands, read from the file's text. */
static void operator_text(const struct walk *w, CXCursor lhs, CXCursor rhs, char op[4])
{
    uint32_t ls, le, rs, re;
    op[0] = '\0';
    if (!extent_of(w, lhs, &ls, &le) || !extent_of(w, rhs, &rs, &re) || rs < le)
        return;
    const char *t = w->src->text;
    uint32_t i = le;
    while (i < rs && (t[i] == ' ' || t[i] == '\t' || t[i] == '\n' || t[i] == '\r'))
        i++;
    size_t n = 0;
    while (i < rs && n < 3 && strchr("=+-*/%<>&|^!", t[i]))
        op[n++] = t[i++];
    op[n] = '\0';
}

static uint64_t decl_id(CXCursor decl)
{
    CXSourceLocation loc = clang_getCursorLocation(decl);
    unsigned off = 0;
    clang_getExpansionLocation(loc, NULL, NULL, NULL, &off);
    return ((uint64_t)clang_hashCursor(decl) << 32) | off | 1;
}

static struct cx_expr *expr_of(struct walk *w, CXCursor c, int depth);

static struct cx_expr *new_expr(struct walk *w, enum cx_kind kind, CXCursor c)
{
    struct cx_expr *e = arena_alloc(w->arena, sizeof(*e));
    memset(e, 0, sizeof(*e));
    e->kind = kind;
    if (!extent_of(w, c, &e->start, &e->end))
        e->start = e->end = 0;
    return e;
}

static void set_args(struct cx_expr *e, struct walk *w, CXCursor *v, unsigned n, int depth)
{
    e->nargs = n;
    e->args = n ? arena_alloc(w->arena, n * sizeof(*e->args)) : NULL;
    for (unsigned i = 0; i < n; i++)
        e->args[i] = expr_of(w, v[i], depth + 1);
}

/* A variable is a constant when it is declared const (or at file scope) and initialised with
 * a literal: `static const char *const TABLE = "users";`. */
static bool constant_var(CXCursor decl)
{
    if (clang_getCursorKind(decl) != CXCursor_VarDecl)
        return false;
    CXCursor init = clang_Cursor_getVarDeclInitializer(decl);
    if (clang_Cursor_isNull(init))
        return false;
    enum CXCursorKind k = clang_getCursorKind(strip(init));
    bool literal = k == CXCursor_StringLiteral || k == CXCursor_IntegerLiteral ||
                   k == CXCursor_CharacterLiteral || k == CXCursor_FloatingLiteral;
    if (!literal)
        return false;
    CXType t = clang_getCursorType(decl);
    bool file_scope = clang_getCursorKind(clang_getCursorSemanticParent(decl)) ==
                      CXCursor_TranslationUnit;
    return clang_isConstQualifiedType(t) || file_scope;
}

static struct cx_expr *call_expr(struct walk *w, CXCursor c, int depth)
{
    struct cx_expr *e = new_expr(w, CX_CALL, c);
    e->name = cx_string(w->arena, clang_getCursorSpelling(c));
    e->construct = clang_getCursorKind(clang_getCursorReferenced(c)) == CXCursor_Constructor;
    int n = clang_Cursor_getNumArguments(c);
    if (n < 0)
        n = 0;
    CXCursor object = clang_getNullCursor();
    struct children ch = children_of(c);
    if (ch.n && clang_getCursorKind(ch.v[0]) == CXCursor_MemberRefExpr) {
        struct children m = children_of(ch.v[0]);
        if (m.n)
            object = m.v[0];
    }
    unsigned total = (unsigned)n + !clang_Cursor_isNull(object);
    CXCursor *v = total ? arena_alloc(w->arena, total * sizeof(*v)) : NULL;
    unsigned k = 0;
    if (!clang_Cursor_isNull(object)) {
        v[k++] = object;
        e->method = true;
    }
    for (int i = 0; i < n; i++)
        v[k++] = clang_Cursor_getArgument(c, (unsigned)i);
    set_args(e, w, v, total, depth);
    return e;
}

static struct cx_expr *expr_of(struct walk *w, CXCursor c, int depth)
{
    c = strip(c);
    enum CXCursorKind k = clang_getCursorKind(c);
    if (depth > MAX_DEPTH)
        return new_expr(w, CX_OTHER, c);
    switch (k) {
    case CXCursor_StringLiteral: {
        struct cx_expr *e = new_expr(w, CX_STRING, c);
        e->value = literal_value(w, c);
        return e;
    }
    case CXCursor_IntegerLiteral:
    case CXCursor_FloatingLiteral:
    case CXCursor_CharacterLiteral:
    case CXCursor_CXXNullPtrLiteralExpr:
    case CXCursor_CXXBoolLiteralExpr:
    case CXCursor_GNUNullExpr:
    case CXCursor_UnaryExpr: /* sizeof, alignof */
        return new_expr(w, CX_NUMBER, c);
    case CXCursor_DeclRefExpr: {
        CXCursor ref = clang_getCursorReferenced(c);
        enum CXCursorKind rk = clang_getCursorKind(ref);
        if (rk == CXCursor_EnumConstantDecl)
            return new_expr(w, CX_NUMBER, c);
        struct cx_expr *e = new_expr(w, CX_VAR, c);
        e->name = cx_string(w->arena, clang_getCursorSpelling(c));
        if (rk == CXCursor_VarDecl || rk == CXCursor_ParmDecl) {
            e->var = decl_id(ref);
            e->var_const = constant_var(ref);
        } else {
            e->kind = CX_OTHER; /* a function's name, a member */
        }
        return e;
    }
    case CXCursor_CallExpr:
        return call_expr(w, c, depth);
    case CXCursor_UnaryOperator: {
        struct children ch = children_of(c);
        uint32_t s, e2;
        bool addr = extent_of(w, c, &s, &e2) && s < w->src->len && w->src->text[s] == '&';
        struct cx_expr *e = new_expr(w, addr ? CX_ADDR : CX_OTHER, c);
        set_args(e, w, ch.v, ch.n < ARRAY_SIZE(ch.v) ? ch.n : ARRAY_SIZE(ch.v), depth);
        return e;
    }
    default: {
        struct cx_expr *e = new_expr(w, CX_OTHER, c);
        if (is_expr(c)) {
            struct children ch = children_of(c);
            unsigned n = 0;
            CXCursor v[ARRAY_SIZE(ch.v)];
            for (unsigned i = 0; i < ch.n && i < ARRAY_SIZE(ch.v); i++)
                if (is_expr(ch.v[i]))
                    v[n++] = ch.v[i];
            set_args(e, w, v, n, depth);
        }
        return e;
    }
    }
}

static void add_event(struct walk *w, enum cx_event_kind kind, const struct cx_expr *target,
                      struct cx_expr *value, bool conditional)
{
    struct cx_event ev = {.kind = kind, .expr = value, .conditional = conditional, .how = "+="};
    if (target) {
        ev.var = target->var;
        ev.var_name = target->name;
    }
    VEC_PUSH(w->events, ev);
}

/* The variable a stream or string expression writes to: `ss` in `ss << a << b`, `s` in
 * `s.append(a).append(b)`. */
static const struct cx_expr *written_var(const struct cx_expr *e)
{
    for (int guard = 0; e && guard < 1000; guard++) {
        if (e->kind == CX_VAR)
            return e->var ? e : NULL;
        bool chained = e->kind == CX_CALL && e->nargs &&
                       (strcmp(e->name, "operator<<") == 0 ||
                        (e->method && strcmp(e->name, "append") == 0));
        if (!chained)
            return NULL;
        e = e->args[0];
    }
    return NULL;
}

/* Calls that write a string variable become events of their own. */
static void call_events(struct walk *w, struct cx_expr *call, bool conditional)
{
    add_event(w, CX_EV_CALL, NULL, call, conditional);
    if (call->nargs < 2)
        return;
    const struct cx_expr *target = written_var(call->args[0]);
    const char *n = call->name;
    if (strcmp(n, "operator=") == 0 && target)
        add_event(w, CX_EV_ASSIGN, target, call->args[1], conditional);
    else if ((strcmp(n, "operator+=") == 0 || (call->method && strcmp(n, "append") == 0)) &&
             target)
        add_event(w, CX_EV_APPEND, target, call->args[1], conditional);
    else if (call->method && strcmp(n, "assign") == 0 && target)
        add_event(w, CX_EV_ASSIGN, target, call->args[1], conditional);
    else if (strcmp(n, "operator<<") == 0 && target) {
        add_event(w, CX_EV_APPEND, target, call->args[1], conditional);
        w->events.v[w->events.n - 1].how = "<<";
    }
}

static void walk_stmt(struct walk *w, CXCursor c, bool conditional, int depth);

struct stmt_walk {
    struct walk *w;
    bool conditional;
    int depth;
};

static enum CXChildVisitResult stmt_child(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct stmt_walk *s = data;
    walk_stmt(s->w, c, s->conditional, s->depth + 1);
    return CXChildVisit_Continue;
}

static void walk_stmt(struct walk *w, CXCursor c, bool conditional, int depth)
{
    if (depth > MAX_DEPTH)
        return;
    enum CXCursorKind k = clang_getCursorKind(c);
    switch (k) {
    case CXCursor_IfStmt:
    case CXCursor_ForStmt:
    case CXCursor_WhileStmt:
    case CXCursor_DoStmt:
    case CXCursor_SwitchStmt:
    case CXCursor_CXXForRangeStmt:
    case CXCursor_CXXCatchStmt:
    case CXCursor_ConditionalOperator:
    case CXCursor_LambdaExpr:
        conditional = true;
        break;
    case CXCursor_VarDecl: {
        /* declared without a value: nothing a caller sent is in it (expr NULL) */
        CXCursor init = clang_Cursor_getVarDeclInitializer(c);
        struct cx_expr target = {.kind = CX_VAR, .var = decl_id(c)};
        target.name = cx_string(w->arena, clang_getCursorSpelling(c));
        add_event(w, CX_EV_INIT, &target,
                  clang_Cursor_isNull(init) ? NULL : expr_of(w, init, 0), conditional);
        break;
    }
    case CXCursor_BinaryOperator:
    case CXCursor_CompoundAssignOperator: {
        struct children ch = children_of(c);
        if (ch.n == 2) {
            char op[4];
            operator_text(w, ch.v[0], ch.v[1], op);
            struct cx_expr *lhs = expr_of(w, ch.v[0], 0);
            if (lhs->kind == CX_VAR && lhs->var && strcmp(op, "=") == 0)
                add_event(w, CX_EV_ASSIGN, lhs, expr_of(w, ch.v[1], 0), conditional);
            else if (lhs->kind == CX_VAR && lhs->var && strcmp(op, "+=") == 0)
                add_event(w, CX_EV_APPEND, lhs, expr_of(w, ch.v[1], 0), conditional);
        }
        break;
    }
    case CXCursor_CallExpr: {
        uint32_t s, e;
        if (extent_of(w, c, &s, &e))
            call_events(w, expr_of(w, c, 0), conditional);
        break;
    }
    default:
        break;
    }
    struct stmt_walk sw = {.w = w, .conditional = conditional, .depth = depth};
    clang_visitChildren(c, stmt_child, &sw);
}

struct tu_walk {
    struct walk *w;
    VEC(struct cx_function) functions;
};

static bool is_function(enum CXCursorKind k)
{
    return k == CXCursor_FunctionDecl || k == CXCursor_CXXMethod || k == CXCursor_Constructor ||
           k == CXCursor_Destructor || k == CXCursor_FunctionTemplate ||
           k == CXCursor_ConversionFunction;
}

static enum CXChildVisitResult top_level(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct tu_walk *t = data;
    struct walk *w = t->w;
    enum CXCursorKind k = clang_getCursorKind(c);
    uint32_t start, end;
    if (!extent_of(w, c, &start, &end))
        return CXChildVisit_Continue; /* from a header */
    if (k == CXCursor_Namespace || k == CXCursor_ClassDecl || k == CXCursor_StructDecl ||
        k == CXCursor_ClassTemplate || k == CXCursor_LinkageSpec || k == CXCursor_UnexposedDecl)
        return CXChildVisit_Recurse;
    if (!is_function(k) || !clang_isCursorDefinition(c))
        return CXChildVisit_Continue;
    w->events.n = 0;
    struct stmt_walk sw = {.w = w, .conditional = false, .depth = 0};
    clang_visitChildren(c, stmt_child, &sw);
    struct cx_function fn = {.start = start, .end = end};
    fn.name = cx_string(w->arena, clang_getCursorSpelling(c));
    fn.nevents = w->events.n;
    fn.events = arena_alloc(w->arena, (w->events.n ? w->events.n : 1) * sizeof(*fn.events));
    if (w->events.n)
        memcpy(fn.events, w->events.v, w->events.n * sizeof(*fn.events));
    VEC_PUSH(t->functions, fn);
    return CXChildVisit_Continue;
}

static void default_args(enum lang lang, arg_vec *args)
{
    if (lang == LANG_CPP) {
        VEC_PUSH(*args, "-x");
        VEC_PUSH(*args, "c++");
        VEC_PUSH(*args, "-std=c++17");
    } else {
        VEC_PUSH(*args, "-x");
        VEC_PUSH(*args, "c");
    }
}

/* Counts the errors; the first is kept as "line L:C: message" when it is in the file itself
 * (no absolute path in the output), "header.h:L: message" when in what it includes. */
static void read_diagnostics(CXTranslationUnit tu, CXFile main_file, struct arena *arena,
                             struct cx_diag *diag)
{
    unsigned n = clang_getNumDiagnostics(tu);
    for (unsigned i = 0; i < n; i++) {
        CXDiagnostic d = clang_getDiagnostic(tu, i);
        if (clang_getDiagnosticSeverity(d) >= CXDiagnostic_Error && !diag->errors++) {
            CXFile file;
            unsigned line, col;
            clang_getExpansionLocation(clang_getDiagnosticLocation(d), &file, &line, &col, NULL);
            char *msg = cx_string(arena, clang_getDiagnosticSpelling(d));
            if (file && main_file && clang_File_isEqual(file, main_file)) {
                diag->first = arena_printf(arena, "line %u:%u: %s", line, col, msg);
            } else if (file) {
                char *name = cx_string(arena, clang_getFileName(file));
                const char *base = strrchr(name, '/');
                diag->first = arena_printf(arena, "%s:%u: %s", base ? base + 1 : name, line, msg);
            } else {
                diag->first = msg;
            }
        }
        clang_disposeDiagnostic(d);
    }
}

const struct cview *cx_parse(struct cx_parser *p, const struct compile_db *db,
                             const char *fs_path, const struct source *src, struct arena *arena,
                             struct cx_diag *diag, char **why)
{
    memset(diag, 0, sizeof(*diag));
    char *abs = normalize(fs_path);
    const struct compile_cmd *cmd = db_find(db, abs);
    bool borrowed = !cmd && (cmd = db_neighbour(db, abs)) != NULL;
    arg_vec args = {0};
    if (cmd) {
        diag->flags_from_db = true;
        diag->borrowed = borrowed;
        /* a .h read with a C++ file's flags is C++ (the driver would take it for C) */
        if (borrowed && cpp_name(cmd->file) && !cpp_name(abs)) {
            VEC_PUSH(args, "-x");
            VEC_PUSH(args, "c++-header");
        }
        for (int i = 0; i < cmd->argc; i++)
            VEC_PUSH(args, cmd->argv[i]);
    } else {
        default_args(src->lang, &args);
    }
    struct CXUnsavedFile unsaved = {.Filename = abs, .Contents = src->text, .Length = src->len};
    unsigned options = CXTranslationUnit_KeepGoing | CXTranslationUnit_IgnoreNonErrorsFromIncludedFiles |
                       0;
    CXTranslationUnit tu = NULL;
    enum CXErrorCode rc = clang_parseTranslationUnit2(p->index, abs, args.v, (int)args.n,
                                                      &unsaved, 1, options, &tu);
    VEC_FREE(args);
    if (rc != CXError_Success || !tu) {
        *why = xasprintf("libclang could not parse it (error %d)", (int)rc);
        free(abs);
        return NULL;
    }
    struct walk w = {.arena = arena, .src = src, .file = clang_getFile(tu, abs)};
    read_diagnostics(tu, w.file, arena, diag);
    struct cview *view = arena_alloc(arena, sizeof(*view));
    memset(view, 0, sizeof(*view));
    if (w.file) {
        struct tu_walk t = {.w = &w};
        clang_visitChildren(clang_getTranslationUnitCursor(tu), top_level, &t);
        view->nfunctions = t.functions.n;
        view->functions = arena_alloc(arena, (t.functions.n ? t.functions.n : 1) *
                                                 sizeof(*view->functions));
        if (t.functions.n)
            memcpy(view->functions, t.functions.v, t.functions.n * sizeof(*view->functions));
        VEC_FREE(t.functions);
    }
    VEC_FREE(w.events);
    clang_disposeTranslationUnit(tu);
    free(abs);
    return view;
}
