/* reliability_missing_retry.c — LLM API calls that are never retried: SDK clients built with
 * retries turned off, SDKs that do not retry (legacy openai-python, openai-node v3,
 * @google/generative-ai) and raw HTTP requests to LLM hosts, outside any retry wrapper.
 *
 * The official OpenAI and Anthropic SDKs (Node >= 4, Python >= 1) retry twice by default, so a
 * default client is fine. Whether a call is retried (a retry wrapper, a decorator, an attempt
 * loop) and which clients turn retries off is the retry model's (model/retry.h); the check says
 * which calls are LLM calls to judge and what to tell.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "front/kinds.h"
#include "front/syntax.h"
#include "model/imports.h"
#include "model/llm.h"
#include "model/localdefs.h"
#include "model/retry.h"
#include "model/xmod.h"

static const struct check_option retry_options[] = {
    {"retry-wrappers", OPTION_STRINGS,
     "names of functions and decorators that retry what they wrap, besides any name that "
     "contains 'retry' or 'backoff'"},
    {NULL, 0, NULL},
};

struct retry_state {
    const char *const *wrappers; /* borrowed from the run's options */
    /* bit k of first[c] / second[c]: file_needles[k] has c (any case) as its first / second
     * byte */
    uint16_t first[256], second[256];
};

/* What the file holds that calls are judged by. */
struct facts {
    struct check_file *f;
    struct retry_file rf;      /* the retry model's facts (model/retry.h) */
    struct imports *im;        /* the file's imports and exports */
    struct localdefs_memo *defs;
    struct xmod_facts *xmod;   /* for the project pass, or NULL */
};

/* The trait of an export (model/xmod.h): it comes from a module that uses the Gemini SDK. */
enum { TRAIT_GEMINI = 1 };

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
    return x->rf.py ? "decorate the function with tenacity @retry"
                 : "wrap the call in a retry helper such as p-retry";
}

/* A Gemini method called on what another module made: a finding if that module uses the SDK,
 * which the project pass tells. */
