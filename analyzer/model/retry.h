/* retry.h — is an LLM API call retried? The retry model of a TypeScript/JavaScript or Python
 * file: what retries a call from outside it (retry wrappers, attempt loops) and what turns an
 * SDK's own retries off, with the facts about the file's LLM clients that the question needs.
 *
 * A call is retried when it sits in a function passed to a retry helper (pRetry(() => ...),
 * Retrying()(fn), backoff.on_exception(...)(fn)); in a function whose name or decorator says
 * retry or backoff (tenacity's @retry, @backoff.on_exception) or is one of the run's wrapper
 * names; in a function passed by name to such a helper, or called by name from a function
 * passed to one; in a try block inside an attempt loop of the same function (for attempt in
 * range(3), while (retries-- > 0), while (true)); or under `for attempt in Retrying(...)`.
 *
 * The file's facts, from one walk: the SDK clients built with retries off (new OpenAI({
 * maxRetries: 0 }), Anthropic(max_retries=0)), the string constants and HTTP clients that name
 * an LLM host (axios.create({ baseURL }), httpx.Client(base_url=)), whether the file imports
 * openai or the Gemini SDK, and whether it mounts requests' HTTPAdapter(max_retries=...).
 *
 *     struct retry_file rf;
 *     retry_file_init(&rf, f, wrappers);        // the facts, once per file
 *     struct walk w;
 *     walk_init(&w, f, f->root);
 *     for (TSNode n; walk_next(&w, &n);)
 *         if (is_a_call(n) && !retry_around(&rf, &w, n)) ...
 *     retry_file_release(&rf);
 *
 * Nodes and strings handed out are borrowed from the tree and the file's arena; wrappers is
 * borrowed from the run's options. Nothing here recurses on tree depth.
 */
#ifndef PREFLIGHT_RETRY_H
#define PREFLIGHT_RETRY_H

#include <stdbool.h>
#include <stdint.h>

#include "check.h"
#include "front/syntax.h"

/* An SDK client built with retries off, found in the file. */
struct retry_client {
    const char *name; /* the variable or field it is stored in */
    const char *sdk;  /* "OpenAI", "Anthropic", "LangChain" */
    bool py;
    TSNode option;    /* the maxRetries: 0 / max_retries=0 that turns retries off */
    bool called;      /* the check's: a call of it was judged */
};

/* A name bound to an LLM host: a URL constant, or an HTTP client made with a base URL. */
struct retry_host {
    const char *name;
    const char *host; /* static, from llm_hosts */
};

struct retry_file {
    struct check_file *f;        /* borrowed */
    const char *const *wrappers; /* borrowed: names that retry what they wrap, or NULL */
    bool broken;          /* the tree has ERROR or MISSING nodes (skipped by the walks) */
    bool py;
    bool gemini;          /* imports @google/generative-ai (google.generativeai in Python) */
    bool session_retries; /* mounts requests' HTTPAdapter(max_retries=...) */
    bool openai;          /* imports or requires openai */
    VEC(struct retry_client) clients;
    VEC(struct retry_host) consts; /* const URL = "https://api.openai.com/..." */
    VEC(struct retry_host) bases;  /* axios.create({ baseURL: LLM host }) */
    VEC(const char *) wrapped;     /* functions passed by name to a retry wrapper */
};

/* Walks f once for its facts. wrappers: names of functions and decorators that retry what
 * they wrap besides any name holding "retry" or "backoff" (NULL-ended, or NULL). */
void retry_file_init(struct retry_file *rf, struct check_file *f, const char *const *wrappers);
void retry_file_release(struct retry_file *rf);

/* true when what surrounds call, the node the walk w stands on, retries it. */
bool retry_around(struct retry_file *rf, struct walk *w, TSNode call);

/* The value of maxRetries: 0 in the JS options object at argument arg, or of max_retries=0
 * in Python (the pair or keyword argument), or a null node. */
TSNode retry_off_option(struct retry_file *rf, TSNode call, uint32_t arg);
/* Python client.with_options(max_retries=0).chat.completions.create(...) */
bool retry_with_options_off(struct retry_file *rf, TSNode callee);
/* The last client of rf with retries off stored under name, or NULL. */
struct retry_client *retry_client_named(struct retry_file *rf, const char *name);
/* The LLM host a URL expression names: a literal, a template or f-string, a concatenation, or
 * a constant of the file; NULL otherwise. */
const char *retry_url_host(struct retry_file *rf, TSNode url);

/* The callee's dotted text or, for chains with calls, its last name; for a call of a call
 * (Retrying(...)(fn), backoff.on_exception(...)(fn)) the inner callee's. Arena string. */
char *retry_callee_label(struct check_file *f, TSNode call);
/* The first name of a member chain, skipping this/self: `client` for self.client.chat.x.
 * Arena string, or NULL. */
char *retry_chain_key(struct check_file *f, TSNode callee);

#endif
