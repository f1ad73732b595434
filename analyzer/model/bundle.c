/* bundle.c — the modules a Next.js client bundle ships: each file's directive and value
 * imports (file pass), and the walk from the 'use client' modules (project pass); see
 * bundle.h. */
#include <stdlib.h>
#include <string.h>

#include "model/bundle.h"
#include "model/imports.h"

/* The text of a string literal without its quotes, or NULL. */
static const char *literal(const struct check_file *f, TSNode s, uint32_t *len)
{
    if (!node_is(s, "string"))
        return NULL;
    uint32_t a = ts_node_start_byte(s), b = ts_node_end_byte(s);
    if (b - a < 2)
        return NULL;
    *len = b - a - 2;
    return f->src->text + a + 1;
}

static bool literal_is(const char *s, uint32_t n, const char *want)
{
    return s && n == strlen(want) && memcmp(s, want, n) == 0;
}

/* node has an anonymous `type` (or `typeof`) child: `import type`, `{ type A }`. */
static bool type_marked(TSNode node)
{
    uint32_t count = ts_node_child_count(node);
    for (uint32_t i = 0; i < count; i++) {
        TSNode c = ts_node_child(node, i);
        if (!ts_node_is_named(c) && (node_is(c, "type") || node_is(c, "typeof")))
            return true;
    }
    return false;
}

/* Every specifier of the braces is type-only: `{ type A, type B }` (an empty `{}` is not:
 * the module is still evaluated). */
static bool specifiers_typed(TSNode braces, const char *spec_type)
{
    uint32_t count = ts_node_named_child_count(braces), seen = 0;
    for (uint32_t i = 0; i < count; i++) {
        TSNode sp = ts_node_named_child(braces, i);
        if (!node_is(sp, spec_type))
            continue;
        if (!type_marked(sp))
            return false;
        seen++;
    }
    return seen > 0;
}

/* import ... from 'x' is for types only. */
static bool import_typed(TSNode stmt)
{
    if (type_marked(stmt))
        return true;
    uint32_t count = ts_node_named_child_count(stmt);
    for (uint32_t i = 0; i < count; i++) {
        TSNode clause = ts_node_named_child(stmt, i);
        if (!node_is(clause, "import_clause"))
            continue;
        if (ts_node_named_child_count(clause) != 1) /* a default binding beside the braces */
            return false;
        TSNode only = ts_node_named_child(clause, 0);
        return node_is(only, "named_imports") && specifiers_typed(only, "import_specifier");
    }
    return false;
}

/* export ... from 'x' is for types only. */
static bool export_typed(TSNode stmt)
{
    if (type_marked(stmt))
        return true;
    uint32_t count = ts_node_named_child_count(stmt);
    for (uint32_t i = 0; i < count; i++) {
        TSNode c = ts_node_named_child(stmt, i);
        if (node_is(c, "export_clause"))
            return specifiers_typed(c, "export_specifier");
    }
    return false;
}

/* The directive prologue's 'use client' / 'use server' (comments and other directives such
 * as 'use strict' may come first). */
static enum bundle_kind directive(const struct check_file *f)
{
    uint32_t count = ts_node_named_child_count(f->root);
    for (uint32_t i = 0; i < count; i++) {
        TSNode st = ts_node_named_child(f->root, i);
        if (node_is(st, "comment") || node_is(st, "hash_bang_line"))
            continue;
        if (!node_is(st, "expression_statement") || ts_node_named_child_count(st) != 1)
            break;
        uint32_t n;
        const char *s = literal(f, ts_node_named_child(st, 0), &n);
        if (!s)
            break;
        if (literal_is(s, n, "use client"))
            return BUNDLE_CLIENT;
        if (literal_is(s, n, "use server"))
            return BUNDLE_SERVER;
    }
    return BUNDLE_PLAIN;
}

/* A pages-router page by its path; data fetching is judged by the text (any mention keeps
 * the page out: a page that has it is split between server and browser). */
static bool pages_page(const struct check_file *f)
{
    const char *path = f->src->path;
    const char *seg = strncmp(path, "pages/", 6) == 0 ? path : strstr(path, "/pages/");
    if (!seg)
        return false;
    const char *rest = seg + (seg == path ? 6 : 7);
    if (strncmp(rest, "api/", 4) == 0 || strncmp(rest, "_document.", 10) == 0)
        return false;
    static const char *const fetching[] = {"getServerSideProps", "getStaticProps",
                                           "getStaticPaths", NULL};
    for (const char *const *w = fetching; *w; w++)
        if (strstr(f->src->text, *w))
            return false;
    return true;
}

