/* security-hardcoded-secret — provider credentials written into any file a repository ships
 * (CWE-798): code, SQL, .env files, JSON, YAML, TOML, Dockerfiles, shell scripts, Markdown.
 * Keys are recognised by shape (model/secret_scan.h: Supabase service-role JWTs decoded,
 * OpenAI, Anthropic, Google, Apify, Stripe, SerpAPI, private keys, database URL passwords) and,
 * in code, a string literal given where a client takes its credential (createClient(url, KEY),
 * new OpenAI({ apiKey }), OpenAI(api_key=...)) is reported whatever its format. In an env file
 * the assignment is the finding, and the message says whether git tracks the file. The secret
 * itself is masked in every output (check_redact).
 */
#include <ctype.h>
#include <string.h>

#include "base/glob.h"
#include "check.h"
#include "front/syntax.h"
#include "model/secret_scan.h"

struct secret_syms {
    TSSymbol call, new_expr, assignment, string, template_string, fragment, content;
};

struct secret_state {
    struct secret_syms sym[LANG_COUNT];
    const char *const *allow; /* path globs whose files are not reported */
    const char *sink_names[32]; /* the callees of sinks, NULL-terminated */
};

/* Where a client library takes its credential: the positional argument at index arg (-1:
 * none), the property prop of an object given as argument 0, or the keyword argument kw. */
struct credential_sink {
    const char *callee;
    int arg;
    const char *prop;
    const char *kw;
    const char *what;
};

static const struct credential_sink sinks[] = {
    {"AsyncAnthropic", -1, NULL, "api_key", "Anthropic client"},
    {"AsyncOpenAI", -1, NULL, "api_key", "OpenAI client"},
    {"Anthropic", -1, "apiKey", "api_key", "Anthropic client"},
    {"ApifyClient", -1, "token", "token", "Apify client"},
    {"Client", -1, NULL, "api_key", "client"}, /* genai.Client(api_key=...) */
    {"GoogleGenAI", -1, "apiKey", NULL, "Google GenAI client"},
    {"GoogleGenerativeAI", 0, NULL, NULL, "Google Generative AI client"},
    {"OpenAI", -1, "apiKey", "api_key", "OpenAI client"},
    {"Stripe", 0, NULL, NULL, "Stripe client"},
    {"StripeClient", 0, NULL, "api_key", "Stripe client"},
    {"configure", -1, NULL, "api_key", "genai.configure"},
    {"createBrowserClient", 1, NULL, NULL, "Supabase client"},
    {"createClient", 1, NULL, NULL, "Supabase client"},
    {"createServerClient", 1, NULL, NULL, "Supabase client"},
    {"create_async_client", 1, NULL, "supabase_key", "Supabase client"},
    {"create_client", 1, NULL, "supabase_key", "Supabase client"},
};

/* What each kind of key is (followed by the detail: a project ref, a URL scheme, a key
 * type) and what whoever holds it can do. */
struct kind_text {
    const char *name, *power;
};

