/* entry.h — the entry points of an app and what protects them: Next.js route handlers
 * (app/.../route.ts exported GET/POST/...), pages/api handlers, 'use server' actions,
 * Express/Hono/Fastify routes, FastAPI/Flask/Django views; the middleware (middleware.ts or
 * proxy.ts and its config.matcher, FastAPI router dependencies, Flask before_request, Express
 * app.use) that covers them; and what each one reaches (database writes, LLM calls, the
 * service-role client), through helpers of its own file and, one hop, of the project modules it
 * imports.
 *
 * The facts of a file are a file model (check.h) that every check reading it shares: built
 * once per file on first use, with the options of security-missing-auth and
 * security-missing-rate-limit (auth-functions, public-paths, rate-limiters,
 * rate-limited-elsewhere, expensive-calls), whichever checks run.
 *
 *     static const struct file_model *const models[] = {&entry_model, NULL};  // .models
 *     // file hook: is this function a route handler, an action, a view?
 *     const struct entry_point *ep = entry_point_at(entry_file_of(f), fn_start, fn_end);
 *     // project hook: every entry point with its protection resolved across files
 *     struct entry_view *v = entry_view_build(p);
 *     for (size_t i = 0; i < v->n; i++) ... v->v[i].auth, v->v[i].limited ...
 *     entry_view_free(v);
 *
 * Facts are plain heap data (no nodes, no arena): byte ranges into their file's text and
 * strings the facts own, so they outlive the file's tree. Nothing here recurses on tree depth.
 */
#ifndef PREFLIGHT_ENTRY_H
#define PREFLIGHT_ENTRY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "check.h"

enum entry_kind {
    ENTRY_ROUTE,         /* app/.../route.ts: export async function POST */
    ENTRY_PAGES_API,     /* pages/api/...: export default function handler(req, res) */
    ENTRY_SERVER_ACTION, /* an exported function of a 'use server' module, or one whose body
                          * opens with 'use server' */
    ENTRY_EXPRESS,       /* app.post('/x', ...), router.get, Hono, Fastify */
    ENTRY_FASTAPI,       /* @app.post('/x'), @router.get */
    ENTRY_FLASK,         /* @app.route('/x', methods=[...]), @bp.post */
    ENTRY_DJANGO,        /* a function view in views.py: def view(request) */
};

/* What a function reaches (bits). */
enum {
    REACH_DB_WRITE = 1u << 0,
    REACH_LLM = 1u << 1,
    REACH_SERVICE_ROLE = 1u << 2, /* a client made with the service-role key, auth.admin */
    REACH_EXPENSIVE = 1u << 3,    /* a call the user listed as expensive */
};
#define REACH_KINDS 4

/* How a path is authenticated, weakest first. */
enum entry_auth {
    AUTH_NONE,
    AUTH_SESSION,   /* supabase.auth.getSession() on the server: reads the cookie, unverified */
    AUTH_USER,      /* the user is checked: getUser()/getClaims()/auth()/getServerSession()
                     * with an early exit, a user dependency, login_required, middleware */
    AUTH_SIGNATURE, /* a webhook that verifies its signature (stripe, svix, HMAC) */
    AUTH_PUBLIC,    /* a path the user configured as public */
};

/* A byte range of a file of the project; file is the facts' own file unless set by a hop. */
struct entry_site {
    uint32_t start, end;
    int32_t file; /* index in the project (entry_view), -1: the entry's own file */
    bool set;
};

/* What a function does that matters for protection; the file's summary of it. */
struct entry_summary {
    unsigned reach;
    struct entry_site at[REACH_KINDS]; /* first site of each reach bit, in bit order */
    enum entry_auth auth;              /* as the function enforces it itself */
    struct entry_site auth_at;
    bool limited; /* calls a rate limiter */
    struct entry_site limit_at;
    bool auth_source; /* returns the user without enforcing (getUser() without exit): a caller
                       * that exits when the result is empty is authenticated */
};

/* A call from a function of this file to a name imported from a project module. */
struct entry_hop {
    char *spec;   /* the module specifier: '@/lib/ai', '../utils', 'app.services' */
    char *name;   /* the imported name, "default", "*" for a namespace */
    char *member; /* ns.member's member, or NULL */
    uint32_t start, end; /* the call */
    bool guarded; /* an exit follows when its result is empty: if (!user) return ... */
};

struct entry_hops {
    struct entry_hop *v;
    size_t n, cap;
};

struct entry_point {
    enum entry_kind kind;
    char method[8]; /* "GET", "POST", ...; "*" for any (pages/api, app.all, Flask default) */
    char *path;     /* "/api/chat", "/items/{id}"; for actions "action:<name>" */
    char *name;     /* the handler's name, or NULL */
    uint32_t start, end;   /* what to report on: the handler's name or the route's path */
    uint32_t fn_start, fn_end; /* the handler function's bytes; both 0 when it is not in this
                                * file (an imported handler, a wrapper of a name) */
    struct entry_summary s; /* what the handler does, same-file helpers folded in */
    /* protection on the route itself (decorators, dependencies, middleware arguments,
     * wrappers such as withAuth(handler)) or by the file (before_request, app.use) */
    enum entry_auth route_auth;
    struct entry_site route_auth_at;
    bool route_limited;
    struct entry_hops hops;
    char *router; /* FastAPI/Flask/Express/Hono: the router, blueprint or app the route is
                   * declared on, as the file calls it */
};

/* A FastAPI router, Flask blueprint or app a Python file makes (its name, its own prefix and
 * whether its dependencies resolve the user or limit the rate), or an Express/Hono app or
 * router a module exports. */
