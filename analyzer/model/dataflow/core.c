/* core.c — the taint engine's entry: which functions of a file are analysed (units), what
 * their parameters hold (request objects, route params, server action arguments, FastAPI
 * bodies), per-parameter summaries of same-file helpers, and df_run. Values live in values.c,
 * expressions in eval.c, statements in exec.c; what nodes mean comes from an adapter
 * (dataflow_p.h), what is a source, sanitizer or sink from the check's tables (dataflow.h).
 */
#include "core_p.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* Entry points --------------------------------------------------------------------------- */

static bool type_is_request(struct fctx *fc, TSNode type)
{
    if (ts_node_is_null(type))
        return false;
    const char *t = df_text(fc, type);
    for (const char *const *r = fc->spec->request_types; r && *r; r++) {
        size_t tl = strlen(t), rl = strlen(*r);
        if (tl >= rl && strcmp(t + tl - rl, *r) == 0 &&
            (tl == rl || t[tl - rl - 1] == '.'))
            return true;
    }
    return false;
}

/* A typed parameter is a request when its type says so, an untyped one by its name. */
bool df_param_is_request(struct fctx *fc, const struct df_param *p)
{
    if (!ts_node_is_null(p->type))
        return type_is_request(fc, p->type);
    if (ts_node_is_null(p->name))
        return false;
    return df_in_list(fc->spec->request_names, df_text(fc, p->name));
}

/* FastAPI parameters typed as raw containers are not validated by the framework. */
static bool type_is_raw_body(struct fctx *fc, TSNode type)
{
    if (ts_node_is_null(type))
        return false;
    const char *t = df_text(fc, type);
    static const char *const raw[] = {"dict", "Dict", "Any", "Json", "typing.Any", "object",
                                      NULL};
    for (const char *const *r = raw; *r; r++) {
        size_t rl = strlen(*r);
        if (strncmp(t, *r, rl) == 0 && (t[rl] == 0 || t[rl] == '['))
            return true;
    }
    return (strncmp(t, "list[dict", 9) == 0 || strncmp(t, "List[Dict", 9) == 0 ||
            strncmp(t, "List[dict", 9) == 0);
}

/* FastAPI's dependency injection: `user: dict = Depends(current_user)` is no request data. */
static bool injected(struct fctx *fc, const struct df_param *p)
{
    if (ts_node_is_null(p->value))
        return false;
    const char *v = df_text(fc, p->value);
    return str_starts_with(v, "Depends(") || str_starts_with(v, "Security(") ||
           strstr(v, ".Depends(") || strstr(v, ".Security(");
}

/* What the parameters of a function receive when it is a framework's entry point. */
struct entry {
    const char *fname;
    bool page;          /* a page's exported function: { params, searchParams } */
    bool route_handler; /* an exported GET/POST/... of a route file: route params */
    bool action;        /* a 'use server' action: every argument */
    bool fastapi;       /* a FastAPI/Flask route: parameters typed as raw containers */
};

static void entry_of(struct fctx *fc, const struct df_fn *fn, struct entry *e)
{
    const struct df_spec *spec = fc->spec;
    TSNode name = fc->ad->function_name(fn);
    e->fname = ts_node_is_null(name) ? "" : df_text(fc, name);
    bool exported = fc->ad->function_exported(fn);
    e->page = spec->route_params && fc->page_file && exported;
    /* route handlers, actions and Python routes: the entry-point model's */
    const struct entry_point *ep = entry_point_at(fc->in->entries, ts_node_start_byte(fn->n),
                                                  ts_node_end_byte(fn->n));
    enum entry_kind k = ep ? ep->kind : ENTRY_EXPRESS;
    /* a handler given to a wrapper (withAuth(async (req, ctx) => ...), next-safe-action's
     * .action(async ({ parsedInput }) => ...)): the wrapper decides what its parameters get */
    TSNode args = ep ? ts_node_parent(fn->n) : (TSNode){0};
    bool wrapped = node_is(args, "arguments");
    const char *callee = wrapped ? df_text(fc, node_field(ts_node_parent(args), "function")) : "";
    e->route_handler = spec->route_params && ep && k == ENTRY_ROUTE && !wrapped;
    /* the wrapper's chain validated the input first: .schema(z.object(...)).action(...) */
    e->action = spec->server_actions && ep && k == ENTRY_SERVER_ACTION &&
                !(strstr(callee, ".schema(") || strstr(callee, ".inputSchema("));
    e->fastapi = spec->fastapi_bodies && ep && (k == ENTRY_FASTAPI || k == ENTRY_FLASK);
}

