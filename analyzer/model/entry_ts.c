/* entry_ts.c — the entry points of a TypeScript/JavaScript file: app-router route handlers,
 * pages/api handlers, 'use server' actions, Express/Hono/Fastify routes, and middleware.ts /
 * proxy.ts with its config.matcher; Express, Hono and Fastify routes are entry_express.c's.
 */
#include <stdlib.h>
#include <string.h>

#include "front/syntax.h"
#include "model/entry_p.h"

static const char *const http_methods[] = {"GET", "POST", "PUT", "PATCH", "DELETE", NULL};
/* A handler expression: a function, a function's name, or a wrapper call around one
 * (withAuth(handler), rateLimit(async (req) => ...)). *wrap receives the wrapper's name. */
struct entry_fn *entry_ts_handler_of(struct entry_scan *sc, TSNode v, const char **wrap)
{
    struct check_file *f = sc->f;
    for (int hop = 0; hop < 4; hop++) {
        v = syntax_strip(v);
        if (ts_node_is_null(v))
            return NULL;
        if (syntax_is_function(v))
            return entry_scan_fn_at(sc, nodes_find(f->nodes, v));
        if (node_is(v, "identifier")) {
            char *s = node_text(f, v);
            return entry_scan_fn_named(sc, s, (uint32_t)strlen(s));
        }
        if (!node_is(v, "call_expression"))
            return NULL;
        if (wrap && !*wrap)
            *wrap = syntax_callee_name(f, v);
        TSNode args = node_field(v, "arguments");
        TSNode pick = {0};
        uint32_t n = ts_node_named_child_count(args);
        for (uint32_t i = 0; i < n && ts_node_is_null(pick); i++) {
            TSNode a = syntax_strip(ts_node_named_child(args, i));
            if (syntax_is_function(a) || node_is(a, "call_expression"))
                pick = a;
        }
        for (uint32_t i = 0; i < n && ts_node_is_null(pick); i++) {
            TSNode a = syntax_strip(ts_node_named_child(args, i));
            if (node_is(a, "identifier"))
                pick = a;
        }
        v = pick;
    }
    return NULL;
}

static void wrapper_protects(struct entry_scan *sc, struct entry_point *ep, const char *wrap)
{
    if (!wrap || !ep)
        return;
    if (entry_is_auth_name(sc->cfg, wrap, strlen(wrap)) || strcmp(wrap, "auth") == 0)
        ep->route_auth = AUTH_USER;
    if (entry_is_limit_name(sc->cfg, wrap, strlen(wrap)))
        ep->route_limited = true;
}

static void add_handler(struct entry_scan *sc, struct entry_file *ef, enum entry_kind kind,
                        const char *method, const char *path, TSNode value, TSNode at)
{
    const char *wrap = NULL;
    struct entry_fn *fn = entry_ts_handler_of(sc, value, &wrap);
    if (!fn && !wrap)
        return;
    struct entry_point *ep = entry_add_point(sc, ef, kind, method, path, fn,
                                             ts_node_start_byte(at), ts_node_end_byte(at));
    wrapper_protects(sc, ep, wrap);
    /* next-safe-action and tRPC: authActionClient.schema(s).action(fn), protectedProcedure */
    TSNode v = syntax_strip(value);
    TSNode root = node_is(v, "call_expression") ? syntax_chain_root(node_field(v, "function"))
                                                : (TSNode){0};
    if (node_is(root, "identifier")) {
        char *r = node_text(sc->f, root);
        if (str_icontains(r, "auth") || str_icontains(r, "protected"))
            ep->route_auth = AUTH_USER;
    }
}

/* The string value of a literal (quotes off), or NULL. */
char *entry_ts_string(struct check_file *f, TSNode n)
{
    n = syntax_strip(n);
    if (!node_is(n, "string") && !(node_is(n, "template_string") &&
                                   ts_node_named_child_count(n) == 0))
        return NULL;
    char *s = node_text(f, n);
    size_t len = strlen(s);
    if (len < 2)
        return NULL;
    /* JS escapes: '\\.' is the two characters \ and . */
    char *out = arena_strndup(f->arena, s + 1, len - 2);
    size_t o = 0;
    for (size_t i = 0; out[i]; i++) {
        if (out[i] == '\\' && out[i + 1])
            i++;
        out[o++] = out[i];
    }
    out[o] = '\0';
    return out;
}

