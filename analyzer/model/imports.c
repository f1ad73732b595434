/* imports.c — the imports and exports of a file's top-level statements (see imports.h). The
 * resolver that maps them to project files is imports_resolve.c. */
#include <string.h>

#include "front/syntax.h"
#include "model/imports.h"
#include "model/localdefs.h"

typedef VEC(struct import_binding) binding_vec;
typedef VEC(struct import_export) export_vec;

struct scan {
    struct check_file *f;
    binding_vec b;
    export_vec x;
    bool project;
};

static const char *text_of(const struct check_file *f, TSNode n, uint32_t *len)
{
    uint32_t a = ts_node_start_byte(n), e = ts_node_end_byte(n);
    *len = e - a;
    return f->src->text + a;
}

/* The text of a string literal without its quotes (the first string_fragment). */
static bool string_body(const struct check_file *f, TSNode s, const char **p, uint32_t *n)
{
    if (!node_is(s, "string"))
        return false;
    uint32_t count = ts_node_named_child_count(s);
    for (uint32_t i = 0; i < count; i++) {
        TSNode c = ts_node_named_child(s, i);
        if (node_is(c, "string_fragment") || node_is(c, "string_content")) {
            *p = text_of(f, c, n);
            return true;
        }
    }
    return false;
}

static bool spec_is_project(const char *s, uint32_t n, bool py)
{
    if (py)
        return true; /* absolute Python imports may be the project's packages */
    return n && (s[0] == '.' || (n > 1 && (s[0] == '@' || s[0] == '~' || s[0] == '#') &&
                                 s[1] == '/'));
}

static void add_binding(struct scan *s, TSNode local, const char *name, uint32_t name_len,
                        const char *spec, uint32_t spec_len, TSNode stmt)
{
    if (ts_node_is_null(local))
        return;
    struct import_binding b = {.name = name, .name_len = name_len, .spec = spec,
                               .spec_len = spec_len, .start = ts_node_start_byte(stmt),
                               .end = ts_node_end_byte(stmt)};
    b.local = text_of(s->f, local, &b.local_len);
    if (!b.name) {
        b.name = b.local;
        b.name_len = b.local_len;
    }
    s->project |= spec_is_project(spec, spec_len, s->f->lang == LANG_PYTHON);
    VEC_PUSH(s->b, b);
}

static void add_export(struct scan *s, TSNode name, TSNode local)
{
    if (ts_node_is_null(name))
        return;
    struct import_export x = {.start = ts_node_start_byte(name), .end = ts_node_end_byte(name)};
    x.name = text_of(s->f, name, &x.name_len);
    x.local = ts_node_is_null(local) ? x.name : text_of(s->f, local, &x.local_len);
    if (ts_node_is_null(local))
        x.local_len = x.name_len;
    VEC_PUSH(s->x, x);
}

static void add_export_default(struct scan *s, TSNode local)
{
    if (!node_is(local, "identifier"))
        return;
    struct import_export x = {.name = "default", .name_len = 7,
                              .start = ts_node_start_byte(local), .end = ts_node_end_byte(local)};
    x.local = text_of(s->f, local, &x.local_len);
    VEC_PUSH(s->x, x);
}

/* TypeScript / JavaScript -------------------------------------------------------------- */

static void ts_import(struct scan *s, TSNode stmt)
{
    const char *spec;
    uint32_t spec_len;
    if (!string_body(s->f, node_field(stmt, "source"), &spec, &spec_len))
        return;
    uint32_t count = ts_node_named_child_count(stmt);
    for (uint32_t i = 0; i < count; i++) {
        TSNode clause = ts_node_named_child(stmt, i);
        if (!node_is(clause, "import_clause"))
            continue;
        uint32_t nc = ts_node_named_child_count(clause);
        for (uint32_t k = 0; k < nc; k++) {
            TSNode c = ts_node_named_child(clause, k);
            if (node_is(c, "identifier")) {
                add_binding(s, c, "default", 7, spec, spec_len, stmt);
            } else if (node_is(c, "namespace_import")) {
                add_binding(s, ts_node_named_child(c, 0), "*", 1, spec, spec_len, stmt);
            } else if (node_is(c, "named_imports")) {
                uint32_t ns = ts_node_named_child_count(c);
                for (uint32_t j = 0; j < ns; j++) {
                    TSNode sp = ts_node_named_child(c, j);
                    if (!node_is(sp, "import_specifier"))
                        continue;
                    TSNode name = node_field(sp, "name"), alias = node_field(sp, "alias");
                    uint32_t nl = 0;
                    const char *nm = ts_node_is_null(name) ? NULL : text_of(s->f, name, &nl);
                    add_binding(s, ts_node_is_null(alias) ? name : alias, nm, nl, spec,
                                spec_len, stmt);
                }
            }
        }
    }
}

