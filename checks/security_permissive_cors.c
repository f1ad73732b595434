/* security-permissive-cors — CORS that lets any site read the API's responses, judged by what
 * the framework really sends (CWE-942): Starlette's CORSMiddleware and Flask-CORS with "*" (or
 * a regex that matches everything) and credentials echo the caller's origin with credentials:
 * error; "*" without credentials is a note. In JS and TS: Access-Control-Allow-Origin copied
 * from the request's Origin (or "null") with Access-Control-Allow-Credentials true is an error,
 * "*" with credentials true a warning (browsers refuse it, the code is wrong either way), "*"
 * alone a note, raised to a warning where the handler reads cookies; the cors and nextjs-cors
 * packages by their options; vercel.json's headers rules by the same table. Allow-lists
 * (`ALLOWED.includes(o) ? o : ALLOWED[0]`) are clean.
 */
#include <string.h>
#include <strings.h>

#include "check.h"
#include "front/kinds.h"
#include "front/syntax.h"
#include "model/localdefs.h"
#include "model/vercel.h"

struct cors_symbols {
    TSSymbol call, pair, string, object;
};

/* The symbols of f's grammar the walk compares (front/kinds.h); pairs and objects are the
 * TS grammars' only. */
static struct cors_symbols symbols_of(const struct check_file *f)
{
    const struct syntax_syms *k = syntax_syms(f->tree ? ts_tree_language(f->tree) : NULL);
    bool py = f->lang == LANG_PYTHON;
    return (struct cors_symbols){
        .call = py ? k->call : k->call_expression,
        .pair = py ? 0 : k->pair,
        .string = k->string,
        .object = py ? 0 : k->object,
    };
}

/* ---- values ------------------------------------------------------------------------------ */

/* The text of a string literal without its quotes (arena), or NULL. */
static char *string_value(struct check_file *f, TSNode n)
{
    n = syntax_strip(n);
    if (!node_is(n, "string"))
        return NULL;
    char *t = node_text(f, n);
    size_t len = strlen(t);
    /* Python prefixes (r"...", b'...'), then the quotes */
    size_t a = 0;
    while (a < len && t[a] != '"' && t[a] != '\'' && t[a] != '`')
        a++;
    size_t q = a < len && len - a >= 6 && strncmp(t + a, "\"\"\"", 3) == 0 ? 3 : 1;
    if (a + 2 * q > len)
        return NULL;
    t[len - q] = '\0';
    return t + a + q;
}

/* The value a name is bound to at module level (Python `ORIGINS = [...]`, TS `const ORIGINS =
 * [...]`), or a null node. */
static TSNode module_value(struct check_file *f, TSNode name)
{
    uint32_t count = ts_node_named_child_count(f->root);
    for (uint32_t i = 0; i < count; i++) {
        TSNode st = ts_node_named_child(f->root, i);
        if (node_is(st, "export_statement"))
            st = node_field(st, "declaration");
        if (node_is(st, "expression_statement") && ts_node_named_child_count(st) == 1) {
            TSNode a = ts_node_named_child(st, 0);
            if (node_is(a, "assignment") && node_is(node_field(a, "left"), "identifier") &&
                node_text_eq(f, node_field(a, "left"), node_text(f, name)))
                return node_field(a, "right");
        }
        if (node_is(st, "lexical_declaration") || node_is(st, "variable_declaration")) {
            uint32_t n = ts_node_named_child_count(st);
            for (uint32_t k = 0; k < n; k++) {
                TSNode d = ts_node_named_child(st, k);
                if (node_is(d, "variable_declarator") &&
                    node_text_eq(f, node_field(d, "name"), node_text(f, name)))
                    return node_field(d, "value");
            }
        }
    }
    return (TSNode){0};
}

/* What an identifier holds: its one local definition, else its module-level value. */
static TSNode resolve(struct check_file *f, struct localdefs_memo *memo, TSNode n)
{
    for (int hops = 0; hops < 4; hops++) {
        n = syntax_strip(n);
        if (!node_is(n, "identifier"))
            return n;
        struct localdef *defs;
        size_t k = localdefs_find(f, memo, n, &defs);
        TSNode next = {0};
        if (k == 1 && defs[0].kind == LOCALDEF_ASSIGN)
            next = defs[0].value;
        else if (k == 1 && defs[0].kind == LOCALDEF_GLOBAL)
            next = module_value(f, n);
        if (ts_node_is_null(next))
            return n;
        n = next;
    }
    return n;
}

