/* eval.c — expressions of the taint core, on an explicit stack: values of variables and
 * members, sources, the binding of patterns; calls are calls.c's. */
#include "core_p.h"

#include <string.h>

/* The label of a member source: req.body; req.nextUrl.searchParams rather than req.nextUrl. */
static const char *source_label(struct fctx *fc, TSNode member)
{
    /* the named parent from the node table (ts_node_parent walks down from the root) */
    uint32_t i = nodes_find(fc->nodes, member);
    TSNode p = i != NODE_NONE && fc->nodes->v[i].parent != NODE_NONE
                   ? fc->nodes->v[fc->nodes->v[i].parent].node
                   : ts_node_parent(member);
    struct df_view pv;
    if (!ts_node_is_null(p)) {
        df_view_of(fc, p, false, &pv);
        if (pv.role == R_MEMBER && !ts_node_is_null(pv.b) &&
            df_text_eq(pv.b, fc->in->text, "searchParams"))
            return df_label(fc, p);
    }
    return df_label(fc, member);
}

struct val df_source_val(struct fctx *fc, TSNode at, const char *label)
{
    const struct trace *t = df_trace_root(fc, at, label,
                                          arena_printf(fc->in->arena, "request data from %s",
                                                       label), -1);
    return (struct val){.t = t};
}

/* A member read on a value: o.key. */
static struct val member_value(struct fctx *fc, struct val o, const char *key, TSNode at,
                               const char *label)
{
    if (o.flags & V_REQUEST) {
        const struct df_source *s = fc->spec->sources;
        if (!s)
            return (struct val){0};
        const struct pat_key *k = df_pat_keys(fc, s, sizeof(*s));
        size_t len = strlen(key);
        for (size_t i = 0; s[i].pattern; i++)
            if (s[i].kind == DF_SRC_MEMBER && df_pat_maybe(&k[i], key, len) &&
                df_pattern_match(s[i].pattern, "?", key))
                return df_source_val(fc, at, label);
        return (struct val){0};
    }
    if (o.t)
        return (struct val){.t = o.t};
    if (o.flags & V_VRES)
        return (struct val){.flags = V_VRES, .vres = o.vres};
    if (o.flags & V_QUERY)
        return (struct val){.flags = V_QUERY};
    return (struct val){0};
}

/* Binds pattern p to v: destructuring, defaults, rest, writes into objects. */
void df_bind(struct unit *u, TSNode p, struct val v)
{
    struct fctx *fc = u->fc;
    struct item {
        TSNode n;
        struct val v;
    };
    VEC(struct item) st = {0};
    VEC_PUSH(st, ((struct item){p, v}));
    while (st.n) {
        struct item it = st.v[--st.n];
        if (ts_node_is_null(it.n))
            continue;
        struct df_view w;
        df_view_of(fc, it.n, true, &w);
        switch (w.role) {
        case P_IDENT: {
            const char *name = df_text(fc, it.n);
            struct val nv = it.v;
            if (nv.t && !(nv.t->start == ts_node_start_byte(it.n) &&
                          nv.t->end == ts_node_end_byte(it.n)))
                nv.t = df_trace_push(fc, nv.t, ts_node_start_byte(it.n), ts_node_end_byte(it.n),
                                     arena_printf(fc->in->arena, "flows into '%s'", name));
            df_env_set(fc->in->arena, &u->env, name, nv);
            break;
        }
        case P_OBJECT: {
            uint32_t count;
            TSNode *ks = df_kids(fc, it.n, &count);
            for (uint32_t i = count; i-- > 0;) {
                TSNode c = ks[i];
                struct df_view cv;
                df_view_of(fc, c, true, &cv);
                TSNode key = c, target = c;
                if (cv.role == P_PAIR) {
                    key = cv.a;
                    target = cv.b;
                } else if (cv.role == P_DEFAULT) {
                    struct df_view lv;
                    df_view_of(fc, cv.a, true, &lv);
                    if (lv.role != P_IDENT) {
                        VEC_PUSH(st, ((struct item){cv.a, it.v}));
                        continue;
                    }
                    key = target = cv.a;
                } else if (cv.role == P_REST) {
                    VEC_PUSH(st, ((struct item){cv.a, (struct val){.t = it.v.t}}));
                    continue;
                } else if (cv.role != P_IDENT) {
                    continue;
                }
                char *k = df_text(fc, key);
                size_t kl = strlen(k);
                if (kl >= 2 && (k[0] == '\'' || k[0] == '"') && k[kl - 1] == k[0]) {
                    k[kl - 1] = 0;
                    k++;
                }
                const char *label = arena_printf(fc->in->arena, "%s.%s", "request", k);
                VEC_PUSH(st, ((struct item){target, member_value(fc, it.v, k, key, label)}));
            }
            break;
        }
        case P_ARRAY: {
            uint32_t count;
            TSNode *ks = df_kids(fc, it.n, &count);
            for (uint32_t i = count; i-- > 0;)
                VEC_PUSH(st, ((struct item){ks[i], (struct val){.t = it.v.t}}));
            break;
        }
        case P_DEFAULT:
        case P_REST:
            VEC_PUSH(st, ((struct item){w.a, it.v}));
            break;
        case P_TARGET: {
            if (!it.v.t)
                break;
            TSNode base = w.a;
            for (int guard = 0; guard < 64 && !ts_node_is_null(base); guard++) {
                struct df_view bv;
                df_view_of(fc, base, true, &bv);
                if (bv.role != P_TARGET)
                    break;
                base = bv.a;
            }
            struct df_view bv;
            if (ts_node_is_null(base))
                break;
            df_view_of(fc, base, false, &bv);
            if (bv.role != R_IDENT)
                break;
            const char *name = df_text(fc, base);
            struct val old = df_env_get(&u->env, name, NULL);
            struct val nv = {.t = df_trace_push(fc, it.v.t, ts_node_start_byte(it.n),
                                                ts_node_end_byte(it.n),
                                                arena_printf(fc->in->arena,
                                                             "stored into '%s'", name))};
            df_env_set(fc->in->arena, &u->env, name, df_val_union(old, nv));
            break;
        }
        default:
            break;
        }
    }
    VEC_FREE(st);
}

