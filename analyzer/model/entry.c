/* entry.c — the entry-point model's facts and their resolution across files (see entry.h):
 * route paths from file paths, the middleware that covers a path, one hop into the project
 * modules an entry point imports, and the user's public and rate-limited paths.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/types.h>
#include <string.h>

#include "model/entry_p.h"

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

static const char *const code_exts[] = {".tsx", ".ts", ".jsx", ".js", ".mjs", ".cjs", ".mts",
                                        ".py", NULL};

/* The length of s without its code extension. */
static size_t stem_len(const char *s)
{
    for (const char *const *e = code_exts; *e; e++)
        if (ends_with(s, *e))
            return strlen(s) - strlen(*e);
    return strlen(s);
}

char *entry_path_of_file(const char *uri, enum entry_kind *kind, char **root)
{
    *root = NULL;
    const char *base = strrchr(uri, '/');
    base = base ? base + 1 : uri;
    size_t blen = stem_len(base);
    /* the first segment named app or pages */
    const char *seg = uri, *at = NULL;
    bool pages = false;
    while (seg && *seg) {
        const char *slash = strchr(seg, '/');
        size_t n = slash ? (size_t)(slash - seg) : strlen(seg);
        if (slash && ((n == 3 && memcmp(seg, "app", 3) == 0) ||
                      (n == 5 && memcmp(seg, "pages", 5) == 0))) {
            at = seg;
            pages = n == 5;
            break;
        }
        seg = slash ? slash + 1 : NULL;
    }
    if (!at)
        return NULL;
    bool route = !pages && blen == 5 && memcmp(base, "route", 5) == 0;
    const char *rest = at + (pages ? 6 : 4);
    if (pages && strncmp(rest, "api/", 4) != 0 && strncmp(rest, "api.", 4) != 0)
        return NULL;
    if (!pages && !route)
        return NULL;
    *kind = pages ? ENTRY_PAGES_API : ENTRY_ROUTE;
    char *out = xmalloc(strlen(rest) + 2);
    size_t o = 0;
    for (const char *s = rest; *s;) {
        const char *slash = strchr(s, '/');
        size_t n = slash ? (size_t)(slash - s) : stem_len(s);
        bool last = !slash;
        bool skip = (n && s[0] == '(' && s[n - 1] == ')') || (n && s[0] == '@') ||
                    (last && !pages) || (last && n == 5 && memcmp(s, "index", 5) == 0);
        if (!skip) {
            out[o++] = '/';
            memcpy(out + o, s, n);
            o += n;
        }
        s = slash ? slash + 1 : s + strlen(s);
    }
    if (o == 0)
        out[o++] = '/';
    out[o] = '\0';
    *root = xstrndup(uri, (size_t)(at - uri));
    return out;
}

/* "route POST /api/chat", "server action 'createPost'" */
const char *entry_describe(const struct entry_point *ep, const char *path, char *buf,
                           size_t cap)
{
    if (!path)
        path = ep->path;
    switch (ep->kind) {
    case ENTRY_SERVER_ACTION:
        snprintf(buf, cap, "server action '%s'", ep->name ? ep->name : ep->path + 7);
        break;
    case ENTRY_DJANGO:
        snprintf(buf, cap, "view '%s'", ep->name ? ep->name : ep->path + 5);
        break;
    case ENTRY_PAGES_API:
        snprintf(buf, cap, "API route %s", ep->path);
        break;
    default:
        if (strcmp(ep->method, "*") == 0)
            snprintf(buf, cap, "route %s", path);
        else
            snprintf(buf, cap, "route %s %s", ep->method, path);
    }
    return buf;
}

struct entry_point *entry_add_point(struct entry_scan *sc, struct entry_file *ef,
                                    enum entry_kind kind, const char *method, const char *path,
                                    const struct entry_fn *fn, uint32_t start, uint32_t end)
{
    struct entry_point ep = {0};
    ep.kind = kind;
    snprintf(ep.method, sizeof ep.method, "%s", method);
    ep.path = xstrdup(path ? path : "");
    ep.name = fn && fn->name ? xstrdup(fn->name) : NULL;
    ep.start = start;
    ep.end = end;
    if (fn) {
        TSNode n = sc->f->nodes->v[fn->idx].node;
        ep.fn_start = ts_node_start_byte(n);
        ep.fn_end = ts_node_end_byte(n);
        entry_scan_export(sc, fn, &ep.s, &ep.hops);
    }
    VEC_PUSH(ef->points, ep);
    return &ef->points.v[ef->points.n - 1];
}

