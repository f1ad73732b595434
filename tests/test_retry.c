/* test_retry.c — the retry model (model/retry.h): which calls of a file something around them
 * retries, and the clients the file builds with retries off. Each case lists every call of a
 * small program as "LINE CALLEE: retried" or "LINE CALLEE: -", so a call that moves in or out
 * of a retry fails the whole string. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/model/retry.h"
#include "snippet.h"

/* Walks text and writes one line per call, then one per client with retries off:
 * "client NAME SDK: OPTION". */
static void retried_calls(enum lang lang, const char *text, const char *const *wrappers,
                          char *out, size_t cap)
{
    struct snippet sn;
    snippet_open(&sn, lang, NULL, text);
    cr_assert_not(ts_node_has_error(sn.f.root), "the snippet must parse");
    struct check_file *f = &sn.f;
    struct retry_file rf;
    retry_file_init(&rf, f, wrappers);
    size_t n = 0;
    out[0] = '\0';
    struct walk w;
    walk_init(&w, f, f->root);
    for (TSNode call; walk_next(&w, &call);) {
        if (!node_is(call, "call_expression") && !node_is(call, "call"))
            continue;
        n += (size_t)snprintf(out + n, cap - n, "%u %s: %s\n",
                              snippet_line(text, ts_node_start_byte(call)),
                              node_text(f, node_field(call, "function")),
                              retry_around(&rf, &w, call) ? "retried" : "-");
        cr_assert_lt(n, cap);
    }
    for (size_t i = 0; i < rf.clients.n; i++) {
        const struct retry_client *c = &rf.clients.v[i];
        n += (size_t)snprintf(out + n, cap - n, "client %s %s: %s\n", c->name, c->sdk,
                              node_text(f, c->option));
        cr_assert_lt(n, cap);
    }
    retry_file_release(&rf);
    snippet_close(&sn);
}

#define EXPECT_RETRIED(lang, wrappers, text, want)                                           \
    do {                                                                                     \
        char got[4096];                                                                      \
        retried_calls(lang, text, wrappers, got, sizeof got);                                \
        cr_expect_str_eq(got, want);                                                         \
    } while (0)

Test(retry, typescript_wrappers)
{
    static const char *const wrappers[] = {"withJitter", NULL};
    EXPECT_RETRIED(LANG_TYPESCRIPT, wrappers,
                   "async function once(p) { return openai.chat.completions.create(p) }\n"
                   "await pRetry(() => openai.chat.completions.create(p), { retries: 3 })\n"
                   "await pRetry(generateReply)\n"
                   "async function generateReply(p) { return llm.invoke(p) }\n"
                   "await pRetry(async () => callGemini(p))\n"
                   "async function callGemini(p) { return model.generateContent(p) }\n"
                   "async function fetchWithBackoff(u) { return fetch(u) }\n"
                   "async function withJitter(u) { return fetch(u) }\n"
                   "async function plain(u) { return fetch(u) }\n"
                   "await pRetry(openai.chat.completions.create(p))\n",
                   "1 openai.chat.completions.create: -\n"
                   "2 pRetry: -\n"
                   "2 openai.chat.completions.create: retried\n"
                   "3 pRetry: -\n"
                   "4 llm.invoke: retried\n"
                   "5 pRetry: -\n"
                   "5 callGemini: retried\n"
                   "6 model.generateContent: retried\n"
                   "7 fetch: retried\n"
                   "8 fetch: retried\n"
                   "9 fetch: -\n"
                   "10 pRetry: -\n"
                   "10 openai.chat.completions.create: -\n");
}

/* A try in an attempt loop retries what it runs, a callback it calls included; a try inside a
 * function only defined in the loop does not, nor a loop over items. */
Test(retry, typescript_attempt_loops)
{
    EXPECT_RETRIED(LANG_TYPESCRIPT, NULL,
                   "async function a(p) {\n"
                   "  for (let attempt = 0; attempt < 3; attempt++) {\n"
                   "    try { return await ask(p) } catch (e) { await sleep(1000) }\n"
                   "  }\n"
                   "  while (true) { try { return await ask(p) } catch (e) {} }\n"
                   "  while (retries-- > 0) { try { return await ask(p) } catch (e) {} }\n"
                   "  for (let attempt = 0; attempt < 3; attempt++) { ask(p) }\n"
                   "  for (let i = 0; i < xs.length; i++) { try { await ask(i) } catch (e) {} }\n"
                   "  for (let attempt = 0; attempt < 3; attempt++) {\n"
                   "    try { items.forEach((x) => ask(x)); return } catch (e) {}\n"
                   "  }\n"
                   "  for (let attempt = 0; attempt < 3; attempt++) {\n"
                   "    const run = async () => { try { return await ask(p) } catch (e) {} }\n"
                   "  }\n"
                   "}\n",
                   "3 ask: retried\n"
                   "3 sleep: -\n"
                   "5 ask: retried\n"
                   "6 ask: retried\n"
                   "7 ask: -\n"
                   "8 ask: -\n"
                   "10 items.forEach: retried\n"
                   "10 ask: retried\n"
                   "13 ask: -\n");
}

Test(retry, typescript_clients)
{
    EXPECT_RETRIED(LANG_TYPESCRIPT, NULL,
                   "const openai = new OpenAI({ maxRetries: 0 })\n"
                   "const fine = new OpenAI()\n"
                   "class Bot { claude = new Anthropic({ apiKey, maxRetries: 0 }) }\n",
                   "client openai OpenAI: maxRetries: 0\n"
                   "client claude Anthropic: maxRetries: 0\n");
}

/* tenacity's and backoff's decorators, `for attempt in Retrying(...)` (whose header, its own
 * calls included, is retried code to the model) and a try in `for attempt in range(3)`. */
Test(retry, python)
{
    EXPECT_RETRIED(LANG_PYTHON, NULL,
                   "@retry(stop=stop_after_attempt(3))\n"
                   "def ask(p):\n"
                   "    return client.chat.completions.create(messages=p)\n"
                   "def once(p):\n"
                   "    return client.chat.completions.create(messages=p)\n"
                   "@backoff.on_exception(backoff.expo, RateLimitError)\n"
                   "def ask2(p):\n"
                   "    return client.responses.create(input=p)\n"
                   "for attempt in Retrying(stop=stop_after_attempt(3)):\n"
                   "    with attempt:\n"
                   "        client.embeddings.create(input=x)\n"
                   "for attempt in range(3):\n"
                   "    try:\n"
                   "        client.embeddings.create(input=x)\n"
                   "        break\n"
                   "    except RateLimitError:\n"
                   "        time.sleep(2 ** attempt)\n"
                   "for row in rows:\n"
                   "    try:\n"
                   "        client.embeddings.create(input=row)\n"
                   "    except Exception:\n"
                   "        pass\n"
                   "slow = OpenAI(max_retries=0)\n",
                   "1 retry: -\n"
                   "1 stop_after_attempt: -\n"
                   "3 client.chat.completions.create: retried\n"
                   "5 client.chat.completions.create: -\n"
                   "6 backoff.on_exception: -\n"
                   "8 client.responses.create: retried\n"
                   "9 Retrying: retried\n"
                   "9 stop_after_attempt: retried\n"
                   "11 client.embeddings.create: retried\n"
                   "12 range: -\n"
                   "14 client.embeddings.create: retried\n"
                   "17 time.sleep: -\n"
                   "20 client.embeddings.create: -\n"
                   "23 OpenAI: -\n"
                   "client slow OpenAI: max_retries=0\n");
}
