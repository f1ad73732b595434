/* live.c — which functions of a file the taint engine runs.
 *
 * A function run reports a flow only if a source appears in it: a request object (a
 * parameter named or typed so, also a closure's, or Python's imported request), an entry
 * point's parameters, or the return of a same-file helper that has a source itself (its
 * summary). A function written without any of these sees no tainted value, so its run
 * reports nothing, and the summaries it computes on the way are those of helpers without a
 * source, the same whoever computes them: skipping it changes nothing but the work done.
 * The test is syntactic and generous: a leaf node spelled like a request name or type
 * (markers), an entry point whose parameters get a source, or a leaf naming a helper found
 * live, in the function or any function nested in it.
 */
#include "core_p.h"

#include <ctype.h>
#include <string.h>

#define NONE UINT32_MAX

/* The spellings of request objects, and a bit set of the last two bytes they end with (a
 * quick reject: most leaves end otherwise). */
struct marker_word {
    const char *s;
    uint32_t n;
    bool suffix; /* a type: the leaf may end with it after a '.' */
};

struct markers {
    VEC(struct marker_word) w;
    bool all; /* a word too short for the bit set: no quick reject */
    uint8_t tail[128];
};

static uint32_t tail_hash(const char *s, uint32_t n)
{
    return (((uint32_t)(unsigned char)s[n - 2] << 5) ^ (unsigned char)s[n - 1]) & 1023;
}

static void markers_add(struct markers *m, const char *w, bool suffix)
{
    uint32_t n = (uint32_t)strlen(w);
    VEC_PUSH(m->w, ((struct marker_word){w, n, suffix}));
    if (n < 2) {
        m->all = true;
        return;
    }
    uint32_t h = tail_hash(w, n);
    m->tail[h >> 3] |= (uint8_t)(1u << (h & 7));
}

static void markers_init(struct fctx *fc, struct markers *m)
{
    memset(m, 0, sizeof(*m));
    for (const char *const *w = fc->spec->request_names; w && *w; w++)
        markers_add(m, *w, false);
    for (const char *const *w = fc->spec->request_types; w && *w; w++)
        markers_add(m, *w, true);
    if (fc->global_request)
        markers_add(m, "request", false);
}

static bool spelled(const char *s, uint32_t n, const char *w)
{
    size_t wl = strlen(w);
    return n == wl && memcmp(s, w, n) == 0;
}

static bool leaf_is_marker(struct fctx *fc, const struct markers *m, TSNode leaf)
{
    uint32_t a = ts_node_start_byte(leaf), b = ts_node_end_byte(leaf);
    if (b > fc->in->len || a >= b)
        return false;
    const char *s = fc->in->text + a;
    uint32_t n = b - a;
    if (!m->all) {
        if (n < 2)
            return false;
        uint32_t h = tail_hash(s, n);
        if (!(m->tail[h >> 3] & (1u << (h & 7))))
            return false;
    }
    for (size_t i = 0; i < m->w.n; i++) {
        const struct marker_word *w = &m->w.v[i];
        if (n == w->n ? memcmp(s, w->s, n) == 0
                      : w->suffix && n > w->n && s[n - w->n - 1] == '.' &&
                            memcmp(s + n - w->n, w->s, w->n) == 0)
            return true;
    }
    return false;
}

/* The leaves (named nodes without named children) spelled like a request object, in
 * document order. */
void df_find_markers(struct fctx *fc, idx_vec *out)
{
    struct markers m;
    markers_init(fc, &m);
    const struct node_table *t = fc->nodes;
    for (uint32_t i = 0; i < t->n; i++)
        if (t->v[i].end == i + 1 && leaf_is_marker(fc, &m, t->v[i].node))
            VEC_PUSH(*out, i);
    VEC_FREE(m.w);
}

/* Marks function i live, and the functions around it (they run it as a closure). */
void df_mark_live(fn_vec *all, uint32_t i)
{
    while (i != NONE && !all->v[i].live) {
        all->v[i].live = true;
        i = all->v[i].outer;
    }
}

/* Every function node in the tree, in document order, with its three nearest named
 * ancestors; those holding one of the marker leaves (sorted) are marked live. */
