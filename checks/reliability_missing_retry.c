/* reliability_missing_retry.c — LLM API calls that are never retried: SDK clients built with
 * retries turned off, SDKs that do not retry (legacy openai-python, openai-node v3,
 * @google/generative-ai) and raw HTTP requests to LLM hosts, outside any retry wrapper.
 *
 * The official OpenAI and Anthropic SDKs (Node >= 4, Python >= 1) retry twice by default, so a
 * default client is fine. A call counts as retried when it sits in a function passed to a
 * retry helper, in a function whose name or decorator says retry/backoff (tenacity, backoff),
 * in a function passed by name to such a helper, or in a try block inside a retry loop.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "front/syntax.h"
#include "model/imports.h"
#include "model/llm.h"
#include "model/localdefs.h"
#include "model/xmod.h"

static const struct check_option retry_options[] = {
    {"retry-wrappers", OPTION_STRINGS,
     "names of functions and decorators that retry what they wrap, besides any name that "
     "contains 'retry' or 'backoff'"},
    {NULL, 0, NULL},
};

/* The node kinds the walks dispatch on, resolved once per grammar: comparing symbols is
 * cheaper than comparing type names at every node. 0 (no node has it) where a grammar lacks
 * the kind. */
struct retry_syms {
    TSSymbol import_statement, import_from_statement, variable_declarator, assignment,
        new_expression, call_expression, call;
};

struct retry_state {
    const char *const *wrappers; /* borrowed from the run's options */
    struct retry_syms sym[LANG_COUNT];
    /* bit k of first[c] / second[c]: file_needles[k] has c (any case) as its first / second
     * byte */
    uint16_t first[256], second[256];
};

/* A client built with retries off, found in this file. */
struct client {
    const char *name; /* the variable or field it is stored in */
    const char *sdk;  /* "OpenAI", "Anthropic" */
    bool py;
    TSNode option;    /* the maxRetries: 0 / max_retries=0 that turns retries off */
    bool called;
};

struct host_const {
    const char *name;
    const char *host;
};

/* What the file holds that calls are judged by. Arena-allocated. */
struct facts {
    struct check_file *f;
    const struct retry_state *st;
    const struct retry_syms *sym; /* the file's grammar's */
    bool broken;          /* the tree has ERROR or MISSING nodes (to skip) */
    bool py;
    bool gemini;          /* imports @google/generative-ai (google.generativeai in Python) */
    bool session_retries; /* mounts requests' HTTPAdapter(max_retries=...) */
    bool openai;          /* imports or requires openai (the legacy names are generic) */
    VEC(struct client) clients;
    VEC(struct host_const) consts;
    VEC(struct host_const) bases; /* HTTP clients with an LLM base URL: axios.create(...) */
    VEC(const char *) wrapped; /* functions passed by name to a retry wrapper */
    struct imports *im;        /* the file's imports and exports */
    struct localdefs_memo *defs;
    struct xmod_facts *xmod;   /* for the project pass, or NULL */
};

/* The trait of an export (model/xmod.h): it comes from a module that uses the Gemini SDK. */
enum { TRAIT_GEMINI = 1 };

static bool is_wrapper_name(const struct retry_state *st, const char *name)
{
    if (!name)
        return false;
    if (str_icontains(name, "retry") || str_icontains(name, "backoff"))
        return true;
    const char *last = strrchr(name, '.');
    for (const char *const *w = st->wrappers; w && *w; w++)
        if (strcmp(name, *w) == 0 || (last && strcmp(last + 1, *w) == 0))
            return true;
    return false;
}

/* The callee's dotted text or, for chains with calls, its last name; for a call of a call
 * (Retrying(...)(fn), backoff.on_exception(...)(fn)) the inner callee's. */
static char *callee_label(struct check_file *f, TSNode call)
{
    TSNode callee = syntax_strip(syntax_callee(call));
    while (node_is(callee, "call") || node_is(callee, "call_expression")) {
        call = callee;
        callee = syntax_strip(syntax_callee(call));
    }
    char *d = syntax_dotted(f, callee);
    return d ? d : syntax_callee_name(f, call);
}