/* true when the list (or string, or tuple) of origins holds "*". */
static bool has_wildcard(struct check_file *f, struct localdefs_memo *memo, TSNode v)
{
    v = resolve(f, memo, v);
    char *s = string_value(f, v);
    if (s)
        return strcmp(s, "*") == 0;
    if (node_is(v, "list") || node_is(v, "tuple") || node_is(v, "array") || node_is(v, "set")) {
        uint32_t n = ts_node_named_child_count(v);
        for (uint32_t i = 0; i < n; i++) {
            char *e = string_value(f, resolve(f, memo, ts_node_named_child(v, i)));
            if (e && strcmp(e, "*") == 0)
                return true;
        }
    }
    return false;
}

/* A regular expression that every origin matches: ".*", "^.*$", "https?://.*", ".+". */
static bool regex_matches_all(const char *re)
{
    char buf[64];
    size_t n = 0;
    for (const char *p = re; *p && n < sizeof buf - 1; p++)
        if (*p != '^' && *p != '$' && *p != '(' && *p != ')')
            buf[n++] = *p;
    buf[n] = '\0';
    static const char *const all[] = {".*", ".+", "https?://.*", "https?://.+", "http.*",
                                      "https://.*", "https://.+", "(.*)", "[^/]*", NULL};
    return str_in(buf, all);
}

static bool is_true(struct check_file *f, struct localdefs_memo *memo, TSNode v)
{
    v = resolve(f, memo, v);
    return node_is(v, "true") || (node_is(v, "string") && string_value(f, v) &&
                                  strcmp(string_value(f, v), "true") == 0);
}

/* ---- Python: Starlette / FastAPI, Flask-CORS ---------------------------------------------- */

static void python_call(struct check_file *f, struct localdefs_memo *memo, TSNode call)
{
    char *name = syntax_callee_name(f, call);
    if (!name)
        return;
    bool starlette = false, flask = false;
    if (strcmp(name, "add_middleware") == 0 || strcmp(name, "Middleware") == 0) {
        char *first = node_text(f, syntax_strip(syntax_arg(call, 0)));
        starlette = first && (strcmp(first, "CORSMiddleware") == 0 || str_ends_with(first, ".CORSMiddleware"));
    } else if (strcmp(name, "CORSMiddleware") == 0) {
        starlette = true;
    } else if (strcmp(name, "CORS") == 0 || strcmp(name, "cross_origin") == 0) {
        flask = true;
    }
    if (!starlette && !flask)
        return;
    if (starlette) {
        TSNode origins = syntax_kwarg(f, call, "allow_origins");
        TSNode regex = syntax_kwarg(f, call, "allow_origin_regex");
        char *re = ts_node_is_null(regex) ? NULL : string_value(f, resolve(f, memo, regex));
        bool wildcard = (!ts_node_is_null(origins) && has_wildcard(f, memo, origins)) ||
                        (re && regex_matches_all(re));
        if (!wildcard)
            return;
        TSNode cred = syntax_kwarg(f, call, "allow_credentials");
        TSNode at = !ts_node_is_null(origins) && has_wildcard(f, memo, origins) ? origins : regex;
        if (!ts_node_is_null(cred) && is_true(f, memo, cred)) {
            struct finding *fd = check_report(
                f, at, "CORSMiddleware allows every origin with allow_credentials=True: "
                       "Starlette then echoes the caller's Origin with credentials, so any "
                       "site can make requests with the user's cookies and read the answers; "
                       "list the origins that may call the API (allow_origins=[\"https://app."
                       "example.com\"])");
            finding_set_level(fd, LEVEL_ERROR);
        } else {
            struct finding *fd = check_report(
                f, at, "CORSMiddleware allows every origin: any site can read this API's "
                       "responses (without credentials); fine for a public API, otherwise list "
                       "the origins that may call it");
            finding_set_level(fd, LEVEL_NOTE);
        }
        return;
    }
    /* Flask-CORS: origins default to "*" */
    TSNode origins = syntax_kwarg(f, call, "origins");
    if (ts_node_is_null(origins))
        origins = syntax_kwarg(f, call, "origin");
    TSNode resources = syntax_kwarg(f, call, "resources");
    bool wildcard = ts_node_is_null(origins) ? ts_node_is_null(resources) ||
                                                   strstr(node_text(f, resources), "\"*\"") ||
                                                   !strstr(node_text(f, resources), "origins")
                                             : has_wildcard(f, memo, origins);
    if (!wildcard)
        return;
    TSNode cred = syntax_kwarg(f, call, "supports_credentials");
    if (!ts_node_is_null(cred) && is_true(f, memo, cred)) {
        struct finding *fd = check_report(
            f, call, "%s allows every origin with supports_credentials=True: Flask-CORS then "
                     "answers any site's Origin with credentials allowed, so any site can act "
                     "with the user's cookies; pass origins=[...] with the sites that may call it",
            name);
        finding_set_level(fd, LEVEL_ERROR);
    } else {
        struct finding *fd = check_report(
            f, call, "%s allows every origin (Flask-CORS's default is \"*\"): any site can read "
                     "these responses; fine for a public API, otherwise pass origins=[...]",
            name);
        finding_set_level(fd, LEVEL_NOTE);
    }
}

