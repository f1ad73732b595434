/* entry_ts.c — the entry points of a TypeScript/JavaScript file: app-router route handlers,
 * pages/api handlers, 'use server' actions, Express/Hono/Fastify routes, and middleware.ts /
 * proxy.ts with its config.matcher.
 */
#include <stdlib.h>
#include <string.h>

#include "front/syntax.h"
#include "model/entry_p.h"

static const char *const http_methods[] = {"GET", "POST", "PUT", "PATCH", "DELETE", NULL};
static const char *const route_verbs[] = {"get", "post", "put", "patch", "delete", "all", NULL};
/* Express, Hono, Fastify apps and routers: by their constructor, or by the usual names. */
static const char *const app_makers[] = {"express", "Router", "Hono", "Fastify", "fastify",
                                         "OpenAPIHono", NULL};
static const char *const app_names[] = {"app", "router", "server", "fastify", "api", "hono",
                                        "routes", "r", NULL};

/* A handler expression: a function, a function's name, or a wrapper call around one
 * (withAuth(handler), rateLimit(async (req) => ...)). *wrap receives the wrapper's name. */
static struct entry_fn *handler_of(struct entry_scan *sc, TSNode v, const char **wrap)
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
    struct entry_fn *fn = handler_of(sc, value, &wrap);
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
static char *string_value(struct check_file *f, TSNode n)
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
        char *s = ts_node_is_null(it) ? NULL : string_value(f, it);
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
                char *s = string_value(f, syntax_strip(ts_node_named_child(list, j)));
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
static void clerk_guard(struct entry_scan *sc, struct entry_middleware *mw, const struct entry_fn *fn)
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
    struct entry_fn *fn = handler_of(sc, value, &wrap);
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

/* The next s (n bytes, n > 0) at or after p, or NULL: strstr reading only up to its match
 * (ASan's strstr reads all the rest of the text at each call: quadratic in the fuzzers). */
static const char *next_occurrence(const char *p, const char *s, size_t n)
{
    while ((p = strchr(p, s[0])) != NULL && strncmp(p, s, n) != 0)
        p++;
    return p;
}

/* Is the receiver of x.post('/p', ...) an app or router? */
static bool is_app(struct entry_scan *sc, TSNode recv)
{
    struct check_file *f = sc->f;
    recv = syntax_strip(recv);
    if (node_is(recv, "member_expression")) /* this.app, fastify.server */
        recv = node_field(recv, "property");
    if (!node_is(recv, "identifier") && !node_is(recv, "property_identifier"))
        return false;
    char *s = node_text(f, recv);
    size_t n = strlen(s);
    if (str_in(s, app_names) || (n > 6 && (strcmp(s + n - 6, "Router") == 0 ||
                                           strcmp(s + n - 6, "router") == 0)) ||
        (n > 3 && strcmp(s + n - 3, "App") == 0))
        return true;
    /* const x = express() / new Hono() / Router() */
    const char *text = f->src->text;
    if (n == 0) /* a missing identifier the parser made up: strstr would find it everywhere */
        return false;
    for (const char *p = text; (p = next_occurrence(p, s, n)) != NULL; p += n) {
        const char *q = p + n;
        while (*q == ' ' || *q == ':' || (*q >= 'A' && *q <= 'z') || *q == '<' || *q == '>')
            if (*q == '=' || *q == '\n')
                break;
            else
                q++;
        if (*q != '=' || q[1] == '=')
            continue;
        q++;
        while (*q == ' ')
            q++;
        if (strncmp(q, "new ", 4) == 0)
            q += 4;
        for (const char *const *m = app_makers; *m; m++)
            if (strncmp(q, *m, strlen(*m)) == 0 || (strncmp(q, "express.", 8) == 0))
                return true;
    }
    return false;
}

/* The protection that x.use(...) before a route gives the routes of x below it. */
struct use_mw {
    const char *recv;
    const char *prefix;
    uint32_t at;
    bool auth, limit;
};

/* Does x.use(...) apply to a path of receiver recv: the same app or router, and the path under
 * the use's prefix ('/api/...' and '/api/' cover '/api/x'; no prefix covers every path)? */
