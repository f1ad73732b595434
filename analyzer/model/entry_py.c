/* entry_py.c — the entry points of a Python file: FastAPI and Flask routes (decorators, with the
 * prefix and dependencies of the router or blueprint made in the same file), Flask
 * before_request hooks, and Django function views.
 */
#include <stdlib.h>
#include <string.h>

#include "front/syntax.h"
#include "model/entry_p.h"

static const char *const verbs[] = {"get",   "post",    "put",       "patch", "delete", "head",
                                    "options", "websocket", "api_route", "route", NULL};
static const char *const state_methods[] = {"POST", "PUT", "PATCH", "DELETE", NULL};

static char *py_string(struct check_file *f, TSNode n)
{
    if (!node_is(n, "string"))
        return NULL;
    char *s = node_text(f, n);
    while (*s == 'r' || *s == 'b' || *s == 'u' || *s == 'R')
        s++;
    size_t len = strlen(s), q = (len >= 6 && strncmp(s, "\"\"\"", 3) == 0) ? 3 : 1;
    if (len < 2 * q)
        return NULL;
    return arena_strndup(f->arena, s + q, len - 2 * q);
}

/* What the Depends(...) / Security(...) calls under node give: a user dependency, a limiter. */
static void dependencies(struct entry_scan *sc, TSNode node, bool *auth, bool *limit)
{
    struct check_file *f = sc->f;
    uint32_t i = nodes_find(f->nodes, node);
    if (i == NODE_NONE)
        return;
    for (uint32_t k = i, e = f->nodes->v[i].end; k < e; k++) {
        TSNode c = f->nodes->v[k].node;
        if (!node_is(c, "call"))
            continue;
        char *name = syntax_callee_name(f, c);
        if (!name || (strcmp(name, "Depends") != 0 && strcmp(name, "Security") != 0))
            continue;
        TSNode a = syntax_arg(c, 0);
        if (ts_node_is_null(a))
            a = syntax_kwarg(f, c, "dependency");
        char *dep = NULL;
        if (node_is(a, "call"))
            dep = syntax_callee_name(f, a);
        else if (node_is(a, "attribute"))
            dep = node_text(f, node_field(a, "attribute"));
        else if (node_is(a, "identifier"))
            dep = node_text(f, a);
        if (!dep)
            continue;
        if (entry_is_limit_name(sc->cfg, dep, strlen(dep)))
            *limit = true;
        else if (entry_is_auth_name(sc->cfg, dep, strlen(dep)) || str_icontains(dep, "oauth2") ||
                 str_icontains(dep, "bearer") || str_icontains(dep, "permission") ||
                 strcmp(name, "Security") == 0)
            *auth = true;
        else {
            /* a dependency of this file that checks the user itself */
            struct entry_fn *fn = entry_scan_fn_named(sc, dep, (uint32_t)strlen(dep));
            if (fn && fn->s.auth >= AUTH_USER)
                *auth = true;
            if (fn && fn->s.limited)
                *limit = true;
        }
    }
}

/* The prefix= (FastAPI) or url_prefix= (Flask) keyword argument of call, or a null node. */
static TSNode prefix_kwarg(struct check_file *f, TSNode call)
{
    TSNode pre = syntax_kwarg(f, call, "prefix");
    return ts_node_is_null(pre) ? syntax_kwarg(f, call, "url_prefix") : pre;
}

/* The routers, blueprints and apps made in this file (X = APIRouter(prefix=...,
 * dependencies=...)) into ef->routers: the file's routes read them, and so does the project
 * pass for the routers that include others. */
