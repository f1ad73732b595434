/* config.c — .preflight.json: read with cJSON, validated strictly, handed to checks as options.
 *
 *   {
 *     "checks": "-*,security-*",
 *     "exclude": ["vendor/", "*.generated.ts"],
 *     "max-file-size": 4194304,
 *     "parse-timeout": 10,
 *     "options": { "typing-explicit-any": { "ignore-rest-args": true } }
 *   }
 * Unknown keys and wrong types are errors that name the key's path and the expected type.
 */
#include <cJSON.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/glob.h"
#include "checks/registry.h"
#include "run_p.h"

struct check_options {
    const cJSON *obj; /* borrowed from the config; NULL when the config says nothing */
    VEC(const char **) lists; /* string lists handed out, freed with the options */
};

/* every top-level key the reader accepts, sorted: the unknown-key error lists them, and
 * tests/docs_test.py holds docs/configuration.md to the same list */
static const char *const config_keys[] = {
    "$schema", "check-timeout", "checks", "exclude", "max-file-size", "max-findings-per-file",
    "options", "parse-timeout",
};

static bool config_key_known(const char *key)
{
    for (size_t i = 0; i < sizeof config_keys / sizeof *config_keys; i++)
        if (strcmp(key, config_keys[i]) == 0)
            return true;
    return false;
}

/* "unknown key 'K' (known: a, b, ...)": owned by the caller */
static char *unknown_key_error(const char *path, const char *key)
{
    struct strbuf sb;
    strbuf_init(&sb);
    strbuf_addf(&sb, "%s: unknown key '%s' (known:", path, key);
    for (size_t i = 1; i < sizeof config_keys / sizeof *config_keys; i++) /* not $schema */
        strbuf_addf(&sb, "%s %s", i > 1 ? "," : "", config_keys[i]);
    strbuf_addf(&sb, ")");
    return strbuf_detach(&sb, NULL);
}

static char *read_file(const char *path, char **err)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        *err = xasprintf("cannot read config '%s': %s", path, strerror(errno));
        return NULL;
    }
    struct strbuf sb;
    strbuf_init(&sb);
    char buf[8192];
    size_t n;
    while ((n = fread(buf, 1, sizeof(buf), f)) > 0) {
        strbuf_add(&sb, buf, n);
        if (sb.len > (16u << 20)) {
            fclose(f);
            strbuf_release(&sb);
            *err = xasprintf("config '%s' is larger than 16 MB", path);
            return NULL;
        }
    }
    bool failed = ferror(f);
    fclose(f);
    if (failed) {
        strbuf_release(&sb);
        *err = xasprintf("cannot read config '%s'", path);
        return NULL;
    }
    return strbuf_detach(&sb, NULL);
}

static const char *json_type(const cJSON *j)
{
    if (cJSON_IsBool(j)) return "a boolean";
    if (cJSON_IsNumber(j)) return "a number";
    if (cJSON_IsString(j)) return "a string";
    if (cJSON_IsArray(j)) return "an array";
    if (cJSON_IsObject(j)) return "an object";
    if (cJSON_IsNull(j)) return "null";
    return "an invalid value";
}

static bool is_string_array(const cJSON *j)
{
    if (!cJSON_IsArray(j))
        return false;
    const cJSON *e;
    cJSON_ArrayForEach(e, j)
        if (!cJSON_IsString(e))
            return false;
    return true;
}

static int cmp_key(const void *a, const void *b)
{
    return strcmp((*(const cJSON *const *)a)->string, (*(const cJSON *const *)b)->string);
}

/* A key given twice in one object: cJSON keeps both and a lookup sees the first, so a file
 * could show a reviewer one value and run with another. Sorted, not compared pairwise: a
 * config arrives with the pull request and may hold a million keys. where names the object
 * ("" for the top level). */