static bool is_zero(struct check_file *f, TSNode n)
{
    return (node_is(n, "number") || node_is(n, "integer")) && node_text_eq(f, n, "0");
}

/* The value of maxRetries: 0 in a JS options object or max_retries=0 in Python, or null. */
static TSNode retries_off(struct facts *x, TSNode call, uint32_t ts_arg)
{
    struct check_file *f = x->f;
    if (x->py) {
        TSNode v = syntax_kwarg(f, call, "max_retries");
        return is_zero(f, v) ? ts_node_parent(v) : (TSNode){0};
    }
    TSNode v = syntax_prop(f, syntax_arg(call, ts_arg), "maxRetries");
    return is_zero(f, v) ? ts_node_parent(v) : (TSNode){0};
}

/* The first name of a member chain, skipping this/self: `client` for self.client.chat.x. */
static char *chain_key(struct check_file *f, TSNode callee)
{
    TSNode n = syntax_strip(callee), below = {0};
    for (;;) {
        if (node_is(n, "member_expression") || node_is(n, "attribute")) {
            below = n;
            n = syntax_strip(ts_node_named_child(n, 0));
        } else if (node_is(n, "call_expression") || node_is(n, "call")) {
            below = (TSNode){0};
            n = syntax_strip(syntax_callee(n));
        } else {
            break;
        }
    }
    if ((node_is(n, "this") || (node_is(n, "identifier") && node_text_eq(f, n, "self"))) &&
        !ts_node_is_null(below)) {
        TSNode field =
            node_field(below, node_is(below, "attribute") ? "attribute" : "property");
        return ts_node_is_null(field) ? NULL : node_text(f, field);
    }
    return node_is(n, "identifier") ? node_text(f, n) : NULL;
}

/* The LLM host a URL expression names: a literal, a template or f-string, a concatenation, or
 * a constant of this file; NULL otherwise. */
static const char *url_host(struct facts *x, TSNode url)
{
    struct check_file *f = x->f;
    TSNode stack[32];
    size_t n = 0;
    if (!ts_node_is_null(url))
        stack[n++] = url;
    while (n) {
        TSNode e = syntax_strip(stack[--n]);
        const char *t = ts_node_type(e);
        if (strcmp(t, "string") == 0 || strcmp(t, "template_string") == 0) {
            const char *h = llm_host_in_text(node_text(f, e));
            if (h)
                return h;
            /* `${OPENAI_BASE}/chat/completions`, f"{OPENAI_URL}/v1" */
            uint32_t count = ts_node_named_child_count(e);
            for (uint32_t i = 0; i < count && n < ARRAY_SIZE(stack); i++) {
                TSNode c = ts_node_named_child(e, i);
                if (node_is(c, "template_substitution") || node_is(c, "interpolation"))
                    stack[n++] = ts_node_named_child(c, 0);
            }
        } else if (strcmp(t, "identifier") == 0) {
            for (size_t i = 0; i < x->consts.n; i++)
                if (node_text_eq(f, e, x->consts.v[i].name))
                    return x->consts.v[i].host;
        } else if (strcmp(t, "binary_expression") == 0 || strcmp(t, "binary_operator") == 0) {
            if (n + 2 <= ARRAY_SIZE(stack)) {
                stack[n++] = node_field(e, "left");
                stack[n++] = node_field(e, "right");
            }
        }
    }
    return NULL;
}

static bool is_string(TSNode n)
{
    return node_is(n, "string") || node_is(n, "template_string");
}

/* pRetry(() => callGemini(prompt)): the functions a wrapped function calls by name are
 * retried with it. */
static void add_called_names(struct facts *x, TSNode fn)
{
    struct walk w;
    walk_init(&w, x->f, node_field(fn, "body"));
    for (TSNode n; walk_next(&w, &n);) {
        if (!node_is(n, "call_expression") && !node_is(n, "call"))
            continue;
        TSNode callee = syntax_strip(syntax_callee(n));
        TSNode obj = node_is(callee, "member_expression") || node_is(callee, "attribute")
                         ? syntax_strip(ts_node_named_child(callee, 0)) : (TSNode){0};
        /* f(), this.f(), self.f(): names of this file's functions, not SDK methods */
        if (node_is(callee, "identifier") || node_is(obj, "this") ||
            (node_is(obj, "identifier") && node_text_eq(x->f, obj, "self"))) {
            const char *s = syntax_callee_name(x->f, n);
            if (s)
                VEC_PUSH(x->wrapped, s);
        }
    }
}