/* const x = require('./x'), const { a, b: c } = require('./x') */
static void ts_require(struct scan *s, TSNode decl)
{
    uint32_t count = ts_node_named_child_count(decl);
    for (uint32_t i = 0; i < count; i++) {
        TSNode d = ts_node_named_child(decl, i);
        TSNode value = node_field(d, "value");
        if (!node_is(d, "variable_declarator") || !node_is(value, "call_expression") ||
            !node_text_eq(s->f, node_field(value, "function"), "require"))
            continue;
        const char *spec;
        uint32_t spec_len;
        TSNode arg = ts_node_named_child(node_field(value, "arguments"), 0);
        if (!string_body(s->f, arg, &spec, &spec_len))
            continue;
        TSNode name = node_field(d, "name");
        if (node_is(name, "identifier")) {
            add_binding(s, name, "*", 1, spec, spec_len, decl);
            continue;
        }
        if (!node_is(name, "object_pattern"))
            continue;
        uint32_t np = ts_node_named_child_count(name);
        for (uint32_t k = 0; k < np; k++) {
            TSNode p = ts_node_named_child(name, k);
            if (node_is(p, "shorthand_property_identifier_pattern")) {
                add_binding(s, p, NULL, 0, spec, spec_len, decl);
            } else if (node_is(p, "pair_pattern")) {
                TSNode key = node_field(p, "key"), val = node_field(p, "value");
                uint32_t kl;
                const char *k_text = text_of(s->f, key, &kl);
                if (node_is(val, "identifier"))
                    add_binding(s, val, k_text, kl, spec, spec_len, decl);
            }
        }
    }
}

/* The names a declaration binds at the top level: function, class, const/let/var. */
static void ts_declared(struct scan *s, TSNode decl, bool as_default)
{
    if (node_is(decl, "lexical_declaration") || node_is(decl, "variable_declaration")) {
        uint32_t count = ts_node_named_child_count(decl);
        for (uint32_t i = 0; i < count; i++) {
            TSNode d = ts_node_named_child(decl, i);
            TSNode name = node_field(d, "name");
            if (node_is(d, "variable_declarator") && node_is(name, "identifier"))
                add_export(s, name, (TSNode){0});
        }
        return;
    }
    TSNode name = node_field(decl, "name");
    if (!node_is(name, "identifier") && !node_is(name, "type_identifier"))
        return;
    if (as_default)
        add_export_default(s, name);
    else
        add_export(s, name, (TSNode){0});
}

static void ts_export(struct scan *s, TSNode stmt)
{
    const char *spec = NULL;
    uint32_t spec_len = 0;
    bool from = string_body(s->f, node_field(stmt, "source"), &spec, &spec_len);
    bool is_default = false;
    uint32_t all = ts_node_child_count(stmt);
    for (uint32_t i = 0; i < all; i++) {
        TSNode c = ts_node_child(stmt, i);
        if (!ts_node_is_named(c) && node_is(c, "default"))
            is_default = true;
    }
    TSNode decl = node_field(stmt, "declaration");
    if (!ts_node_is_null(decl)) {
        ts_declared(s, decl, is_default);
        return;
    }
    TSNode value = node_field(stmt, "value");
    if (is_default && !ts_node_is_null(value)) {
        if (node_is(value, "identifier"))
            add_export_default(s, value);
        else if (node_is(value, "function_expression") || node_is(value, "class"))
            ts_declared(s, value, true);
        return;
    }
    if (from) /* export { a } from './x': a re-export, a second hop */
        return;
    uint32_t count = ts_node_named_child_count(stmt);
    for (uint32_t i = 0; i < count; i++) {
        TSNode clause = ts_node_named_child(stmt, i);
        if (!node_is(clause, "export_clause"))
            continue;
        uint32_t ns = ts_node_named_child_count(clause);
        for (uint32_t k = 0; k < ns; k++) {
            TSNode sp = ts_node_named_child(clause, k);
            if (!node_is(sp, "export_specifier"))
                continue;
            TSNode name = node_field(sp, "name"), alias = node_field(sp, "alias");
            if (ts_node_is_null(alias))
                add_export(s, name, (TSNode){0});
            else
                add_export(s, alias, name);
        }
    }
}