static struct kind_text kind_text(enum secret_kind k, bool restricted)
{
    switch (k) {
    case SECRET_SUPABASE_SERVICE_ROLE:
        return (struct kind_text){"the Supabase service-role key",
                                  "it bypasses row level security and reads and writes every "
                                  "table"};
    case SECRET_SUPABASE_DEMO:
        return (struct kind_text){"the Supabase CLI's local service-role key (issuer "
                                  "supabase-demo)",
                                  "public, and valid only against a local stack"};
    case SECRET_SUPABASE_SECRET:
        return (struct kind_text){"a Supabase secret key (sb_secret_)",
                                  "it bypasses row level security and reads and writes every "
                                  "table"};
    case SECRET_SUPABASE_ACCESS_TOKEN:
        return (struct kind_text){"a Supabase personal access token (sbp_)",
                                  "it manages every project of its account through the "
                                  "Management API, keys and database included"};
    case SECRET_OPENAI:
        return (struct kind_text){"an OpenAI API key",
                                  "whoever holds it spends on the account and reads its files "
                                  "and assistants"};
    case SECRET_ANTHROPIC:
        return (struct kind_text){"an Anthropic API key",
                                  "whoever holds it spends on the account"};
    case SECRET_GOOGLE:
        return (struct kind_text){"a Google API key",
                                  "whoever holds it calls the APIs it allows (Gemini, Maps, "
                                  "...), billed to the project"};
    case SECRET_APIFY:
        return (struct kind_text){"an Apify API token",
                                  "whoever holds it runs actors and reads datasets, billed to "
                                  "the account"};
    case SECRET_STRIPE_LIVE:
        if (restricted)
            return (struct kind_text){"a Stripe live restricted key",
                                      "it acts on live payment data as far as its permissions "
                                      "go"};
        return (struct kind_text){"a Stripe live secret key",
                                  "it charges, refunds and reads customers' payment data"};
    case SECRET_STRIPE_TEST:
        return (struct kind_text){"a Stripe test-mode key",
                                  "no real money moves, but it reads and changes the test "
                                  "account"};
    case SECRET_STRIPE_WEBHOOK:
        return (struct kind_text){"a Stripe webhook signing secret",
                                  "whoever holds it forges webhook events the endpoint trusts"};
    case SECRET_SERPAPI:
        return (struct kind_text){"a SerpAPI key",
                                  "whoever holds it runs searches billed to the account"};
    case SECRET_PRIVATE_KEY:
        if (restricted)
            return (struct kind_text){"an encrypted private key",
                                      "only its passphrase stands between it and whoever reads "
                                      "the repository"};
        return (struct kind_text){"a private key",
                                  "whoever holds it signs and decrypts as its owner"};
    case SECRET_DATABASE_PASSWORD:
        return (struct kind_text){"a database URL with its password",
                                  "whoever reads it connects to the database"};
    }
    return (struct kind_text){"a credential", "whoever holds it acts as its owner"};
}

static const char *base_name(const char *path)
{
    const char *b = strrchr(path, '/');
    return b ? b + 1 : path;
}

static bool env_template(const char *path)
{
    const char *b = base_name(path);
    return strstr(b, "example") || strstr(b, "sample") || strstr(b, "template") ||
           strstr(b, ".dist");
}

/* What to do, by where the secret is written. */
static char *advice(struct check_file *f)
{
    if (f->lang != LANG_ENV)
        return arena_printf(f->arena, "read it from the environment or a secret manager, and "
                                      "rotate it");
    if (env_template(f->src->path))
        return arena_printf(f->arena, "a template is shared to be copied: write a placeholder "
                                      "here and rotate the key");
    switch (f->vcs) {
    case FILE_TRACKED:
        return arena_printf(f->arena, "the file is tracked by git, so the key is in the "
                                      "repository's history: rotate it, remove the file from "
                                      "the index (git rm --cached %s) and ignore it "
                                      "(.env*.local in .gitignore)",
                            f->src->path);
    case FILE_UNTRACKED:
        return arena_printf(f->arena, "git does not ignore the file, one 'git add' away from "
                                      "the repository: add it to .gitignore (.env*.local)");
    case FILE_NOT_IN_GIT:
        break;
    }
    return arena_printf(f->arena, "keep env files out of version control, and rotate the key "
                                  "if this one was shared");
}

/* The assignment NAME=value around byte at in an env file: its name and extent. */
static bool env_assignment(const struct source *src, uint32_t at, uint32_t *start,
                           uint32_t *name_end)
{
    uint32_t p = src->lines[source_line_index(src, at)];
    while (p < at && (src->text[p] == ' ' || src->text[p] == '\t'))
        p++;
    if (at - p > 7 && memcmp(src->text + p, "export ", 7) == 0)
        p += 7;
    uint32_t n = p;
    while (n < at && (isalnum((unsigned char)src->text[n]) || src->text[n] == '_' || src->text[n] == '.'))
        n++;
    uint32_t eq = n;
    while (eq < at && src->text[eq] == ' ')
        eq++;
    if (n == p || eq >= at || src->text[eq] != '=')
        return false;
    *start = p;
    *name_end = n;
    return true;
}