struct bundle_module *bundle_module_scan(struct check_file *f)
{
    if (!(LANGS_JS_TS & LANG_BIT(f->lang)) || ts_node_is_null(f->root))
        return NULL;
    struct bundle_module *m = xcalloc(1, sizeof(*m));
    m->kind = directive(f);
    m->use_client = m->kind == BUNDLE_CLIENT;
    m->page = m->kind == BUNDLE_PLAIN && pages_page(f);
    bool server_only = false;
    uint32_t count = ts_node_named_child_count(f->root);
    for (uint32_t i = 0; i < count; i++) {
        TSNode st = ts_node_named_child(f->root, i);
        bool imp = node_is(st, "import_statement");
        if (!imp && !node_is(st, "export_statement"))
            continue;
        uint32_t n;
        const char *spec = literal(f, node_field(st, "source"), &n);
        if (!spec || !n)
            continue;
        if (imp && (literal_is(spec, n, "server-only") || literal_is(spec, n, "next/headers")))
            server_only = true;
        if (imp ? import_typed(st) : export_typed(st))
            continue;
        struct bundle_import bi = {.spec = xstrndup(spec, n), .start = ts_node_start_byte(st),
                                   .end = ts_node_end_byte(st)};
        VEC_PUSH(m->imports, bi);
    }
    /* a client module that imports server-only fails the build: it ships nothing either */
    if (server_only)
        m->kind = BUNDLE_SERVER;
    return m;
}

void bundle_module_free(struct bundle_module *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->imports.n; i++)
        free(m->imports.v[i].spec);
    VEC_FREE(m->imports);
    free(m);
}

/* The folder that holds the pages/ folder of path (its parent when that is src/), with its
 * trailing '/', or "" at the top; written into buf. */
static const char *app_root(const char *path, char *buf, size_t cap)
{
    const char *seg = strncmp(path, "pages/", 6) == 0 ? path : strstr(path, "/pages/");
    size_t n = seg == path ? 0 : (size_t)(seg - path) + 1;
    if (n >= 4 && strncmp(path + n - 4, "src/", 4) == 0 && (n == 4 || path[n - 5] == '/'))
        n -= 4;
    if (n >= cap)
        n = 0;
    memcpy(buf, path, n);
    buf[n] = 0;
    return buf;
}

/* A next.config.* sits in folder dir (a prefix ending in '/', or ""). */
static bool next_app(struct check_project *p, const char *dir)
{
    size_t n = project_file_count(p), dl = strlen(dir);
    for (size_t i = 0; i < n; i++) {
        const char *path = project_file_path(p, i);
        if (strncmp(path, dir, dl) == 0 && strncmp(path + dl, "next.config.", 12) == 0 &&
            !strchr(path + dl, '/'))
            return true;
    }
    return false;
}

/* file i is a root: a 'use client' module, or a page of a Next.js app's pages router. */
static bool root(struct check_project *p, size_t i, const struct bundle_module *m)
{
    if (!m)
        return false;
    if (m->kind == BUNDLE_CLIENT)
        return true;
    char dir[1024];
    return m->page && next_app(p, app_root(project_file_path(p, i), dir, sizeof dir));
}

struct bundle_reach *bundle_reach_build(struct check_project *p, bundle_module_fn mod,
                                        void *data)
{
    size_t n = project_file_count(p);
    struct bundle_reach *r = xcalloc(n ? n : 1, sizeof(*r));
    size_t *queue = xcalloc(n ? n : 1, sizeof(*queue));
    size_t head = 0, tail = 0;
    for (size_t i = 0; i < n; i++) {
        const struct bundle_module *m = mod(p, i, data);
        r[i] = (struct bundle_reach){.client = SIZE_MAX, .from = SIZE_MAX};
        if (root(p, i, m)) {
            r[i].client = i;
            queue[tail++] = i;
        }
    }
    struct import_resolver *res = tail ? project_imports(p) : NULL;
    /* each file enters the queue once: when it is first reached */
    while (head < tail) {
        size_t i = queue[head++];
        const struct bundle_module *m = mod(p, i, data);
        for (size_t k = 0; m && k < m->imports.n; k++) {
            const struct bundle_import *bi = &m->imports.v[k];
            size_t j = import_resolve_module(res, i, bi->spec);
            if (j == SIZE_MAX || j >= n || r[j].client != SIZE_MAX)
                continue;
            const struct bundle_module *t = mod(p, j, data);
            if (t && t->kind == BUNDLE_SERVER)
                continue;
            r[j] = (struct bundle_reach){.client = r[i].client, .from = i, .start = bi->start,
                                         .end = bi->end, .hops = r[i].hops + 1};
            queue[tail++] = j;
        }
    }
    free(queue);
    return r;
}