static bool use_covers(const struct use_mw *u, const char *recv, const char *path)
{
    size_t pl = strlen(u->prefix);
    while (pl && (u->prefix[pl - 1] == '*' || u->prefix[pl - 1] == '/'))
        pl--;
    return strcmp(u->recv, recv) == 0 && strncmp(path, u->prefix, pl) == 0;
}

static void argument_protection(struct entry_scan *sc, TSNode a, bool *auth, bool *limit)
{
    struct check_file *f = sc->f;
    a = syntax_strip(a);
    const char *name = NULL;
    if (node_is(a, "identifier"))
        name = node_text(f, a);
    else if (node_is(a, "call_expression"))
        name = syntax_callee_name(f, a);
    else if (node_is(a, "member_expression")) /* fastify.authenticate */
        name = node_text(f, node_field(a, "property"));
    else if (node_is(a, "array") || node_is(a, "object")) {
        /* Fastify: { preHandler: [fastify.authenticate], config: { rateLimit: {...} } } */
        for (uint32_t i = nodes_find(f->nodes, a), e = i == NODE_NONE ? 0 : f->nodes->v[i].end;
             i != NODE_NONE && i < e; i++) {
            TSNode c = f->nodes->v[i].node;
            if (node_is(c, "identifier") || node_is(c, "property_identifier")) {
                char *s = node_text(f, c);
                if (entry_is_auth_name(sc->cfg, s, strlen(s)))
                    *auth = true;
                if (entry_is_limit_name(sc->cfg, s, strlen(s)))
                    *limit = true;
            }
        }
        return;
    }
    if (!name)
        return;
    if (entry_is_auth_name(sc->cfg, name, strlen(name)) ||
        (node_is(a, "call_expression") && str_icontains(node_text(f, a), "passport.authenticate")))
        *auth = true;
    if (entry_is_limit_name(sc->cfg, name, strlen(name)) || strcmp(name, "rateLimit") == 0)
        *limit = true;
    if (node_is(a, "identifier")) { /* const limiter = rateLimit({...}) */
        const char *t = f->src->text;
        char *pat = arena_printf(f->arena, "%s = rateLimit(", name);
        char *pat2 = arena_printf(f->arena, "%s = slowDown(", name);
        if (strstr(t, pat) || strstr(t, pat2))
            *limit = true;
    }
}

/* x.use('/prefix', ..., r) / x.use(r) / x.route('/prefix', r) (Hono) with r a router this file
 * imports or makes: an include of r's routes (entry.h); the middleware arguments between, and
 * an earlier x.use(requireAuth) of the same app, protect them. */
static void framework_include(struct entry_scan *sc, struct entry_file *ef, TSNode call,
                              const char *rname, const char *prefix, const void *uses_v,
                              size_t nuses)
{
    const struct use_mw *uses = uses_v;
    struct check_file *f = sc->f;
    TSNode args = node_field(call, "arguments");
    uint32_t n = ts_node_named_child_count(args);
    TSNode last = syntax_strip(ts_node_named_child(args, n - 1));
    if (!node_is(last, "identifier"))
        return;
    const char *text = node_text(f, last);
    if (entry_is_auth_name(sc->cfg, text, strlen(text)) ||
        entry_is_limit_name(sc->cfg, text, strlen(text)))
        return; /* app.use(requireAuth): middleware, not a router */
    const struct import_binding *b = imports_binding(sc->im, text, (uint32_t)strlen(text));
    if (!b && !is_app(sc, last))
        return;
    struct entry_include in = {0};
    in.into = xstrdup(rname);
    in.spec = b ? xstrndup(b->spec, b->spec_len) : NULL;
    in.name = b ? (b->name ? xstrndup(b->name, b->name_len) : xstrdup("*")) : xstrdup(text);
    in.prefix = xstrdup(prefix);
    for (uint32_t k = prefix[0] ? 1 : 0; k + 1 < n; k++)
        argument_protection(sc, ts_node_named_child(args, k), &in.auth, &in.limit);
    /* app.use(auth) before the mount, or app.use('/jobs/...', auth) for its prefix */
    for (size_t u = 0; u < nuses; u++)
        if (use_covers(&uses[u], rname, prefix) && uses[u].at < ts_node_start_byte(call)) {
            in.auth |= uses[u].auth;
            in.limit |= uses[u].limit;
        }
    VEC_PUSH(ef->includes, in);
}