/* First pass: clients with retries off, host constants, imports, functions handed to a
 * retry wrapper by name. */
static void collect(struct facts *x)
{
    struct check_file *f = x->f;
    struct walk w;
    walk_init(&w, f, f->root);
    const struct retry_syms *sym = x->sym;
    for (TSNode n; walk_next(&w, &n);) {
        if (x->broken && (ts_node_is_error(n) || ts_node_is_missing(n))) {
            walk_skip(&w);
            continue;
        }
        TSSymbol t = walk_symbol(&w);
        if (t == sym->import_statement || t == sym->import_from_statement) {
            char *text = node_text(f, n);
            if (!x->py && strstr(text, "@google/generative-ai"))
                x->gemini = true;
            if (x->py && (strstr(text, "google.generativeai") ||
                          (strstr(text, "from google import") && strstr(text, "generativeai"))))
                x->gemini = true;
            if (str_icontains(text, "openai"))
                x->openai = true;
            walk_skip(&w);
        } else if (t == sym->variable_declarator || t == sym->assignment) {
            TSNode name = node_field(n, x->py ? "left" : "name");
            TSNode value = node_field(n, x->py ? "right" : "value");
            if (node_is(name, "identifier") && is_string(value)) {
                const char *h = llm_host_in_text(node_text(f, value));
                if (h) {
                    struct host_const c = {node_text(f, name), h};
                    VEC_PUSH(x->consts, c);
                }
            }
        } else if (t == sym->new_expression || t == sym->call_expression || t == sym->call) {
            /* pRetry(generateReply), Retrying()(fetch_page), backoff.on_exception(...)(fn) */
            if (is_wrapper_name(x->st, callee_label(f, n))) {
                TSNode args = node_field(n, "arguments");
                uint32_t count = ts_node_named_child_count(args);
                for (uint32_t i = 0; i < count; i++) {
                    TSNode a = syntax_strip(ts_node_named_child(args, i));
                    if (syntax_is_function(a)) {
                        add_called_names(x, a);
                        continue;
                    }
                    TSNode nm = a;
                    if (node_is(a, "member_expression"))
                        nm = node_field(a, "property");
                    else if (node_is(a, "attribute"))
                        nm = node_field(a, "attribute");
                    if (node_is(nm, "identifier") || node_is(nm, "property_identifier")) {
                        const char *s = node_text(f, nm);
                        VEC_PUSH(x->wrapped, s);
                    }
                }
            }
            char *name = syntax_callee_name(f, n);
            if (!name)
                continue;
            /* httpx.Client(base_url=...), axios.create({ baseURL }), ky.create({ prefixUrl }) */
            TSNode base = {0};
            if (x->py && (strcmp(name, "Client") == 0 || strcmp(name, "AsyncClient") == 0))
                base = syntax_kwarg(f, n, "base_url");
            else if (!x->py && (strcmp(name, "create") == 0 || strcmp(name, "extend") == 0)) {
                base = syntax_prop(f, syntax_arg(n, 0), "baseURL");
                if (ts_node_is_null(base))
                    base = syntax_prop(f, syntax_arg(n, 0), "prefixUrl");
            }
            const char *base_host = ts_node_is_null(base) ? NULL : url_host(x, base);
            char *base_var = base_host ? llm_stored_name(f, n) : NULL;
            if (base_var) {
                struct host_const c = {base_var, base_host};
                VEC_PUSH(x->bases, c);
            }
            if (t == sym->call_expression && strcmp(name, "require") == 0) {
                char *text = node_text(f, n);
                if (strstr(text, "@google/generative-ai"))
                    x->gemini = true;
                if (str_icontains(text, "openai"))
                    x->openai = true;
            }
            if (strcmp(name, "HTTPAdapter") == 0 &&
                !ts_node_is_null(syntax_kwarg(f, n, "max_retries")))
                x->session_retries = true;
            const char *sdk = str_in(name, llm_openai_classes)      ? "OpenAI"
                              : str_in(name, llm_anthropic_classes) ? "Anthropic"
                              : str_in(name, llm_langchain_classes) ? "LangChain"
                                                                : NULL;
            if (sdk && t != sym->call_expression) {
                TSNode off = retries_off(x, n, 0);
                char *var = llm_stored_name(f, n);
                if (!ts_node_is_null(off) && var) {
                    struct client c = {var, sdk, x->py, off, false};
                    VEC_PUSH(x->clients, c);
                }
            }
        }
    }
}