static void collect_routers(struct entry_scan *sc, struct entry_file *ef)
{
    struct check_file *f = sc->f;
    const struct node_table *t = f->nodes;
    for (uint32_t i = 0; i < t->n; i++) {
        TSNode n = t->v[i].node;
        if (!node_is(n, "assignment"))
            continue;
        TSNode left = node_field(n, "left"), right = node_field(n, "right");
        if (!node_is(left, "identifier") || !node_is(right, "call"))
            continue;
        char *name = syntax_callee_name(f, right);
        if (!name || (strcmp(name, "APIRouter") != 0 && strcmp(name, "FastAPI") != 0 &&
                      strcmp(name, "Blueprint") != 0 && strcmp(name, "Flask") != 0))
            continue;
        char *p = py_string(f, prefix_kwarg(f, right));
        struct entry_router r = {xstrdup(node_text(f, left)), xstrdup(node_text(f, left)),
                                 xstrdup(p ? p : ""), false, false};
        TSNode deps = syntax_kwarg(f, right, "dependencies");
        if (!ts_node_is_null(deps))
            dependencies(sc, deps, &r.auth, &r.limit);
        VEC_PUSH(ef->routers, r);
    }
}

/* The router a route file's include names: `r` (this file's, or imported by name) or `m.r`
 * (m an imported module). false for anything else. */
static bool included_router(struct entry_scan *sc, TSNode arg, struct entry_include *in)
{
    struct check_file *f = sc->f;
    TSNode head = arg, member = {0};
    if (node_is(arg, "attribute")) {
        head = node_field(arg, "object");
        member = node_field(arg, "attribute");
    }
    if (!node_is(head, "identifier"))
        return false;
    const char *text = node_text(f, head);
    const struct import_binding *b = imports_binding(sc->im, text, (uint32_t)strlen(text));
    if (b) {
        in->spec = xstrndup(b->spec, b->spec_len);
        in->name = b->name ? xstrndup(b->name, b->name_len) : xstrdup("*");
        in->member = ts_node_is_null(member) ? NULL : xstrdup(node_text(f, member));
        return true;
    }
    if (!ts_node_is_null(member))
        return false;
    in->name = xstrdup(text);
    return true;
}

/* The condition of the innermost `if` around node i when it names a local, development, debug
 * or test setting (`if settings.ENVIRONMENT == "local":`), as text; else NULL. */
static char *dev_condition(struct check_file *f, uint32_t i)
{
    static const char *const words[] = {"local", "dev", "debug", "test", NULL};
    const struct node_table *t = f->nodes;
    for (uint32_t p = t->v[i].parent; p != NODE_NONE; p = t->v[p].parent) {
        TSNode n = t->v[p].node;
        if (node_is(n, "function_definition") || node_is(n, "class_definition"))
            return NULL;
        if (!node_is(n, "if_statement"))
            continue;
        char *cond = node_text(f, node_field(n, "condition"));
        for (const char *const *w = words; cond && *w; w++)
            if (str_icontains(cond, *w))
                return strlen(cond) > 80 ? xasprintf("%.77s...", cond) : xstrdup(cond);
        return NULL;
    }
    return NULL;
}

/* X.include_router(r, prefix=..., dependencies=[...]) and X.register_blueprint(r,
 * url_prefix=...) of this file. */
static void collect_includes(struct entry_scan *sc, struct entry_file *ef)
{
    struct check_file *f = sc->f;
    const struct node_table *t = f->nodes;
    for (uint32_t i = 0; i < t->n; i++) {
        TSNode call = t->v[i].node;
        if (!node_is(call, "call"))
            continue;
        TSNode fn = node_field(call, "function");
        if (!node_is(fn, "attribute"))
            continue;
        TSNode verb = node_field(fn, "attribute"), recv = node_field(fn, "object");
        if (!node_is(recv, "identifier") || !(node_text_eq(f, verb, "include_router") ||
                                              node_text_eq(f, verb, "register_blueprint")))
            continue;
        struct entry_include in = {0};
        if (!included_router(sc, syntax_arg(call, 0), &in))
            continue;
        in.into = xstrdup(node_text(f, recv));
        TSNode pre = prefix_kwarg(f, call);
        char *ps = py_string(f, pre);
        if (ps)
            in.prefix = xstrdup(ps);
        else if (!ts_node_is_null(pre)) /* shown as its text: {settings.API_V1_STR} */
            in.prefix = xasprintf("{%s}", node_text(f, pre));
        else
            in.prefix = xstrdup("");
        in.only_when = dev_condition(f, i);
        TSNode deps = syntax_kwarg(f, call, "dependencies");
        if (!ts_node_is_null(deps))
            dependencies(sc, deps, &in.auth, &in.limit);
        VEC_PUSH(ef->includes, in);
    }
}

