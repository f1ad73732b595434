/* calls.c — calls in the taint core: what a call's value is (sources, sinks, sanitizers,
 * propagators, query builders, iterating callbacks, same-file helpers through their
 * summaries, closures run in place or queued), and the flows a sink reports. */
#include "core_p.h"

#include <ctype.h>
#include <string.h>

static const char *const iteration_methods[] = {
    "map", "forEach", "flatMap", "filter", "some", "every", "find", "findIndex", NULL};
/* Of those, the ones whose result is what the callback returns. */
static const char *const mapping_methods[] = {"map", "flatMap", NULL};

bool df_plain_chain(const char *s)
{
    if (!*s)
        return false;
    for (; *s; s++)
        if (!isalnum((unsigned char)*s) && *s != '_' && *s != '$' && *s != '.')
            return false;
    return true;
}

void df_callee_of(struct fctx *fc, const struct ev *callee, struct callee *c)
{
    memset(c, 0, sizeof(*c));
    if (callee->view.role == R_MEMBER && !ts_node_is_null(callee->view.b) && callee->nk > 0) {
        c->name = df_text(fc, callee->view.b);
        c->recv = &callee->kids[0];
        char *rt = df_short_text(fc, c->recv->n);
        if (rt && df_plain_chain(rt))
            c->recv_text = rt;
        /* the root identifier of the receiver chain, through calls and members */
        TSNode r = c->recv->n;
        for (int guard = 0; guard < 64; guard++) {
            struct df_view v;
            df_view_of(fc, r, false, &v);
            if (v.role == R_MEMBER || v.role == R_INDEX || v.role == R_AWAIT) {
                r = v.a;
            } else if (v.role == R_CALL) {
                r = v.a;
            } else {
                break;
            }
            if (ts_node_is_null(r))
                break;
        }
        if (!ts_node_is_null(r)) {
            struct df_view v;
            df_view_of(fc, r, false, &v);
            if (v.role == R_IDENT)
                c->root = df_text(fc, r);
        }
    } else if (callee->view.role == R_IDENT) {
        c->name = df_text(fc, callee->n);
    }
}

/* The flow of trace t to the sink argument [start, end), its steps from the arena. */
static struct df_flow flow_of(struct fctx *fc, uint32_t start, uint32_t end, const char *label,
                              const char *what, const struct trace *t)
{
    size_t n = 1;
    for (const struct trace *x = t; x; x = x->prev)
        n++;
    struct df_step *steps = arena_alloc(fc->in->arena, n * sizeof(*steps));
    size_t i = n - 1;
    steps[i] = (struct df_step){start, end, arena_printf(fc->in->arena, "reaches %s (%s)",
                                                        label, what)};
    for (const struct trace *x = t; x; x = x->prev)
        steps[--i] = (struct df_step){x->start, x->end, x->msg};
    const struct trace *r = df_trace_origin(t);
    struct df_flow fl = {
        .start = start, .end = end, .steps = steps, .nsteps = n,
        .source_label = r->label, .source_start = r->start,
        .sink_label = label, .sink_what = what,
    };
    return fl;
}

static void flow_report(struct fctx *fc, uint32_t start, uint32_t end, const char *label,
                        const char *what, const struct trace *t)
{
    for (size_t i = 0; i < fc->reported.n; i++)
        if (fc->reported.v[i].start == start && fc->reported.v[i].end == end)
            return;
    VEC_PUSH(fc->reported, ((struct range){start, end}));
    struct df_flow fl = flow_of(fc, start, end, label, what, t);
    fc->fn(fc->data, &fl);
}

/* A call the engine knows nothing of (a function of another module): each tainted positional
 * argument that carries a real source goes to the input's on_call, once per argument. */
