/* security-secret-exposed-to-browser — server secrets that the Next.js build ships to every
 * visitor (CWE-200): a NEXT_PUBLIC_* variable whose name says it is a secret (the build inlines
 * every NEXT_PUBLIC_* into the client bundle), next.config's `env: { NAME }` with a secret
 * name (inlined too): errors; and a 'use client' module that reads a server-only secret, builds
 * a Supabase client with the service-role key or calls supabase.auth.admin: a warning (today
 * `undefined` in the browser, tomorrow a leak when someone renames the variable), and the same
 * in a module without a directive that a client module's imports ship (the project pass,
 * model/bundle.h). In .env* files: a NEXT_PUBLIC_* variable with a secret name or a secret
 * value (model/secret_scan.h).
 */
#include <ctype.h>
#include <string.h>

#include "check.h"
#include "front/kinds.h"
#include "front/syntax.h"
#include "model/bundle.h"
#include "model/secret_scan.h"

struct exposed_symbols {
    TSSymbol member, subscript, pair, call;
};

/* Words that make a variable's name a secret's, and words that make it public by design. */
static const char *const secret_words[] = {"SERVICE_ROLE", "SECRET", "PRIVATE", "PASSWORD",
                                           "DATABASE_URL", "DB_URL", "POSTGRES_URL",
                                           "OPENAI_API_KEY", "OPENAI_KEY", "ANTHROPIC",
                                           "GEMINI_API_KEY", "GOOGLE_AI_API_KEY",
                                           "STRIPE_SECRET", "SK_LIVE", "SERVICE_KEY", "WEBHOOK_SECRET",
                                           "JWT_SECRET", "ACCESS_TOKEN", "API_SECRET",
                                           "SERPAPI", "APIFY", "RESEND_API_KEY", NULL};
static const char *const public_words[] = {"PUBLISHABLE", "ANON", "PUBLIC_KEY", "SITE_URL",
                                           "MAPS", "MEASUREMENT_ID", "POSTHOG_KEY", NULL};

static bool has_word(const char *name, const char *const *words)
{
    for (const char *const *w = words; *w; w++)
        if (strstr(name, *w))
            return true;
    return false;
}

/* A variable name that holds a server secret. */
static bool secret_name(const char *name)
{
    return has_word(name, secret_words) && !has_word(name, public_words);
}

/* The name of an environment variable read as process.env.NAME / process.env['NAME'] /
 * import.meta.env.NAME, or NULL. */
static char *env_name(struct check_file *f, TSNode n)
{
    TSNode obj = node_field(n, "object");
    char *o = ts_node_is_null(obj) ? NULL : syntax_dotted(f, obj);
    if (!o || (strcmp(o, "process.env") != 0 && strcmp(o, "import.meta.env") != 0))
        return NULL;
    TSNode key = node_is(n, "member_expression") ? node_field(n, "property")
                                                 : node_field(n, "index");
    if (node_is(key, "string") && ts_node_named_child_count(key) == 1)
        key = ts_node_named_child(key, 0);
    char *name = ts_node_is_null(key) ? NULL : node_text(f, key);
    if (!name || !*name)
        return NULL;
    for (const char *p = name; *p; p++)
        if (!isalnum((unsigned char)*p) && *p != '_')
            return NULL;
    return name;
}

static bool next_config(const struct check_file *f)
{
    const char *base = strrchr(f->src->path, '/');
    base = base ? base + 1 : f->src->path;
    return strncmp(base, "next.config.", 12) == 0;
}

struct env_value {
    struct check_file *f;
    uint32_t start, end; /* the value's bytes */
    const char *kind;    /* the first secret found in it, or NULL */
};

static void value_hit(const struct secret_hit *h, void *data)
{
    struct env_value *v = data;
    /* public by design, or only a note for the secrets check: not a leak by itself */
    if (v->kind || h->kind == SECRET_SUPABASE_DEMO || h->kind == SECRET_STRIPE_TEST ||
        h->kind == SECRET_GOOGLE)
        return;
    v->kind = h->kind == SECRET_SUPABASE_SERVICE_ROLE ? "the Supabase service-role key"
              : h->kind == SECRET_DATABASE_PASSWORD  ? "a database password"
                                                     : "a secret key";
}

/* .env*: NEXT_PUBLIC_NAME=value with a secret name or a secret value. Next.js inlines every
 * NEXT_PUBLIC_* it finds in the environment when it builds, .env files included. */
