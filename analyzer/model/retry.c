/* retry.c — the retry model: what retries an LLM call, and what turns an SDK's retries off
 * (retry.h). */
#include "model/retry.h"

#include <string.h>

#include "front/kinds.h"
#include "model/llm.h"

static bool is_wrapper_name(const char *const *wrappers, const char *name)
{
    if (!name)
        return false;
    if (str_icontains(name, "retry") || str_icontains(name, "backoff"))
        return true;
    const char *last = strrchr(name, '.');
    for (const char *const *w = wrappers; w && *w; w++)
        if (strcmp(name, *w) == 0 || (last && strcmp(last + 1, *w) == 0))
            return true;
    return false;
}

/* The callee's dotted text or, for chains with calls, its last name; for a call of a call
 * (Retrying(...)(fn), backoff.on_exception(...)(fn)) the inner callee's. */
char *retry_callee_label(struct check_file *f, TSNode call)
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
TSNode retry_off_option(struct retry_file *rf, TSNode call, uint32_t ts_arg)
{
    struct check_file *f = rf->f;
    if (rf->py) {
        TSNode v = syntax_kwarg(f, call, "max_retries");
        return is_zero(f, v) ? ts_node_parent(v) : (TSNode){0};
    }
    TSNode v = syntax_prop(f, syntax_arg(call, ts_arg), "maxRetries");
    return is_zero(f, v) ? ts_node_parent(v) : (TSNode){0};
}