void df_collect_functions(struct fctx *fc, fn_vec *all, const idx_vec *marks)
{
    const struct node_table *t = fc->nodes;
    idx_vec scopes = {0}; /* table indices of the enclosing functions and classes */
    idx_vec fns = {0};    /* vector indices of the enclosing functions */
    size_t next_mark = 0;
    const uint8_t *scope = t->n ? node_kinds(ts_node_language(t->v[0].node), fc->ad->scope)
                                : NULL;
    for (uint32_t i = 0; i < t->n; i++) {
        while (scopes.n && t->v[scopes.v[scopes.n - 1]].end <= i)
            scopes.n--;
        while (fns.n && t->v[all->v[fns.v[fns.n - 1]].idx].end <= i)
            fns.n--;
        TSNode n = t->v[i].node;
        TSSymbol sym = t->v[i].sym;
        uint8_t sc = sym < NODE_KIND_SYMBOLS ? scope[sym] : node_kind_of(n, fc->ad->scope);
        bool fn = sc == DF_SCOPE_FUNCTION;
        if (fn) {
            struct fn_node f = {.fn.n = n, .idx = i, .top = scopes.n == 0,
                                .outer = fns.n ? fns.v[fns.n - 1] : NONE};
            for (uint32_t p = t->v[i].parent; p != NODE_NONE && f.fn.nup < 3;
                 p = t->v[p].parent)
                f.fn.up[f.fn.nup++] = t->v[p].node;
            VEC_PUSH(fns, (uint32_t)all->n);
            VEC_PUSH(*all, f);
        }
        if (sc)
            VEC_PUSH(scopes, i);
        if (next_mark < marks->n && marks->v[next_mark] == i) {
            next_mark++;
            if (fns.n)
                df_mark_live(all, fns.v[fns.n - 1]);
        }
    }
    VEC_FREE(scopes);
    VEC_FREE(fns);
}

static uint32_t name_hash(const char *s, uint32_t n)
{
    uint32_t h = 2166136261u;
    for (uint32_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

struct helper_ref {
    uint32_t fn, helper; /* vector indices: the function naming the helper, the helper */
};

/* A function that names a live helper is live (the helper's summary may return a source):
 * until nothing changes. helper[j] is the vector index of fc->fns[j]. */
void df_propagate_helpers(struct fctx *fc, fn_vec *all, const uint32_t *helper)
{
    bool any = false;
    for (uint32_t j = 0; j < fc->nfns && !any; j++)
        any = all->v[helper[j]].live;
    if (!any)
        return;
    /* the helpers by name (the first of a name, as fn_find), open addressing */
    uint32_t cap = 16, minlen = UINT32_MAX, maxlen = 0;
    while (cap < 2 * fc->nfns)
        cap *= 2;
    uint32_t *slot = xcalloc(cap, sizeof(*slot)); /* helper index + 1; 0 empty */
    for (uint32_t j = 0; j < fc->nfns; j++) {
        const char *name = fc->fns[j].name;
        uint32_t n = (uint32_t)strlen(name), h = name_hash(name, n) & (cap - 1);
        while (slot[h] && strcmp(fc->fns[slot[h] - 1].name, name) != 0)
            h = (h + 1) & (cap - 1);
        if (!slot[h])
            slot[h] = j + 1;
        minlen = n < minlen ? n : minlen;
        maxlen = n > maxlen ? n : maxlen;
    }
    /* the leaves naming a helper: (innermost function, helper) pairs */
    const struct node_table *t = fc->nodes;
    VEC(struct helper_ref) refs = {0};
    idx_vec fns = {0};
    size_t next_fn = 0;
    for (uint32_t i = 0; i < t->n; i++) {
        while (fns.n && t->v[all->v[fns.v[fns.n - 1]].idx].end <= i)
            fns.n--;
        if (next_fn < all->n && all->v[next_fn].idx == i)
            VEC_PUSH(fns, (uint32_t)next_fn++);
        if (t->v[i].end != i + 1 || !fns.n)
            continue;
        uint32_t a = ts_node_start_byte(t->v[i].node), b = ts_node_end_byte(t->v[i].node);
        if (b > fc->in->len || a >= b || b - a < minlen || b - a > maxlen)
            continue;
        const char *text = fc->in->text + a;
        for (uint32_t h = name_hash(text, b - a) & (cap - 1); slot[h]; h = (h + 1) & (cap - 1)) {
            if (spelled(text, b - a, fc->fns[slot[h] - 1].name)) {
                VEC_PUSH(refs, ((struct helper_ref){fns.v[fns.n - 1], helper[slot[h] - 1]}));
                break;
            }
        }
    }
    free(slot);
    for (bool changed = true; changed;) {
        changed = false;
        for (size_t r = 0; r < refs.n; r++) {
            if (all->v[refs.v[r].helper].live && !all->v[refs.v[r].fn].live) {
                df_mark_live(all, refs.v[r].fn);
                changed = true;
            }
        }
    }
    VEC_FREE(refs);
    VEC_FREE(fns);
}