static void scan_ts(struct scan *s)
{
    uint32_t count = ts_node_named_child_count(s->f->root);
    for (uint32_t i = 0; i < count; i++) {
        TSNode stmt = ts_node_named_child(s->f->root, i);
        if (node_is(stmt, "import_statement"))
            ts_import(s, stmt);
        else if (node_is(stmt, "export_statement"))
            ts_export(s, stmt);
        else if (node_is(stmt, "lexical_declaration") || node_is(stmt, "variable_declaration"))
            ts_require(s, stmt);
    }
}

/* Python ------------------------------------------------------------------------------- */

static void py_import(struct scan *s, TSNode stmt)
{
    uint32_t count = ts_node_named_child_count(stmt);
    for (uint32_t i = 0; i < count; i++) {
        TSNode c = ts_node_named_child(stmt, i);
        uint32_t spec_len;
        if (node_is(c, "aliased_import")) {
            /* import app.db as db */
            const char *spec = text_of(s->f, node_field(c, "name"), &spec_len);
            add_binding(s, node_field(c, "alias"), "*", 1, spec, spec_len, stmt);
        } else if (node_is(c, "dotted_name") && ts_node_named_child_count(c) == 1) {
            const char *spec = text_of(s->f, c, &spec_len);
            add_binding(s, c, "*", 1, spec, spec_len, stmt);
        }
    }
}

static void py_import_from(struct scan *s, TSNode stmt)
{
    TSNode module = node_field(stmt, "module_name");
    if (ts_node_is_null(module))
        return;
    uint32_t spec_len;
    const char *spec = text_of(s->f, module, &spec_len);
    uint32_t count = ts_node_named_child_count(stmt);
    for (uint32_t i = 0; i < count; i++) {
        TSNode c = ts_node_named_child(stmt, i);
        if (ts_node_eq(c, module))
            continue;
        if (node_is(c, "aliased_import")) {
            TSNode name = node_field(c, "name");
            uint32_t nl;
            const char *nm = text_of(s->f, name, &nl);
            add_binding(s, node_field(c, "alias"), nm, nl, spec, spec_len, stmt);
        } else if (node_is(c, "dotted_name") && ts_node_named_child_count(c) == 1) {
            add_binding(s, c, NULL, 0, spec, spec_len, stmt);
        }
    }
}

static void py_defined(struct scan *s, TSNode stmt)
{
    if (node_is(stmt, "decorated_definition"))
        stmt = node_field(stmt, "definition");
    if (node_is(stmt, "function_definition") || node_is(stmt, "class_definition")) {
        add_export(s, node_field(stmt, "name"), (TSNode){0});
        return;
    }
    if (!node_is(stmt, "expression_statement"))
        return;
    TSNode a = ts_node_named_child(stmt, 0);
    if (node_is(a, "assignment") && node_is(node_field(a, "left"), "identifier"))
        add_export(s, node_field(a, "left"), (TSNode){0});
}

static void scan_py(struct scan *s)
{
    uint32_t count = ts_node_named_child_count(s->f->root);
    for (uint32_t i = 0; i < count; i++) {
        TSNode stmt = ts_node_named_child(s->f->root, i);
        if (node_is(stmt, "import_statement"))
            py_import(s, stmt);
        else if (node_is(stmt, "import_from_statement"))
            py_import_from(s, stmt);
        else
            py_defined(s, stmt);
    }
}

/* Queries ------------------------------------------------------------------------------ */

