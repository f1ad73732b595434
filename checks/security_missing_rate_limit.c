/* security_missing_rate_limit.c — entry points that reach an LLM call (or a call the user
 * lists as expensive) with no rate limiter on their path: @upstash/ratelimit .limit(),
 * rate-limiter-flexible .consume(), express-rate-limit, @vercel/firewall, slowapi
 * @limiter.limit, fastapi-limiter, or a middleware covering the path that calls one. The
 * analysis is the entry-point model's (model/entry.h); this file is the rule and its words.
 */
#include "check.h"
#include "model/entry.h"

static const struct check_option limit_options[] = {
    {"rate-limiters", OPTION_STRINGS,
     "calls, wrappers, decorators and middleware of your own that rate-limit a request"},
    {"rate-limited-elsewhere", OPTION_STRINGS,
     "paths a gateway or proxy limits, in Next.js matcher syntax ('/api/:path*')"},
    {"expensive-calls", OPTION_STRINGS,
     "calls that cost money or quota besides LLM calls ('sendEmail', 'resend.emails.send')"},
    {NULL, 0, NULL},
};

static const struct file_model *const entry_models[] = {&entry_model, NULL};

/* The model is built in the file pass: the project hook reads it. */
static void limit_file(struct check_file *f)
{
    (void)entry_file_of(f);
}

static const char *fix_for(const struct entry_point *ep)
{
    switch (ep->kind) {
    case ENTRY_FASTAPI:
    case ENTRY_FLASK:
        return "limit it per user or IP (slowapi or Flask-Limiter @limiter.limit(\"10/minute\"), "
               "or fastapi-limiter's Depends(RateLimiter(...)))";
    case ENTRY_EXPRESS:
        return "limit it per user or IP (express-rate-limit, rate-limiter-flexible)";
    default:
        return "limit it per user or IP (@upstash/ratelimit's ratelimit.limit(id), "
               "@vercel/firewall's checkRateLimit()) in the handler or the middleware";
    }
}

static void limit_project(struct check_project *p)
{
    struct entry_view *v = entry_view_build(p);
    for (size_t i = 0; i < v->n; i++) {
        const struct entry_resolved *r = &v->v[i];
        unsigned cost = r->reach & (REACH_LLM | REACH_EXPENSIVE);
        if (!cost || r->limited)
            continue;
        const struct entry_point *ep = r->ep;
        char who[600];
        entry_describe(ep, r->path, who, sizeof who);
        bool llm = cost & REACH_LLM;
        struct finding *fd = project_report(
            p, r->file, ep->start, ep->end,
            "%s %s with no rate limit on its path, so one client can call it in a loop and run "
            "up the bill: %s, or list the path in rate-limited-elsewhere",
            who, llm ? "calls an LLM" : "makes an expensive call", fix_for(ep));
        const struct entry_site *s = &r->at[llm ? 1 : 3];
        if (s->set)
            finding_related_in(fd, p, s->file >= 0 ? (size_t)s->file : r->file, s->start,
                               s->end, "%s", llm ? "the LLM call" : "the expensive call");
    }
    entry_view_free(v);
}

static const char *const limit_tags[] = {"security", "external/cwe/cwe-770", NULL};

const struct check check_security_missing_rate_limit = {
    .id = "security-missing-rate-limit",
    .title = "LLM or expensive entry point without a rate limit",
    .level = LEVEL_WARNING,
    .langs = LANGS_JS_TS | LANG_BIT(LANG_PYTHON),
    .tags = limit_tags,
    .security_severity = "5.3",
    .precision = "medium",
    .options = limit_options,
    .models = entry_models,
    .file = limit_file,
    .project = limit_project,
};