/* The first name of a member chain, skipping this/self: `client` for self.client.chat.x. */
char *retry_chain_key(struct check_file *f, TSNode callee)
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
const char *retry_url_host(struct retry_file *rf, TSNode url)
{
    struct check_file *f = rf->f;
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
            for (size_t i = 0; i < rf->consts.n; i++)
                if (node_text_eq(f, e, rf->consts.v[i].name))
                    return rf->consts.v[i].host;
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
static void add_called_names(struct retry_file *rf, TSNode fn)
{
    struct walk w;
    walk_init(&w, rf->f, node_field(fn, "body"));
    for (TSNode n; walk_next(&w, &n);) {
        if (!node_is(n, "call_expression") && !node_is(n, "call"))
            continue;
        TSNode callee = syntax_strip(syntax_callee(n));
        TSNode obj = node_is(callee, "member_expression") || node_is(callee, "attribute")
                         ? syntax_strip(ts_node_named_child(callee, 0)) : (TSNode){0};
        /* f(), this.f(), self.f(): names of this file's functions, not SDK methods */
        if (node_is(callee, "identifier") || node_is(obj, "this") ||
            (node_is(obj, "identifier") && node_text_eq(rf->f, obj, "self"))) {
            const char *s = syntax_callee_name(rf->f, n);
            if (s)
                VEC_PUSH(rf->wrapped, s);
        }
    }
}

/* First pass: clients with retries off, host constants, imports, functions handed to a
 * retry wrapper by name. */
static void collect(struct retry_file *rf)
{
    struct check_file *f = rf->f;
    struct walk w;
    walk_init(&w, f, f->root);
    const TSLanguage *g = lang_grammar(f->lang);
    const struct syntax_syms *sym = syntax_syms(g);
    for (TSNode n; walk_next(&w, &n);) {
        if (rf->broken && (ts_node_is_error(n) || ts_node_is_missing(n))) {
            walk_skip(&w);
            continue;
        }
        TSSymbol t = walk_symbol(&w);
        if (t == sym->import_statement || t == sym->import_from_statement) {
            char *text = node_text(f, n);
            if (!rf->py && strstr(text, "@google/generative-ai"))
                rf->gemini = true;
            if (rf->py && (strstr(text, "google.generativeai") ||
                          (strstr(text, "from google import") && strstr(text, "generativeai"))))
                rf->gemini = true;
            if (str_icontains(text, "openai"))
                rf->openai = true;
            walk_skip(&w);
        } else if (t == sym->variable_declarator || t == sym->assignment) {
            TSNode name = node_field(n, rf->py ? "left" : "name");
            TSNode value = node_field(n, rf->py ? "right" : "value");
            if (node_is(name, "identifier") && is_string(value)) {
                const char *h = llm_host_in_text(node_text(f, value));
                if (h) {
                    struct retry_host c = {node_text(f, name), h};
                    VEC_PUSH(rf->consts, c);
                }
            }
        } else if (t == sym->new_expression || t == sym->call_expression || t == sym->call) {
            /* pRetry(generateReply), Retrying()(fetch_page), backoff.on_exception(...)(fn) */
            if (is_wrapper_name(rf->wrappers, retry_callee_label(f, n))) {
                TSNode args = node_field(n, "arguments");
                uint32_t count = ts_node_named_child_count(args);
                for (uint32_t i = 0; i < count; i++) {
                    TSNode a = syntax_strip(ts_node_named_child(args, i));
                    if (syntax_is_function(a)) {
                        add_called_names(rf, a);
                        continue;
                    }
                    TSNode nm = a;
                    if (node_is(a, "member_expression"))
                        nm = node_field(a, "property");
                    else if (node_is(a, "attribute"))
                        nm = node_field(a, "attribute");
                    if (node_is(nm, "identifier") || node_is(nm, "property_identifier")) {
                        const char *s = node_text(f, nm);
                        VEC_PUSH(rf->wrapped, s);
                    }
                }
            }
            char *name = syntax_callee_name(f, n);
            if (!name)
                continue;
            /* httpx.Client(base_url=...), axios.create({ baseURL }), ky.create({ prefixUrl }) */
            TSNode base = {0};
            if (rf->py && (strcmp(name, "Client") == 0 || strcmp(name, "AsyncClient") == 0))
                base = syntax_kwarg(f, n, "base_url");
            else if (!rf->py && (strcmp(name, "create") == 0 || strcmp(name, "extend") == 0)) {
                base = syntax_prop(f, syntax_arg(n, 0), "baseURL");
                if (ts_node_is_null(base))
                    base = syntax_prop(f, syntax_arg(n, 0), "prefixUrl");
            }
            const char *base_host = ts_node_is_null(base) ? NULL : retry_url_host(rf, base);
            char *base_var = base_host ? llm_stored_name(f, n) : NULL;
            if (base_var) {
                struct retry_host c = {base_var, base_host};
                VEC_PUSH(rf->bases, c);
            }
            if (t == sym->call_expression && strcmp(name, "require") == 0) {
                char *text = node_text(f, n);
                if (strstr(text, "@google/generative-ai"))
                    rf->gemini = true;
                if (str_icontains(text, "openai"))
                    rf->openai = true;
            }
            if (strcmp(name, "HTTPAdapter") == 0 &&
                !ts_node_is_null(syntax_kwarg(f, n, "max_retries")))
                rf->session_retries = true;
            const char *sdk = str_in(name, llm_openai_classes)      ? "OpenAI"
                              : str_in(name, llm_anthropic_classes) ? "Anthropic"
                              : str_in(name, llm_langchain_classes) ? "LangChain"
                                                                : NULL;
            if (sdk && t != sym->call_expression) {
                TSNode off = retry_off_option(rf, n, 0);
                char *var = llm_stored_name(f, n);
                if (!ts_node_is_null(off) && var) {
                    struct retry_client c = {var, sdk, rf->py, off, false};
                    VEC_PUSH(rf->clients, c);
                }
            }
        }
    }
}

/* fn, whose parent is parent: named for retrying, handed to a retry wrapper, or decorated
 * with one (Python: @retry(...), @tenacity.retry, @backoff.on_exception(backoff.expo, ...)). */
static bool is_wrapped_function(struct retry_file *rf, TSNode fn, TSNode parent)
{
    char *name = syntax_function_name_at(rf->f, fn, parent);
    if (!name)
        return false;
    if (is_wrapper_name(rf->wrappers, name))
        return true;
    for (size_t i = 0; i < rf->wrapped.n; i++)
        if (strcmp(rf->wrapped.v[i], name) == 0)
            return true;
    if (!node_is(parent, "decorated_definition"))
        return false;
    uint32_t count = ts_node_named_child_count(parent);
    for (uint32_t i = 0; i < count; i++) {
        TSNode d = ts_node_named_child(parent, i);
        if (!node_is(d, "decorator"))
            continue;
        TSNode e = ts_node_named_child(d, 0);
        char *label = node_is(e, "call") ? retry_callee_label(rf->f, e) : syntax_dotted(rf->f, e);
        if (is_wrapper_name(rf->wrappers, label))
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
static bool is_attempt_loop(struct retry_file *rf, TSNode loop)
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
    char *header = arena_strndup(rf->f->arena, rf->f->src->text + start, end - start);
    if (names_attempts(header))
        return true;
    return node_is(syntax_strip(node_field(loop, "condition")), "true");
}

/* Is the call the walk stands on retried by what surrounds it? */
bool retry_around(struct retry_file *rf, struct walk *w, TSNode call)
{
    size_t depth;
    TSNode *up = walk_ancestors(w, rf->f->arena, &depth);
    bool passed_function = false, in_try = false;
    TSNode prev = call;
    for (size_t i = 0; i < depth; prev = up[i], i++) {
        TSNode n = up[i];
        TSNode parent = i + 1 < depth ? up[i + 1] : (TSNode){0};
        if (syntax_is_function(n)) {
            if (is_wrapped_function(rf, n, parent))
                return true;
            passed_function = true;
            in_try = false; /* a retry loop must hold the try in the same function */
            continue;
        }
        const char *t = ts_node_type(n);
        if ((strcmp(t, "arguments") == 0 || strcmp(t, "argument_list") == 0) &&
            passed_function) {
            if (is_wrapper_name(rf->wrappers, retry_callee_label(rf->f, parent)))
                return true;
        } else if (strcmp(t, "try_statement") == 0) {
            TSNode body = node_field(n, "body");
            if (ts_node_eq(body, prev))
                in_try = true;
        } else if (in_try && is_attempt_loop(rf, n)) {
            return true;
        } else if (rf->py && strcmp(t, "for_statement") == 0) {
            /* for attempt in Retrying(...): with attempt: ... */
            TSNode it = node_field(n, "right");
            if (node_is(it, "call") && is_wrapper_name(rf->wrappers, retry_callee_label(rf->f, it)))
                return true;
        }
    }
    return false;
}

struct retry_client *retry_client_named(struct retry_file *rf, const char *name)
{
    for (size_t i = rf->clients.n; name && i-- > 0;)
        if (strcmp(rf->clients.v[i].name, name) == 0)
            return &rf->clients.v[i];
    return NULL;
}

/* Python client.with_options(max_retries=0).chat.completions.create(...) */
bool retry_with_options_off(struct retry_file *rf, TSNode callee)
{
    TSNode n = syntax_strip(callee);
    while (node_is(n, "attribute") || node_is(n, "call")) {
        if (node_is(n, "call")) {
            char *name = syntax_callee_name(rf->f, n);
            if (name && strcmp(name, "with_options") == 0 &&
                is_zero(rf->f, syntax_kwarg(rf->f, n, "max_retries")))
                return true;
            n = syntax_strip(syntax_callee(n));
        } else {
            n = syntax_strip(ts_node_named_child(n, 0));
        }
    }
    return false;
}


void retry_file_init(struct retry_file *rf, struct check_file *f, const char *const *wrappers)
{
    *rf = (struct retry_file){0};
    rf->f = f;
    rf->wrappers = wrappers;
    rf->py = f->lang == LANG_PYTHON;
    rf->broken = ts_node_has_error(f->root);
    collect(rf);
}

void retry_file_release(struct retry_file *rf)
{
    VEC_FREE(rf->clients);
    VEC_FREE(rf->consts);
    VEC_FREE(rf->bases);
    VEC_FREE(rf->wrapped);
}