struct scan_ctx {
    struct check_file *f;
    VEC(struct secret_hit) hits;
};

static void collect(const struct secret_hit *hit, void *data)
{
    struct scan_ctx *c = data;
    VEC_PUSH(c->hits, *hit);
}

/* A browser key by its context: the line before it names Maps or Firebase. */
static bool browser_google_key(const struct source *src, uint32_t at)
{
    uint32_t ls = src->lines[source_line_index(src, at)];
    char *line = xstrndup(src->text + ls, at - ls);
    bool browser = str_icontains(line, "maps") || str_icontains(line, "firebase") ||
                   str_icontains(line, "places");
    free(line);
    return browser;
}

/* The secret may be written twice on a line or in a file (a --password flag beside the URL
 * that holds it): every copy is masked. */
static void redact_copies(struct check_file *f, uint32_t start, uint32_t end)
{
    const char *t = f->src->text;
    uint32_t n = end - start, len = f->src->len;
    if (n < 8)
        return;
    for (const char *p = memchr(t, t[start], len); p && (uint32_t)(p - t) + n <= len;
         p = memchr(p + 1, t[start], len - (uint32_t)(p + 1 - t))) {
        uint32_t at = (uint32_t)(p - t);
        if (at != start && memcmp(p, t + start, n) == 0)
            check_redact(f, at, at + n);
    }
}

static void report_hit(struct check_file *f, const struct secret_hit *h)
{
    enum level level = LEVEL_ERROR;
    if (h->kind == SECRET_SUPABASE_DEMO || h->kind == SECRET_STRIPE_TEST)
        level = LEVEL_NOTE;
    else if (h->kind == SECRET_PRIVATE_KEY && h->restricted)
        level = LEVEL_WARNING;
    bool maps = h->kind == SECRET_GOOGLE && browser_google_key(f->src, h->start);
    if (maps)
        level = LEVEL_NOTE;

    const char *detail = "";
    if (h->kind == SECRET_SUPABASE_SERVICE_ROLE && h->detail[0])
        detail = arena_printf(f->arena, " of project '%s'", h->detail);
    else if ((h->kind == SECRET_DATABASE_PASSWORD || h->kind == SECRET_PRIVATE_KEY) &&
             h->detail[0])
        detail = arena_printf(f->arena, " (%s)", h->detail);
    struct kind_text kt = kind_text(h->kind, h->restricted);
    char *what = arena_printf(f->arena, "%s%s", kt.name, detail);

    uint32_t start = h->shown_start, end = h->shown_end, name_end = 0;
    bool env = f->lang == LANG_ENV && env_assignment(f->src, h->shown_start, &start, &name_end);
    if (env && end < f->src->len && (f->src->text[end] == '"' || f->src->text[end] == '\''))
        end++;
    const char *todo = maps ? "a browser key is public by design when the Google Cloud console "
                              "restricts it to your sites and APIs: check its restrictions"
                     : level == LEVEL_NOTE ? "read it from the environment all the same, so "
                                             "that a real key never takes its place"
                                           : advice(f);
    struct finding *fd;
    if (env)
        fd = check_report_range(f, start, end, "%.*s holds %s: %s; %s", (int)(name_end - start),
                                f->src->text + start, what, kt.power, todo);
    else
        fd = check_report_range(f, start, end, "%s is written here: %s; %s", what, kt.power,
                                todo);
    finding_set_level(fd, level);
    check_redact(f, h->start, h->end);
    if (h->kind != SECRET_PRIVATE_KEY)
        redact_copies(f, h->start, h->end);
}

/* The text of a string literal without its quotes: [*start, *end); false for anything else
 * (a template with substitutions, an f-string with fields, a concatenation). */
