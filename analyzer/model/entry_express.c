/* entry_express.c — the routes of Express, Hono and Fastify apps and routers in a
 * TypeScript/JavaScript file: app.get('/x', handler), router mounts with app.use('/api',
 * router), and the middleware app.use() puts in front of them (entry_p.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "front/syntax.h"
#include "model/entry_p.h"

static const char *const route_verbs[] = {"get", "post", "put", "patch", "delete", "all", NULL};
/* Express, Hono, Fastify apps and routers: by their constructor, or by the usual names. */
static const char *const app_makers[] = {"express", "Router", "Hono", "Fastify", "fastify",
                                         "OpenAPIHono", NULL};
static const char *const app_names[] = {"app", "router", "server", "fastify", "api", "hono",
                                        "routes", "r", NULL};

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

void entry_ts_framework_routes(struct entry_scan *sc, struct entry_file *ef)
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
        char *p0 = entry_ts_string(f, ts_node_named_child(args, 0));
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
        struct entry_fn *fn = entry_ts_handler_of(sc, last, NULL);
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
