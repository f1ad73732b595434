/* imports_resolve.c — which project file an import names: relative paths, tsconfig/jsconfig
 * `baseUrl` and `paths` (read with cJSON after the JSONC comments and trailing commas are
 * blanked), extensions and index files, Python packages. See imports.h. */
#include <cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "front/pgjson.h"
#include "model/imports.h"
#include "model/imports_p.h"

/* A string-keyed table of size_t, open addressing (the resolver's caches). */
struct smap_slot {
    char *key;
    size_t value;
};

struct smap {
    struct smap_slot *v;
    size_t n, cap;
};

static size_t *smap_find(struct smap *m, const char *key, bool add)
{
    if (add && (m->n + 1) * 2 > m->cap) {
        struct smap old = *m;
        m->cap = m->cap ? m->cap * 2 : 64;
        m->v = xcalloc(m->cap, sizeof(*m->v));
        m->n = 0;
        for (size_t i = 0; i < old.cap; i++)
            if (old.v[i].key) {
                size_t *slot = smap_find(m, old.v[i].key, true);
                *slot = old.v[i].value;
                free(old.v[i].key);
            }
        free(old.v);
    }
    if (!m->cap)
        return NULL;
    size_t h = (size_t)fnv64(FNV64_INIT, key, strlen(key)) & (m->cap - 1);
    for (;; h = (h + 1) & (m->cap - 1)) {
        if (!m->v[h].key) {
            if (!add)
                return NULL;
            m->v[h].key = xstrdup(key);
            m->n++;
            return &m->v[h].value;
        }
        if (strcmp(m->v[h].key, key) == 0)
            return &m->v[h].value;
    }
}

static void smap_free(struct smap *m)
{
    for (size_t i = 0; i < m->cap; i++)
        free(m->v[i].key);
    free(m->v);
}

struct alias {
    char *prefix, *suffix; /* the pattern around its '*' (suffix NULL: no '*') */
    char **targets;        /* relative to the config's base, '*' kept */
    size_t ntargets;
};

struct tsconf {
    char *base;   /* display-space directory the targets are relative to ("" the top) */
    bool has_base_url;
    struct alias *a;
    size_t na;
};

struct import_resolver {
    size_t n;
    const char *const *paths, *const *fs_paths;
    size_t *sorted; /* file indexes in strcmp order of paths */
    struct smap cache;   /* "from-dir\nspec\nname" -> file index + 1 (0 unknown) */
    struct smap confs;   /* display dir -> index into conf + 1, 0: none */
    VEC(struct tsconf) conf;
    struct reexports **barrels; /* per file, read on first need (imports_barrel.c) */
};

static const char *const *sort_paths; /* qsort has no context argument */

static int cmp_sorted(const void *a, const void *b)
{
    return strcmp(sort_paths[*(const size_t *)a], sort_paths[*(const size_t *)b]);
}

struct import_resolver *import_resolver_new(size_t n, const char *const *paths,
                                            const char *const *fs_paths)
{
    struct import_resolver *r = xcalloc(1, sizeof(*r));
    r->n = n;
    r->paths = paths;
    r->fs_paths = fs_paths;
    r->sorted = xmalloc((n ? n : 1) * sizeof(*r->sorted));
    for (size_t i = 0; i < n; i++)
        r->sorted[i] = i;
    sort_paths = paths;
    qsort(r->sorted, n, sizeof(*r->sorted), cmp_sorted);
    return r;
}

void import_resolver_free(struct import_resolver *r)
{
    if (!r)
        return;
    free(r->sorted);
    for (size_t i = 0; r->barrels && i < r->n; i++)
        reexports_free(r->barrels[i]);
    free(r->barrels);
    smap_free(&r->cache);
    smap_free(&r->confs);
    for (size_t i = 0; i < r->conf.n; i++) {
        struct tsconf *c = &r->conf.v[i];
        for (size_t k = 0; k < c->na; k++) {
            free(c->a[k].prefix);
            free(c->a[k].suffix);
            for (size_t t = 0; t < c->a[k].ntargets; t++)
                free(c->a[k].targets[t]);
            free(c->a[k].targets);
        }
        free(c->a);
        free(c->base);
    }
    VEC_FREE(r->conf);
    free(r);
}