void entry_py_points(struct entry_scan *sc, struct entry_file *ef)
{
    struct check_file *f = sc->f;
    const struct node_table *t = f->nodes;
    collect_routers(sc, ef);
    collect_includes(sc, ef);
    const char *uri = ef->uri;
    const char *base = strrchr(uri, '/');
    base = base ? base + 1 : uri;
    bool views = strcmp(base, "views.py") == 0 || strstr(uri, "/views/") != NULL;
    bool flask = strstr(f->src->text, "flask") != NULL;
    bool app_limited = strstr(f->src->text, "SlowAPIMiddleware") &&
                       strstr(f->src->text, "default_limits");
    /* before_request hooks that stop requests: receivers they protect */
    VEC(const char *) gated = {0};
    for (uint32_t pass = 0; pass < 2; pass++)
        for (uint32_t i = 0; i < t->n; i++) {
            TSNode dd = t->v[i].node;
            if (!node_is(dd, "decorated_definition"))
                continue;
            TSNode def = node_field(dd, "definition");
            if (!node_is(def, "function_definition"))
                continue;
            struct entry_fn *fn = entry_scan_fn_at(sc, nodes_find(t, def));
            bool auth = false, limit = app_limited, route = false;
            const char *method = "GET", *path = NULL, *recv = NULL;
            TSNode at = node_field(def, "name");
            uint32_t nd = ts_node_named_child_count(dd);
            for (uint32_t k = 0; k < nd; k++) {
                TSNode d = ts_node_named_child(dd, k);
                if (!node_is(d, "decorator"))
                    continue;
                TSNode e = ts_node_named_child(d, 0);
                TSNode callee = node_is(e, "call") ? node_field(e, "function") : e;
                char *dotted = syntax_dotted(f, callee);
                char *last = dotted ? strrchr(dotted, '.') : NULL;
                const char *vname = last ? last + 1 : dotted;
                if (!vname)
                    continue;
                if (pass == 0) {
                    if (last && (strcmp(vname, "before_request") == 0 ||
                                 strcmp(vname, "before_app_request") == 0) && fn &&
                        (fn->s.auth >= AUTH_USER || fn->guards.n)) {
                        const char *r = arena_strndup(f->arena, dotted, (size_t)(last - dotted));
                        VEC_PUSH(gated, r);
                    }
                    continue;
                }
                if (last && node_is(e, "call") && str_in(vname, verbs)) {
                    TSNode pn = syntax_arg(e, 0);
                    if (ts_node_is_null(pn))
                        pn = syntax_kwarg(f, e, "path");
                    /* a path preflight cannot read (@app.get(PATHS.chat)) still is a route */
                    char *p = ts_node_is_null(pn) ? "" : py_string(f, pn);
                    if (!p)
                        p = arena_printf(f->arena, "{%s}", node_text(f, pn));
                    else if (p[0] && p[0] != '/')
                        continue; /* FastAPI and Flask paths start with '/': @cache.get("k") */
                    route = true;
                    recv = arena_strndup(f->arena, dotted, (size_t)(last - dotted));
                    path = p;
                    at = e;
                    if (strcmp(vname, "websocket") == 0) {
                        method = "*";
                    } else if (strcmp(vname, "route") != 0 && strcmp(vname, "api_route") != 0) {
                        method = arena_strndup(f->arena, vname, strlen(vname));
                        for (char *m = (char *)method; *m; m++)
                            *m = (char)(*m - ('a' - 'A'));
                    } else {
                        TSNode ms = syntax_kwarg(f, e, "methods");
                        char *mt = ts_node_is_null(ms) ? NULL : node_text(f, ms);
                        for (const char *const *s = state_methods; mt && *s; s++)
                            if (str_icontains(mt, *s)) {
                                method = *s;
                                break;
                            }
                    }
                    TSNode deps = syntax_kwarg(f, e, "dependencies");
                    if (!ts_node_is_null(deps))
                        dependencies(sc, deps, &auth, &limit);
                    continue;
                }
                if (entry_is_limit_name(sc->cfg, vname, strlen(vname)) ||
                    (last && strcmp(vname, "limit") == 0 &&
                     entry_is_limit_name(sc->cfg, dotted, (size_t)(last - dotted))))
                    limit = true;
                else if (entry_is_auth_name(sc->cfg, vname, strlen(vname)))
                    auth = true;
                if (strcmp(vname, "require_POST") == 0)
                    method = "POST";
            }
            if (pass == 0)
                continue;
            if (!route && !(views && fn))
                continue;
            dependencies(sc, node_field(def, "parameters"), &auth, &limit);
            /* def create(item: Item, user: CurrentUser): an Annotated user dependency */
            TSNode params = node_field(def, "parameters");
            for (uint32_t k = 0; k < ts_node_named_child_count(params); k++) {
                TSNode type = node_field(ts_node_named_child(params, k), "type");
                char *ty = ts_node_is_null(type) ? NULL : node_text(f, type);
                if (ty && entry_is_auth_name(sc->cfg, ty, strlen(ty)))
                    auth = true;
            }
            char full[512];
            enum entry_kind kind = route ? (flask ? ENTRY_FLASK : ENTRY_FASTAPI) : ENTRY_DJANGO;
            if (route) {
                const char *prefix = "";
                for (size_t r = 0; r < ef->routers.n; r++)
                    if (strcmp(ef->routers.v[r].name, recv) == 0) {
                        prefix = ef->routers.v[r].prefix;
                        auth |= ef->routers.v[r].auth;
                        limit |= ef->routers.v[r].limit;
                    }
                for (size_t g = 0; g < gated.n; g++)
                    if (strcmp(gated.v[g], recv) == 0 || strcmp(gated.v[g], "app") == 0)
                        auth = true;
                snprintf(full, sizeof full, "%s%s", prefix, path);
            } else {
                TSNode p0 = ts_node_named_child(params, 0);
                if (!node_is(p0, "identifier") || !node_text_eq(f, p0, "request"))
                    continue;
                snprintf(full, sizeof full, "view:%s", fn->name ? fn->name : "?");
                if (strcmp(method, "GET") == 0)
                    method = "*";
            }
            struct entry_point *ep = entry_add_point(sc, ef, kind, method, full, fn,
                                                     ts_node_start_byte(at),
                                                     ts_node_end_byte(at));
            if (auth)
                ep->route_auth = AUTH_USER;
            ep->route_limited = limit;
            if (route)
                ep->router = xstrdup(recv);
        }
    /* Django views without decorators */
    for (size_t i = 1; views && i < sc->fns.n; i++) {
        const struct entry_fn *fn = &sc->fns.v[i];
        TSNode def = t->v[fn->idx].node;
        uint32_t p = t->v[fn->idx].parent;
        if (!node_is(def, "function_definition") || p == NODE_NONE ||
            !node_is(t->v[p].node, "module"))
            continue;
        TSNode p0 = ts_node_named_child(node_field(def, "parameters"), 0);
        if (!node_is(p0, "identifier") || !node_text_eq(f, p0, "request"))
            continue;
        char full[512];
        snprintf(full, sizeof full, "view:%s", fn->name ? fn->name : "?");
        TSNode at = node_field(def, "name");
        entry_add_point(sc, ef, ENTRY_DJANGO, "*", full, fn, ts_node_start_byte(at),
                        ts_node_end_byte(at));
    }
    VEC_FREE(gated);
}