static bool check_duplicate_keys(const cJSON *obj, const char *where, const char *path,
                                 char **err)
{
    size_t n = 0;
    const cJSON *e;
    cJSON_ArrayForEach(e, obj)
        n++;
    if (n < 2)
        return true;
    const cJSON **keys = xmalloc(n * sizeof(*keys));
    n = 0;
    cJSON_ArrayForEach(e, obj)
        keys[n++] = e;
    qsort(keys, n, sizeof(*keys), cmp_key);
    const char *dup = NULL;
    for (size_t i = 1; i < n && !dup; i++)
        if (strcmp(keys[i - 1]->string, keys[i]->string) == 0)
            dup = keys[i]->string;
    if (dup)
        *err = xasprintf("%s: duplicate key '%s%s%s' (each key may appear once)", path, where,
                         *where ? "." : "", dup);
    free(keys);
    return !dup;
}

static bool validate_options(const cJSON *options, const char *path, char **err)
{
    if (!cJSON_IsObject(options)) {
        *err = xasprintf("%s: 'options' must be an object of check ids, not %s", path,
                         json_type(options));
        return false;
    }
    if (!check_duplicate_keys(options, "options", path, err))
        return false;
    const cJSON *per_check;
    cJSON_ArrayForEach(per_check, options) {
        const struct check *c = registry_find(per_check->string);
        if (!c) {
            *err = xasprintf("%s: options.%s: no such check (see --list-checks)", path,
                             per_check->string);
            return false;
        }
        if (!cJSON_IsObject(per_check)) {
            *err = xasprintf("%s: options.%s must be an object, not %s", path,
                             per_check->string, json_type(per_check));
            return false;
        }
        char *where = xasprintf("options.%s", per_check->string);
        bool unique = check_duplicate_keys(per_check, where, path, err);
        free(where);
        if (!unique)
            return false;
        const cJSON *opt;
        cJSON_ArrayForEach(opt, per_check) {
            const struct check_option *o = c->options;
            while (o && o->name && strcmp(o->name, opt->string) != 0)
                o++;
            if (!o || !o->name) {
                *err = xasprintf("%s: options.%s.%s: unknown option (see --explain %s)", path,
                                 per_check->string, opt->string, c->id);
                return false;
            }
            bool ok = (o->type == OPTION_BOOL && cJSON_IsBool(opt)) ||
                      (o->type == OPTION_STRING && cJSON_IsString(opt)) ||
                      (o->type == OPTION_STRINGS && is_string_array(opt));
            if (!ok) {
                static const char *const want[] = {"a boolean", "a string",
                                                   "an array of strings"};
                *err = xasprintf("%s: options.%s.%s must be %s, not %s", path,
                                 per_check->string, opt->string, want[o->type], json_type(opt));
                return false;
            }
        }
    }
    return true;
}