/* What an entry point's parameter i is given: a source, a request object or nothing. */
enum param_src {
    PS_NONE,
    PS_REQUEST,
    PS_PAGE,
    PS_ROUTE,
    PS_ACTION,
    PS_FASTAPI,
};

static enum param_src param_source(struct fctx *fc, const struct entry *e,
                                   const struct df_param *p, uint32_t i)
{
    if (df_param_is_request(fc, p))
        return PS_REQUEST;
    if (e->page && i == 0)
        return PS_PAGE;
    if (e->route_handler && i == 1)
        return PS_ROUTE;
    if (e->action && !p->splat)
        return PS_ACTION;
    if (e->fastapi && type_is_raw_body(fc, p->type) && !injected(fc, p))
        return PS_FASTAPI;
    return PS_NONE;
}

static void bind_entry(struct unit *u, const struct df_fn *fn)
{
    struct fctx *fc = u->fc;
    struct df_param ps[16];
    uint32_t np = fc->ad->function_params(fn->n, ps, 16);
    if (np > 16)
        np = 16;
    struct entry e;
    entry_of(fc, fn, &e);
    for (uint32_t i = 0; i < np; i++) {
        struct df_param *p = &ps[i];
        if (u->sum && (int)i == u->sum_param) {
            const char *pn = df_label(fc, p->pattern);
            const struct trace *t = df_trace_root(
                fc, p->pattern, pn,
                arena_printf(fc->in->arena, "parameter '%s' of %s()", pn, e.fname), (int)i);
            df_bind(u, p->pattern, (struct val){.t = t});
            continue;
        }
        const char *pname = ts_node_is_null(p->name) ? NULL : df_text(fc, p->name);
        switch (param_source(fc, &e, p, i)) {
        case PS_REQUEST:
            df_bind(u, p->pattern, (struct val){.flags = V_REQUEST});
            break;
        case PS_PAGE:
            df_bind(u, p->pattern, df_source_val(fc, p->pattern, "page props"));
            break;
        case PS_ROUTE:
            df_bind(u, p->pattern, df_source_val(fc, p->pattern, "route params"));
            break;
        case PS_ACTION: {
            const char *label = arena_printf(fc->in->arena, "server action argument '%s'",
                                             df_label(fc, p->pattern));
            df_bind(u, p->pattern, df_source_val(fc, p->pattern, label));
            break;
        }
        case PS_FASTAPI: {
            const char *label = arena_printf(fc->in->arena, "unvalidated parameter '%s: %s'",
                                             pname ? pname : "?", df_text(fc, p->type));
            df_bind(u, p->pattern, df_source_val(fc, p->pattern, label));
            break;
        }
        case PS_NONE:
            df_bind(u, p->pattern, (struct val){0});
            break;
        }
    }
}

/* true when an entry point's parameters receive a source or a request object. */
static bool entry_has_source(struct fctx *fc, const struct df_fn *fn)
{
    /* outside route, page and 'use server' files only a Python route can be an entry */
    uint32_t rn;
    if (!fc->route_file && !fc->page_file && !fc->use_server &&
        (!fc->spec->fastapi_bodies || !fc->ad->route_decorator(fn, fc->in->text, &rn)))
        return false;
    struct entry e;
    entry_of(fc, fn, &e);
    if (!e.page && !e.route_handler && !e.action && !e.fastapi)
        return false;
    struct df_param ps[16];
    uint32_t np = fc->ad->function_params(fn->n, ps, 16);
    if (np > 16)
        np = 16;
    for (uint32_t i = 0; i < np; i++)
        if (param_source(fc, &e, &ps[i], i) != PS_NONE)
            return true;
    return false;
}

/* Runs one function. With sum, parameter param is tainted (param == nparams: none) and what
 * it reaches is recorded in sum. Returns the taint of the returned value. */
static const struct trace *run_unit(struct fctx *fc, const struct df_fn *fn, struct psum *sum,
                                    int param)
{
    struct unit u = {.fc = fc, .sum = sum, .sum_param = param, .fn = fn->n};
    u.body = fc->ad->function_body(fn->n);
    if (ts_node_is_null(u.body))
        return NULL;
    bind_entry(&u, fn);
    df_task_push(&u, (struct task){.k = T_EXEC, .n = u.body});
    df_run_tasks(&u);
    VEC_FREE(u.tasks);
    VEC_FREE(u.pending);
    return u.ret;
}

struct psum *df_summary_get(struct fctx *fc, struct fnsum *f, uint32_t param)
{
    struct psum *s = &f->p[param];
    if (s->state == 2)
        return s;
    if (s->state == 1 || fc->depth >= 4)
        return NULL; /* recursion, or too deep a chain of helpers */
    s->state = 1;
    fc->depth++;
    const struct trace *ret = run_unit(fc, f->fn, s, (int)param);
    fc->depth--;
    /* the no-parameter run only keeps returns that carry a real source */
    if (param == f->nparams && ret && df_trace_origin(ret)->param >= 0)
        ret = NULL;
    s->ret = ret;
    s->state = 2;
    return s;
}

