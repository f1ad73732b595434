/* vercel.c — reading vercel.json's headers rules in place (vercel.h). */
#include "vercel.h"

#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "front/pgjson.h"

bool vercel_config(const char *path)
{
    const char *base = strrchr(path, '/');
    return strcmp(base ? base + 1 : path, "vercel.json") == 0;
}

static const char *string_or_empty(struct arena *a, const char *v)
{
    const char *s = jv_str(a, v);
    return s ? s : "";
}

const struct vercel_rule *vercel_headers(struct arena *a, const char *text, size_t *n)
{
    *n = 0;
    char *json = xstrdup(text);
    jsonc_blank(json);
    struct jdoc d = {0};
    VEC(struct vercel_rule) rules = {0};
    const char *root = jblank(json);
    if (*root == '{' && jdoc_index(&d, json)) {
        JARR_EACH(&d, it, jget(&d, root, "headers")) {
            const char *source = NULL, *headers = NULL;
            JFIELDS(&d, it, {"source", &source}, {"headers", &headers});
            struct vercel_rule r = {.source = string_or_empty(a, source)};
            r.headers = arena_alloc(a, (jarr_count(&d, headers) + 1) * sizeof(*r.headers));
            JARR_EACH(&d, h, headers) {
                const char *key = NULL, *value = NULL;
                JFIELDS(&d, h, {"key", &key}, {"value", &value});
                if (!jv_isstr(key) || !value)
                    continue;
                const char *end = jskip(&d, value);
                r.headers[r.nheaders++] = (struct vercel_header){
                    .key = string_or_empty(a, key), .value = string_or_empty(a, value),
                    .value_start = (uint32_t)(value - json),
                    .value_end = (uint32_t)((end ? end : value) - json)};
            }
            VEC_PUSH(rules, r);
        }
    }
    jdoc_release(&d);
    free(json);
    struct vercel_rule *out = NULL;
    if (rules.n) {
        out = arena_alloc(a, rules.n * sizeof(*out));
        memcpy(out, rules.v, rules.n * sizeof(*out));
        *n = rules.n;
    }
    VEC_FREE(rules);
    return out;
}
