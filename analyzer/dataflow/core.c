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

static const char *const http_methods[] = {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD",
                                           "OPTIONS", NULL};

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

static void bind_entry(struct unit *u, const struct df_fn *fn)
{
    struct fctx *fc = u->fc;
    const struct df_spec *spec = fc->spec;
    struct df_param ps[16];
    uint32_t np = fc->ad->function_params(fn->n, ps, 16);
    if (np > 16)
        np = 16;
    TSNode name = fc->ad->function_name(fn);
    const char *fname = ts_node_is_null(name) ? "" : df_text(fc, name);
    bool exported = fc->ad->function_exported(fn);
    /* a page's exported functions (the page, generateMetadata) get { params, searchParams } */
    bool page = spec->route_params && fc->page_file && exported;
    bool route_handler = spec->route_params && fc->route_file && exported &&
                         df_in_list(http_methods, fname);
    bool action = spec->server_actions && fc->ad->server_action(fn, fc->in->root, fc->in->text);
    uint32_t rn;
    bool fastapi = spec->fastapi_bodies &&
                   fc->ad->route_decorator(fn, fc->in->text, &rn) != NULL;
    for (uint32_t i = 0; i < np; i++) {
        struct df_param *p = &ps[i];
        if (u->sum && (int)i == u->sum_param) {
            const char *pn = df_label(fc, p->pattern);
            const struct trace *t = df_trace_root(
                fc, p->pattern, pn,
                arena_printf(fc->in->arena, "parameter '%s' of %s()", pn, fname), (int)i);
            df_bind(u, p->pattern, (struct val){.t = t});
            continue;
        }
        const char *pname = ts_node_is_null(p->name) ? NULL : df_text(fc, p->name);
        if (df_param_is_request(fc, p)) {
            df_bind(u, p->pattern, (struct val){.flags = V_REQUEST});
        } else if (page && i == 0) {
            df_bind(u, p->pattern, df_source_val(fc, p->pattern, "page props"));
        } else if (route_handler && i == 1) {
            df_bind(u, p->pattern, df_source_val(fc, p->pattern, "route params"));
        } else if (action && !p->splat) {
            const char *label = arena_printf(fc->in->arena, "server action argument '%s'",
                                             df_label(fc, p->pattern));
            df_bind(u, p->pattern, df_source_val(fc, p->pattern, label));
        } else if (fastapi && type_is_raw_body(fc, p->type) && !injected(fc, p)) {
            const char *label = arena_printf(fc->in->arena, "unvalidated parameter '%s: %s'",
                                             pname ? pname : "?", df_text(fc, p->type));
            df_bind(u, p->pattern, df_source_val(fc, p->pattern, label));
        } else {
            df_bind(u, p->pattern, (struct val){0});
        }
    }
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
    bool top; /* not inside another function or a class: a helper calls can reach */
};
typedef VEC(struct fn_node) fn_vec;

/* Every function node in the tree, in document order. The cursor keeps the depths of the
 * enclosing functions and classes on a stack (asking each node for its parents would cost
 * the square of the nesting depth). */
static void collect_functions(struct fctx *fc, fn_vec *all)
{
    VEC(uint32_t) scopes = {0};
    VEC(TSNode) path = {0}; /* the ancestors of the cursor's node, root first */
    TSTreeCursor cur = ts_tree_cursor_new(fc->in->root);
    for (;;) {
        TSNode n = ts_tree_cursor_current_node(&cur);
        bool fn = fc->ad->is_function(n);
        if (fn) {
            struct fn_node f = {.fn.n = n, .top = scopes.n == 0};
            while (f.fn.nup < 3 && f.fn.nup < path.n) {
                f.fn.up[f.fn.nup] = path.v[path.n - 1 - f.fn.nup];
                f.fn.nup++;
            }
            VEC_PUSH(*all, f);
        }
        if (fn || fc->ad->is_class(n))
            VEC_PUSH(scopes, (uint32_t)path.n);
        if (ts_tree_cursor_goto_first_child(&cur)) {
            VEC_PUSH(path, n);
            continue;
        }
        for (;;) {
            /* leaving the node at this depth: it no longer encloses what follows */
            while (scopes.n && scopes.v[scopes.n - 1] >= path.n)
                scopes.n--;
            if (ts_tree_cursor_goto_next_sibling(&cur))
                break;
            if (!ts_tree_cursor_goto_parent(&cur))
                goto done;
            path.n--;
        }
    }
done:
    ts_tree_cursor_delete(&cur);
    VEC_FREE(scopes);
    VEC_FREE(path);
}

bool df_run(const struct df_spec *spec, const struct df_input *in, df_flow_fn fn, void *data)
{
    struct fctx fc = {.spec = spec, .in = in, .fn = fn, .data = data};
    switch (in->lang) {
    case LANG_TYPESCRIPT:
    case LANG_TSX:
    case LANG_JAVASCRIPT:
        fc.ad = &df_adapter_ts;
        break;
    case LANG_PYTHON:
        fc.ad = &df_adapter_py;
        break;
    default:
        return true;
    }
    if (ts_node_is_null(in->root))
        return true;
    fc.route_file = is_next_file(in->path, "route");
    fc.page_file = is_next_file(in->path, "page");
    for (const char *const *m = spec->request_modules; m && *m; m++)
        if (fc.ad->imports_request(in->root, in->text, *m))
            fc.global_request = true;

    fn_vec all = {0};
    collect_functions(&fc, &all);
    fc.fns = arena_alloc(in->arena, (all.n ? all.n : 1) * sizeof(*fc.fns));
    for (size_t i = 0; i < all.n; i++) {
        if (!all.v[i].top)
            continue;
        TSNode name = fc.ad->function_name(&all.v[i].fn);
        if (ts_node_is_null(name))
            continue;
        struct fnsum *f = &fc.fns[fc.nfns++];
        f->name = df_text(&fc, name);
        f->fn = &all.v[i].fn;
        f->nparams = fc.ad->function_params(all.v[i].fn.n, NULL, 0);
        f->p = arena_alloc(in->arena, (f->nparams + 1) * sizeof(*f->p));
    }
    for (size_t i = 0; i < all.n && !fc.exhausted; i++)
        run_unit(&fc, &all.v[i].fn, NULL, -1);
    VEC_FREE(all);
    VEC_FREE(fc.reported);
    return !fc.exhausted;
}