struct entry_router {
    char *name;     /* as the file calls it */
    char *exported; /* as other modules import it ("default" for the default export), or NULL */
    char *prefix;
    bool auth, limit;
};

/* into.include_router(r, prefix=..., dependencies=[...]) / into.register_blueprint(r,
 * url_prefix=...) / into.use('/prefix', requireAuth, r) / into.route('/prefix', r) (Hono): r's
 * routes are served under into, behind the prefix and the dependencies or middleware.
 * r is a router of this file (spec NULL, name its name) or an imported one (spec, name,
 * member as in entry_hop: `users.router` after `from app.routes import users`). */
struct entry_include {
    char *into;
    char *spec, *name, *member;
    char *prefix;
    bool auth, limit;
    char *only_when; /* the include sits under `if <condition>` naming a local, development,
                      * debug or test setting: the condition's text (owned), else NULL */
};

/* An exported function, by the name importers use. */
struct entry_export {
    char *name; /* "default" for the default export */
    struct entry_summary s;
    struct entry_hops hops;
};

/* middleware.ts / proxy.ts at an app's root (or src/). */
struct entry_middleware {
    bool present;
    char *root;         /* the folder that holds it, "" or "apps/web/" or "src/" */
    char **matchers;    /* config.matcher sources; n_matchers 0: every path */
    size_t n_matchers;
    bool matcher_unknown; /* a matcher preflight cannot read (computed): assume it covers */
    /* Clerk: the middleware protects only the paths of a createRouteMatcher([...]) it tests
     * before auth.protect() (`if (isProtected(req))`), or all but those (`if
     * (!isPublic(req))`, guarded_except); n_guarded 0: its protection is not so limited */
    char **guarded;
    size_t n_guarded;
    bool guarded_except;
    struct entry_summary s;
    struct entry_hops hops;
    uint32_t start, end;
};

struct entry_file {
    char *uri;
    VEC(struct entry_point) points;
    VEC(struct entry_export) exports;
    struct entry_middleware mw;
    VEC(struct entry_router) routers;
    VEC(struct entry_include) includes;
};

/* What users add to the model in .preflight.json (borrowed NULL-terminated lists). */
struct entry_config {
    const char *const *auth_functions; /* calls that authenticate (and exit when there is no
                                        * user), decorators and dependencies too */
    const char *const *rate_limiters;  /* calls, decorators and middleware that limit */
    const char *const *public_paths;   /* Next.js matcher syntax: '/api/public/:path*' */
    const char *const *limited_paths;  /* rate-limited elsewhere (a gateway) */
    const char *const *expensive_calls; /* besides LLM calls: 'sendEmail', 'stripe.charges.create' */
};

/* The facts of one file (NULL when it has no entry point, middleware or export that matters);
 * caller frees with entry_file_free. cfg is borrowed. Checks use entry_file_of instead. */
struct entry_file *entry_file_build(struct check_file *f, const struct entry_config *cfg);
void entry_file_free(void *ef);

/* The entry-point model as a file model (check.h); list it in the check's .models. */
extern const struct file_model entry_model;

/* The facts of f, built on the first call in this file (NULL: none); borrowed, see
 * check_file_model. */
static inline const struct entry_file *entry_file_of(struct check_file *f)
{
    return (const struct entry_file *)check_file_model(f, &entry_model);
}

/* The entry point whose handler is the function at bytes [fn_start, fn_end) of ef's file, or
 * NULL (ef may be NULL). */
const struct entry_point *entry_point_at(const struct entry_file *ef, uint32_t fn_start,
                                         uint32_t fn_end);

/* One entry point of the project with everything on its path resolved. */
struct entry_resolved {
    size_t file; /* project file index */
    const struct entry_point *ep; /* borrowed from the facts */
    unsigned reach;
    struct entry_site at[REACH_KINDS]; /* file -1: the entry's own file */
    enum entry_auth auth;
    bool limited;
    bool covered_by_middleware; /* a middleware's matcher covers the path */
    char *path; /* the path with the prefixes of the routers that include the route's (owned),
                 * or NULL: ep->path */
    const char *only_when; /* an include on the way is conditional on a development setting
                            * (entry_include's, borrowed), or NULL */
};

struct entry_view {
    struct entry_resolved *v;
    size_t n;
};

/* Resolves the entry model of every file of p (the calling check lists entry_model and has
 * asked for it in its file hook): same-file helpers are already folded in; here the middleware
 * covering each path, one hop into imported project modules, the routers that include a
 * FastAPI/Flask route's router (their prefixes and dependencies, across modules, up to 8
 * levels), and the configured public and limited paths. Caller frees. */
struct entry_view *entry_view_build(struct check_project *p);
void entry_view_free(struct entry_view *v);

/* true when path matches the Next.js matcher source m (path-to-regexp syntax: ':p', ':p*',
 * ':p+', ':p?', '(regex)' groups with lookaheads such as '/((?!api|_next/static).*)'). A
 * matcher preflight cannot read matches nothing. */
bool entry_matcher_match(const char *m, const char *path);

/* How messages name the entry point: "route POST /api/chat", "API route /api/x", "server
 * action 'createPost'", "view 'publish'"; written into buf, which is returned. path, when not
 * NULL, is the route's full path (entry_resolved's). */
const char *entry_describe(const struct entry_point *ep, const char *path, char *buf,
                           size_t cap);

/* The route path of an app-router or pages/api file ("/api/chat" for
 * "src/app/api/(ai)/chat/route.ts"), or NULL; *root receives the app's root folder ("src/").
 * Allocated (caller frees both). */
char *entry_path_of_file(const char *uri, enum entry_kind *kind, char **root);

#endif