bool config_load(struct config *cfg, const char *path, char **err)
{
    char *text = read_file(path, err);
    if (!text)
        return false;
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithOpts(text, &end, 1);
    if (!root) {
        size_t line = 1;
        for (const char *p = text; end && p < end; p++)
            line += *p == '\n';
        *err = xasprintf("%s:%zu: invalid JSON", path, line);
        free(text);
        return false;
    }
    free(text);
    if (!cJSON_IsObject(root)) {
        *err = xasprintf("%s: the configuration must be a JSON object", path);
        cJSON_Delete(root);
        return false;
    }
    if (!check_duplicate_keys(root, "", path, err))
        goto fail;
    const cJSON *item;
    cJSON_ArrayForEach(item, root) {
        const char *key = item->string;
        if (!config_key_known(key)) {
            *err = unknown_key_error(path, key);
            goto fail;
        }
        if (strcmp(key, "$schema") == 0) {
            continue;
        } else if (strcmp(key, "checks") == 0) {
            if (!cJSON_IsString(item))
                goto type_error;
            free(cfg->checks);
            cfg->checks = xstrdup(item->valuestring);
        } else if (strcmp(key, "exclude") == 0) {
            if (!is_string_array(item)) {
                /* name the element when it is the element that is wrong */
                int bad = -1, i = 0;
                const cJSON *e;
                cJSON_ArrayForEach(e, item) {
                    if (bad < 0 && !cJSON_IsString(e))
                        bad = i;
                    i++;
                }
                if (cJSON_IsArray(item))
                    *err = xasprintf("%s: 'exclude[%d]' must be a string (a path glob), not %s",
                                     path, bad, json_type(cJSON_GetArrayItem(item, bad)));
                else
                    *err = xasprintf("%s: 'exclude' must be an array of strings, not %s", path,
                                     json_type(item));
                goto fail;
            }
            const cJSON *e;
            cJSON_ArrayForEach(e, item)
                VEC_PUSH(cfg->exclude, xstrdup(e->valuestring));
        } else if (strcmp(key, "max-file-size") == 0) {
            if (!cJSON_IsNumber(item) || item->valuedouble < 1 ||
                item->valuedouble > (double)UINT32_MAX) {
                *err = xasprintf("%s: 'max-file-size' must be a number of bytes from 1 to %u",
                                 path, UINT32_MAX);
                goto fail;
            }
            cfg->max_file_size = (size_t)item->valuedouble;
        } else if (strcmp(key, "parse-timeout") == 0) {
            /* seconds one file's parse may take before it is skipped with a notice */
            if (!cJSON_IsNumber(item) || !(item->valuedouble > 0) || item->valuedouble > 3600) {
                *err = xasprintf("%s: 'parse-timeout' must be a number of seconds above 0 and "
                                 "at most 3600", path);
                goto fail;
            }
            cfg->parse_timeout = item->valuedouble;
        } else if (strcmp(key, "check-timeout") == 0) {
            /* seconds the checks may spend on one file before it is noted as partly analysed */
            if (!cJSON_IsNumber(item) || !(item->valuedouble > 0) || item->valuedouble > 3600) {
                *err = xasprintf("%s: 'check-timeout' must be a number of seconds above 0 and "
                                 "at most 3600", path);
                goto fail;
            }
            cfg->check_timeout = item->valuedouble;
        } else if (strcmp(key, "max-findings-per-file") == 0) {
            if (!cJSON_IsNumber(item) || item->valuedouble < 1 ||
                item->valuedouble > (double)UINT32_MAX) {
                *err = xasprintf("%s: 'max-findings-per-file' must be a number from 1 to %u",
                                 path, UINT32_MAX);
                goto fail;
            }
            cfg->max_findings = (size_t)item->valuedouble;
        } else if (strcmp(key, "options") == 0) {
            if (!validate_options(item, path, err))
                goto fail;
        } else {
            BUG("config key '%s' is in config_keys but not read", key);
        }
        continue;
    type_error:
        *err = xasprintf("%s: '%s' must be a string, not %s", path, key, json_type(item));
        goto fail;
    }
    glob_set_free(cfg->exclude_set);
    cfg->exclude_set = glob_set_new((const char *const *)cfg->exclude.v, cfg->exclude.n);
    cJSON *options = cJSON_DetachItemFromObject(root, "options");
    cfg->options_json = options;
    cfg->path = xstrdup(path);
    cJSON_Delete(root);
    return true;
fail:
    cJSON_Delete(root);
    return false;
}

char *config_find(const char *start)
{
    char dir[PATH_MAX];
    if (!realpath(start, dir))
        return NULL;
    struct stat st;
    if (stat(dir, &st) == 0 && !S_ISDIR(st.st_mode)) {
        char *slash = strrchr(dir, '/');
        if (slash)
            *(slash == dir ? slash + 1 : slash) = '\0';
    }
    for (;;) {
        const char *sep = dir[strlen(dir) - 1] == '/' ? "" : "/";
        char *candidate = xasprintf("%s%s.preflight.json", dir, sep);
        if (access(candidate, F_OK) == 0)
            return candidate;
        free(candidate);
        /* the repository's root ends the search (found without running git): a folder
         * above it, a home or /tmp, is not the project's, and anyone may write there */
        char *git = xasprintf("%s%s.git", dir, sep);
        struct stat gst;
        bool root = lstat(git, &gst) == 0;
        free(git);
        if (root)
            return NULL;
        char *slash = strrchr(dir, '/');
        if (!slash || strcmp(dir, "/") == 0)
            return NULL;
        *(slash == dir ? slash + 1 : slash) = '\0';
    }
}