static void unknown_call(struct unit *u, const struct ev *e, const struct callee *c,
                         const struct ev *args, uint32_t nargs)
{
    struct fctx *fc = u->fc;
    const struct df_input *in = fc->in;
    if (!in->on_call || (c->recv && (!c->recv_text || strchr(c->recv_text, '.'))))
        return;
    const char *label = c->recv ? arena_printf(in->arena, "%s.%s()", c->recv_text, c->name)
                                : arena_printf(in->arena, "%s()", c->name);
    uint32_t pos = 0;
    for (uint32_t i = 0; i < nargs; i++) {
        const struct ev *a = &args[i];
        if (a->view.role == R_VALUE || a->view.role == R_SPLAT_KW)
            continue; /* keyword arguments are not matched to parameters */
        uint32_t j = pos++;
        if (!a->v.t || df_trace_origin(a->v.t)->param >= 0)
            continue;
        uint32_t start = ts_node_start_byte(a->n), end = ts_node_end_byte(a->n);
        bool seen = false;
        for (size_t k = 0; k < fc->called.n && !seen; k++)
            seen = fc->called.v[k].start == start && fc->called.v[k].end == end;
        if (seen)
            continue;
        VEC_PUSH(fc->called, ((struct range){start, end}));
        struct df_flow fl = flow_of(fc, start, end, label, "argument", a->v.t);
        in->on_call(in->call_data, &fl, e->n, j);
    }
}

/* Tainted data reached a sink: report it, or, for data rooted at the parameter whose
 * summary is being computed, remember it in the summary. */
static void sink_reached(struct unit *u, uint32_t start, uint32_t end, const char *label,
                         const char *what, const struct trace *t)
{
    const struct trace *r = df_trace_origin(t);
    if (r->param < 0) {
        flow_report(u->fc, start, end, label, what, t);
        return;
    }
    if (!u->sum || r->param != u->sum_param)
        return;
    struct psum *s = u->sum;
    for (uint32_t i = 0; i < s->nhits; i++)
        if (s->hits[i].start == start && s->hits[i].end == end)
            return;
    if (s->nhits == s->cap) {
        uint32_t cap = s->cap ? s->cap * 2 : 4;
        struct sink_hit *nh = arena_alloc(u->fc->in->arena, cap * sizeof(*nh));
        if (s->nhits)
            memcpy(nh, s->hits, s->nhits * sizeof(*nh));
        s->hits = nh;
        s->cap = cap;
    }
    s->hits[s->nhits++] = (struct sink_hit){start, end, label, what, t};
}

static struct fnsum *fn_find(struct fctx *fc, const char *name)
{
    for (uint32_t i = 0; i < fc->nfns; i++)
        if (strcmp(fc->fns[i].name, name) == 0)
            return &fc->fns[i];
    return NULL;
}

bool df_sanitizer_match(struct fctx *fc, const struct callee *c, unsigned flags)
{
    const struct df_sanitizer *s = fc->spec->sanitizers;
    if (!s || !c->name)
        return false;
    const struct pat_key *k = df_pat_keys(fc, s, sizeof(*s));
    size_t len = strlen(c->name);
    for (size_t i = 0; s[i].pattern; i++)
        if ((s[i].flags & flags) && df_pat_maybe(&k[i], c->name, len) &&
            df_pattern_match(s[i].pattern, c->recv_text ? c->recv_text : (c->recv ? "?" : NULL),
                             c->name))
            return true;
    return false;
}

/* The receiver text to match patterns with: its text, or "?" when it is not a plain chain
 * (so "*.x" still matches and "Recv.x" does not). */
const char *df_recv_key(const struct callee *c)
{
    return c->recv_text ? c->recv_text : (c->recv ? "?" : NULL);
}

/* Queues a function literal met in the current statement, to be run after the statement
 * with the variables of this point: v is what its first parameter receives (the elements of
 * the array for a map/forEach callback). */
void df_closure_queue(struct unit *u, TSNode fn, struct val v)
{
    for (size_t i = 0; i < u->pending.n; i++) {
        if (ts_node_eq(u->pending.v[i].fn, fn)) {
            u->pending.v[i].v = df_val_union(u->pending.v[i].v, v);
            return;
        }
    }
    VEC_PUSH(u->pending, ((struct pending){fn, v}));
}