/* fn, whose parent is parent: named for retrying, handed to a retry wrapper, or decorated
 * with one (Python: @retry(...), @tenacity.retry, @backoff.on_exception(backoff.expo, ...)). */
static bool is_wrapped_function(struct facts *x, TSNode fn, TSNode parent)
{
    char *name = syntax_function_name_at(x->f, fn, parent);
    if (!name)
        return false;
    if (is_wrapper_name(x->st, name))
        return true;
    for (size_t i = 0; i < x->wrapped.n; i++)
        if (strcmp(x->wrapped.v[i], name) == 0)
            return true;
    if (!node_is(parent, "decorated_definition"))
        return false;
    uint32_t count = ts_node_named_child_count(parent);
    for (uint32_t i = 0; i < count; i++) {
        TSNode d = ts_node_named_child(parent, i);
        if (!node_is(d, "decorator"))
            continue;
        TSNode e = ts_node_named_child(d, 0);
        char *label = node_is(e, "call") ? callee_label(x->f, e) : syntax_dotted(x->f, e);
        if (is_wrapper_name(x->st, label))
            return true;
    }
    return false;
}

/* true when text names attempts or retries: attempt, retries, maxTries, tries, try_count;
 * not the "tries" of entries, the "try" of country or the "retr" of retrieve. */
static bool names_attempts(const char *text)
{
    if (str_icontains(text, "attempt") || str_icontains(text, "retry") ||
        str_icontains(text, "retries"))
        return true;
    for (const char *p = text; *p; p++) {
        bool word_start = p == text || !((p[-1] >= 'a' && p[-1] <= 'z') ||
                                         (p[-1] >= 'A' && p[-1] <= 'Z'));
        if (strncmp(p, "Tries", 5) == 0 || strncmp(p, "Try", 3) == 0 ||
            (word_start && (strncmp(p, "tries", 5) == 0 || strncmp(p, "try", 3) == 0)))
            return true;
    }
    return false;
}

/* A loop that repeats attempts: its header names them (`for (let attempt = 0; attempt < 3;
 * attempt++)`, `while (retries-- > 0)`, `for attempt in range(3)`) or it loops forever
 * (`while (true)`, `while True`). A loop over items (`for (let i = 0; i < leads.length; i++)`,
 * `for row in rows`) repeats different calls, not attempts of one. */
static bool is_attempt_loop(struct facts *x, TSNode loop)
{

    if (!node_is(loop, "while_statement") && !node_is(loop, "do_statement") &&
        !node_is(loop, "for_statement"))
        return false;
    TSNode body = node_field(loop, "body");
    uint32_t start = ts_node_start_byte(loop);
    uint32_t end = ts_node_is_null(body) ? ts_node_end_byte(loop) : ts_node_start_byte(body);
    if (node_is(loop, "do_statement") && !ts_node_is_null(body)) {
        /* do { ... } while (cond): the header is at the end */
        start = ts_node_end_byte(body);
        end = ts_node_end_byte(loop);
    }
    char *header = arena_strndup(x->f->arena, x->f->src->text + start, end - start);
    if (names_attempts(header))
        return true;
    return node_is(syntax_strip(node_field(loop, "condition")), "true");
}