static bool literal_content(const struct check_file *f, const struct secret_syms *sym, TSNode n,
                            uint32_t *start, uint32_t *end)
{
    n = syntax_strip(n);
    TSSymbol s = ts_node_symbol(n);
    if (s != sym->string && s != sym->template_string)
        return false;
    uint32_t count = ts_node_named_child_count(n);
    for (uint32_t i = 0; i < count; i++) {
        TSSymbol c = ts_node_symbol(ts_node_named_child(n, i));
        if (c != sym->fragment && c != sym->content && !node_is(ts_node_named_child(n, i),
                                                                "string_start") &&
            !node_is(ts_node_named_child(n, i), "string_end") &&
            !node_is(ts_node_named_child(n, i), "escape_sequence"))
            return false; /* a substitution or interpolation */
    }
    uint32_t a = ts_node_start_byte(n), b = ts_node_end_byte(n);
    /* Python prefixes (r"", b"") before the quote */
    while (a < b && f->src->text[a] != '"' && f->src->text[a] != '\'' && f->src->text[a] != '`')
        a++;
    char q = f->src->text[a];
    uint32_t qn = 1;
    if (b - a >= 6 && f->src->text[a + 1] == q && f->src->text[a + 2] == q)
        qn = 3;
    if (b - a < 2 * qn)
        return false;
    *start = a + qn;
    *end = b - qn;
    return true;
}

/* Reports the string literal value given where a client takes its credential, unless the scan
 * found it by its shape or it is public, a placeholder, or not random enough to be a key. */
static void report_literal(struct check_file *f, const struct secret_syms *sym,
                           const struct scan_ctx *c, TSNode value, const char *where,
                           const char *what)
{
    uint32_t a, b;
    if (ts_node_is_null(value) || node_has_error(value) || !literal_content(f, sym, value, &a, &b))
        return;
    bool known = false; /* the scan reported it by its shape */
    for (size_t h = 0; h < c->hits.n && !known; h++)
        known = c->hits.v[h].start < b && a < c->hits.v[h].end;
    if (known || secret_classify(f->src->text + a, b - a) != VALUE_SECRET_LIKE)
        return;
    struct finding *fd = check_report_range(
        f, a, b, "string literal given as the %s of %s: a credential written in code ships with "
                 "every copy of the repository; read it from the environment and rotate it",
        where, what);
    finding_set_level(fd, LEVEL_WARNING);
    check_redact(f, a, b);
    redact_copies(f, a, b);
}

/* Python's module-level keys: openai.api_key = "...", stripe.api_key = "...". */
static void module_key(struct check_file *f, const struct secret_syms *sym,
                       const struct scan_ctx *c, TSNode assignment)
{
    TSNode left = node_field(assignment, "left");
    if (!node_is(left, "attribute") || !node_text_eq(f, node_field(left, "attribute"), "api_key"))
        return;
    static const char *const modules[] = {"openai", "stripe", "anthropic", NULL};
    TSNode object = node_field(left, "object");
    for (const char *const *m = modules; *m; m++)
        if (node_is(object, "identifier") && node_text_eq(f, object, *m))
            report_literal(f, sym, c, node_field(assignment, "right"), "api_key",
                           arena_printf(f->arena, "the %s module", *m));
}

static void credential_literals(struct check_file *f, const struct secret_syms *sym,
                                const struct scan_ctx *c)
{
    const struct node_table *t = f->nodes;
    if (!t || !sym->call)
        return;
    for (uint32_t i = 0; i < t->n; i++) {
        if (sym->assignment && t->v[i].sym == sym->assignment) {
            module_key(f, sym, c, t->v[i].node);
            continue;
        }
        if (t->v[i].sym != sym->call && t->v[i].sym != sym->new_expr)
            continue;
        TSNode call = t->v[i].node;
        char *name = syntax_callee_name(f, call);
        if (!name)
            continue;
        const struct credential_sink *k = NULL;
        for (size_t s = 0; s < ARRAY_SIZE(sinks) && !k; s++)
            if (strcmp(name, sinks[s].callee) == 0)
                k = &sinks[s];
        if (!k)
            continue;
        TSNode value = {0};
        const char *where = "key";
        if (k->arg >= 0)
            value = syntax_arg(call, (uint32_t)k->arg);
        if (ts_node_is_null(value) && k->prop) {
            TSNode obj = syntax_strip(syntax_arg(call, 0));
            if (node_is(obj, "object")) {
                value = syntax_prop(f, obj, k->prop);
                where = k->prop;
            }
        }
        if (ts_node_is_null(value) && k->kw && f->lang == LANG_PYTHON) {
            value = syntax_kwarg(f, call, k->kw);
            where = k->kw;
        }
        report_literal(f, sym, c, value, where, k->what);
    }
}