/* ---- JavaScript / TypeScript ----------------------------------------------------------- */

/* true when v is the request's Origin header: req.headers.origin, request.headers.get('origin'),
 * headers().get('origin'), or a name assigned from one of them. */
static bool is_request_origin(struct check_file *f, struct localdefs_memo *memo, TSNode v)
{
    v = resolve(f, memo, v);
    if (node_is(v, "binary_expression")) { /* origin ?? '*' , origin || '*' */
        TSNode l = node_field(v, "left");
        return is_request_origin(f, memo, l);
    }
    char *t = node_text(f, v);
    if (!t || strlen(t) > 200)
        return false;
    return (str_icontains(t, "headers") && str_icontains(t, "origin") &&
            (node_is(v, "member_expression") || node_is(v, "subscript_expression") ||
             node_is(v, "call_expression"))) ||
           strcmp(t, "'null'") == 0 || strcmp(t, "\"null\"") == 0;
}

/* What one function (or the file's top level) sets: the origin header's value and whether
 * credentials are allowed. */
struct cors_scope {
    TSNode fn;            /* the function, or the root */
    TSNode origin_at;     /* where Access-Control-Allow-Origin is set */
    uint32_t at_start, at_end; /* the same as bytes, where there is no tree (vercel.json) */
    int origin;           /* 0 none, 1 "*", 2 copied from the request (or "null"), 3 a
                           * static "null" (vercel.json) */
    bool credentials;
    bool cookies;         /* the handler reads cookies (its users are logged in by them) */
};

static TSNode enclosing_function(const struct check_file *f, uint32_t i)
{
    const struct node_entry *v = f->nodes->v;
    for (uint32_t p = v[i].parent; p != NODE_NONE; p = v[p].parent)
        if (syntax_is_function(v[p].node))
            return v[p].node;
    return f->root;
}

/* A header name and value being set: a pair of a headers object, { key, value } of
 * next.config's headers(), or headers.set/append, res.setHeader/header/set. */
static bool header_at(struct check_file *f, uint32_t i, const struct cors_symbols *sym,
                      char **name, TSNode *value)
{
    const struct node_entry *v = f->nodes->v;
    TSNode n = v[i].node;
    if (v[i].sym == sym->pair) {
        TSNode k = node_field(n, "key");
        char *key = node_is(k, "string") ? string_value(f, k) : node_text(f, k);
        if (!key)
            return false;
        if (strcasecmp(key, "key") == 0) { /* { key: 'Access-Control-Allow-Origin', value: '*' } */
            TSNode obj = ts_node_parent(n);
            char *hk = string_value(f, syntax_prop(f, obj, "key"));
            TSNode hv = syntax_prop(f, obj, "value");
            if (!hk || ts_node_is_null(hv))
                return false;
            *name = hk;
            *value = hv;
            return true;
        }
        *name = key;
        *value = node_field(n, "value");
        return true;
    }
    if (v[i].sym == sym->call) {
        char *callee = syntax_callee_name(f, n);
        static const char *const setters[] = {"set", "append", "setHeader", "header", NULL};
        if (!callee || !str_in(callee, setters))
            return false;
        char *key = string_value(f, syntax_arg(n, 0));
        TSNode val = syntax_arg(n, 1);
        if (!key || ts_node_is_null(val))
            return false;
        *name = key;
        *value = val;
        return true;
    }
    return false;
}

/* cors(options) / NextCors(req, res, options): origin true (or a function that allows every
 * origin) or "*" against credentials. */
