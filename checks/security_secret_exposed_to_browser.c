/* security-secret-exposed-to-browser — server secrets that the Next.js build ships to every
 * visitor (CWE-200): a NEXT_PUBLIC_* variable whose name says it is a secret (the build inlines
 * every NEXT_PUBLIC_* into the client bundle), next.config's `env: { NAME }` with a secret
 * name (inlined too): errors; and a 'use client' module that reads a server-only secret, builds
 * a Supabase client with the service-role key or calls supabase.auth.admin: a warning (today
 * `undefined` in the browser, tomorrow a leak when someone renames the variable). In .env*
 * files: a NEXT_PUBLIC_* variable with a secret name or a secret value (model/secret_scan.h).
 */
#include <ctype.h>
#include <string.h>

#include "check.h"
#include "front/syntax.h"
#include "model/secret_scan.h"

struct exposed_symbols {
    TSSymbol member, subscript, pair, string_fragment, call;
};

/* Words that make a variable's name a secret's, and words that make it public by design. */
static const char *const secret_words[] = {"SERVICE_ROLE", "SECRET", "PRIVATE", "PASSWORD",
                                           "DATABASE_URL", "DB_URL", "POSTGRES_URL",
                                           "OPENAI_API_KEY", "OPENAI_KEY", "ANTHROPIC",
                                           "GEMINI_API_KEY", "GOOGLE_AI_API_KEY",
                                           "STRIPE_SECRET", "SK_LIVE", "WEBHOOK_SECRET",
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

/* The file opens with the 'use client' directive. */
static bool client_module(const struct check_file *f)
{
    uint32_t count = ts_node_named_child_count(f->root);
    for (uint32_t i = 0; i < count; i++) {
        TSNode st = ts_node_named_child(f->root, i);
        if (node_is(st, "comment"))
            continue;
        if (!node_is(st, "expression_statement"))
            return false;
        TSNode s = ts_node_named_child(st, 0);
        if (!node_is(s, "string"))
            return false;
        uint32_t a = ts_node_start_byte(s), b = ts_node_end_byte(s);
        return b - a == 12 && memcmp(f->src->text + a + 1, "use client", 10) == 0;
    }
    return false;
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

static const char *const fix_server =
    "move it to a server module (a route handler, a server action, or a file that starts "
    "with import 'server-only')";

static void exposed_file(struct check_file *f)
{
    const struct exposed_symbols *sym = &((const struct exposed_symbols *)f->state)[f->lang];
    const struct node_table *t = f->nodes;
    if (f->lang == LANG_ENV) {
        env_file(f);
        return;
    }
    if (!t || !sym->member)
        return;
    bool client = client_module(f);
    bool config = next_config(f);
    for (uint32_t i = 0; i < t->n && !check_out_of_time(f); i++) {
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
                    f, n, "'use client' module reads %s, a server secret: it is undefined in "
                          "the browser today and leaks the day it is renamed NEXT_PUBLIC_; %s",
                    name, fix_server);
                finding_set_level(fd, LEVEL_WARNING);
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
        if (s == sym->call && client) {
            char *dotted = syntax_dotted(f, node_field(n, "function"));
            if (dotted && strstr(dotted, ".auth.admin.")) {
                struct finding *fd = check_report(
                    f, n, "'use client' module calls %s, which needs the service-role key: "
                          "the browser must never hold that key; %s", dotted, fix_server);
                finding_set_level(fd, LEVEL_WARNING);
            }
        }
    }
}

static void *exposed_init(const struct check_options *opts, char **err)
{
    (void)opts;
    (void)err;
    struct exposed_symbols *sym = xcalloc(LANG_COUNT, sizeof(*sym));
    static const enum lang langs[] = {LANG_TYPESCRIPT, LANG_TSX, LANG_JAVASCRIPT};
    for (size_t i = 0; i < ARRAY_SIZE(langs); i++) {
        const TSLanguage *l = lang_grammar(langs[i]);
        sym[langs[i]] = (struct exposed_symbols){
            .member = node_symbol(l, "member_expression"),
            .subscript = node_symbol(l, "subscript_expression"),
            .pair = node_symbol(l, "pair"),
            .call = node_symbol(l, "call_expression"),
        };
    }
    return sym;
}

static void exposed_fini(void *state)
{
    free(state);
}

/* Every finding reads an environment variable, sits in next.config, calls auth.admin or
 * defines a NEXT_PUBLIC_ variable in an env file. */
static const char *const exposed_prefilter[] = {"env", "admin", "NEXT_PUBLIC_", NULL};

const struct check check_security_secret_exposed_to_browser = {
    .id = "security-secret-exposed-to-browser",
    .title = "A server secret is shipped to the browser",
    .level = LEVEL_ERROR,
    .langs = LANGS_JS_TS | LANG_BIT(LANG_ENV),
    .tags = (const char *const[]){"security", "external/cwe/cwe-200", NULL},
    .security_severity = "9.1",
    .precision = "high",
    .prefilter = exposed_prefilter,
    .init = exposed_init,
    .fini = exposed_fini,
    .file = exposed_file,
};