static bool allowed_path(const struct secret_state *st, const struct source *src)
{
    for (const char *const *g = st->allow; *g; g++)
        if (glob_path_excluded(*g, src->path) || glob_path_excluded(*g, src->uri))
            return true;
    return false;
}

static void secret_file(struct check_file *f)
{
    const struct secret_state *st = f->state;
    if (allowed_path(st, f->src))
        return;
    struct scan_ctx c = {.f = f};
    bool sink = false; /* the text names a client that takes a credential */
    secret_scan(f->src->text, f->src->len, st->sink_names, &sink, collect, &c);
    for (size_t i = 0; i < c.hits.n; i++)
        report_hit(f, &c.hits.v[i]);
    if (sink)
        credential_literals(f, &st->sym[f->lang], &c);
    VEC_FREE(c.hits);
}

static void *secret_init(const struct check_options *opts, char **err)
{
    (void)err;
    struct secret_state *st = xcalloc(1, sizeof(*st));
    st->allow = options_strings(opts, "allow-paths");
    _Static_assert(ARRAY_SIZE(sinks) + 1 < ARRAY_SIZE(st->sink_names),
                   "sink_names holds every sink and api_key");
    for (size_t i = 0; i < ARRAY_SIZE(sinks); i++)
        st->sink_names[i] = sinks[i].callee;
    st->sink_names[ARRAY_SIZE(sinks)] = "api_key"; /* openai.api_key = "..." */
    static const enum lang langs[] = {LANG_TYPESCRIPT, LANG_TSX, LANG_JAVASCRIPT, LANG_PYTHON};
    for (size_t i = 0; i < ARRAY_SIZE(langs); i++) {
        const TSLanguage *g = lang_grammar(langs[i]);
        bool py = langs[i] == LANG_PYTHON;
        st->sym[langs[i]] = (struct secret_syms){
            .call = node_symbol(g, py ? "call" : "call_expression"),
            .new_expr = py ? 0 : node_symbol(g, "new_expression"),
            .assignment = py ? node_symbol(g, "assignment") : 0,
            .string = node_symbol(g, "string"),
            .template_string = py ? 0 : node_symbol(g, "template_string"),
            .fragment = py ? 0 : node_symbol(g, "string_fragment"),
            .content = py ? node_symbol(g, "string_content") : 0,
        };
    }
    return st;
}

static void secret_fini(void *state)
{
    free(state);
}

static const struct check_option secret_options[] = {
    {"allow-paths", OPTION_STRINGS,
     "path globs of files not reported (test fixtures whose keys are fake), e.g. "
     "[\"tests/fixtures/**\"]"},
    {NULL, 0, NULL},
};

const struct check check_security_hardcoded_secret = {
    .id = "security-hardcoded-secret",
    .title = "A provider credential is written into the repository",
    .level = LEVEL_ERROR,
    .langs = LANGS_CODE | LANGS_TEXT,
    /* the tree serves the credential calls of TS, JS and Python only */
    .text_langs = LANGS_TEXT | LANG_BIT(LANG_SQL) | LANGS_C_CPP,
    .tags = (const char *const[]){"security", "external/cwe/cwe-798", NULL},
    .security_severity = "9.1",
    .precision = "high",
    .options = secret_options,
    .init = secret_init,
    .fini = secret_fini,
    .file = secret_file,
};