static bool summary_matters(const struct entry_summary *s, const struct entry_hops *h)
{
    return s->reach || s->auth || s->auth_source || s->limited || h->n;
}

static void hops_free(struct entry_hops *h)
{
    for (size_t i = 0; i < h->n; i++) {
        free(h->v[i].spec);
        free(h->v[i].name);
        free(h->v[i].member);
    }
    VEC_FREE(*h);
}

/* Module-level functions (Python) and exported ones (TS) are what other modules import. */
static void add_exports(struct entry_scan *sc, struct entry_file *ef)
{
    const struct node_table *t = sc->f->nodes;
    for (size_t i = 1; i < sc->fns.n; i++) {
        const struct entry_fn *fn = &sc->fns.v[i];
        if (!fn->name)
            continue;
        /* a top-level function, under the name the module exports it as */
        uint32_t p = t->v[fn->idx].parent;
        while (p != NODE_NONE && !node_is(t->v[p].node, "program") &&
               !node_is(t->v[p].node, "module") &&
               (node_is(t->v[p].node, "export_statement") ||
                node_is(t->v[p].node, "variable_declarator") ||
                node_is(t->v[p].node, "lexical_declaration") ||
                node_is(t->v[p].node, "decorated_definition")))
            p = t->v[p].parent;
        if (p == NODE_NONE || !(node_is(t->v[p].node, "program") ||
                                node_is(t->v[p].node, "module")))
            continue;
        uint32_t len = 0;
        const char *as = imports_exported_as(sc->im, fn->name, (uint32_t)strlen(fn->name), &len);
        if (!as && !sc->py)
            continue;
        struct entry_export e = {0};
        entry_scan_export(sc, fn, &e.s, &e.hops);
        if (!summary_matters(&e.s, &e.hops)) {
            hops_free(&e.hops);
            continue;
        }
        e.name = as ? xstrndup(as, len) : xstrdup(fn->name);
        VEC_PUSH(ef->exports, e);
    }
}

struct entry_file *entry_file_build(struct check_file *f, const struct entry_config *cfg)
{
    if (!f->nodes || !f->nodes->n || ts_node_is_null(f->root))
        return NULL;
    struct entry_scan sc;
    entry_scan_run(&sc, f, cfg);
    struct entry_file *ef = xcalloc(1, sizeof(*ef));
    ef->uri = xstrdup(f->src->uri ? f->src->uri : f->src->path);
    if (sc.py)
        entry_py_points(&sc, ef);
    else
        entry_ts_points(&sc, ef);
    add_exports(&sc, ef);
    entry_scan_release(&sc);
    if (!ef->points.n && !ef->exports.n && !ef->mw.present && !ef->includes.n) {
        entry_file_free(ef);
        return NULL;
    }
    return ef;
}

void entry_file_free(void *p)
{
    struct entry_file *ef = p;
    if (!ef)
        return;
    for (size_t i = 0; i < ef->points.n; i++) {
        free(ef->points.v[i].path);
        free(ef->points.v[i].name);
        free(ef->points.v[i].router);
        hops_free(&ef->points.v[i].hops);
    }
    VEC_FREE(ef->points);
    for (size_t i = 0; i < ef->routers.n; i++) {
        free(ef->routers.v[i].name);
        free(ef->routers.v[i].exported);
        free(ef->routers.v[i].prefix);
    }
    VEC_FREE(ef->routers);
    for (size_t i = 0; i < ef->includes.n; i++) {
        struct entry_include *in = &ef->includes.v[i];
        free(in->into);
        free(in->spec);
        free(in->name);
        free(in->member);
        free(in->prefix);
        free(in->only_when);
    }
    VEC_FREE(ef->includes);
    for (size_t i = 0; i < ef->exports.n; i++) {
        free(ef->exports.v[i].name);
        hops_free(&ef->exports.v[i].hops);
    }
    VEC_FREE(ef->exports);
    for (size_t i = 0; i < ef->mw.n_matchers; i++)
        free(ef->mw.matchers[i]);
    free(ef->mw.matchers);
    for (size_t i = 0; i < ef->mw.n_guarded; i++)
        free(ef->mw.guarded[i]);
    free(ef->mw.guarded);
    free(ef->mw.root);
    hops_free(&ef->mw.hops);
    free(ef->uri);
    free(ef);
}