static void env_file(struct check_file *f)
{
    const struct source *src = f->src;
    for (uint32_t l = 0; l < src->nlines; l++) {
        uint32_t n;
        const char *line = source_line(src, l, &n);
        uint32_t p = 0;
        while (p < n && (line[p] == ' ' || line[p] == '\t'))
            p++;
        if (n - p > 7 && memcmp(line + p, "export ", 7) == 0)
            p += 7;
        if (n - p < 13 || memcmp(line + p, "NEXT_PUBLIC_", 12) != 0)
            continue;
        uint32_t e = p;
        while (e < n && (isalnum((unsigned char)line[e]) || line[e] == '_'))
            e++;
        if (e >= n || line[e] != '=')
            continue;
        char *name = arena_strndup(f->arena, line + p, e - p);
        uint32_t at = src->lines[l];
        struct env_value v = {.f = f, .start = at + e + 1, .end = at + n};
        secret_scan(src->text + v.start, v.end - v.start, NULL, NULL, value_hit, &v);
        if (v.kind) {
            struct finding *fd = check_report_range(
                f, at + p, at + e, "%s holds %s, and Next.js inlines every NEXT_PUBLIC_* "
                                   "variable into the JavaScript it sends to browsers: keep the key "
                                   "in a variable without the prefix, read it only on the server, "
                                   "and rotate it", name, v.kind);
            finding_set_level(fd, LEVEL_ERROR);
        } else if (secret_name(name + 12)) {
            struct finding *fd = check_report_range(
                f, at + p, at + e, "%s is a secret by its name, and Next.js inlines every "
                                   "NEXT_PUBLIC_* variable into the JavaScript it sends to "
                                   "browsers: rename it without the prefix, read it only on the "
                                   "server, and rotate the key", name);
            finding_set_level(fd, LEVEL_ERROR);
        } else {
            continue;
        }
        if (v.end > v.start)
            check_redact(f, v.start, v.end); /* the value of a secret's variable */
    }
}

static const char *const fix_shipped =
    "add import 'server-only' to it and reach it from a route handler or a server action, "
    "never from the client module";
static const char *const fix_page =
    "add import 'server-only' to the module that reads it and reach it from an API route "
    "(pages/api) or getServerSideProps, never from the page's own code";
static const char *const fix_server =
    "move it to a server module (a route handler, a server action, or a file that starts "
    "with import 'server-only')";

/* A server secret read or an auth.admin call in a module without a directive: a finding when
 * a client module's imports ship the module (the project pass). */
struct exposed_use {
    uint32_t start, end;
    char *what; /* the variable, or the call */
    bool call;
};

struct exposed_facts {
    struct bundle_module *mod;
    VEC(struct exposed_use) uses;
};

static void facts_free(void *data)
{
    struct exposed_facts *x = data;
    if (!x)
        return;
    bundle_module_free(x->mod);
    for (size_t i = 0; i < x->uses.n; i++)
        free(x->uses.v[i].what);
    VEC_FREE(x->uses);
    free(x);
}

static void add_use(struct exposed_facts *x, TSNode n, const char *what, bool call)
{
    struct exposed_use u = {.start = ts_node_start_byte(n), .end = ts_node_end_byte(n),
                            .what = xstrdup(what), .call = call};
    VEC_PUSH(x->uses, u);
}

/* How a message names fn when it is X.auth.admin.m (X any expression: a client, a call that
 * makes one), or NULL. */
static char *admin_call(struct check_file *f, TSNode fn)
{
    if (!node_is(fn, "member_expression"))
        return NULL;
    TSNode admin = node_field(fn, "object");
    if (!node_is(admin, "member_expression") ||
        !node_text_eq(f, node_field(admin, "property"), "admin"))
        return NULL;
    TSNode auth = node_field(admin, "object");
    if (!node_is(auth, "member_expression") ||
        !node_text_eq(f, node_field(auth, "property"), "auth"))
        return NULL;
    char *dotted = syntax_dotted(f, fn);
    if (dotted)
        return dotted;
    char *m = node_text(f, node_field(fn, "property"));
    return arena_printf(f->arena, "auth.admin.%s", m ? m : "");
}

/* The text may hold a finding's spelling (every one says env or admin); files without one
 * only give their imports. A NUL inside the text: walk it all. */