/* Is the call the walk stands on retried by what surrounds it? */
static bool in_retry(struct facts *x, struct walk *w, TSNode call)
{
    size_t depth;
    TSNode *up = walk_ancestors(w, x->f->arena, &depth);
    bool passed_function = false, in_try = false;
    TSNode prev = call;
    for (size_t i = 0; i < depth; prev = up[i], i++) {
        TSNode n = up[i];
        TSNode parent = i + 1 < depth ? up[i + 1] : (TSNode){0};
        if (syntax_is_function(n)) {
            if (is_wrapped_function(x, n, parent))
                return true;
            passed_function = true;
            in_try = false; /* a retry loop must hold the try in the same function */
            continue;
        }
        const char *t = ts_node_type(n);
        if ((strcmp(t, "arguments") == 0 || strcmp(t, "argument_list") == 0) &&
            passed_function) {
            if (is_wrapper_name(x->st, callee_label(x->f, parent)))
                return true;
        } else if (strcmp(t, "try_statement") == 0) {
            TSNode body = node_field(n, "body");
            if (ts_node_eq(body, prev))
                in_try = true;
        } else if (in_try && is_attempt_loop(x, n)) {
            return true;
        } else if (x->py && strcmp(t, "for_statement") == 0) {
            /* for attempt in Retrying(...): with attempt: ... */
            TSNode it = node_field(n, "right");
            if (node_is(it, "call") && is_wrapper_name(x->st, callee_label(x->f, it)))
                return true;
        }
    }
    return false;
}

static struct client *client_named(struct facts *x, const char *name)
{
    for (size_t i = x->clients.n; name && i-- > 0;)
        if (strcmp(x->clients.v[i].name, name) == 0)
            return &x->clients.v[i];
    return NULL;
}

/* Python client.with_options(max_retries=0).chat.completions.create(...) */
static bool with_options_off(struct facts *x, TSNode callee)
{
    TSNode n = syntax_strip(callee);
    while (node_is(n, "attribute") || node_is(n, "call")) {
        if (node_is(n, "call")) {
            char *name = syntax_callee_name(x->f, n);
            if (name && strcmp(name, "with_options") == 0 &&
                is_zero(x->f, syntax_kwarg(x->f, n, "max_retries")))
                return true;
            n = syntax_strip(syntax_callee(n));
        } else {
            n = syntax_strip(ts_node_named_child(n, 0));
        }
    }
    return false;
}

static void report_call(struct facts *x, TSNode call, const char *fmt, ...) PRINTF_LIKE(3, 4);
static void report_call(struct facts *x, TSNode call, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = xvasprintf(fmt, ap);
    va_end(ap);
    TSNode callee = syntax_callee(call);
    check_report_range(x->f, ts_node_start_byte(call), ts_node_end_byte(callee), "%s", msg);
    free(msg);
}

static const char *wrap_hint(const struct facts *x)
{
    return x->py ? "decorate the function with tenacity @retry"
                 : "wrap the call in a retry helper such as p-retry";
}

/* A Gemini method called on what another module made: a finding if that module uses the SDK,
 * which the project pass tells. */
static void ask_gemini(struct facts *x, struct walk *w, TSNode call, TSNode callee,
                       const char *msg)
{
    struct import_ref r;
    if (!x->im->project || !imports_root(x->im, x->f, x->defs, callee, &r) ||
        in_retry(x, w, call))
        return;
    if (!x->xmod)
        x->xmod = xmod_new();
    xmod_ask(x->xmod, &r, TRAIT_GEMINI, ts_node_start_byte(call), ts_node_end_byte(callee), msg,
             0);
}

