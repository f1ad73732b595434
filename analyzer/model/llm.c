/* llm.c — LLM API calls recognised by their shape (see llm.h). */
#include "model/llm.h"

#include <string.h>

#include "front/syntax.h"

const char *const llm_hosts[] = {
    "api.openai.com", "generativelanguage.googleapis.com", "api.anthropic.com", "api.cohere.ai",
    "api.cohere.com", "api.mistral.ai", NULL};
/* SDK client classes whose maxRetries / max_retries option turns retries off at 0. */
const char *const llm_openai_classes[] = {"OpenAI", "AzureOpenAI", "AsyncOpenAI",
                                          "AsyncAzureOpenAI", NULL};
const char *const llm_anthropic_classes[] = {"Anthropic", "AsyncAnthropic", "AnthropicBedrock",
                                             "AnthropicVertex", "AsyncAnthropicBedrock",
                                             "AsyncAnthropicVertex", NULL};
/* LangChain chat models and embeddings: they retry (6 times) unless maxRetries is 0. */
const char *const llm_langchain_classes[] = {
    "ChatOpenAI", "AzureChatOpenAI", "OpenAIEmbeddings", "ChatAnthropic",
    "ChatGoogleGenerativeAI", "GoogleGenerativeAIEmbeddings", "ChatMistralAI", NULL};
const char *const llm_sdk_methods[] = {
    "create", "stream", "parse", "invoke", "ainvoke", "batch", "abatch", "astream",
    "embedQuery", "embedDocuments", "embed_query", "embed_documents", "aembed_query",
    "aembed_documents", NULL};
const char *const llm_openai_v3_methods[] = {"createChatCompletion", "createCompletion",
                                             "createEmbedding", NULL};
const char *const llm_openai_legacy_resources[] = {"ChatCompletion", "Completion", "Embedding",
                                                   NULL};
const char *const llm_gemini_methods[] = {"generateContent", "generateContentStream",
                                          "embedContent", "batchEmbedContents", "sendMessage",
                                          "sendMessageStream", NULL};
const char *const llm_gemini_py_methods[] = {
    "generate_content", "generate_content_async", "embed_content", "embed_content_async",
    "batch_embed_contents", "send_message", "send_message_async", NULL};
const char *const llm_http_functions[] = {"fetch", "axios", "ky", "got", "ofetch", "$fetch",
                                          NULL};
const char *const llm_http_methods[] = {"get", "post", "put", "patch", "request", "stream",
                                        NULL};

/* The Vercel AI SDK's request functions (from 'ai'). */
static const char *const vercel_functions[] = {"generateText", "streamText", "generateObject",
                                               "streamObject", "embed", "embedMany", "streamUI",
                                               NULL};
/* Gemini clients and models made by a factory rather than a constructor. */
static const char *const model_factories[] = {"getGenerativeModel", "GenerativeModel",
                                              "GoogleGenerativeAI", "GoogleGenAI", NULL};
/* Resources of the OpenAI/Anthropic clients that a request method hangs from. */
static const char *const sdk_resources[] = {".completions.", ".messages.", ".responses.",
                                            ".embeddings.", ".images.", ".audio.", NULL};

const char *llm_host_in_text(const char *text)
{
    for (const char *const *h = llm_hosts; *h; h++)
        if (strstr(text, *h))
            return *h;
    return NULL;
}

static bool is_call(TSNode n)
{
    return node_is(n, "call_expression") || node_is(n, "call") || node_is(n, "new_expression");
}

/* The name a value is stored under: const x = v, this.x = v, self.x = v, field x = v. */
char *llm_stored_name(struct check_file *f, TSNode value)
{
    TSNode p = ts_node_parent(value);
    while (node_is(p, "await_expression") || node_is(p, "await") ||
           node_is(p, "parenthesized_expression"))
        p = ts_node_parent(p);
    TSNode name = {0};
    if (node_is(p, "variable_declarator") || node_is(p, "public_field_definition"))
        name = node_field(p, "name");
    else if (node_is(p, "as_pattern")) /* with httpx.AsyncClient(...) as client: */
        name = ts_node_named_child(node_field(p, "alias"), 0);
    else if (node_is(p, "assignment_expression") || node_is(p, "assignment"))
        name = node_field(p, "left");
    if (node_is(name, "member_expression"))
        name = node_field(name, "property");
    else if (node_is(name, "attribute"))
        name = node_field(name, "attribute");
    if (!node_is(name, "identifier") && !node_is(name, "property_identifier"))
        return NULL;
    return node_text(f, name);
}

