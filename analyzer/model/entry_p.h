/* entry_p.h — private to the entry-point model: one file's scan (functions and what they do,
 * imports), shared by the TypeScript and Python recognisers of entry points. */
#ifndef PREFLIGHT_ENTRY_P_H
#define PREFLIGHT_ENTRY_P_H

#include "model/dbcall.h"
#include "model/entry.h"
#include "model/imports.h"
#include "model/llm.h"

/* A call that yields the user without enforcing (getUser(), a helper that returns it). */
struct entry_cand {
    uint32_t start, end;
    const char *bound; /* the text of the pattern the result is bound to, or NULL */
    enum entry_auth auth;
};

/* An if statement whose consequence exits (return, throw, raise, redirect(), abort()). */
struct entry_guard {
    uint32_t start, cond_start, cond_end;
};

/* A call of a plain name (f(), this.f(), self.f()) or of an imported one (f() after an
 * import of f, ns.f() on a namespace import). */
struct entry_callref {
    const char *name; /* arena */
    const struct import_binding *imp; /* the import it goes through, or NULL */
    const char *member;               /* ns.member's member (arena), or NULL */
    uint32_t start, end;
    const char *bound;
    int32_t callee; /* the function of this file it calls (index in fns), or -1 */
};

struct entry_fn {
    uint32_t idx; /* in f->nodes */
    const char *name;
    struct entry_summary s;
    VEC(struct entry_cand) cands;
    VEC(struct entry_guard) guards;
    VEC(struct entry_callref) calls;
};

struct entry_scan {
    struct check_file *f;
    const struct entry_config *cfg;
    bool py;
    struct dbcall db;
    struct llm_file lf;
    VEC(struct entry_fn) fns; /* fns.v[0] is the module's top level */
    struct imports *im; /* imports_scan's */
    VEC(const char *) local_names; /* the names of this file's functions */
    bool use_server; /* the module opens with 'use server' */
};

/* Scans f: every function's summary with same-file helpers folded in. */
void entry_scan_run(struct entry_scan *sc, struct check_file *f, const struct entry_config *cfg);
void entry_scan_release(struct entry_scan *sc);
/* The function whose node is at index idx, or the function named name (NULL: none). */
struct entry_fn *entry_scan_fn_at(struct entry_scan *sc, uint32_t idx);
struct entry_fn *entry_scan_fn_named(struct entry_scan *sc, const char *name, uint32_t len);
/* Copies fn's summary and hops (its calls of imported names) into out / hops. */
void entry_scan_export(struct entry_scan *sc, const struct entry_fn *fn,
                       struct entry_summary *out, struct entry_hops *hops);
/* true when name (not NUL-terminated) is one of the user's or the usual auth helpers, wrappers,
 * decorators or dependencies (requireAuth, withAuth, login_required, get_current_user). */
bool entry_is_auth_name(const struct entry_config *cfg, const char *name, size_t len);
/* The same for rate limiters (ratelimit, limiter, RateLimiter, checkRateLimit). */
bool entry_is_limit_name(const struct entry_config *cfg, const char *name, size_t len);
/* entry_guard.c: true when a guard of fn exits on the result of the call [a, b) bound to
 * bound (NULL: not bound). */
bool entry_guarded(const struct entry_scan *sc, const struct entry_fn *fn, uint32_t a,
                   uint32_t b, const char *bound);
/* fn's authentication from its candidate calls and the guards that test them. */
void entry_judge(struct entry_scan *sc, struct entry_fn *fn);
/* Folds what same-file helpers do into their callers, a few calls deep. */
void entry_fold(struct entry_scan *sc);
/* entry_ts.c: the handler a handler expression names (a function, its name, or a wrapper
 * call around one; *wrap receives the wrapper's name), and a string literal's value (quotes
 * off; NULL for anything else). */
struct entry_fn *entry_ts_handler_of(struct entry_scan *sc, TSNode v, const char **wrap);
char *entry_ts_string(struct check_file *f, TSNode n);
/* entry_express.c: the Express, Hono and Fastify routes of a file, into ef. */
void entry_ts_framework_routes(struct entry_scan *sc, struct entry_file *ef);
/* The TypeScript/JavaScript and Python recognisers: fill ef from the scan. */
void entry_ts_points(struct entry_scan *sc, struct entry_file *ef);
void entry_py_points(struct entry_scan *sc, struct entry_file *ef);
/* Adds a point with the handler fn's summary (fn may be NULL); strings are copied. */
struct entry_point *entry_add_point(struct entry_scan *sc, struct entry_file *ef,
                                    enum entry_kind kind, const char *method, const char *path,
                                    const struct entry_fn *fn, uint32_t start, uint32_t end);

#endif