/* true when the path's file name is stem with a JS/TS extension: route.ts, page.tsx. */
static bool is_next_file(const char *path, const char *stem)
{
    if (!path)
        return false;
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t n = strlen(stem);
    if (strncmp(base, stem, n) != 0 || base[n] != '.')
        return false;
    static const char *const exts[] = {"ts", "tsx", "js", "jsx", "mjs", NULL};
    return df_in_list(exts, base + n + 1);
}

struct fn_node {
    struct df_fn fn;
    uint32_t idx;   /* its index in the node table */
    uint32_t outer; /* the index (in the vector) of the function enclosing it, or NONE */
    bool top;       /* not inside another function or a class: a helper calls can reach */
    bool live;      /* it may see a source: it is run */
};
typedef VEC(struct fn_node) fn_vec;
typedef VEC(uint32_t) idx_vec;

#define NONE UINT32_MAX

/* Which functions are run ----------------------------------------------------------------
 *
 * A function run reports a flow only if a source appears in it: a request object (a
 * parameter named or typed so, also a closure's, or Python's imported request), an entry
 * point's parameters, or the return of a same-file helper that has a source itself (its
 * summary). A function written without any of these sees no tainted value, so its run
 * reports nothing, and the summaries it computes on the way are those of helpers without a
 * source, the same whoever computes them: skipping it changes nothing but the work done.
 * The test is syntactic and generous: a leaf node spelled like a request name or type
 * (markers), an entry point whose parameters get a source, or a leaf naming a helper found
 * live, in the function or any function nested in it. */

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
static void find_markers(struct fctx *fc, idx_vec *out)
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
static void mark_live(fn_vec *all, uint32_t i)
{
    while (i != NONE && !all->v[i].live) {
        all->v[i].live = true;
        i = all->v[i].outer;
    }
}

/* Every function node in the tree, in document order, with its three nearest named
 * ancestors; those holding one of the marker leaves (sorted) are marked live. */
static void collect_functions(struct fctx *fc, fn_vec *all, const idx_vec *marks)
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
                mark_live(all, fns.v[fns.n - 1]);
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
static void propagate_helpers(struct fctx *fc, fn_vec *all, const uint32_t *helper)
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
                mark_live(all, refs.v[r].fn);
                changed = true;
            }
        }
    }
    VEC_FREE(refs);
    VEC_FREE(fns);
}

/* true when the file's text holds w. memchr looks for the byte of w that is rarest in
 * source code (by a rough ranking of letters; spaces count as commonest, punctuation as
 * rarer than any letter), so that few candidates need comparing. */
static bool text_has(const struct df_input *in, const char *w)
{
    static const char common[] = "etaoinsrlcdupmhgfybwvkxjqz"; /* most frequent first */
    size_t n = strlen(w), at = 0;
    if (n == 0)
        return true;
    long best = -1;
    for (size_t i = 0; i < n; i++) {
        const char *c = strchr(common, tolower((unsigned char)w[i]));
        long rank = isspace((unsigned char)w[i]) ? -1 : c ? (long)(c - common)
                                                         : (long)sizeof(common);
        if (rank > best) {
            best = rank;
            at = i;
        }
    }
    const char *end = in->text + in->len;
    for (const char *p = in->text + at; p < end && (size_t)(end - p) >= n - at; p++) {
        p = memchr(p, w[at], (size_t)(end - p) - (n - at) + 1);
        if (!p)
            return false;
        if (memcmp(p - at, w, n) == 0)
            return true;
    }
    return false;
}

/* The adapter of fc->in's language and its node table (built into own when the input has
 * none); false when there is nothing to analyse. */
static bool fctx_begin(struct fctx *fc, struct node_table *own)
{
    const struct df_input *in = fc->in;
    if (in->lang == LANG_PYTHON)
        fc->ad = &df_adapter_py;
    else if (in->lang == LANG_TYPESCRIPT || in->lang == LANG_TSX || in->lang == LANG_JAVASCRIPT)
        fc->ad = &df_adapter_ts;
    else
        return false;
    if (ts_node_is_null(in->root))
        return false;
    if (!fc->nodes) {
        nodes_build(own, in->root);
        fc->nodes = own;
    }
    return true;
}