static struct val ident_value(struct unit *u, TSNode n)
{
    struct fctx *fc = u->fc;
    const char *name = df_text(fc, n);
    bool found;
    struct val v = df_env_get(&u->env, name, &found);
    if (!found && fc->global_request && strcmp(name, "request") == 0)
        v.flags = V_REQUEST;
    return v;
}

static void select_kids(struct fctx *fc, struct ev *e)
{
    TSNode nodes[4];
    uint32_t n = 0;
    const struct df_view *v = &e->view;
    TSNode list = {0};
    switch (v->role) {
    case R_CONST:
    case R_IDENT:
    case R_FUNC:
    case R_NOT:
        break;
    case R_MEMBER:
    case R_AWAIT:
    case R_SPLAT_KW:
        nodes[n++] = v->a;
        break;
    case R_INDEX:
    case R_AUGASSIGN:
        nodes[n++] = v->a;
        nodes[n++] = v->b;
        break;
    case R_CALL:
    case R_NEW: {
        nodes[n++] = v->a;
        list = v->b;
        struct df_view lv;
        if (!ts_node_is_null(list)) {
            df_view_of(fc, list, false, &lv);
            if (lv.role == R_COMPREH) { /* list(x for x in xs): one argument */
                nodes[n++] = list;
                list = (TSNode){0};
            }
        }
        break;
    }
    case R_COMPREH:
        /* evaluated in place (comprehension_value), or, nested too deep, as R_OTHER */
        if (fc->callback_depth >= DF_CALLBACK_DEPTH)
            list = e->n;
        break;
    case R_FOR_IN:
        nodes[n++] = v->b;
        break;
    case R_TERNARY:
        nodes[n++] = v->b;
        nodes[n++] = v->c;
        break;
    case R_ASSIGN:
        nodes[n++] = v->b;
        break;
    case R_VALUE:
        nodes[n++] = v->b;
        if (!ts_node_is_null(v->a))
            nodes[n++] = v->a; /* a computed key, after the value */
        break;
    case R_OTHER:
        list = e->n;
        break;
    default:
        break;
    }
    /* a tagged template's arguments are its substitutions (a plain one has none) */
    uint32_t extra = 0;
    TSNode *ks = df_kids(fc, list, &extra);
    uint32_t total = extra;
    for (uint32_t i = 0; i < n; i++)
        if (!ts_node_is_null(nodes[i]))
            total++;
    e->kids = total ? arena_alloc(fc->in->arena, total * sizeof(*e->kids)) : NULL;
    e->nk = 0;
    for (uint32_t i = 0; i < n; i++)
        if (!ts_node_is_null(nodes[i]))
            e->kids[e->nk++].n = nodes[i];
    for (uint32_t i = 0; i < extra; i++)
        e->kids[e->nk++].n = ks[i];
}