/* One call: is it an LLM call that never retries? */
static void judge_call(struct facts *x, struct walk *w, TSNode call)
{
    struct check_file *f = x->f;
    TSNode callee = syntax_strip(syntax_callee(call));
    char *method = syntax_callee_name(f, call);
    if (ts_node_is_null(callee) || !method)
        return;
    bool member = node_is(callee, "member_expression") || node_is(callee, "attribute");

    if (member && str_in(method, llm_sdk_methods)) {
        struct client *c = client_named(x, chain_key(f, callee));
        if (c) {
            /* a module client and a self.client of the same name: one flow-insensitive view */
            for (size_t i = 0; i < x->clients.n; i++)
                if (strcmp(x->clients.v[i].name, c->name) == 0)
                    x->clients.v[i].called = true;
            if (in_retry(x, w, call))
                return;
            struct finding *fd = check_report_range(
                f, ts_node_start_byte(call), ts_node_end_byte(callee),
                "this %s client is built with %s, so the call is never retried: remove the "
                "option (the SDK retries twice by default) or %s",
                c->sdk, c->py ? "max_retries=0" : "maxRetries: 0", wrap_hint(x));
            finding_related(fd, ts_node_start_byte(c->option), ts_node_end_byte(c->option),
                            "retries turned off here");
            return;
        }
        if (!x->py && !ts_node_is_null(retries_off(x, call, 1)) && !in_retry(x, w, call)) {
            report_call(x, call,
                        "the request option maxRetries: 0 turns the SDK's retries off for this "
                        "call: remove it or %s", wrap_hint(x));
            return;
        }
        if (x->py && with_options_off(x, callee) && !in_retry(x, w, call)) {
            report_call(x, call,
                        "with_options(max_retries=0) turns the SDK's retries off for this "
                        "call: remove it or %s", wrap_hint(x));
            return;
        }
    }
    if (x->py && member && x->openai &&
        (strcmp(method, "create") == 0 || strcmp(method, "acreate") == 0)) {
        /* openai.ChatCompletion.create(...) */
        TSNode obj = syntax_strip(ts_node_named_child(callee, 0));
        TSNode res = node_is(obj, "attribute") ? node_field(obj, "attribute")
                                               : obj;
        char *resource = ts_node_is_null(res) ? NULL : node_text(f, res);
        if (resource && str_in(resource, llm_openai_legacy_resources) && !in_retry(x, w, call)) {
            report_call(x, call,
                        "%s (openai-python < 1.0) does not retry: move to the OpenAI() client, "
                        "which retries twice by default, or %s", callee_label(f, call),
                        wrap_hint(x));
            return;
        }
    }
    if (!x->py && member && x->openai && str_in(method, llm_openai_v3_methods)) {
        /* v4's own ChatCompletionStream.createChatCompletion is a static method of a class */
        TSNode recv = syntax_strip(ts_node_named_child(callee, 0));
        if (node_is(recv, "member_expression"))
            recv = node_field(recv, "property");
        char first = ts_node_is_null(recv) ? 0 : f->src->text[ts_node_start_byte(recv)];
        bool class_static = (node_is(recv, "identifier") ||
                             node_is(recv, "property_identifier")) &&
                            first >= 'A' && first <= 'Z';
        if (!class_static && !in_retry(x, w, call))
            report_call(x, call,
                        "%s (openai-node v3, OpenAIApi) does not retry: move to openai v4 or "
                        "later, which retries twice by default, or %s", method, wrap_hint(x));
        return;
    }
    if (!x->py && member && !x->gemini && str_in(method, llm_gemini_methods)) {
        ask_gemini(x, w, call, callee,
                   arena_printf(f->arena, "%s (@google/generative-ai) does not retry on 429 or "
                                "5xx: %s with exponential backoff", method, wrap_hint(x)));
        return;
    }
    if (x->py && member && !x->gemini && str_in(method, llm_gemini_py_methods)) {
        TSNode ro = syntax_kwarg(f, call, "request_options");
        if (ts_node_is_null(ro) || !str_icontains(node_text(f, ro), "retry"))
            ask_gemini(x, w, call, callee,
                       arena_printf(f->arena, "%s (google-generativeai) does not retry on 429 "
                                    "or 5xx: pass request_options={\"retry\": Retry(...)} or %s",
                                    method, wrap_hint(x)));
        return;
    }
    if (!x->py && member && x->gemini && str_in(method, llm_gemini_methods)) {
        if (!in_retry(x, w, call))
            report_call(x, call,
                        "%s (@google/generative-ai) does not retry on 429 or 5xx: %s with "
                        "exponential backoff", method, wrap_hint(x));
        return;
    }
    if (x->py && x->gemini && str_in(method, llm_gemini_py_methods)) {
        /* request_options={"retry": Retry(...)} is the SDK's own way */
        TSNode ro = syntax_kwarg(f, call, "request_options");
        bool own = !ts_node_is_null(ro) && str_icontains(node_text(f, ro), "retry");
        if (!own && !in_retry(x, w, call))
            report_call(x, call,
                        "%s (google-generativeai) does not retry on 429 or 5xx: pass "
                        "request_options={\"retry\": Retry(...)} or %s", method, wrap_hint(x));
        return;
    }
    /* raw HTTP: fetch(url), axios.post(url), requests.post(url), client.post(url) */
    bool http = member ? str_in(method, llm_http_methods)
                       : (!x->py && str_in(method, llm_http_functions));
    if (!http)
        return;
    TSNode url = x->py ? syntax_kwarg(f, call, "url") : (TSNode){0};
    if (ts_node_is_null(url))
        url = syntax_arg(call, 0);
    if (!x->py && node_is(syntax_strip(url), "object")) /* axios({ url, method }) */
        url = syntax_prop(f, url, "url");
    const char *host = url_host(x, url);
    if (!host && member) {
        /* openaiHttp.post('/chat/completions') on axios.create({ baseURL: LLM host }) */
        char *key = chain_key(f, callee);
        for (size_t i = 0; key && i < x->bases.n; i++)
            if (strcmp(x->bases.v[i].name, key) == 0)
                host = x->bases.v[i].host;
    }
    if (!host)
        return;
    if (x->py && x->session_retries) {
        /* a session with HTTPAdapter(max_retries=Retry(...)) mounted retries by itself */
        char *root = chain_key(f, callee);
        if (!root || (strcmp(root, "requests") != 0 && strcmp(root, "httpx") != 0))
            return;
    }
    if (in_retry(x, w, call))
        return;
    char *label = callee_label(f, call);
    report_call(x, call,
                x->py ? "%s to %s has no retry on 429 or 5xx: use the official SDK (it retries "
                        "by default) or decorate the function with tenacity @retry"
                      : "%s to %s has no retry on 429 or 5xx: use the official SDK (it retries "
                        "by default) or wrap the request in a retry helper such as p-retry",
                label ? label : method, host);
}