bool df_run(const struct df_spec *spec, const struct df_input *in, df_flow_fn fn, void *data)
{
    struct fctx fc = {.spec = spec, .in = in, .fn = fn, .data = data, .nodes = in->nodes};
    struct node_table own = {0};
    if (!fctx_begin(&fc, &own))
        return true;
    fc.route_file = is_next_file(in->path, "route");
    fc.page_file = is_next_file(in->path, "page");
    fc.use_server = spec->server_actions && text_has(in, "use server");
    for (const char *const *m = spec->request_modules; m && *m; m++)
        if (text_has(in, *m) && fc.ad->imports_request(in->root, in->text, *m))
            fc.global_request = true;
    /* entry points: Next.js route and page files, server actions, Python route decorators */
    bool entries = (spec->route_params && (fc.route_file || fc.page_file)) ||
                   (spec->server_actions && fc.use_server) ||
                   (spec->fastapi_bodies && in->lang == LANG_PYTHON && text_has(in, "@"));

    idx_vec marks = {0};
    find_markers(&fc, &marks);
    fn_vec all = {0};
    if (marks.n || entries)
        collect_functions(&fc, &all, &marks);
    VEC_FREE(marks);
    fc.fns = arena_alloc(in->arena, (all.n ? all.n : 1) * sizeof(*fc.fns));
    uint32_t *helper = arena_alloc(in->arena, (all.n ? all.n : 1) * sizeof(*helper));
    for (size_t i = 0; i < all.n; i++) {
        if (entries && !all.v[i].live && entry_has_source(&fc, &all.v[i].fn))
            mark_live(&all, (uint32_t)i);
        if (!all.v[i].top)
            continue;
        TSNode name = fc.ad->function_name(&all.v[i].fn);
        if (ts_node_is_null(name))
            continue;
        helper[fc.nfns] = (uint32_t)i;
        struct fnsum *f = &fc.fns[fc.nfns++];
        f->name = df_text(&fc, name);
        f->fn = &all.v[i].fn;
        f->nparams = fc.ad->function_params(all.v[i].fn.n, NULL, 0);
        f->p = arena_alloc(in->arena, (f->nparams + 1) * sizeof(*f->p));
    }
    propagate_helpers(&fc, &all, helper);
    for (size_t i = 0; i < all.n && !fc.exhausted; i++)
        if (all.v[i].live)
            run_unit(&fc, &all.v[i].fn, NULL, -1);
    VEC_FREE(all);
    VEC_FREE(fc.reported);
    VEC_FREE(fc.called);
    nodes_release(&own);
    return !fc.exhausted;
}

static void no_flow(void *data, const struct df_flow *fl)
{
    (void)data;
    (void)fl;
}

bool df_param_sinks(const struct df_spec *spec, const struct df_input *in, df_want_fn want,
                    df_param_fn fn, void *data)
{
    struct df_input quiet = *in;
    quiet.on_call = NULL; /* the summaries' own runs report nothing */
    struct fctx fc = {.spec = spec, .in = &quiet, .fn = no_flow, .nodes = in->nodes};
    struct node_table own = {0};
    if (!fctx_begin(&fc, &own))
        return true;
    idx_vec marks = {0};
    fn_vec all = {0};
    collect_functions(&fc, &all, &marks);
    fc.fns = arena_alloc(in->arena, (all.n ? all.n : 1) * sizeof(*fc.fns));
    for (size_t i = 0; i < all.n; i++) {
        TSNode name = all.v[i].top ? fc.ad->function_name(&all.v[i].fn) : (TSNode){0};
        if (ts_node_is_null(name))
            continue;
        struct fnsum *f = &fc.fns[fc.nfns++];
        f->name = df_text(&fc, name);
        f->fn = &all.v[i].fn;
        f->nparams = fc.ad->function_params(all.v[i].fn.n, NULL, 0);
        f->p = arena_alloc(in->arena, (f->nparams + 1) * sizeof(*f->p));
    }
    for (uint32_t k = 0; k < fc.nfns && !fc.exhausted; k++) {
        struct fnsum *f = &fc.fns[k];
        if (!want(data, f->name))
            continue;
        for (uint32_t j = 0; j < f->nparams && j < 16 && !fc.exhausted; j++) {
            struct psum *s = df_summary_get(&fc, f, j);
            if (!s || !s->nhits)
                continue;
            struct df_param_sink ps = {.function = f->name, .param = j,
                                       .start = s->hits[0].start, .end = s->hits[0].end,
                                       .sink_label = s->hits[0].label,
                                       .sink_what = s->hits[0].what};
            fn(data, &ps);
        }
    }
    VEC_FREE(all);
    VEC_FREE(fc.reported);
    VEC_FREE(fc.called);
    nodes_release(&own);
    return !fc.exhausted;
}