/* Paths -------------------------------------------------------------------------------- */

static char *dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? xstrndup(path, (size_t)(slash - path)) : xstrdup("");
}

/* dir joined with rel, "." and ".." folded ("../x" stays when it climbs above dir). */
static char *join(const char *dir, const char *rel)
{
    char *in = rel[0] == '/' || !dir[0] ? xstrdup(rel) : xasprintf("%s/%s", dir, rel);
    size_t len = strlen(in);
    bool abs = in[0] == '/';
    /* the kept components, as offsets into in */
    size_t *at = xmalloc((len / 2 + 2) * sizeof(*at)), *cl = xmalloc((len / 2 + 2) * sizeof(*cl));
    size_t n = 0;
    for (size_t i = 0; i <= len;) {
        size_t e = i;
        while (e < len && in[e] != '/')
            e++;
        size_t l = e - i;
        bool dotdot = l == 2 && in[i] == '.' && in[i + 1] == '.';
        if (l == 0 || (l == 1 && in[i] == '.')) {
            /* nothing */
        } else if (dotdot && n && !(cl[n - 1] == 2 && memcmp(in + at[n - 1], "..", 2) == 0)) {
            n--;
        } else if (!(dotdot && abs)) {
            at[n] = i;
            cl[n++] = l;
        }
        i = e + 1;
    }
    struct strbuf sb;
    strbuf_init(&sb);
    if (abs)
        strbuf_addch(&sb, '/');
    for (size_t k = 0; k < n; k++) {
        if (k)
            strbuf_addch(&sb, '/');
        strbuf_add(&sb, in + at[k], cl[k]);
    }
    free(at);
    free(cl);
    free(in);
    return strbuf_detach(&sb, NULL);
}