/* Words one of which every reportable file contains (case aside): SDK, class and host names,
 * the legacy resources and methods, the retry options. Most files mention none of them and
 * are skipped without walking their tree. */
static const char *const file_needles[] = {"openai", "anthropic", "generative", "cohere",
                                           "mistral", "completion", "embedding", "maxretries",
                                           "max_retries", "generatecontent", "embedcontent",
                                           "sendmessage", "generate_content", "embed_content",
                                           "send_message", NULL};
_Static_assert(ARRAY_SIZE(file_needles) <= 17, "a needle's bit must fit in uint16_t");

static unsigned char ascii_lower(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c | 0x20) : c;
}

/* true when a needle of file_needles (lowercase) starts at s, ignoring ASCII case. */
static bool needle_at(const unsigned char *s, size_t room, const char *needle)
{
    size_t i = 0;
    for (; needle[i]; i++)
        if (i == room || ascii_lower(s[i]) != (unsigned char)needle[i])
            return false;
    return true;
}

/* One pass over the text, where a byte costs a table look-up or two: the scan runs on every
 * file, and byte by byte with strchr and strncasecmp it cost more than the check's walks. */
static bool may_call_llm(const struct retry_state *st, const struct source *src)
{
    const unsigned char *s = (const unsigned char *)src->text;
    size_t len = src->len;
    for (size_t i = 0; i + 1 < len; i++) {
        unsigned m = st->first[s[i]];
        if (!m)
            continue;
        m &= st->second[s[i + 1]];
        for (unsigned k = 0; m; m >>= 1, k++)
            if ((m & 1) && needle_at(s + i, len - i, file_needles[k]))
                return true;
    }
    return false;
}

