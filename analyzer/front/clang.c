/* clang.c — libclang as preflight's C and C++ parser: one index per thread, each file parsed
 * with the flags compile_db.c finds for it, and the walk that turns a translation unit into
 * the cview checks read. */
#include "clang.h"

#include <clang-c/Index.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clang_p.h"
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

/* ---- parsing ---------------------------------------------------------------------------- */

typedef VEC(const char *) arg_vec;

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
    char *abs = compile_path_normalize(fs_path);
    const struct compile_cmd *cmd = compile_db_find(db, abs);
    bool borrowed = !cmd && (cmd = compile_db_neighbour(db, abs)) != NULL;
    arg_vec args = {0};
    if (cmd) {
        diag->flags_from_db = true;
        diag->borrowed = borrowed;
        /* a .h read with a C++ file's flags is C++ (the driver would take it for C) */
        if (borrowed && compile_path_is_cpp(cmd->file) && !compile_path_is_cpp(abs)) {
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