static size_t find_path(const struct import_resolver *r, const char *path)
{
    size_t lo = 0, hi = r->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(r->paths[r->sorted[mid]], path);
        if (c == 0)
            return r->sorted[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return SIZE_MAX;
}

static const char *const ts_exts[] = {".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs", ".mts",
                                      ".cts", NULL};

/* The file a module path names: itself, with an extension, or its index file; './x.js' may
 * be written for x.ts. */
static size_t ts_file(const struct import_resolver *r, const char *base)
{
    size_t hit = find_path(r, base);
    if (hit != SIZE_MAX && !str_ends_with(base, ".json"))
        return hit;
    char buf[4096];
    for (const char *const *e = ts_exts; *e; e++) {
        snprintf(buf, sizeof buf, "%s%s", base, *e);
        if ((hit = find_path(r, buf)) != SIZE_MAX)
            return hit;
    }
    for (const char *const *e = ts_exts; *e; e++) {
        snprintf(buf, sizeof buf, "%s/index%s", base, *e);
        if ((hit = find_path(r, buf)) != SIZE_MAX)
            return hit;
    }
    static const char *const js[] = {".js", ".jsx", ".mjs", ".cjs", NULL};
    for (const char *const *e = js; *e; e++)
        if (str_ends_with(base, *e)) {
            size_t stem = strlen(base) - strlen(*e);
            static const char *const ts[] = {".ts", ".tsx", ".mts", ".cts", NULL};
            for (const char *const *t = ts; *t; t++) {
                snprintf(buf, sizeof buf, "%.*s%s", (int)stem, base, *t);
                if ((hit = find_path(r, buf)) != SIZE_MAX)
                    return hit;
            }
        }
    return SIZE_MAX;
}

/* The project file whose path, without its extension, ends with "/" rest (or is rest), the
 * nearest to from by shared leading directories: '@/lib/x' with no config to say where '@'
 * is. */
static size_t ts_suffix(const struct import_resolver *r, size_t from, const char *rest)
{
    size_t best = SIZE_MAX, best_common = 0, rl = strlen(rest);
    for (size_t i = 0; i < r->n; i++) {
        const char *p = r->paths[i];
        const char *dot = strrchr(p, '.');
        const char *slash = strrchr(p, '/');
        if (!dot || (slash && dot < slash))
            continue;
        size_t stem = (size_t)(dot - p);
        bool ext = false;
        for (const char *const *e = ts_exts; *e && !ext; e++)
            ext = strcmp(dot, *e) == 0;
        if (!ext)
            continue;
        /* rest or rest/index */
        size_t m = stem;
        if (m >= 6 && memcmp(p + m - 6, "/index", 6) == 0 &&
            !(m >= rl && memcmp(p + m - rl, rest, rl) == 0))
            m -= 6;
        if (m < rl || memcmp(p + m - rl, rest, rl) != 0 || (m > rl && p[m - rl - 1] != '/'))
            continue;
        size_t common = 0;
        const char *q = r->paths[from];
        while (p[common] && p[common] == q[common])
            common++;
        if (best == SIZE_MAX || common > best_common) {
            best = i;
            best_common = common;
        }
    }
    return best;
}

/* tsconfig.json / jsconfig.json -------------------------------------------------------- */

static char *read_text(const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return NULL;
    struct strbuf sb;
    strbuf_init(&sb);
    bool ok = strbuf_fread(&sb, fp) && sb.len < (1u << 20);
    fclose(fp);
    if (!ok) {
        strbuf_release(&sb);
        return NULL;
    }
    return strbuf_detach(&sb, NULL);
}

/* The config in fs_dir (display directory ddir), or false when there is none. */
static bool conf_read(const char *fs_dir, const char *ddir, struct tsconf *out)
{
    static const char *const names[] = {"tsconfig.json", "jsconfig.json"};
    char *text = NULL;
    for (size_t i = 0; i < ARRAY_SIZE(names) && !text; i++) {
        char *p = fs_dir[0] ? xasprintf("%s/%s", fs_dir, names[i]) : xstrdup(names[i]);
        text = read_text(p);
        free(p);
    }
    if (!text)
        return false;
    jsonc_blank(text);
    cJSON *root = cJSON_Parse(text);
    free(text);
    memset(out, 0, sizeof(*out));
    cJSON *co = cJSON_GetObjectItemCaseSensitive(root, "compilerOptions");
    cJSON *base_url = cJSON_GetObjectItemCaseSensitive(co, "baseUrl");
    out->has_base_url = cJSON_IsString(base_url);
    out->base = join(ddir, out->has_base_url ? base_url->valuestring : ".");
    cJSON *paths = cJSON_GetObjectItemCaseSensitive(co, "paths");
    cJSON *entry;
    cJSON_ArrayForEach(entry, paths)
    {
        if (!entry->string || !cJSON_IsArray(entry))
            continue;
        struct alias a = {0};
        const char *star = strchr(entry->string, '*');
        a.prefix = star ? xstrndup(entry->string, (size_t)(star - entry->string))
                        : xstrdup(entry->string);
        a.suffix = star ? xstrdup(star + 1) : NULL;
        int nt = cJSON_GetArraySize(entry);
        a.targets = xcalloc((size_t)nt + 1, sizeof(*a.targets));
        cJSON *t;
        cJSON_ArrayForEach(t, entry)
        {
            if (cJSON_IsString(t))
                a.targets[a.ntargets++] = xstrdup(t->valuestring);
        }
        out->a = xrealloc(out->a, (out->na + 1) * sizeof(*out->a));
        out->a[out->na++] = a;
    }
    cJSON_Delete(root);
    return true;
}

/* The nearest config above file from, or NULL. Directories are climbed in the project's
 * names and on disk together, no higher than the project's top directory. */
static const struct tsconf *conf_for(struct import_resolver *r, size_t from)
{
    char *ddir = dir_of(r->paths[from]);
    char *fdir = dir_of(r->fs_paths[from] ? r->fs_paths[from] : r->paths[from]);
    const struct tsconf *found = NULL;
    VEC(char *) seen = {0};
    for (;;) {
        size_t *slot = smap_find(&r->confs, ddir, false);
        if (slot) {
            found = *slot ? &r->conf.v[*slot - 1] : NULL;
            break;
        }
        VEC_PUSH(seen, xstrdup(ddir));
        struct tsconf c;
        if (conf_read(fdir, ddir, &c)) {
            VEC_PUSH(r->conf, c);
            *smap_find(&r->confs, ddir, true) = r->conf.n;
            found = &r->conf.v[r->conf.n - 1];
            break;
        }
        if (!ddir[0] || strcmp(ddir, "/") == 0)
            break;
        char *up = dir_of(ddir), *fup = dir_of(fdir);
        free(ddir);
        free(fdir);
        ddir = up;
        fdir = fup;
    }
    /* every directory passed on the way has the same answer */
    size_t value = found ? (size_t)(found - r->conf.v) + 1 : 0;
    for (size_t i = 0; i < seen.n; i++) {
        *smap_find(&r->confs, seen.v[i], true) = value;
        free(seen.v[i]);
    }
    VEC_FREE(seen);
    free(ddir);
    free(fdir);
    return found ? &r->conf.v[value - 1] : NULL;
}

static size_t ts_module(struct import_resolver *r, size_t from, const char *spec)
{
    if (spec[0] == '.') {
        char *dir = dir_of(r->paths[from]);
        char *base = join(dir, spec);
        size_t hit = ts_file(r, base);
        free(dir);
        free(base);
        return hit;
    }
    const struct tsconf *c = conf_for(r, from);
    for (size_t k = 0; c && k < c->na; k++) {
        const struct alias *a = &c->a[k];
        size_t pl = strlen(a->prefix), sl = a->suffix ? strlen(a->suffix) : 0;
        size_t n = strlen(spec);
        if (a->suffix ? (n < pl + sl || strncmp(spec, a->prefix, pl) != 0 ||
                         strcmp(spec + n - sl, a->suffix) != 0)
                      : strcmp(spec, a->prefix) != 0)
            continue;
        for (size_t t = 0; t < a->ntargets; t++) {
            const char *target = a->targets[t];
            const char *star = strchr(target, '*');
            char *sub = star ? xasprintf("%.*s%.*s%s", (int)(star - target), target,
                                         (int)(n - pl - sl), spec + pl, star + 1)
                             : xstrdup(target);
            char *base = join(c->base, sub);
            size_t hit = ts_file(r, base);
            free(sub);
            free(base);
            if (hit != SIZE_MAX)
                return hit;
        }
    }
    if (c && c->has_base_url) {
        char *base = join(c->base, spec);
        size_t hit = ts_file(r, base);
        free(base);
        if (hit != SIZE_MAX)
            return hit;
    }
    if ((spec[0] == '@' || spec[0] == '~') && spec[1] == '/' && spec[2])
        return ts_suffix(r, from, spec + 2);
    return SIZE_MAX;
}

/* Python --------------------------------------------------------------------------------- */

/* dir/a/b.py or dir/a/b/__init__.py for dotted "a.b". */
static size_t py_in_dir(const struct import_resolver *r, const char *dir, const char *dotted)
{
    char *rel = xstrdup(dotted);
    for (char *p = rel; *p; p++)
        if (*p == '.')
            *p = '/';
    char *base = join(dir, rel);
    char *a = xasprintf("%s.py", base), *b = xasprintf("%s/__init__.py", base);
    size_t hit = find_path(r, a);
    if (hit == SIZE_MAX)
        hit = find_path(r, b);
    free(rel);
    free(base);
    free(a);
    free(b);
    return hit;
}

static size_t py_module(const struct import_resolver *r, size_t from, const char *spec)
{
    char *dir = dir_of(r->paths[from]);
    size_t hit = SIZE_MAX;
    if (spec[0] == '.') {
        const char *p = spec + 1;
        while (*p == '.') { /* each further dot climbs a package */
            char *up = dir_of(dir);
            free(dir);
            dir = up;
            p++;
        }
        if (*p)
            hit = py_in_dir(r, dir, p);
        else {
            char *init = join(dir, "__init__.py");
            hit = find_path(r, init);
            free(init);
        }
        free(dir);
        return hit;
    }
    /* an absolute import: the package beside the file, or above it */
    for (;;) {
        hit = py_in_dir(r, dir, spec);
        if (hit != SIZE_MAX || !dir[0] || strcmp(dir, "/") == 0)
            break;
        char *up = dir_of(dir);
        free(dir);
        dir = up;
    }
    free(dir);
    return hit;
}

/* The resolver ----------------------------------------------------------------------------- */

static bool is_py(const char *path)
{
    return str_ends_with(path, ".py");
}

static size_t module_cached(struct import_resolver *r, size_t from, const char *spec)
{
    char *dir = dir_of(r->paths[from]);
    char *key = xasprintf("%s\n%s\n%d", dir, spec, is_py(r->paths[from]));
    free(dir);
    size_t *slot = smap_find(&r->cache, key, false);
    size_t hit;
    if (slot) {
        hit = *slot;
    } else {
        hit = is_py(r->paths[from]) ? py_module(r, from, spec) : ts_module(r, from, spec);
        *smap_find(&r->cache, key, true) = hit;
    }
    free(key);
    return hit;
}

size_t import_resolve_module(struct import_resolver *r, size_t from, const char *spec)
{
    if (!r || from >= r->n || !spec || !spec[0])
        return SIZE_MAX;
    size_t hit = module_cached(r, from, spec);
    return hit == from ? SIZE_MAX : hit;
}

/* The re-exports of file i, read from its text on first need. */
static const struct reexports *barrel_of(struct import_resolver *r, size_t i)
{
    if (!r->barrels)
        r->barrels = xcalloc(r->n, sizeof(*r->barrels));
    if (!r->barrels[i]) {
        char *text = read_text(r->fs_paths[i] ? r->fs_paths[i] : r->paths[i]);
        r->barrels[i] = reexports_scan(text);
        free(text);
    }
    return r->barrels[i];
}

static bool names_has(char *const *v, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(v[i], name) == 0)
            return true;
    return false;
}