bool config_resolve(struct run *run, char **err)
{
    /* --config names the reviewer's file; --no-config reads none; else the tree's own */
    char *path = run->opt.config  ? xstrdup(run->opt.config)
               : run->opt.no_config ? NULL
                                    : config_find(run->opt.paths.v[0]);
    bool ok = !path || config_load(&run->config, path, err);
    free(path);
    if (!ok)
        return false;
    /* the limits given on the command line are ceilings: a config that comes with a pull
     * request may lower them, never raise them */
    struct config *c = &run->config;
    if (run->opt.max_file_size) {
        if (c->max_file_size > run->opt.max_file_size)
            warn("%s: 'max-file-size' %zu is above --max-file-size %zu: the limit stays %zu",
                 c->path, c->max_file_size, run->opt.max_file_size, run->opt.max_file_size);
        if (!c->max_file_size || c->max_file_size > run->opt.max_file_size)
            c->max_file_size = run->opt.max_file_size;
    }
    if (run->opt.parse_timeout > 0) {
        if (c->parse_timeout > run->opt.parse_timeout)
            warn("%s: 'parse-timeout' %g is above --parse-timeout %g: the limit stays %g s",
                 c->path, c->parse_timeout, run->opt.parse_timeout, run->opt.parse_timeout);
        if (!(c->parse_timeout > 0) || c->parse_timeout > run->opt.parse_timeout)
            c->parse_timeout = run->opt.parse_timeout;
    }
    return true;
}

char *config_shown(const struct run *run)
{
    const char *path = run->config.path;
    if (!path)
        return NULL;
    if (run->opt.config)
        return xstrdup(path); /* as the reviewer typed it */
    size_t n = run->root ? strlen(run->root) : 0;
    if (n && strncmp(path, run->root, n) == 0 && path[n] == '/')
        return xstrdup(path + n + 1);
    char cwd[PATH_MAX];
    n = getcwd(cwd, sizeof(cwd)) ? strlen(cwd) : 0;
    if (n && strncmp(path, cwd, n) == 0 && path[n] == '/')
        return xstrdup(path + n + 1);
    return xstrdup(path);
}

void config_release(struct config *cfg)
{
    free(cfg->path);
    free(cfg->checks);
    for (size_t i = 0; i < cfg->exclude.n; i++)
        free(cfg->exclude.v[i]);
    VEC_FREE(cfg->exclude);
    glob_set_free(cfg->exclude_set);
    cJSON_Delete(cfg->options_json);
    memset(cfg, 0, sizeof(*cfg));
}

struct check_options *config_check_options(const struct config *cfg, const char *check_id)
{
    struct check_options *o = xcalloc(1, sizeof(*o));
    if (cfg->options_json)
        o->obj = cJSON_GetObjectItemCaseSensitive(cfg->options_json, check_id);
    return o;
}

void check_options_free(struct check_options *o)
{
    if (!o)
        return;
    for (size_t i = 0; i < o->lists.n; i++)
        free(o->lists.v[i]);
    VEC_FREE(o->lists);
    free(o);
}

bool options_bool(const struct check_options *o, const char *name, bool def)
{
    const cJSON *j = o && o->obj ? cJSON_GetObjectItemCaseSensitive(o->obj, name) : NULL;
    return cJSON_IsBool(j) ? cJSON_IsTrue(j) : def;
}

const char *options_string(const struct check_options *o, const char *name)
{
    const cJSON *j = o && o->obj ? cJSON_GetObjectItemCaseSensitive(o->obj, name) : NULL;
    return cJSON_IsString(j) ? j->valuestring : NULL;
}

const char *const *options_strings(const struct check_options *o, const char *name)
{
    static const char *const empty[] = {NULL};
    const cJSON *j = o && o->obj ? cJSON_GetObjectItemCaseSensitive(o->obj, name) : NULL;
    if (!is_string_array(j))
        return empty;
    size_t n = (size_t)cJSON_GetArraySize(j), i = 0;
    const char **list = xcalloc(n + 1, sizeof(*list));
    const cJSON *e;
    cJSON_ArrayForEach(e, j)
        list[i++] = e->valuestring;
    /* handed out during init, which runs on one thread: the cast only records ownership */
    VEC_PUSH(((struct check_options *)o)->lists, list);
    return list;
}