const struct entry_point *entry_point_at(const struct entry_file *ef, uint32_t fn_start,
                                         uint32_t fn_end)
{
    for (size_t i = 0; ef && i < ef->points.n; i++)
        if (ef->points.v[i].fn_end && ef->points.v[i].fn_start == fn_start &&
            ef->points.v[i].fn_end == fn_end)
            return &ef->points.v[i];
    return NULL;
}

/* The file model --------------------------------------------------------------------------- */

/* The options of both checks that judge entry points feed the one model they share. */
static void *model_init(options_of_fn options_of, void *ctx)
{
    const struct check_options *auth = options_of(ctx, "security-missing-auth");
    const struct check_options *limit = options_of(ctx, "security-missing-rate-limit");
    struct entry_config *cfg = xcalloc(1, sizeof(*cfg));
    cfg->auth_functions = options_strings(auth, "auth-functions");
    cfg->public_paths = options_strings(auth, "public-paths");
    cfg->rate_limiters = options_strings(limit, "rate-limiters");
    cfg->limited_paths = options_strings(limit, "rate-limited-elsewhere");
    cfg->expensive_calls = options_strings(limit, "expensive-calls");
    return cfg;
}

static void *model_build(struct check_file *f, const void *state)
{
    return entry_file_build(f, state);
}

const struct file_model entry_model = {
    .name = "entry points",
    .init = model_init,
    .fini = free,
    .build = model_build,
    .free = entry_file_free,
};

/* Project pass ---------------------------------------------------------------------------- */

struct pfile {
    size_t index; /* in the project */
    const struct entry_file *ef;
};

static const struct entry_export *export_named(const struct entry_file *ef, const char *name)
{
    for (size_t i = 0; i < ef->exports.n; i++)
        if (strcmp(ef->exports.v[i].name, name) == 0)
            return &ef->exports.v[i];
    return NULL;
}

/* Folds the summaries the hops of file `from` reach (one hop) into r. */
static const struct entry_file *file_facts(const struct check_project *p, size_t i)
{
    return project_file_model(p, i, &entry_model);
}

static void fold_hops(struct check_project *p, struct entry_resolved *r,
                      const struct entry_hops *hops, size_t from, bool reach)
{
    struct import_resolver *res = project_imports(p);
    for (size_t h = 0; res && h < hops->n; h++) {
        const char *name = NULL;
        size_t j = import_resolve(res, from, hops->v[h].spec, hops->v[h].name,
                                  hops->v[h].member, &name);
        const struct entry_file *ef = j == SIZE_MAX ? NULL : file_facts(p, j);
        const struct entry_export *e = ef && name ? export_named(ef, name) : NULL;
        if (!e)
            continue;
        for (unsigned b = 0; reach && b < REACH_KINDS; b++)
            if ((e->s.reach & (1u << b)) && !(r->reach & (1u << b))) {
                r->at[b] = e->s.at[b];
                r->at[b].file = (int32_t)j;
                r->reach |= 1u << b;
            }
        enum entry_auth a = e->s.auth >= AUTH_USER ? e->s.auth
                            : e->s.auth_source && hops->v[h].guarded ? AUTH_USER
                                                                      : e->s.auth;
        if (a > r->auth)
            r->auth = a;
        r->limited |= e->s.limited;
    }
}

static bool any_match(const char *const *list, const char *path)
{
    for (; list && *list; list++)
        if (entry_matcher_match(*list, path))
            return true;
    return false;
}