/* Takes fn off the closures queued in this statement (it was run in place). */
static void closure_drop(struct unit *u, TSNode fn)
{
    for (size_t i = 0; i < u->pending.n; i++) {
        if (ts_node_eq(u->pending.v[i].fn, fn)) {
            memmove(&u->pending.v[i], &u->pending.v[i + 1],
                    (u->pending.n - i - 1) * sizeof(*u->pending.v));
            u->pending.n--;
            return;
        }
    }
}

/* Applies the summary of a same-file function f to a call with the given arguments. */
static struct val call_helper(struct unit *u, struct fnsum *f, const char *name,
                              const struct ev *args, uint32_t nargs)
{
    struct fctx *fc = u->fc;
    struct val r = {0};
    struct psum *base = df_summary_get(fc, f, f->nparams);
    if (base && base->ret)
        r.t = base->ret;
    uint32_t pos = 0;
    for (uint32_t i = 0; i < nargs && pos < f->nparams; i++) {
        const struct ev *a = &args[i];
        if (a->view.role == R_VALUE || a->view.role == R_SPLAT_KW)
            continue; /* keyword arguments are not matched to parameters */
        uint32_t j = pos++;
        if (!a->v.t)
            continue;
        struct psum *s = df_summary_get(fc, f, j);
        if (!s)
            continue;
        const struct trace *at = df_trace_push(fc, a->v.t, ts_node_start_byte(a->n),
                                               ts_node_end_byte(a->n),
                                               arena_printf(fc->in->arena, "passed to %s()",
                                                            name));
        if (s->ret && !r.t)
            r.t = df_trace_splice(fc, at, s->ret);
        for (uint32_t h = 0; h < s->nhits; h++)
            sink_reached(u, s->hits[h].start, s->hits[h].end, s->hits[h].label,
                         s->hits[h].what, df_trace_splice(fc, at, s->hits[h].t));
    }
    return r;
}

struct val df_call_value(struct unit *u, struct ev *e)
{
    struct fctx *fc = u->fc;
    const struct df_spec *spec = fc->spec;
    if (e->nk == 0)
        return (struct val){0};
    struct callee c;
    df_callee_of(fc, &e->kids[0], &c);
    struct ev *args = e->kids + 1;
    uint32_t nargs = e->nk - 1;
    bool is_new = e->view.role == R_NEW;
    if (!c.name)
        return (struct val){0};
    const char *rk = df_recv_key(&c);
    size_t len = strlen(c.name);

    /* sources: methods of a request object */
    if (c.recv && (c.recv->v.flags & V_REQUEST) && spec->sources) {
        const struct pat_key *k = df_pat_keys(fc, spec->sources, sizeof(*spec->sources));
        for (size_t i = 0; spec->sources[i].pattern; i++)
            if (spec->sources[i].kind == DF_SRC_CALL && df_pat_maybe(&k[i], c.name, len) &&
                df_pattern_match(spec->sources[i].pattern, "?", c.name))
                return df_source_val(fc, e->n, df_label(fc, e->n));
    }

    /* sinks */
    const struct pat_key *sk = spec->sinks ? df_pat_keys(fc, spec->sinks, sizeof(*spec->sinks))
                                           : NULL;
    for (const struct df_sink *s = spec->sinks; s && s->pattern; s++) {
        if (!df_pat_maybe(&sk[s - spec->sinks], c.name, len) ||
            !df_pattern_match(s->pattern, rk, c.name))
            continue;
        if (s->on == DF_ON_QUERY && !(c.recv && (c.recv->v.flags & V_QUERY)))
            continue;
        if (s->on == DF_ON_CLIENT &&
            !df_in_list(s->roots ? s->roots : spec->clients, c.root))
            continue;
        const char *label = c.recv ? arena_printf(fc->in->arena, ".%s()", c.name)
                                   : arena_printf(fc->in->arena, "%s()", c.name);
        for (uint32_t i = 0; i < nargs; i++) {
            if ((s->arg >= 0 && (uint32_t)s->arg != i) || (s->arg == DF_ARGS_REST && i == 0))
                continue;
            if (args[i].v.t)
                sink_reached(u, ts_node_start_byte(args[i].n), ts_node_end_byte(args[i].n),
                             label, s->what, args[i].v.t);
        }
        break;
    }