static void cors_package(struct check_file *f, struct localdefs_memo *memo, TSNode call)
{
    char *callee = syntax_callee_name(f, call);
    if (!callee)
        return;
    uint32_t at;
    if (strcmp(callee, "cors") == 0 || strcmp(callee, "Cors") == 0)
        at = 0;
    else if (strcmp(callee, "NextCors") == 0)
        at = 2;
    else
        return;
    TSNode opts = resolve(f, memo, syntax_arg(call, at));
    bool no_opts = ts_node_is_null(opts);
    if (!no_opts && !node_is(opts, "object"))
        return;
    TSNode origin = no_opts ? opts : syntax_prop(f, opts, "origin");
    TSNode cred = no_opts ? opts : syntax_prop(f, opts, "credentials");
    bool credentials = !ts_node_is_null(cred) && is_true(f, memo, cred);
    TSNode o = ts_node_is_null(origin) ? origin : resolve(f, memo, origin);
    char *os = ts_node_is_null(o) ? NULL : string_value(f, o);
    bool reflect = node_is(o, "true") ||
                   ((node_is(o, "arrow_function") || node_is(o, "function_expression")) &&
                    strstr(node_text(f, o), "true") && !strstr(node_text(f, o), "includes") &&
                    !strstr(node_text(f, o), "indexOf") && !strstr(node_text(f, o), "has("));
    bool star = ts_node_is_null(origin) || (os && strcmp(os, "*") == 0);
    TSNode where = ts_node_is_null(origin) ? call : origin;
    if (reflect && credentials) {
        struct finding *fd = check_report(
            f, where, "%s({ origin: true, credentials: true }) answers every site's Origin with "
                      "credentials allowed: any site can make requests with the user's cookies "
                      "and read the answers; give origin the list of sites that may call the API",
            callee);
        finding_set_level(fd, LEVEL_ERROR);
    } else if (star && credentials) {
        struct finding *fd = check_report(
            f, where, "%s sends Access-Control-Allow-Origin: * with credentials allowed: "
                      "browsers refuse that pair, so credentialed calls fail; list the origins "
                      "that may call the API", callee);
        finding_set_level(fd, LEVEL_WARNING);
    } else if (star || reflect) {
        struct finding *fd = check_report(
            f, where, "%s allows every origin: any site can read these responses; fine for a "
                      "public API, otherwise give origin the list of sites that may call it",
            callee);
        finding_set_level(fd, LEVEL_NOTE);
    }
}

static void report_scope(struct check_file *f, const struct cors_scope *s)
{
    if (!s->origin || (s->origin == 3 && !s->credentials))
        return;
    uint32_t a = s->at_start, b = s->at_end;
    if (!ts_node_is_null(s->origin_at)) {
        a = ts_node_start_byte(s->origin_at);
        b = ts_node_end_byte(s->origin_at);
    }
    struct finding *fd;
    if (s->origin == 3 && s->credentials) {
        fd = check_report_range(f, a, b,
                                "Access-Control-Allow-Origin: null with "
                                "Access-Control-Allow-Credentials: true: sandboxed iframes and "
                                "file:// pages send Origin: null, so any site can make requests "
                                "with the user's cookies and read the answers; answer only "
                                "origins from an allow-list");
        finding_set_level(fd, LEVEL_ERROR);
    } else if (s->origin == 2 && s->credentials) {
        fd = check_report_range(f, a, b,
                          "Access-Control-Allow-Origin is copied from the request's Origin with "
                          "Access-Control-Allow-Credentials: true: any site can make requests "
                          "with the user's cookies and read the answers; answer only origins "
                          "from an allow-list (ALLOWED.includes(origin) ? origin : ALLOWED[0])");
        finding_set_level(fd, LEVEL_ERROR);
    } else if (s->origin == 1 && s->credentials) {
        fd = check_report_range(f, a, b,
                          "Access-Control-Allow-Origin: * with Access-Control-Allow-Credentials: "
                          "true: browsers refuse that pair, so credentialed calls fail; answer "
                          "the origins of an allow-list instead");
        finding_set_level(fd, LEVEL_WARNING);
    } else if (s->cookies) {
        fd = check_report_range(f, a, b,
                          "Access-Control-Allow-Origin lets every site read the responses of a "
                          "handler that reads cookies: answer only the origins of an allow-list");
        finding_set_level(fd, LEVEL_WARNING);
    } else {
        fd = check_report_range(f, a, b,
                          "Access-Control-Allow-Origin lets every site read these responses: "
                          "fine for a public API, otherwise answer only the origins of an "
                          "allow-list");
        finding_set_level(fd, LEVEL_NOTE);
    }
}