/* A comprehension: each `for x in xs` binds x to the elements of xs (as tainted as xs), in
 * order, then the element built is its value. Its names do not outlive it. Nesting is
 * bounded by DF_CALLBACK_DEPTH (select_kids evaluates deeper ones whole). */
static struct val comprehension_value(struct unit *u, TSNode n, TSNode body)
{
    struct fctx *fc = u->fc;
    struct env saved = df_env_copy(fc, &u->env);
    fc->callback_depth++;
    uint32_t count;
    TSNode *ks = df_kids(fc, n, &count);
    for (uint32_t i = 0; i < count; i++) {
        struct df_view kv;
        df_view_of(fc, ks[i], false, &kv);
        if (kv.role == R_FOR_IN)
            df_bind(u, kv.a, (struct val){.t = df_eval(u, kv.b).t});
    }
    struct val r = {.t = df_eval(u, body).t};
    fc->callback_depth--;
    u->env = saved;
    return r;
}

/* Evaluates expression n: a pre-order pass builds the evaluation tree on an explicit
 * stack, then values are combined children first (reverse pre-order). */
struct val df_eval(struct unit *u, TSNode n)
{
    struct fctx *fc = u->fc;
    if (ts_node_is_null(n))
        return (struct val){0};
    struct ev *root = arena_alloc(fc->in->arena, sizeof(*root));
    root->n = n;
    VEC(struct ev *) stack = {0}, order = {0};
    VEC_PUSH(stack, root);
    while (stack.n) {
        struct ev *e = stack.v[--stack.n];
        df_view_of(fc, e->n, false, &e->view);
        select_kids(fc, e);
        VEC_PUSH(order, e);
        fc->work++;
        for (uint32_t i = e->nk; i-- > 0;)
            VEC_PUSH(stack, &e->kids[i]);
    }
    for (size_t k = order.n; k-- > 0;) {
        struct ev *e = order.v[k];
        struct val r = {0};
        switch (e->view.role) {
        case R_IDENT:
            r = ident_value(u, e->n);
            break;
        case R_MEMBER:
            if (e->nk > 0 && !ts_node_is_null(e->view.b))
                r = member_value(fc, e->kids[0].v, df_text(fc, e->view.b), e->n,
                                 (e->kids[0].v.flags & V_REQUEST) ? source_label(fc, e->n)
                                                                   : NULL);
            break;
        case R_INDEX:
            if (e->nk > 0)
                r = (struct val){.t = e->kids[0].v.t};
            break;
        case R_CALL:
        case R_NEW:
            r = df_call_value(u, e);
            break;
        case R_FUNC:
            if (fc->ad->is_function(e->n))
                df_closure_queue(u, e->n, (struct val){0});
            break;
        case R_AWAIT:
            if (e->nk > 0) {
                r = e->kids[0].v;
                r.flags &= ~(unsigned)V_QUERY;
            }
            break;
        case R_TERNARY:
            for (uint32_t i = 0; i < e->nk; i++)
                r = df_val_union(r, e->kids[i].v);
            break;
        case R_ASSIGN:
            if (e->nk > 0)
                r = e->kids[0].v;
            df_bind(u, e->view.a, r);
            break;
        case R_AUGASSIGN:
            for (uint32_t i = 0; i < e->nk; i++)
                r.t = r.t ? r.t : e->kids[i].v.t;
            df_bind(u, e->view.a, r);
            break;
        case R_VALUE:
            for (uint32_t i = 0; i < e->nk && !r.t; i++)
                r.t = e->kids[i].v.t;
            break;
        case R_SPLAT_KW:
            if (e->nk > 0)
                r.t = e->kids[0].v.t;
            break;
        case R_COMPREH:
            if (fc->callback_depth < DF_CALLBACK_DEPTH) {
                r = comprehension_value(u, e->n, e->view.a);
                break;
            }
            for (uint32_t i = 0; i < e->nk; i++)
                r.t = r.t ? r.t : e->kids[i].v.t;
            break;
        case R_FOR_IN:
            if (e->nk > 0)
                r.t = e->kids[0].v.t;
            break;
        case R_OTHER:
            if (e->nk == 1) {
                r = e->kids[0].v;
            } else {
                for (uint32_t i = 0; i < e->nk; i++)
                    r.t = r.t ? r.t : e->kids[i].v.t;
            }
            break;
        default:
            break;
        }
        e->v = r;
    }
    VEC_FREE(stack);
    VEC_FREE(order);
    return root->v;
}