static bool may_report(const struct source *src)
{
    return strlen(src->text) != src->len || strstr(src->text, "env") ||
           strstr(src->text, "admin");
}

/* The symbols of f's grammar the walk compares (front/kinds.h). */
static struct exposed_symbols symbols_of(const struct check_file *f)
{
    if (!f->tree || !(LANG_BIT(f->lang) & LANGS_JS_TS))
        return (struct exposed_symbols){0};
    const struct syntax_syms *k = syntax_syms(ts_tree_language(f->tree));
    return (struct exposed_symbols){
        .member = k->member_expression,
        .subscript = k->subscript_expression,
        .pair = k->pair,
        .call = k->call_expression,
    };
}

static void exposed_file(struct check_file *f)
{
    const struct exposed_symbols symbols = symbols_of(f), *sym = &symbols;
    const struct node_table *t = f->nodes;
    if (f->lang == LANG_ENV) {
        env_file(f);
        return;
    }
    if (!t || !sym->member)
        return;
    struct exposed_facts *x = xcalloc(1, sizeof(*x));
    x->mod = bundle_module_scan(f);
    bool client = x->mod && x->mod->use_client;
    bool plain = x->mod && x->mod->kind == BUNDLE_PLAIN;
    bool config = next_config(f);
    uint32_t end = may_report(f->src) ? t->n : 0;
    for (uint32_t i = 0; i < end && !check_out_of_time(f); i++) {
        TSSymbol s = t->v[i].sym;
        TSNode n = t->v[i].node;
        if (s == sym->member || s == sym->subscript) {
            char *name = env_name(f, n);
            if (!name)
                continue;
            bool pub = strncmp(name, "NEXT_PUBLIC_", 12) == 0;
            if (pub && secret_name(name + 12)) {
                struct finding *fd = check_report(
                    f, n, "%s is a secret by its name, and Next.js inlines every NEXT_PUBLIC_* "
                          "variable into the JavaScript it sends to browsers: rename it without "
                          "the prefix, read it only on the server, and rotate the key",
                    name);
                finding_set_level(fd, LEVEL_ERROR);
            } else if (!pub && client && secret_name(name)) {
                struct finding *fd = check_report(
                    f, n, "'use client' module %s reads %s, a server secret: it is undefined "
                          "in the browser today and leaks the day it is renamed NEXT_PUBLIC_; %s",
                    f->src->path, name, fix_server);
                finding_set_level(fd, LEVEL_WARNING);
            } else if (!pub && plain && secret_name(name)) {
                add_use(x, n, name, false);
            }
            continue;
        }
        if (s == sym->pair && config) {
            /* next.config: env: { NAME: ... } is inlined into the bundle */
            TSNode obj = ts_node_parent(n);
            TSNode holder = ts_node_parent(obj);
            if (!node_is(holder, "pair"))
                continue;
            TSNode hk = node_field(holder, "key");
            if (!node_text_eq(f, hk, "env"))
                continue;
            TSNode k = node_field(n, "key");
            if (node_is(k, "string") && ts_node_named_child_count(k) == 1)
                k = ts_node_named_child(k, 0);
            char *name = node_text(f, k);
            if (name && secret_name(name)) {
                struct finding *fd = check_report(
                    f, k, "next.config's env inlines %s into the JavaScript sent to browsers, "
                          "and it is a secret by its name: read it with process.env on the "
                          "server instead and drop it from env",
                    name);
                finding_set_level(fd, LEVEL_ERROR);
            }
            continue;
        }
        if (s == sym->call && (client || plain)) {
            char *dotted = admin_call(f, node_field(n, "function"));
            if (!dotted)
                continue;
            if (plain) {
                add_use(x, n, dotted, true);
                continue;
            }
            struct finding *fd = check_report(
                f, n, "'use client' module %s calls %s, which needs the service-role key: "
                      "the browser must never hold that key; %s", f->src->path, dotted,
                fix_server);
            finding_set_level(fd, LEVEL_WARNING);
        }
    }
    /* what the project pass needs: the modules client modules import, and the uses in them */
    if (x->mod && (x->mod->imports.n || x->uses.n))
        check_keep_facts(f, x, facts_free);
    else
        facts_free(x);
}

static const struct bundle_module *facts_module(struct check_project *p, size_t i, void *data)
{
    (void)data;
    const struct exposed_facts *x = project_file_facts(p, i);
    return x ? x->mod : NULL;
}