static void js_file(struct check_file *f, const struct cors_symbols *sym,
                    struct localdefs_memo *memo)
{
    const struct node_table *t = f->nodes;
    VEC(struct cors_scope) scopes = {0};
    for (uint32_t i = 0; i < t->n && !check_out_of_time(f); i++) {
        if (t->v[i].sym != sym->pair && t->v[i].sym != sym->call)
            continue;
        if (node_has_error(t->v[i].node))
            continue;
        if (t->v[i].sym == sym->call)
            cors_package(f, memo, t->v[i].node);
        char *name;
        TSNode value;
        if (!header_at(f, i, sym, &name, &value))
            continue;
        bool origin = strcasecmp(name, "Access-Control-Allow-Origin") == 0;
        bool cred = strcasecmp(name, "Access-Control-Allow-Credentials") == 0;
        if (!origin && !cred)
            continue;
        TSNode fn = enclosing_function(f, i);
        struct cors_scope *s = NULL;
        for (size_t k = 0; k < scopes.n && !s; k++)
            if (ts_node_eq(scopes.v[k].fn, fn))
                s = &scopes.v[k];
        if (!s) {
            struct cors_scope ns = {.fn = fn};
            char *body = node_text(f, fn);
            ns.cookies = strstr(body, "cookies") != NULL;
            VEC_PUSH(scopes, ns);
            s = &scopes.v[scopes.n - 1];
        }
        if (cred) {
            s->credentials |= is_true(f, memo, value);
            continue;
        }
        char *sv = string_value(f, resolve(f, memo, value));
        int kind = sv && strcmp(sv, "*") == 0 ? 1 : is_request_origin(f, memo, value) ? 2 : 0;
        if (kind > s->origin) {
            s->origin = kind;
            s->origin_at = value;
        }
    }
    for (size_t k = 0; k < scopes.n; k++)
        report_scope(f, &scopes.v[k]);
    VEC_FREE(scopes);
}

/* vercel.json: each headers rule is a scope of its own. A static file cannot copy the
 * request's Origin; "null" with credentials is the same mistake (a "null" alone is nothing). */
static void vercel_file(struct check_file *f)
{
    size_t n;
    const struct vercel_rule *rules = vercel_headers(f->arena, f->src->text, &n);
    for (size_t i = 0; i < n; i++) {
        struct cors_scope s = {0};
        for (size_t k = 0; k < rules[i].nheaders; k++) {
            const struct vercel_header *h = &rules[i].headers[k];
            if (strcasecmp(h->key, "Access-Control-Allow-Credentials") == 0) {
                s.credentials |= strcasecmp(h->value, "true") == 0;
            } else if (strcasecmp(h->key, "Access-Control-Allow-Origin") == 0) {
                s.origin = strcmp(h->value, "*") == 0 ? 1 : strcmp(h->value, "null") == 0 ? 3 : 0;
                s.at_start = h->value_start;
                s.at_end = h->value_end;
            }
        }
        report_scope(f, &s);
    }
}

static void cors_file(struct check_file *f)
{
    if (f->lang == LANG_JSON) {
        if (vercel_config(f->src->path))
            vercel_file(f);
        return;
    }
    const struct cors_symbols symbols = symbols_of(f), *sym = &symbols;
    if (!f->nodes || !sym->call)
        return;
    struct localdefs_memo *memo = localdefs_memo_new(f);
    if (f->lang == LANG_PYTHON) {
        for (uint32_t i = 0; i < f->nodes->n && !check_out_of_time(f); i++)
            if (f->nodes->v[i].sym == sym->call && !node_has_error(f->nodes->v[i].node))
                python_call(f, memo, f->nodes->v[i].node);
        return;
    }
    js_file(f, sym, memo);
}

/* Every finding names one of these: the header, a middleware, a package. */
static const char *const cors_prefilter[] = {"Access-Control-Allow-Origin",
                                             "access-control-allow-origin", "CORS", "cors",
                                             "Cors", "cross_origin", NULL};

const struct check check_security_permissive_cors = {
    .id = "security-permissive-cors",
    .title = "CORS lets any site read the API's responses",
    .level = LEVEL_WARNING,
    .langs = LANGS_JS_TS | LANG_BIT(LANG_PYTHON) | LANG_BIT(LANG_JSON), /* vercel.json */
    .tags = (const char *const[]){"security", "external/cwe/cwe-942", NULL},
    .security_severity = "7.5",
    .precision = "high",
    .prefilter = cors_prefilter,
    .file = cors_file,
};