/* Sign-up, sign-in and password recovery are public by nature: their writes make the user. */
static bool auth_flow(const char *path)
{
    static const char *const words[] = {"signup", "sign-up", "sign_up", "register", "login",
                                        "signin", "sign-in", "sign_in", "logout", "signout",
                                        "sign-out", "forgot", "reset-password", "reset_password",
                                        "password-recovery", "password_recovery",
                                        "auth/callback", "auth/confirm", "verify-email", NULL};
    char low[512];
    size_t n = 0;
    for (; path[n] && n + 1 < sizeof low; n++)
        low[n] = (char)(path[n] >= 'A' && path[n] <= 'Z' ? path[n] | 0x20 : path[n]);
    low[n] = '\0';
    for (const char *const *w = words; *w; w++)
        if (strstr(low, *w))
            return true;
    return false;
}

/* An include of some file, with the router it names resolved to (file, name). */
struct include_at {
    size_t file;                     /* the including file (project index) */
    const struct entry_file *ef;
    const struct entry_include *in;
    size_t target;                   /* the file that makes the included router */
    const char *target_name;         /* its name there */
};
typedef VEC(struct include_at) include_vec;

static void resolve_includes(struct check_project *p, const struct pfile *files, size_t n,
                             include_vec *out)
{
    struct import_resolver *res = project_imports(p);
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < files[i].ef->includes.n; k++) {
            const struct entry_include *in = &files[i].ef->includes.v[k];
            struct include_at a = {files[i].index, files[i].ef, in, files[i].index, in->name};
            if (in->spec) {
                a.target = res ? import_resolve(res, files[i].index, in->spec, in->name,
                                                in->member, &a.target_name)
                               : SIZE_MAX;
                if (a.target == SIZE_MAX || !a.target_name)
                    continue;
            }
            VEC_PUSH(*out, a);
        }
}

static const struct entry_router *router_named(const struct entry_file *ef, const char *name)
{
    for (size_t i = 0; i < ef->routers.n; i++)
        if (strcmp(ef->routers.v[i].name, name) == 0)
            return &ef->routers.v[i];
    return NULL;
}

/* The routers that include a FastAPI/Flask route's router, up the chain: their prefixes go
 * before the route's path, their dependencies protect it. */
static const struct entry_file *facts_of(const struct pfile *files, size_t n, size_t index)
{
    for (size_t i = 0; i < n; i++)
        if (files[i].index == index)
            return files[i].ef;
    return NULL;
}

/* Does include a name the router `name` of file `file` (facts ef)? An import names it by the
 * name its module exports it as; an include in the same file by its own name. */
static bool includes_router(const struct include_at *a, size_t file,
                            const struct entry_file *ef, const char *name)
{
    if (a->target != file || (a->file == file && strcmp(a->in->into, name) == 0))
        return false;
    if (!a->in->spec)
        return strcmp(a->target_name, name) == 0;
    const struct entry_router *r = router_named(ef, name);
    const char *exported = r && r->exported ? r->exported : name;
    return strcmp(a->target_name, exported) == 0;
}

static void fold_includes(const include_vec *incs, const struct pfile *files, size_t nfiles,
                          struct entry_resolved *r)
{
    const struct entry_point *ep = r->ep;
    if (!ep->router ||
        (ep->kind != ENTRY_FASTAPI && ep->kind != ENTRY_FLASK && ep->kind != ENTRY_EXPRESS))
        return;
    size_t file = r->file;
    const char *name = ep->router;
    char path[1024];
    snprintf(path, sizeof path, "%s", ep->path);
    bool prefixed = false;
    for (int depth = 0; depth < 8; depth++) {
        const struct entry_file *ef = facts_of(files, nfiles, file);
        const struct include_at *a = NULL;
        for (size_t i = 0; ef && !a && i < incs->n; i++)
            if (includes_router(&incs->v[i], file, ef, name))
                a = &incs->v[i];
        if (!a)
            break;
        const struct entry_router *into = router_named(a->ef, a->in->into);
        char next[1024];
        snprintf(next, sizeof next, "%s%s%s", into ? into->prefix : "",
                 a->in->prefix ? a->in->prefix : "", path);
        prefixed |= strcmp(next, path) != 0;
        memcpy(path, next, sizeof path);
        if ((a->in->auth || (into && into->auth)) && r->auth < AUTH_USER)
            r->auth = AUTH_USER;
        r->limited |= a->in->limit || (into && into->limit);
        if (a->in->only_when && !r->only_when)
            r->only_when = a->in->only_when;
        file = a->file;
        name = a->in->into;
    }
    if (prefixed)
        r->path = xstrdup(path);
}