static void note_import(struct llm_file *lf, const char *text)
{
    if (str_icontains(text, "openai"))
        lf->openai = true;
    if (str_icontains(text, "anthropic"))
        lf->anthropic = true;
    if (strstr(text, "generative-ai") || strstr(text, "@google/genai") ||
        strstr(text, "generativeai") || strstr(text, "google import genai") ||
        strstr(text, "google.genai"))
        lf->gemini = true;
    if (strstr(text, "'ai'") || strstr(text, "\"ai\"") || strstr(text, "@ai-sdk/"))
        lf->vercel_ai = true;
    if (strstr(text, "langchain"))
        lf->langchain = true;
}

void llm_file_init(struct llm_file *lf, struct check_file *f)
{
    memset(lf, 0, sizeof(*lf));
    lf->f = f;
    lf->py = f->lang == LANG_PYTHON;
    const struct node_table *t = f->nodes;
    for (uint32_t i = 0; t && i < t->n; i++) {
        TSNode n = t->v[i].node;
        const char *type = ts_node_type(n);
        if (strcmp(type, "import_statement") == 0 || strcmp(type, "import_from_statement") == 0) {
            note_import(lf, node_text(f, n));
            i = t->v[i].end - 1;
            continue;
        }
        if (!is_call(n))
            continue;
        char *name = syntax_callee_name(f, n);
        if (!name)
            continue;
        if (strcmp(name, "require") == 0) {
            note_import(lf, node_text(f, n));
            continue;
        }
        if (str_in(name, llm_openai_classes) || str_in(name, llm_anthropic_classes) ||
            str_in(name, llm_langchain_classes) || str_in(name, model_factories) ||
            (lf->py && strcmp(name, "Client") == 0 && lf->gemini)) {
            uint32_t p = t->v[i].parent;
            char *var = p == NODE_NONE ? NULL : llm_stored_name(f, n);
            if (var)
                VEC_PUSH(lf->clients, var);
            if (str_in(name, llm_langchain_classes))
                lf->langchain = true;
        }
    }
}

void llm_file_release(struct llm_file *lf)
{
    VEC_FREE(lf->clients);
}

static bool is_client(const struct llm_file *lf, TSNode root)
{
    if (ts_node_is_null(root))
        return false;
    for (size_t i = 0; i < lf->clients.n; i++)
        if (node_text_eq(lf->f, root, lf->clients.v[i]))
            return true;
    return false;
}

const char *llm_call(struct llm_file *lf, TSNode call)
{
    struct check_file *f = lf->f;
    TSNode callee = syntax_strip(syntax_callee(call));
    if (ts_node_is_null(callee) || node_is(call, "new_expression"))
        return NULL;
    char *method = syntax_callee_name(f, call);
    if (!method)
        return NULL;
    bool member = node_is(callee, "member_expression") || node_is(callee, "attribute");
    if (!member)
        return !lf->py && lf->vercel_ai && str_in(method, vercel_functions) ? "Vercel AI SDK"
               : str_in(method, llm_http_functions) || (lf->py && strcmp(method, "post") == 0)
                   ? (llm_host_in_text(node_text(f, node_field(call, "arguments"))))
                   : NULL;
    char *dotted = syntax_dotted(f, callee);
    bool client = is_client(lf, syntax_chain_root(callee));
    if (str_in(method, llm_sdk_methods)) {
        bool resource = false;
        for (const char *const *r = sdk_resources; dotted && *r; r++)
            if (strstr(dotted, *r))
                resource = true;
        if (resource && (lf->openai || lf->anthropic || client))
            return lf->anthropic && (!lf->openai || (dotted && strstr(dotted, ".messages.")))
                       ? "Anthropic" : "OpenAI";
        if (client && (lf->langchain || strcmp(method, "invoke") != 0))
            return lf->langchain ? "LangChain" : "OpenAI";
        if (lf->py && lf->openai && dotted) /* openai.ChatCompletion.create */
            for (const char *const *r = llm_openai_legacy_resources; *r; r++) {
                const char *p = strstr(dotted, *r);
                if (p && p > dotted && p[-1] == '.' && p[strlen(*r)] == '.')
                    return "OpenAI";
            }
    }
    if (lf->gemini && (str_in(method, lf->py ? llm_gemini_py_methods : llm_gemini_methods)))
        return "Gemini";
    if (!lf->py && lf->openai && str_in(method, llm_openai_v3_methods))
        return "OpenAI";
    if (str_in(method, llm_http_methods)) {
        TSNode args = node_field(call, "arguments");
        TSNode first = ts_node_named_child(args, 0);
        if (!ts_node_is_null(first)) {
            const char *h = llm_host_in_text(node_text(f, first));
            if (h)
                return h;
        }
    }
    return NULL;
}