struct imports *imports_scan(struct check_file *f)
{
    struct imports *im = arena_alloc(f->arena, sizeof(*im));
    if (ts_node_is_null(f->root))
        return im;
    struct scan s = {.f = f};
    if (f->lang == LANG_PYTHON)
        scan_py(&s);
    else if (LANGS_JS_TS & LANG_BIT(f->lang))
        scan_ts(&s);
    im->project = s.project;
    if (s.b.n) {
        im->b = arena_alloc(f->arena, s.b.n * sizeof(*im->b));
        memcpy(im->b, s.b.v, s.b.n * sizeof(*im->b));
        im->nb = s.b.n;
    }
    if (s.x.n) {
        im->x = arena_alloc(f->arena, s.x.n * sizeof(*im->x));
        memcpy(im->x, s.x.v, s.x.n * sizeof(*im->x));
        im->nx = s.x.n;
    }
    VEC_FREE(s.b);
    VEC_FREE(s.x);
    return im;
}

const struct import_binding *imports_binding(const struct imports *im, const char *s,
                                             uint32_t n)
{
    for (size_t i = im->nb; i-- > 0;)
        if (im->b[i].local_len == n && memcmp(im->b[i].local, s, n) == 0)
            return &im->b[i];
    return NULL;
}

bool imports_ref(const struct imports *im, const struct check_file *f, TSNode expr,
                 struct import_ref *out)
{
    memset(out, 0, sizeof(*out));
    if (!im->nb || ts_node_is_null(expr))
        return false;
    uint32_t n;
    if (node_is(expr, "identifier")) {
        const char *s = text_of(f, expr, &n);
        out->b = imports_binding(im, s, n);
        return out->b != NULL;
    }
    bool py = f->lang == LANG_PYTHON;
    if (!node_is(expr, py ? "attribute" : "member_expression"))
        return false;
    TSNode obj = node_field(expr, "object");
    TSNode prop = node_field(expr, py ? "attribute" : "property");
    if (!node_is(obj, "identifier") || ts_node_is_null(prop))
        return false;
    const char *s = text_of(f, obj, &n);
    const struct import_binding *b = imports_binding(im, s, n);
    /* a namespace, or a Python name that may be a module (from app import db) */
    if (!b || (!(b->name_len == 1 && b->name[0] == '*') && !py))
        return false;
    out->b = b;
    out->member = text_of(f, prop, &out->member_len);
    return true;
}

bool imports_root(const struct imports *im, struct check_file *f, struct localdefs_memo *memo,
                  TSNode expr, struct import_ref *out)
{
    memset(out, 0, sizeof(*out));
    if (!im->nb)
        return false;
    TSNode n = syntax_strip(expr);
    for (int hop = 0; hop < 2; hop++) {
        /* down to the name the chain starts from, keeping the member read of it and the
         * calls of either (`createClient()` in createClient().from('x')) */
        TSNode below = {0}, below_call = {0}, last_call = {0};
        bool called = false; /* the last step went from a call to its callee */
        for (int guard = 0; guard < 64; guard++) {
            if (node_is(n, "member_expression") || node_is(n, "attribute")) {
                below = n;
                below_call = called ? last_call : (TSNode){0};
                called = false;
                n = syntax_strip(ts_node_named_child(n, 0));
            } else if (node_is(n, "call_expression") || node_is(n, "call")) {
                below = (TSNode){0};
                last_call = n;
                called = true;
                n = syntax_strip(syntax_callee(n));
            } else if (node_is(n, "await_expression") || node_is(n, "await")) {
                n = syntax_strip(ts_node_named_child(n, 0));
            } else {
                break;
            }
        }
        if (!node_is(n, "identifier"))
            return false;
        if (!ts_node_is_null(below) && imports_ref(im, f, below, out)) {
            out->call = below_call;
            return true;
        }
        if (imports_ref(im, f, n, out)) {
            out->call = called ? last_call : (TSNode){0};
            return true;
        }
        struct localdef *defs;
        size_t nd = localdefs_find(f, memo, n, &defs);
        if (nd != 1 || defs[0].kind != LOCALDEF_ASSIGN || ts_node_is_null(defs[0].value))
            return false;
        n = syntax_strip(defs[0].value);
    }
    return false;
}

const char *imports_exported_as(const struct imports *im, const char *s, uint32_t n,
                                uint32_t *len)
{
    for (size_t i = 0; i < im->nx; i++)
        if (im->x[i].local_len == n && memcmp(im->x[i].local, s, n) == 0) {
            *len = im->x[i].name_len;
            return im->x[i].name;
        }
    *len = 0;
    return NULL;
}