static void ask_gemini(struct facts *x, struct walk *w, TSNode call, TSNode callee,
                       const char *msg)
{
    struct import_ref r;
    if (!x->im->project || !imports_root(x->im, x->f, x->defs, callee, &r) ||
        retry_around(&x->rf, w, call))
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
    struct retry_file *rf = &x->rf;
    TSNode callee = syntax_strip(syntax_callee(call));
    char *method = syntax_callee_name(f, call);
    if (ts_node_is_null(callee) || !method)
        return;
    bool member = node_is(callee, "member_expression") || node_is(callee, "attribute");

    if (member && str_in(method, llm_sdk_methods)) {
        struct retry_client *c = retry_client_named(rf, retry_chain_key(f, callee));
        if (c) {
            /* a module client and a self.client of the same name: one flow-insensitive view */
            for (size_t i = 0; i < rf->clients.n; i++)
                if (strcmp(rf->clients.v[i].name, c->name) == 0)
                    rf->clients.v[i].called = true;
            if (retry_around(rf, w, call))
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
        if (!rf->py && !ts_node_is_null(retry_off_option(rf, call, 1)) &&
            !retry_around(rf, w, call)) {
            report_call(x, call,
                        "the request option maxRetries: 0 turns the SDK's retries off for this "
                        "call: remove it or %s", wrap_hint(x));
            return;
        }
        if (rf->py && retry_with_options_off(rf, callee) && !retry_around(rf, w, call)) {
            report_call(x, call,
                        "with_options(max_retries=0) turns the SDK's retries off for this "
                        "call: remove it or %s", wrap_hint(x));
            return;
        }
    }
    if (rf->py && member && rf->openai &&
        (strcmp(method, "create") == 0 || strcmp(method, "acreate") == 0)) {
        /* openai.ChatCompletion.create(...) */
        TSNode obj = syntax_strip(ts_node_named_child(callee, 0));
        TSNode res = node_is(obj, "attribute") ? node_field(obj, "attribute")
                                               : obj;
        char *resource = ts_node_is_null(res) ? NULL : node_text(f, res);
        if (resource && str_in(resource, llm_openai_legacy_resources) &&
            !retry_around(rf, w, call)) {
            report_call(x, call,
                        "%s (openai-python < 1.0) does not retry: move to the OpenAI() client, "
                        "which retries twice by default, or %s", retry_callee_label(f, call),
                        wrap_hint(x));
            return;
        }
    }
    if (!rf->py && member && rf->openai && str_in(method, llm_openai_v3_methods)) {
        /* v4's own ChatCompletionStream.createChatCompletion is a static method of a class */
        TSNode recv = syntax_strip(ts_node_named_child(callee, 0));
        if (node_is(recv, "member_expression"))
            recv = node_field(recv, "property");
        char first = ts_node_is_null(recv) ? 0 : f->src->text[ts_node_start_byte(recv)];
        bool class_static = (node_is(recv, "identifier") ||
                             node_is(recv, "property_identifier")) &&
                            first >= 'A' && first <= 'Z';
        if (!class_static && !retry_around(rf, w, call))
            report_call(x, call,
                        "%s (openai-node v3, OpenAIApi) does not retry: move to openai v4 or "
                        "later, which retries twice by default, or %s", method, wrap_hint(x));
        return;
    }
    if (!rf->py && member && !rf->gemini && str_in(method, llm_gemini_methods)) {
        ask_gemini(x, w, call, callee,
                   arena_printf(f->arena, "%s (@google/generative-ai) does not retry on 429 or "
                                "5xx: %s with exponential backoff", method, wrap_hint(x)));
        return;
    }
    if (rf->py && member && !rf->gemini && str_in(method, llm_gemini_py_methods)) {
        TSNode ro = syntax_kwarg(f, call, "request_options");
        if (ts_node_is_null(ro) || !str_icontains(node_text(f, ro), "retry"))
            ask_gemini(x, w, call, callee,
                       arena_printf(f->arena, "%s (google-generativeai) does not retry on 429 "
                                    "or 5xx: pass request_options={\"retry\": Retry(...)} or %s",
                                    method, wrap_hint(x)));
        return;
    }
    if (!rf->py && member && rf->gemini && str_in(method, llm_gemini_methods)) {
        if (!retry_around(rf, w, call))
            report_call(x, call,
                        "%s (@google/generative-ai) does not retry on 429 or 5xx: %s with "
                        "exponential backoff", method, wrap_hint(x));
        return;
    }
    if (rf->py && rf->gemini && str_in(method, llm_gemini_py_methods)) {
        /* request_options={"retry": Retry(...)} is the SDK's own way */
        TSNode ro = syntax_kwarg(f, call, "request_options");
        bool own = !ts_node_is_null(ro) && str_icontains(node_text(f, ro), "retry");
        if (!own && !retry_around(rf, w, call))
            report_call(x, call,
                        "%s (google-generativeai) does not retry on 429 or 5xx: pass "
                        "request_options={\"retry\": Retry(...)} or %s", method, wrap_hint(x));
        return;
    }
    /* raw HTTP: fetch(url), axios.post(url), requests.post(url), client.post(url) */
    bool http = member ? str_in(method, llm_http_methods)
                       : (!rf->py && str_in(method, llm_http_functions));
    if (!http)
        return;
    TSNode url = rf->py ? syntax_kwarg(f, call, "url") : (TSNode){0};
    if (ts_node_is_null(url))
        url = syntax_arg(call, 0);
    if (!rf->py && node_is(syntax_strip(url), "object")) /* axios({ url, method }) */
        url = syntax_prop(f, url, "url");
    const char *host = retry_url_host(rf, url);
    if (!host && member) {
        /* openaiHttp.post('/chat/completions') on axios.create({ baseURL: LLM host }) */
        char *key = retry_chain_key(f, callee);
        for (size_t i = 0; key && i < rf->bases.n; i++)
            if (strcmp(rf->bases.v[i].name, key) == 0)
                host = rf->bases.v[i].host;
    }
    if (!host)
        return;
    if (rf->py && rf->session_retries) {
        /* a session with HTTPAdapter(max_retries=Retry(...)) mounted retries by itself */
        char *root = retry_chain_key(f, callee);
        if (!root || (strcmp(root, "requests") != 0 && strcmp(root, "httpx") != 0))
            return;
    }
    if (retry_around(rf, w, call))
        return;
    char *label = retry_callee_label(f, call);
    report_call(x, call,
                rf->py ? "%s to %s has no retry on 429 or 5xx: use the official SDK (it retries "
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
    const struct retry_state *st = f->state;
    const struct syntax_syms *sym = syntax_syms(lang_grammar(f->lang));
    struct facts x = {0};
    x.f = f;
    x.im = imports_scan(f);
    x.defs = localdefs_memo_new(f);
    retry_file_init(&x.rf, f, st->wrappers);
    struct walk w;
    walk_init(&w, f, f->root);
    for (TSNode n; walk_next(&w, &n);) {
        if (x.rf.broken && (ts_node_is_error(n) || ts_node_is_missing(n))) {
            walk_skip(&w);
            continue;
        }
        TSSymbol t = walk_symbol(&w);
        if (t == sym->call_expression || t == sym->call)
            judge_call(&x, &w, n);
    }
    /* a client exported for other files: report where its retries are turned off */
    for (size_t i = 0; i < x.rf.clients.n; i++) {
        struct retry_client *c = &x.rf.clients.v[i];
        if (!c->called)
            check_report(f, c->option,
                         "this %s client is built with %s, so none of its calls is retried: "
                         "remove the option (the SDK retries twice by default)",
                         c->sdk, c->py ? "max_retries=0" : "maxRetries: 0");
    }
    if (x.rf.gemini) {
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
    retry_file_release(&x.rf);
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
