/* core.c — the taint engine's entry: the units it runs (which functions: live.c), what
 * their parameters hold (request objects, route params, server action arguments, FastAPI
 * bodies), per-parameter summaries of same-file helpers, and df_run. Values live in values.c,
 * expressions in eval.c, calls in calls.c, statements in exec.c; what nodes mean comes from an
 * adapter (dataflow_p.h), what is a source, sanitizer or sink from the check's tables
 * (dataflow.h).
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
    df_find_markers(&fc, &marks);
    fn_vec all = {0};
    if (marks.n || entries)
        df_collect_functions(&fc, &all, &marks);
    VEC_FREE(marks);
    fc.fns = arena_alloc(in->arena, (all.n ? all.n : 1) * sizeof(*fc.fns));
    uint32_t *helper = arena_alloc(in->arena, (all.n ? all.n : 1) * sizeof(*helper));
    for (size_t i = 0; i < all.n; i++) {
        if (entries && !all.v[i].live && entry_has_source(&fc, &all.v[i].fn))
            df_mark_live(&all, (uint32_t)i);
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
    df_propagate_helpers(&fc, &all, helper);
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
    df_collect_functions(&fc, &all, &marks);
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