    /* callbacks of array methods see the elements; what map and flatMap return is what
     * their callback returns: rows = body.items.map(i => ({ name: i.name })) */
    if (c.recv && df_in_list(iteration_methods, c.name)) {
        struct val elem = {.t = c.recv->v.t};
        for (uint32_t i = 0; i < nargs; i++) {
            if (args[i].view.role != R_FUNC)
                continue;
            if (df_in_list(mapping_methods, c.name) && fc->callback_depth < DF_CALLBACK_DEPTH &&
                fc->ad->is_function(args[i].n)) {
                closure_drop(u, args[i].n);
                if (!elem.t && !df_env_captures(&u->env))
                    return (struct val){0};
                return df_run_callback(u, args[i].n, elem);
            }
            df_closure_queue(u, args[i].n, elem);
        }
    }

    /* same-file functions */
    if (!c.recv && !is_new) {
        bool shadowed;
        df_env_get(&u->env, c.name, &shadowed);
        struct fnsum *f = shadowed ? NULL : fn_find(fc, c.name);
        if (f)
            return call_helper(u, f, c.name, args, nargs);
    }

    /* a converting keyword: request.args.get("page", type=int) */
    for (uint32_t i = 0; i < nargs && spec->converting_keywords; i++) {
        if (args[i].view.role != R_VALUE || ts_node_is_null(args[i].view.b))
            continue;
        char *kw = df_text(fc, args[i].n), *w = kw;
        for (char *r = kw; *r; r++)
            if (!isspace((unsigned char)*r))
                *w++ = *r;
        *w = 0;
        if (df_in_list(spec->converting_keywords, kw))
            return (struct val){0};
    }

    /* propagators */
    if (df_patterns_match(fc, spec->propagators, rk, c.name) ||
        df_patterns_match(fc, spec->nan_checks, rk, c.name)) {
        struct val r = {0};
        if (c.recv)
            r.t = c.recv->v.t;
        for (uint32_t i = 0; i < nargs && !r.t; i++)
            r.t = args[i].v.t;
        if (df_patterns_match(fc, spec->nan_checks, rk, c.name))
            r.t = NULL; /* a NaN check returns a boolean */
        return r;
    }

    /* sanitizers: pydantic's Model(**data) too */
    bool model_splat = false;
    if (!c.recv && isupper((unsigned char)c.name[0]))
        for (uint32_t i = 0; i < nargs; i++)
            if (args[i].view.role == R_SPLAT_KW)
                model_splat = true;
    if (model_splat || df_sanitizer_match(fc, &c, DF_SAN_RESULT | DF_SAN_ASSERTS | DF_SAN_GUARD)) {
        struct val r = {.flags = V_VRES};
        for (uint32_t i = 0; i < nargs && !r.vres; i++) {
            TSNode an = args[i].n;
            if (args[i].view.role == R_SPLAT_KW || args[i].view.role == R_AWAIT)
                an = args[i].view.a;
            struct df_view av;
            if (ts_node_is_null(an))
                continue;
            df_view_of(fc, an, false, &av);
            if (av.role == R_IDENT)
                r.vres = df_text(fc, an);
        }
        if (!r.vres)
            r.flags = 0;
        return r;
    }

    /* query builders */
    if (df_patterns_match(fc, spec->query_starts, rk, c.name) ||
        (!c.recv && df_in_list(spec->clients, c.name))) /* knex('users'), db('users') */
        return (struct val){.flags = V_QUERY};
    if (c.recv && (c.recv->v.flags & V_QUERY))
        return (struct val){.flags = V_QUERY};

    /* a method of tainted data returns tainted data */
    if (c.recv && c.recv->v.t)
        return (struct val){.t = c.recv->v.t};
    unknown_call(u, e, &c, args, nargs);
    return (struct val){0};
}