static void read_matcher(struct entry_scan *sc, struct entry_middleware *mw, TSNode value)
{
    struct check_file *f = sc->f;
    TSNode m = syntax_strip(syntax_prop(f, syntax_strip(value), "matcher"));
    if (ts_node_is_null(m))
        return;
    TSNode items[64];
    uint32_t n = 0;
    if (node_is(m, "array")) {
        uint32_t c = ts_node_named_child_count(m);
        for (uint32_t i = 0; i < c && n < 64; i++)
            items[n++] = syntax_strip(ts_node_named_child(m, i));
    } else {
        items[n++] = m;
    }
    for (uint32_t i = 0; i < n; i++) {
        TSNode it = items[i];
        if (node_is(it, "object")) /* { source: '/api/:path*', missing: [...] } */
            it = syntax_prop(f, it, "source");
        char *s = ts_node_is_null(it) ? NULL : entry_ts_string(f, it);
        if (!s) {
            mw->matcher_unknown = true;
            continue;
        }
        mw->matchers = xrealloc(mw->matchers, (mw->n_matchers + 1) * sizeof(char *));
        mw->matchers[mw->n_matchers++] = xstrdup(s);
    }
}

/* The string list of `const name = createRouteMatcher([...])` at the module's top level, into
 * mw->guarded; false when there is none or an item is not a literal. */
static bool route_matcher_list(struct entry_scan *sc, struct entry_middleware *mw,
                               const char *name)
{
    struct check_file *f = sc->f;
    uint32_t n = ts_node_named_child_count(f->root);
    for (uint32_t i = 0; i < n; i++) {
        TSNode d = ts_node_named_child(f->root, i);
        if (node_is(d, "export_statement"))
            d = node_field(d, "declaration");
        if (!node_is(d, "lexical_declaration") && !node_is(d, "variable_declaration"))
            continue;
        for (uint32_t k = 0; k < ts_node_named_child_count(d); k++) {
            TSNode vd = ts_node_named_child(d, k);
            TSNode call = syntax_strip(node_field(vd, "value"));
            if (!node_text_eq(f, node_field(vd, "name"), name) ||
                !node_is(call, "call_expression") ||
                !node_text_eq(f, node_field(call, "function"), "createRouteMatcher"))
                continue;
            TSNode args = node_field(call, "arguments");
            TSNode list = syntax_strip(ts_node_named_child(args, 0));
            uint32_t c = node_is(list, "array") ? ts_node_named_child_count(list) : 0;
            char **v = xcalloc(c ? c : 1, sizeof(char *));
            size_t got = 0;
            for (uint32_t j = 0; j < c; j++) {
                char *s = entry_ts_string(f, syntax_strip(ts_node_named_child(list, j)));
                if (!s) {
                    for (size_t q = 0; q < got; q++)
                        free(v[q]);
                    free(v);
                    return false;
                }
                v[got++] = xstrdup(s);
            }
            if (!got) {
                free(v);
                return false;
            }
            mw->guarded = v;
            mw->n_guarded = got;
            return true;
        }
    }
    return false;
}

/* Clerk: clerkMiddleware(async (auth, req) => { if (isProtectedRoute(req)) await
 * auth.protect() }): the paths auth.protect() runs for are the matcher's (or, with `!`, all
 * others). */
static void clerk_guard(struct entry_scan *sc, struct entry_middleware *mw,
                        const struct entry_fn *fn)
{
    struct check_file *f = sc->f;
    const struct node_table *t = f->nodes;
    for (uint32_t i = fn->idx; i < t->v[fn->idx].end; i++) {
        TSNode c = t->v[i].node;
        if (!node_is(c, "call_expression"))
            continue;
        TSNode callee = node_field(c, "function");
        if (!node_is(callee, "member_expression") ||
            !node_text_eq(f, node_field(callee, "property"), "protect"))
            continue;
        for (uint32_t p = t->v[i].parent; p != NODE_NONE && p != fn->idx; p = t->v[p].parent) {
            if (!node_is(t->v[p].node, "if_statement"))
                continue;
            TSNode cond = syntax_strip(node_field(t->v[p].node, "condition"));
            bool negated = false;
            if (node_is(cond, "unary_expression") &&
                node_text_eq(f, node_field(cond, "operator"), "!")) {
                negated = true;
                cond = syntax_strip(node_field(cond, "argument"));
            }
            if (!node_is(cond, "call_expression"))
                return;
            TSNode m = node_field(cond, "function");
            if (node_is(m, "identifier") && route_matcher_list(sc, mw, node_text(f, m)))
                mw->guarded_except = negated;
            return;
        }
        return;
    }
}