struct entry_view *entry_view_build(struct check_project *p)
{
    const struct entry_config *cfg = project_model_state(p, &entry_model);
    VEC(struct pfile) files = {0};
    for (size_t i = 0; i < project_file_count(p); i++) {
        const struct entry_file *ef = file_facts(p, i);
        if (ef) {
            struct pfile pf = {i, ef};
            VEC_PUSH(files, pf);
        }
    }
    struct entry_view *v = xcalloc(1, sizeof(*v));
    VEC(struct entry_resolved) out = {0};
    include_vec incs = {0};
    resolve_includes(p, files.v, files.n, &incs);
    for (size_t i = 0; i < files.n; i++) {
        const struct entry_file *ef = files.v[i].ef;
        enum entry_kind fk;
        char *root = NULL;
        char *fpath = entry_path_of_file(ef->uri, &fk, &root);
        free(fpath);
        for (size_t k = 0; k < ef->points.n; k++) {
            const struct entry_point *ep = &ef->points.v[k];
            struct entry_resolved r = {0};
            r.file = files.v[i].index;
            r.ep = ep;
            r.reach = ep->s.reach;
            memcpy(r.at, ep->s.at, sizeof r.at);
            r.auth = ep->route_auth > ep->s.auth ? ep->route_auth : ep->s.auth;
            r.limited = ep->route_limited || ep->s.limited;
            fold_hops(p, &r, &ep->hops, files.v[i].index, true);
            fold_includes(&incs, files.v, files.n, &r);
            const char *full = r.path ? r.path : ep->path;
            bool next = ep->kind == ENTRY_ROUTE || ep->kind == ENTRY_PAGES_API ||
                        ep->kind == ENTRY_SERVER_ACTION;
            const char *path = ep->kind == ENTRY_SERVER_ACTION ? "/__server_action" : ep->path;
            for (size_t m = 0; next && m < files.n; m++) {
                const struct entry_middleware *mw = &files.v[m].ef->mw;
                if (!mw->present)
                    continue;
                /* a route of the middleware's app; an action in a module below it */
                bool same = root ? strcmp(root, mw->root) == 0
                                 : strncmp(ef->uri, mw->root, strlen(mw->root)) == 0;
                bool covers = mw->n_matchers == 0 || mw->matcher_unknown;
                for (size_t q = 0; !covers && q < mw->n_matchers; q++)
                    covers = entry_matcher_match(mw->matchers[q], path);
                if (!same || !covers)
                    continue;
                struct entry_resolved mr = {0};
                mr.auth = mw->s.auth;
                mr.limited = mw->s.limited;
                fold_hops(p, &mr, &mw->hops, files.v[m].index, false);
                if (mw->n_guarded) {
                    /* Clerk's createRouteMatcher: auth.protect() runs for these paths only */
                    bool listed = false;
                    for (size_t q = 0; !listed && q < mw->n_guarded; q++)
                        listed = entry_matcher_match(mw->guarded[q], path);
                    if (listed == mw->guarded_except && mr.auth >= AUTH_USER)
                        mr.auth = AUTH_NONE;
                }
                if (mr.auth >= AUTH_USER && mr.auth > r.auth) {
                    r.auth = mr.auth;
                    r.covered_by_middleware = true;
                }
                r.limited |= mr.limited;
            }
            if ((cfg && any_match(cfg->public_paths, full)) || auth_flow(full))
                r.auth = AUTH_PUBLIC;
            if (cfg && any_match(cfg->limited_paths, full))
                r.limited = true;
            VEC_PUSH(out, r);
        }
        free(root);
    }
    VEC_FREE(incs);
    VEC_FREE(files);
    v->v = out.v;
    v->n = out.n;
    return v;
}

void entry_view_free(struct entry_view *v)
{
    if (!v)
        return;
    for (size_t i = 0; i < v->n; i++)
        free(v->v[i].path);
    free(v->v);
    free(v);
}