/* The import chain from the client module to file i, nearest import first (a few hops). */
static void chain_related(struct finding *fd, struct check_project *p,
                          const struct bundle_reach *r, size_t i)
{
    size_t j = i;
    for (int k = 0; k < 8 && r[j].from != SIZE_MAX; k++) {
        size_t from = r[j].from;
        finding_related_in(fd, p, from, r[j].start, r[j].end, "%s %s imports %s here",
                           from == r[i].client ? "the client module" : "the module",
                           project_file_path(p, from), project_file_path(p, j));
        j = from;
    }
}

/* One finding of the project pass: use u of file i, which the bundle ships as r[i] says. */
static void report_shipped(struct check_project *p, const struct bundle_reach *r, size_t i,
                           const struct exposed_use *u, bool page_root)
{
    const char *self = project_file_path(p, i);
    const char *root = project_file_path(p, r[i].client);
    const char *fix = page_root ? fix_page : fix_shipped;
    struct finding *fd;
    if (r[i].from == SIZE_MAX) /* a page itself */
        fd = u->call ? project_report(p, i, u->start, u->end,
                                      "pages-router page %s calls %s, which needs the "
                                      "service-role key, and Next.js ships the page to the "
                                      "browser; %s", self, u->what, fix)
                     : project_report(p, i, u->start, u->end,
                                      "pages-router page %s reads %s, a server secret, and "
                                      "Next.js ships the page to the browser: undefined there "
                                      "today, a leak the day it is renamed NEXT_PUBLIC_; %s",
                                      self, u->what, fix);
    else {
        const char *kind = page_root ? "pages-router page" : "client module";
        char *via = r[i].hops > 1 ? xasprintf(" (through %s)", project_file_path(p, r[i].from))
                                  : xstrdup("");
        fd = u->call ? project_report(p, i, u->start, u->end,
                                      "%s calls %s, which needs the service-role key, and is "
                                      "imported by the %s %s%s, so Next.js ships it to the "
                                      "browser; %s", self, u->what, kind, root, via, fix)
                     : project_report(p, i, u->start, u->end,
                                      "%s reads %s, a server secret, and is imported by the %s "
                                      "%s%s, so Next.js ships it to the browser: undefined "
                                      "there today, a leak the day it is renamed NEXT_PUBLIC_; "
                                      "%s", self, u->what, kind, root, via, fix);
        free(via);
    }
    finding_set_level(fd, LEVEL_WARNING);
    chain_related(fd, p, r, i);
}

static void exposed_project(struct check_project *p)
{
    size_t n = project_file_count(p);
    bool any = false;
    for (size_t i = 0; i < n && !any; i++) {
        const struct exposed_facts *x = project_file_facts(p, i);
        any = x && x->uses.n;
    }
    if (!any)
        return;
    struct bundle_reach *r = bundle_reach_build(p, facts_module, NULL);
    for (size_t i = 0; i < n; i++) {
        const struct exposed_facts *x = project_file_facts(p, i);
        if (!x || !x->uses.n || r[i].client == SIZE_MAX)
            continue;
        const struct bundle_module *root = facts_module(p, r[i].client, NULL);
        bool page_root = !root->use_client;
        if (r[i].from == SIZE_MAX && !page_root)
            continue; /* a 'use client' module: the file pass reported it */
        for (size_t k = 0; k < x->uses.n; k++)
            report_shipped(p, r, i, &x->uses.v[k], page_root);
    }
    free(r);
}

/* Every finding reads an environment variable, sits in next.config, calls auth.admin or
 * defines a NEXT_PUBLIC_ variable in an env file; the project pass needs every file's imports
 * and re-exports too (a barrel that only re-exports says export). */
static const char *const exposed_prefilter[] = {"env", "admin", "NEXT_PUBLIC_", "import", "export",
                                                  NULL};

const struct check check_security_secret_exposed_to_browser = {
    .id = "security-secret-exposed-to-browser",
    .title = "A server secret is shipped to the browser",
    .level = LEVEL_ERROR,
    .langs = LANGS_JS_TS | LANG_BIT(LANG_ENV),
    .tags = (const char *const[]){"security", "external/cwe/cwe-200", NULL},
    .security_severity = "9.1",
    .precision = "high",
    .prefilter = exposed_prefilter,
    .file = exposed_file,
    .project = exposed_project,
};