static void middleware_fn(struct entry_scan *sc, struct entry_middleware *mw, TSNode value,
                          TSNode at)
{
    const char *wrap = NULL;
    struct entry_fn *fn = entry_ts_handler_of(sc, value, &wrap);
    if (fn)
        entry_scan_export(sc, fn, &mw->s, &mw->hops);
    if (fn && wrap && strcmp(wrap, "clerkMiddleware") == 0 && !mw->n_guarded)
        clerk_guard(sc, mw, fn);
    if (wrap && (strcmp(wrap, "auth") == 0 || strcmp(wrap, "withAuth") == 0 ||
                 strcmp(wrap, "authMiddleware") == 0 ||
                 (strcmp(wrap, "clerkMiddleware") != 0 &&
                  entry_is_auth_name(sc->cfg, wrap, strlen(wrap)))))
        mw->s.auth = AUTH_USER;
    if (wrap && entry_is_limit_name(sc->cfg, wrap, strlen(wrap)))
        mw->s.limited = true;
    mw->start = ts_node_start_byte(at);
    mw->end = ts_node_end_byte(at);
}

/* One top-level export statement of a route, pages/api, action or middleware module. */
static void export_statement(struct entry_scan *sc, struct entry_file *ef, TSNode ex,
                             enum entry_kind kind, const char *path, bool mw)
{
    struct check_file *f = sc->f;
    TSNode decl = node_field(ex, "declaration"), value = node_field(ex, "value");
    bool is_default = false;
    for (uint32_t i = 0; i < ts_node_child_count(ex); i++)
        if (strcmp(ts_node_type(ts_node_child(ex, i)), "default") == 0)
            is_default = true;
    TSNode src = node_field(ex, "source");
    if (mw && !ts_node_is_null(src)) { /* export { default } from 'next-auth/middleware' */
        char *s = node_text(f, src), *t = node_text(f, ex);
        if (strstr(s, "next-auth") || strstr(t, "auth as middleware") ||
            strstr(t, "auth as proxy") || strstr(t, "auth as default")) {
            ef->mw.s.auth = AUTH_USER;
            ef->mw.start = ts_node_start_byte(ex);
            ef->mw.end = ts_node_end_byte(ex);
        }
        return;
    }
    if (is_default) {
        TSNode v = ts_node_is_null(decl) ? value : decl;
        TSNode at = node_field(v, "name");
        if (ts_node_is_null(at))
            at = v;
        if (mw)
            middleware_fn(sc, &ef->mw, v, at);
        else if (kind == ENTRY_PAGES_API)
            add_handler(sc, ef, kind, "*", path, v, at);
        else if (kind == ENTRY_SERVER_ACTION) /* export default async function save() */
            add_handler(sc, ef, kind, "POST",
                        arena_printf(f->arena, "action:%s",
                                     !ts_node_eq(at, v) ? node_text(f, at) : "default"),
                        v, at);
        return;
    }
    if (node_is(decl, "function_declaration")) {
        TSNode name = node_field(decl, "name");
        char *s = node_text(f, name);
        if (mw && (strcmp(s, "middleware") == 0 || strcmp(s, "proxy") == 0))
            middleware_fn(sc, &ef->mw, decl, name);
        else if (kind == ENTRY_ROUTE && str_in(s, http_methods))
            add_handler(sc, ef, kind, s, path, decl, name);
        else if (kind == ENTRY_SERVER_ACTION)
            add_handler(sc, ef, kind, "POST", arena_printf(f->arena, "action:%s", s), decl, name);
        return;
    }
    if (node_is(decl, "lexical_declaration") || node_is(decl, "variable_declaration")) {
        uint32_t n = ts_node_named_child_count(decl);
        for (uint32_t i = 0; i < n; i++) {
            TSNode d = ts_node_named_child(decl, i);
            TSNode name = node_field(d, "name"), v = node_field(d, "value");
            if (!node_is(d, "variable_declarator") || !node_is(name, "identifier"))
                continue;
            char *s = node_text(f, name);
            if (mw && strcmp(s, "config") == 0)
                read_matcher(sc, &ef->mw, v);
            else if (mw && (strcmp(s, "middleware") == 0 || strcmp(s, "proxy") == 0))
                middleware_fn(sc, &ef->mw, v, name);
            else if (kind == ENTRY_ROUTE && str_in(s, http_methods))
                add_handler(sc, ef, kind, s, path, v, name);
            else if (kind == ENTRY_SERVER_ACTION &&
                     (syntax_is_function(syntax_strip(v)) ||
                      node_is(syntax_strip(v), "call_expression")))
                add_handler(sc, ef, kind, "POST", arena_printf(f->arena, "action:%s", s), v,
                            name);
        }
        return;
    }
    /* export { handler as GET, handler as POST } */
    uint32_t n = ts_node_named_child_count(ex);
    for (uint32_t i = 0; i < n; i++) {
        TSNode clause = ts_node_named_child(ex, i);
        if (!node_is(clause, "export_clause"))
            continue;
        uint32_t m = ts_node_named_child_count(clause);
        for (uint32_t k = 0; k < m; k++) {
            TSNode spec = ts_node_named_child(clause, k);
            TSNode local = node_field(spec, "name"), alias = node_field(spec, "alias");
            char *s = node_text(f, ts_node_is_null(alias) ? local : alias);
            if (mw && (strcmp(s, "middleware") == 0 || strcmp(s, "proxy") == 0 ||
                       strcmp(s, "default") == 0))
                middleware_fn(sc, &ef->mw, local, spec);
            else if (kind == ENTRY_ROUTE && str_in(s, http_methods))
                add_handler(sc, ef, kind, s, path, local, spec);
            else if (kind == ENTRY_SERVER_ACTION)
                add_handler(sc, ef, kind, "POST", arena_printf(f->arena, "action:%s", s), local,
                            spec);
        }
    }
}

