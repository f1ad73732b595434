/* security_missing_auth.c — entry points that change state (write to the database, call an
 * LLM, use the service-role client) with no authentication on their path: neither in the
 * handler (getUser()/getClaims() with an early exit, auth(), getServerSession(), a user
 * dependency, login_required), nor on the route (withAuth(...), middleware arguments), nor in
 * a middleware whose matcher covers the path. The analysis is the entry-point model's
 * (model/entry.h); this file is the rule and its words.
 */
#include "check.h"
#include "model/entry.h"

static const struct check_option auth_options[] = {
    {"auth-functions", OPTION_STRINGS,
     "calls, wrappers, decorators and dependencies of your own that authenticate the user and "
     "stop the request without one (requireUser, withAuth, get_current_user)"},
    {"public-paths", OPTION_STRINGS,
     "paths that are public on purpose, in Next.js matcher syntax ('/api/public/:path*', "
     "'/api/contact')"},
    {NULL, 0, NULL},
};

static const struct file_model *const entry_models[] = {&entry_model, NULL};

/* The model is built in the file pass: the project hook reads it. */
static void auth_file(struct check_file *f)
{
    (void)entry_file_of(f);
}

static const char *fix_for(const struct entry_point *ep)
{
    switch (ep->kind) {
    case ENTRY_FASTAPI:
        return "add a dependency that resolves the user (user = Depends(get_current_user)) "
               "on the route or its router";
    case ENTRY_FLASK:
        return "check the user first (@login_required, or abort(401) in a before_request hook)";
    case ENTRY_DJANGO:
        return "check the user first (@login_required, or LoginRequiredMixin)";
    case ENTRY_EXPRESS:
        return "put an authentication middleware before the handler";
    default:
        return "check the user first (supabase.auth.getUser() and return 401 when there is "
               "none, or auth()) or cover the path with a middleware that does";
    }
}

static void auth_project(struct check_project *p)
{
    struct entry_view *v = entry_view_build(p);
    for (size_t i = 0; i < v->n; i++) {
        const struct entry_resolved *r = &v->v[i];
        unsigned harm = r->reach & (REACH_DB_WRITE | REACH_LLM | REACH_SERVICE_ROLE);
        if (!harm || r->auth >= AUTH_USER)
            continue;
        char who[600];
        entry_describe(r->ep, r->path, who, sizeof who);
        unsigned bit = (harm & REACH_SERVICE_ROLE) ? REACH_SERVICE_ROLE
                       : (harm & REACH_DB_WRITE)   ? REACH_DB_WRITE
                                                   : REACH_LLM;
        unsigned k = bit == REACH_DB_WRITE ? 0 : bit == REACH_LLM ? 1 : 2;
        const char *what = bit == REACH_SERVICE_ROLE ? "uses the service-role client, which "
                                                       "bypasses row level security,"
                           : bit == REACH_DB_WRITE ? "writes to the database"
                                                   : "calls an LLM";
        struct finding *fd;
        if (r->auth == AUTH_SESSION) {
            fd = project_report(p, r->file, r->ep->start, r->ep->end,
                                "%s %s and trusts supabase.auth.getSession(), which reads the "
                                "session cookie without verifying it: use "
                                "supabase.auth.getUser() or getClaims() on the server",
                                who, what);
            finding_set_level(fd, LEVEL_NOTE);
        } else if (r->only_when) {
            /* mounted only in development: worth a look, not a hole in production */
            fd = project_report(p, r->file, r->ep->start, r->ep->end,
                                "%s %s with no authentication on its path, and is served only "
                                "when %s: keep that setting off in production, or %s",
                                who, what, r->only_when, fix_for(r->ep));
            finding_set_level(fd, LEVEL_NOTE);
        } else {
            fd = project_report(p, r->file, r->ep->start, r->ep->end,
                                "%s %s with no authentication on its path: %s", who, what,
                                fix_for(r->ep));
        }
        const struct entry_site *s = &r->at[k];
        if (s->set)
            finding_related_in(fd, p, s->file >= 0 ? (size_t)s->file : r->file, s->start,
                               s->end, "%s",
                               bit == REACH_SERVICE_ROLE ? "the service-role client"
                               : bit == REACH_DB_WRITE   ? "the database write"
                                                         : "the LLM call");
    }
    entry_view_free(v);
}

static const char *const auth_tags[] = {"security", "external/cwe/cwe-306", NULL};

const struct check check_security_missing_auth = {
    .id = "security-missing-auth",
    .title = "State-changing entry point without authentication",
    .level = LEVEL_WARNING,
    .langs = LANGS_JS_TS | LANG_BIT(LANG_PYTHON),
    .tags = auth_tags,
    .security_severity = "8.1",
    .precision = "medium",
    .options = auth_options,
    .models = entry_models,
    .file = auth_file,
    .project = auth_project,
};