/* One hop past a barrel: the module that `export { name } from './x'` or `export * from
 * './x'` in file hit takes *name from (updating *name), else hit. */
static size_t through_barrel(struct import_resolver *r, size_t hit, const char **name)
{
    const struct reexports *rx = barrel_of(r, hit);
    for (size_t i = 0; i < rx->named.n; i++) {
        if (strcmp(rx->named.v[i].name, *name) != 0)
            continue;
        size_t j = module_cached(r, hit, rx->named.v[i].spec);
        if (j == SIZE_MAX || j == hit)
            return hit;
        *name = rx->named.v[i].from_name;
        return j;
    }
    if (names_has(rx->own.v, rx->own.n, *name))
        return hit;
    for (size_t i = 0; i < rx->stars.n; i++) {
        size_t j = module_cached(r, hit, rx->stars.v[i]);
        if (j == SIZE_MAX || j == hit)
            continue;
        const struct reexports *rj = barrel_of(r, j);
        if (names_has(rj->own.v, rj->own.n, *name))
            return j;
    }
    return hit;
}

size_t import_resolve(struct import_resolver *r, size_t from, const char *spec,
                      const char *name, const char *member, const char **export_name)
{
    *export_name = NULL;
    if (!r || from >= r->n || !spec || !spec[0] || !name)
        return SIZE_MAX;
    bool ns = strcmp(name, "*") == 0;
    if (is_py(r->paths[from]) && !ns) {
        /* from app import db: the module app/db.py, or the name db of app */
        bool dots = true;
        for (const char *p = spec; *p && dots; p++)
            dots = *p == '.';
        char *sub = xasprintf("%s%s%s", spec, dots ? "" : ".", name);
        size_t hit = module_cached(r, from, sub);
        free(sub);
        if (hit != SIZE_MAX) {
            *export_name = member;
            return member ? hit : SIZE_MAX;
        }
    }
    size_t hit = module_cached(r, from, spec);
    if (hit == SIZE_MAX || hit == from)
        return SIZE_MAX;
    *export_name = ns ? member : name;
    if (!*export_name)
        return SIZE_MAX;
    if (!is_py(r->paths[hit]) && strcmp(*export_name, "default") != 0)
        hit = through_barrel(r, hit, export_name);
    return hit == from ? SIZE_MAX : hit;
}