/* true when the function's body opens with 'use server'. */
static bool inline_action(struct check_file *f, TSNode fn)
{
    TSNode body = node_field(fn, "body");
    if (!node_is(body, "statement_block"))
        return false;
    TSNode first = ts_node_named_child(body, 0);
    if (!node_is(first, "expression_statement"))
        return false;
    char *s = node_text(f, first);
    return (s[0] == '\'' || s[0] == '"') && strncmp(s + 1, "use server", 10) == 0;
}

void entry_ts_points(struct entry_scan *sc, struct entry_file *ef)
{
    struct check_file *f = sc->f;
    const char *uri = ef->uri;
    const char *base = strrchr(uri, '/');
    base = base ? base + 1 : uri;
    bool mw = strncmp(base, "middleware.", 11) == 0 || strncmp(base, "proxy.", 6) == 0;
    if (mw) {
        ef->mw.present = true;
        ef->mw.root = xstrndup(uri, (size_t)(base - uri));
    }
    enum entry_kind kind = ENTRY_EXPRESS;
    char *root = NULL;
    char *path = entry_path_of_file(uri, &kind, &root);
    free(root);
    if (sc->use_server)
        kind = ENTRY_SERVER_ACTION;
    if (path || sc->use_server || mw) {
        uint32_t n = ts_node_named_child_count(f->root);
        for (uint32_t i = 0; i < n; i++) {
            TSNode c = ts_node_named_child(f->root, i);
            if (node_is(c, "export_statement") && !node_has_error(c))
                export_statement(sc, ef, c, kind, path, mw);
        }
    }
    free(path);
    size_t exported = ef->points.n;
    for (size_t i = 1; i < sc->fns.n; i++) {
        const struct entry_fn *fn = &sc->fns.v[i];
        TSNode node = f->nodes->v[fn->idx].node;
        bool known = false; /* an exported action that opens with 'use server' as well */
        for (size_t k = 0; k < exported && !known; k++)
            known = ef->points.v[k].fn_start == ts_node_start_byte(node) &&
                    ef->points.v[k].fn_end == ts_node_end_byte(node);
        if (!known && inline_action(f, node)) {
            TSNode name = node_field(node, "name");
            TSNode at = ts_node_is_null(name) ? node : name;
            entry_add_point(sc, ef, ENTRY_SERVER_ACTION, "POST",
                            arena_printf(f->arena, "action:%s", fn->name ? fn->name : "?"), fn,
                            ts_node_start_byte(at), ts_node_end_byte(at));
        }
    }
    entry_ts_framework_routes(sc, ef);
}