/* The router a route is declared on, with the name its module exports it as. */
static void note_router(struct entry_scan *sc, struct entry_file *ef, const char *rname)
{
    for (size_t i = 0; i < ef->routers.n; i++)
        if (strcmp(ef->routers.v[i].name, rname) == 0)
            return;
    uint32_t len = 0;
    const char *as = imports_exported_as(sc->im, rname, (uint32_t)strlen(rname), &len);
    struct entry_router r = {xstrdup(rname), as ? xstrndup(as, len) : NULL, xstrdup(""), false,
                             false};
    VEC_PUSH(ef->routers, r);
}

static void framework_routes(struct entry_scan *sc, struct entry_file *ef)
{
    struct check_file *f = sc->f;
    const struct node_table *t = f->nodes;
    VEC(struct use_mw) uses = {0};
    for (uint32_t i = 0; i < t->n; i++) {
        if (t->v[i].sym != sc->db.sym->call_expression)
            continue;
        TSNode call = t->v[i].node;
        TSNode callee = syntax_strip(node_field(call, "function"));
        if (!node_is(callee, "member_expression"))
            continue;
        char *verb = node_text(f, node_field(callee, "property"));
        TSNode recv = node_field(callee, "object");
        TSNode args = node_field(call, "arguments");
        uint32_t n = ts_node_named_child_count(args);
        bool use = strcmp(verb, "use") == 0 || strcmp(verb, "register") == 0 ||
                   strcmp(verb, "addHook") == 0;
        bool mount = strcmp(verb, "route") == 0 && n == 2; /* Hono: app.route('/api', sub) */
        if ((!use && !mount && !str_in(verb, route_verbs)) || n == 0 || !is_app(sc, recv))
            continue;
        char *rname = node_text(f, recv);
        char *p0 = string_value(f, ts_node_named_child(args, 0));
        if ((use && strcmp(verb, "use") == 0) || mount)
            framework_include(sc, ef, call, rname, p0 && p0[0] == '/' ? p0 : "", uses.v, uses.n);
        if (mount)
            continue;
        if (use) {
            struct use_mw u = {rname, p0 && p0[0] == '/' ? p0 : "", ts_node_start_byte(call),
                               false, false};
            for (uint32_t k = 0; k < n; k++)
                argument_protection(sc, ts_node_named_child(args, k), &u.auth, &u.limit);
            if (u.auth || u.limit)
                VEC_PUSH(uses, u);
            continue;
        }
        if (!p0 || p0[0] != '/' || n < 2)
            continue;
        TSNode last = ts_node_named_child(args, n - 1);
        struct entry_fn *fn = handler_of(sc, last, NULL);
        TSNode ls = syntax_strip(last);
        if (!fn && !syntax_is_function(ls) && !node_is(ls, "identifier"))
            continue;
        char method[8];
        snprintf(method, sizeof method, "%s", verb);
        for (char *m = method; *m; m++)
            *m = (char)(*m - ('a' - 'A'));
        if (strcmp(method, "ALL") == 0)
            strcpy(method, "*");
        TSNode at = ts_node_named_child(args, 0);
        struct entry_point *ep = entry_add_point(sc, ef, ENTRY_EXPRESS, method, p0, fn,
                                                 ts_node_start_byte(call), ts_node_end_byte(at));
        bool auth = false, limit = false;
        for (uint32_t k = 1; k + 1 < n; k++)
            argument_protection(sc, ts_node_named_child(args, k), &auth, &limit);
        for (size_t u = 0; u < uses.n; u++)
            if (use_covers(&uses.v[u], rname, p0)) {
                auth |= uses.v[u].auth;
                limit |= uses.v[u].limit;
            }
        if (auth)
            ep->route_auth = AUTH_USER;
        ep->route_limited = limit;
        ep->router = xstrdup(rname);
        note_router(sc, ef, rname);
    }
    VEC_FREE(uses);
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
    framework_routes(sc, ef);
}
