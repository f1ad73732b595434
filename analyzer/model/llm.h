/* llm.h — LLM API calls recognised by their shape: the OpenAI, Anthropic, Gemini (old and new
 * SDKs), LangChain and Vercel AI SDK clients and functions, and raw HTTP requests to the LLM
 * providers' hosts. The tables are the ones reliability-missing-retry judges retries by.
 *
 *     struct llm_file lf;
 *     llm_file_init(&lf, f);                  // imports and clients of the file, once
 *     const char *what = llm_call(&lf, call); // "OpenAI", "Vercel AI SDK", ... or NULL
 *     llm_file_release(&lf);
 *
 * Strings handed out are static. Nothing here recurses on tree depth.
 */
#ifndef PREFLIGHT_LLM_H
#define PREFLIGHT_LLM_H

#include <stdbool.h>
#include "front/tsapi.h"

#include "check.h"

/* Hosts of the LLM providers' HTTP APIs. */
extern const char *const llm_hosts[];
/* SDK client classes (OpenAI, AzureOpenAI, AsyncOpenAI, ...; Anthropic, ...; LangChain chat
 * models and embeddings). */
extern const char *const llm_openai_classes[];
extern const char *const llm_anthropic_classes[];
extern const char *const llm_langchain_classes[];
/* The request methods of those clients (create, stream, parse, invoke, ...). */
extern const char *const llm_sdk_methods[];
/* openai-node v3 (OpenAIApi) methods; openai-python < 1.0 module-level resources. */
extern const char *const llm_openai_v3_methods[];
extern const char *const llm_openai_legacy_resources[];
/* @google/generative-ai (and @google/genai) methods; google-generativeai (Python) methods. */
extern const char *const llm_gemini_methods[];
extern const char *const llm_gemini_py_methods[];
/* HTTP clients: called directly (fetch(url)) or through a method (axios.post(url)). */
extern const char *const llm_http_functions[];
extern const char *const llm_http_methods[];

/* The LLM host text names, or NULL. */
const char *llm_host_in_text(const char *text);

/* The name a value is stored under: const x = v, this.x = v, self.x = v, field x = v,
 * `with httpx.AsyncClient(...) as client` (arena string), or NULL. */
char *llm_stored_name(struct check_file *f, TSNode value);

/* What the file holds that LLM calls are recognised by. */
struct llm_file {
    struct check_file *f; /* borrowed */
    bool py;
    bool openai, anthropic, gemini, vercel_ai, langchain; /* imported */
    VEC(const char *) clients; /* names bound to an SDK client or model (arena strings) */
};

void llm_file_init(struct llm_file *lf, struct check_file *f);
void llm_file_release(struct llm_file *lf);
/* The SDK or host the call goes to when it is an LLM request, else NULL. */
const char *llm_call(struct llm_file *lf, TSNode call);

#endif