static void retry_file(struct check_file *f)
{
    if (!may_call_llm(f->state, f->src))
        return;
    struct facts x = {0};
    x.f = f;
    x.st = f->state;
    x.py = f->lang == LANG_PYTHON;
    x.sym = &x.st->sym[f->lang];
    x.broken = ts_node_has_error(f->root);
    x.im = imports_scan(f);
    x.defs = localdefs_memo_new(f);
    collect(&x);
    struct walk w;
    walk_init(&w, f, f->root);
    for (TSNode n; walk_next(&w, &n);) {
        if (x.broken && (ts_node_is_error(n) || ts_node_is_missing(n))) {
            walk_skip(&w);
            continue;
        }
        TSSymbol t = walk_symbol(&w);
        if (t == x.sym->call_expression || t == x.sym->call)
            judge_call(&x, &w, n);
    }
    /* a client exported for other files: report where its retries are turned off */
    for (size_t i = 0; i < x.clients.n; i++) {
        struct client *c = &x.clients.v[i];
        if (!c->called)
            check_report(f, c->option,
                         "this %s client is built with %s, so none of its calls is retried: "
                         "remove the option (the SDK retries twice by default)",
                         c->sdk, c->py ? "max_retries=0" : "maxRetries: 0");
    }
    if (x.gemini) {
        /* what this module exports may be the client or model its importers call */
        for (size_t i = 0; i < x.im->nx; i++) {
            if (!x.xmod)
                x.xmod = xmod_new();
            xmod_offer(x.xmod, x.im->x[i].name, x.im->x[i].name_len, TRAIT_GEMINI,
                       x.im->x[i].start, x.im->x[i].end, NULL, 0);
        }
    }
    if (x.xmod)
        check_keep_facts(f, x.xmod, xmod_free);
    VEC_FREE(x.clients);
    VEC_FREE(x.consts);
    VEC_FREE(x.bases);
    VEC_FREE(x.wrapped);
}

static void retry_match(struct check_project *p, size_t file, const struct xmod_ask *a,
                        size_t target, const struct xmod_offer *o, void *data)
{
    (void)data;
    struct finding *fd = project_report(p, file, a->start, a->end, "%s", a->text);
    finding_related_in(fd, p, target, o->start, o->end, "exported here by a module that uses "
                       "the Gemini SDK");
}

static void retry_project(struct check_project *p)
{
    xmod_match(p, retry_match, NULL);
}

static void *retry_init(const struct check_options *opts, char **err)
{
    (void)err;
    struct retry_state *st = xcalloc(1, sizeof(*st));
    st->wrappers = options_strings(opts, "retry-wrappers");
    for (unsigned k = 0; file_needles[k]; k++) {
        /* the needles start with two lowercase letters */
        unsigned char c = (unsigned char)file_needles[k][0], d = (unsigned char)file_needles[k][1];
        st->first[c] |= (uint16_t)(1u << k);
        st->first[c & ~0x20u] |= (uint16_t)(1u << k);
        st->second[d] |= (uint16_t)(1u << k);
        st->second[d & ~0x20u] |= (uint16_t)(1u << k);
    }
    for (int l = 0; l < LANG_COUNT; l++) {
        const TSLanguage *g = lang_grammar((enum lang)l);
        st->sym[l] = (struct retry_syms){
            .import_statement = node_symbol(g, "import_statement"),
            .import_from_statement = node_symbol(g, "import_from_statement"),
            .variable_declarator = node_symbol(g, "variable_declarator"),
            .assignment = node_symbol(g, "assignment"),
            .new_expression = node_symbol(g, "new_expression"),
            .call_expression = node_symbol(g, "call_expression"),
            .call = node_symbol(g, "call"),
        };
    }
    return st;
}

static void retry_fini(void *state)
{
    free(state);
}

static const char *const retry_tags[] = {"reliability", NULL};

const struct check check_reliability_missing_retry = {
    .id = "reliability-missing-retry",
    .title = "LLM API call without retries",
    .level = LEVEL_WARNING,
    .langs = LANGS_JS_TS | LANG_BIT(LANG_PYTHON),
    .tags = retry_tags,
    .precision = "high",
    .options = retry_options,
    .file = retry_file,
    .project = retry_project,
    .init = retry_init,
    .fini = retry_fini,
};
