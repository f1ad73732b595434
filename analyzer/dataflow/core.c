/* core.c — the language-neutral taint engine: values, environments, the statement machine and
 * the expression evaluator (both on explicit stacks: nesting depth never reaches the C stack),
 * function summaries, and flow reporting. What nodes mean comes from an adapter (dataflow_p.h);
 * what is a source, sanitizer or sink comes from the check's tables (dataflow.h).
 */
#include "dataflow_p.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* Values -------------------------------------------------------------------------------- */

/* A taint trace, newest step first. The root (prev NULL) is a source (param < 0) or the
 * parameter param of the function whose summary is being computed. Immutable and shared. */
struct trace {
    const struct trace *prev;
    uint32_t start, end;
    const char *msg;
    const char *label; /* root only: the source's name for messages */
    int param;
};

enum {
    V_REQUEST = 1u << 0, /* a request object: its members and methods are sources */
    V_QUERY = 1u << 1,   /* a query builder: its filter methods are sinks */
    V_VRES = 1u << 2,    /* the result of validating vres: checking it validates vres */
};

struct val {
    const struct trace *t; /* NULL: clean */
    unsigned flags;
    const char *vres;
};

struct binding {
    const char *name;
    struct val v;
};

/* Variables of a function at one program point. dead: after return/throw; jumped: after
 * break/continue (the rest of the block is skipped, but the state still reaches joins). */
struct env {
    struct binding *b;
    uint32_t n, cap;
    bool dead, jumped;
};

/* Summaries ----------------------------------------------------------------------------- */

struct sink_hit {
    uint32_t start, end;
    const char *label, *what;
    const struct trace *t;
};

/* What tainting one parameter (or, for the last entry, none) does in a function. */
struct psum {
    int state; /* 0 not computed, 1 computing, 2 done */
    const struct trace *ret;
    struct sink_hit *hits;
    uint32_t nhits, cap;
};

struct fnsum {
    const char *name;
    TSNode fn;
    uint32_t nparams;
    struct psum *p; /* nparams + 1: per parameter, then the run with none tainted */
};

struct range {
    uint32_t start, end;
};

struct fctx {
    const struct df_spec *spec;
    const struct df_input *in;
    const struct df_adapter *ad;
    df_flow_fn fn;
    void *data;
    struct fnsum *fns;
    uint32_t nfns;
    bool global_request; /* Python: `request` imported from a framework module */
    bool route_file;
    VEC(struct range) reported;
    int depth; /* nesting of summary computations */
};

/* Helpers ------------------------------------------------------------------------------- */

bool df_node_is(TSNode n, const char *type)
{
    return !ts_node_is_null(n) && strcmp(ts_node_type(n), type) == 0;
}

bool df_text_eq(TSNode n, const char *text, const char *s)
{
    if (ts_node_is_null(n))
        return false;
    uint32_t a = ts_node_start_byte(n), b = ts_node_end_byte(n);
    size_t len = strlen(s);
    return b - a == len && memcmp(text + a, s, len) == 0;
}

static char *text_of(struct fctx *fc, TSNode n)
{
    uint32_t a = ts_node_start_byte(n), b = ts_node_end_byte(n);
    if (b > fc->in->len)
        b = fc->in->len;
    if (a > b)
        a = b;
    return arena_strndup(fc->in->arena, fc->in->text + a, b - a);
}

/* The node's text if it is short (a receiver worth naming), else NULL: receivers of long
 * call chains are not copied again for every call of the chain. */
static char *short_text(struct fctx *fc, TSNode n)
{
    if (ts_node_end_byte(n) - ts_node_start_byte(n) >= 96)
        return NULL;
    return text_of(fc, n);
}

/* The named children of n without comments, in an arena array. A cursor walks them in linear
 * time; ts_node_named_child(n, i) costs O(i), which makes index loops quadratic. */
static TSNode *kids_of(struct fctx *fc, TSNode n, uint32_t *count)
{
    uint32_t cap = ts_node_is_null(n) ? 0 : ts_node_named_child_count(n);
    *count = 0;
    if (cap == 0)
        return NULL;
    TSNode *v = arena_alloc(fc->in->arena, cap * sizeof(*v));
    TSTreeCursor cur = ts_tree_cursor_new(n);
    if (ts_tree_cursor_goto_first_child(&cur)) {
        do {
            TSNode c = ts_tree_cursor_current_node(&cur);
            if (ts_node_is_named(c) && !fc->ad->is_comment(c) && *count < cap)
                v[(*count)++] = c;
        } while (ts_tree_cursor_goto_next_sibling(&cur));
    }
    ts_tree_cursor_delete(&cur);
    return v;
}

/* The node's text on one line, shortened for messages. */
static char *label_of(struct fctx *fc, TSNode n)
{
    char *s = text_of(fc, n);
    size_t j = 0;
    bool space = false;
    for (size_t i = 0; s[i]; i++) {
        if (isspace((unsigned char)s[i])) {
            space = true;
            continue;
        }
        if (space && j > 0 && s[j - 1] != '.' && s[i] != '.' && s[i] != '(' && s[i] != ')')
            s[j++] = ' ';
        space = false;
        s[j++] = s[i];
    }
    s[j] = 0;
    if (j > 48)
        strcpy(s + 45, "...");
    return s;
}

static bool in_list(const char *const *list, const char *s)
{
    if (!list || !s)
        return false;
    for (; *list; list++)
        if (strcmp(*list, s) == 0)
            return true;
    return false;
}

bool df_pattern_match(const char *pattern, const char *receiver, const char *name)
{
    if (!pattern || !name)
        return false;
    const char *dot = strrchr(pattern, '.');
    if (!dot)
        return receiver == NULL && strcmp(pattern, name) == 0;
    if (strcmp(dot + 1, name) != 0)
        return false;
    if (dot - pattern == 1 && pattern[0] == '*')
        return receiver != NULL;
    return receiver && strlen(receiver) == (size_t)(dot - pattern) &&
           memcmp(receiver, pattern, (size_t)(dot - pattern)) == 0;
}

static bool patterns_match(const char *const *list, const char *receiver, const char *name)
{
    if (!list)
        return false;
    for (; *list; list++)
        if (df_pattern_match(*list, receiver, name))
            return true;
    return false;
}

static const struct trace *trace_push(struct fctx *fc, const struct trace *prev, uint32_t start,
                                      uint32_t end, const char *msg)
{
    struct trace *t = arena_alloc(fc->in->arena, sizeof(*t));
    t->prev = prev;
    t->start = start;
    t->end = end;
    t->msg = msg;
    t->param = prev ? prev->param : -1;
    t->label = prev ? prev->label : NULL;
    return t;
}

/* A new trace at node at: a source (param -1) or the parameter param of a summary run. */
static const struct trace *trace_root(struct fctx *fc, TSNode at, const char *label,
                                      const char *msg, int param)
{
    struct trace *r = (struct trace *)trace_push(fc, NULL, ts_node_start_byte(at),
                                                 ts_node_end_byte(at), msg);
    r->label = label;
    r->param = param;
    return r;
}

static const struct trace *root_of(const struct trace *t)
{
    while (t && t->prev)
        t = t->prev;
    return t;
}

/* Appends the steps of inner (a trace rooted at a parameter) to outer. */
static const struct trace *trace_splice(struct fctx *fc, const struct trace *outer,
                                        const struct trace *inner)
{
    size_t n = 0;
    for (const struct trace *t = inner; t; t = t->prev)
        n++;
    const struct trace **v = arena_alloc(fc->in->arena, n * sizeof(*v));
    size_t i = n;
    for (const struct trace *t = inner; t; t = t->prev)
        v[--i] = t;
    for (i = 0; i < n; i++)
        outer = trace_push(fc, outer, v[i]->start, v[i]->end, v[i]->msg);
    return outer;
}

static struct val val_union(struct val a, struct val b)
{
    struct val r = a;
    if (!r.t)
        r.t = b.t;
    r.flags |= b.flags;
    if (!r.vres)
        r.vres = b.vres;
    return r;
}

/* Environments -------------------------------------------------------------------------- */

static struct val env_get(const struct env *e, const char *name, bool *found)
{
    for (uint32_t i = e->n; i-- > 0;) {
        if (strcmp(e->b[i].name, name) == 0) {
            if (found)
                *found = true;
            return e->b[i].v;
        }
    }
    if (found)
        *found = false;
    return (struct val){0};
}

static void env_set(struct arena *a, struct env *e, const char *name, struct val v)
{
    for (uint32_t i = e->n; i-- > 0;) {
        if (strcmp(e->b[i].name, name) == 0) {
            e->b[i].v = v;
            return;
        }
    }
    if (e->n == e->cap) {
        uint32_t cap = e->cap ? e->cap * 2 : 16;
        struct binding *nb = arena_alloc(a, cap * sizeof(*nb));
        if (e->n)
            memcpy(nb, e->b, e->n * sizeof(*nb));
        e->b = nb;
        e->cap = cap;
    }
    e->b[e->n++] = (struct binding){name, v};
}

static struct env env_copy(struct arena *a, const struct env *e)
{
    struct env r = *e;
    r.cap = e->n ? e->n : 4;
    r.b = arena_alloc(a, r.cap * sizeof(*r.b));
    if (e->n)
        memcpy(r.b, e->b, e->n * sizeof(*r.b));
    return r;
}

/* The state after either of two paths. A path that returned or threw does not reach. */
static struct env env_join(struct arena *a, const struct env *x, const struct env *y)
{
    if (x->dead)
        return env_copy(a, y);
    if (y->dead)
        return env_copy(a, x);
    struct env r = env_copy(a, x);
    for (uint32_t i = 0; i < y->n; i++) {
        struct val v = env_get(&r, y->b[i].name, NULL);
        env_set(a, &r, y->b[i].name, val_union(v, y->b[i].v));
    }
    r.dead = false;
    r.jumped = x->jumped && y->jumped;
    return r;
}

/* true when a closure written here could capture request data or a request object. */
static bool env_captures(const struct env *e)
{
    for (uint32_t i = 0; i < e->n; i++)
        if (e->b[i].v.t || (e->b[i].v.flags & V_REQUEST))
            return true;
    return false;
}

/* Units: one function's analysis ------------------------------------------------------ */

enum task_kind {
    T_EXEC,     /* n: execute a statement (or evaluate an expression) */
    T_BLOCK,    /* kids: the statements from index i on, skipping skip */
    T_IF_END,   /* n: the if statement; saved: state before the branches */
    T_LOOP_BODY,
    T_LOOP_END,
    T_TRY_MID,
    T_BR_BEGIN,
    T_BR_END,
    T_BR_DONE,
    T_CLOSURE,
    T_RESTORE,
};

struct branchset {
    struct env start, acc;
};

struct task {
    enum task_kind k;
    TSNode n, skip;
    uint32_t i;
    struct env saved, other;
    struct val v;
    const char **kills;
    uint32_t nkills;
    struct branchset *bs;
    TSNode *kids; /* T_BLOCK: the statements (kids_of), nkids of them */
    uint32_t nkids;
};

struct pending {
    TSNode fn;
    struct val v;
};

struct unit {
    struct fctx *fc;
    struct env env;
    const struct trace *ret;
    struct psum *sum; /* computing this summary, or NULL */
    int sum_param;
    TSNode fn, body;
    VEC(struct task) tasks;
    VEC(struct pending) pending;
    int closure_depth;
};

struct ev {
    TSNode n;
    struct df_view view;
    struct val v;
    struct ev *kids;
    uint32_t nk;
};

static void view_of(struct fctx *fc, TSNode n, bool pattern, struct df_view *v)
{
    fc->ad->view(n, pattern, v);
}

static void push_task(struct unit *u, struct task t)
{
    VEC_PUSH(u->tasks, t);
}

static const char *const iteration_methods[] = {
    "map", "forEach", "flatMap", "filter", "some", "every", "find", "findIndex", NULL};

/* The callee of a call: its name, the receiver's text when it is a plain a.b chain, and the
 * receiver's evaluation. */
struct callee {
    const char *name;
    const char *recv_text;
    const struct ev *recv;
    const char *root; /* leftmost identifier of the receiver chain */
};

static bool plain_chain(const char *s)
{
    if (!*s)
        return false;
    for (; *s; s++)
        if (!isalnum((unsigned char)*s) && *s != '_' && *s != '$' && *s != '.')
            return false;
    return true;
}

static void callee_of(struct fctx *fc, const struct ev *callee, struct callee *c)
{
    memset(c, 0, sizeof(*c));
    if (callee->view.role == R_MEMBER && !ts_node_is_null(callee->view.b) && callee->nk > 0) {
        c->name = text_of(fc, callee->view.b);
        c->recv = &callee->kids[0];
        char *rt = short_text(fc, c->recv->n);
        if (rt && plain_chain(rt))
            c->recv_text = rt;
        /* the root identifier of the receiver chain, through calls and members */
        TSNode r = c->recv->n;
        for (int guard = 0; guard < 64; guard++) {
            struct df_view v;
            view_of(fc, r, false, &v);
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
            view_of(fc, r, false, &v);
            if (v.role == R_IDENT)
                c->root = text_of(fc, r);
        }
    } else if (callee->view.role == R_IDENT) {
        c->name = text_of(fc, callee->n);
    }
}

static void flow_report(struct fctx *fc, uint32_t start, uint32_t end, const char *label,
                        const char *what, const struct trace *t)
{
    for (size_t i = 0; i < fc->reported.n; i++)
        if (fc->reported.v[i].start == start && fc->reported.v[i].end == end)
            return;
    VEC_PUSH(fc->reported, ((struct range){start, end}));
    size_t n = 1;
    for (const struct trace *x = t; x; x = x->prev)
        n++;
    struct df_step *steps = arena_alloc(fc->in->arena, n * sizeof(*steps));
    size_t i = n - 1;
    steps[i] = (struct df_step){start, end, arena_printf(fc->in->arena, "reaches %s (%s)",
                                                        label, what)};
    for (const struct trace *x = t; x; x = x->prev)
        steps[--i] = (struct df_step){x->start, x->end, x->msg};
    const struct trace *r = root_of(t);
    struct df_flow fl = {
        .start = start, .end = end, .steps = steps, .nsteps = n,
        .source_label = r->label, .source_start = r->start,
        .sink_label = label, .sink_what = what,
    };
    fc->fn(fc->data, &fl);
}

/* Tainted data reached a sink: report it, or, for data rooted at the parameter whose
 * summary is being computed, remember it in the summary. */
static void sink_reached(struct unit *u, uint32_t start, uint32_t end, const char *label,
                         const char *what, const struct trace *t)
{
    const struct trace *r = root_of(t);
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

static struct psum *summary_get(struct fctx *fc, struct fnsum *f, uint32_t param);

static struct fnsum *fn_find(struct fctx *fc, const char *name)
{
    for (uint32_t i = 0; i < fc->nfns; i++)
        if (strcmp(fc->fns[i].name, name) == 0)
            return &fc->fns[i];
    return NULL;
}

static bool sanitizer_match(struct fctx *fc, const struct callee *c, unsigned flags)
{
    const struct df_sanitizer *s = fc->spec->sanitizers;
    if (!s)
        return false;
    for (; s->pattern; s++)
        if ((s->flags & flags) && df_pattern_match(s->pattern, c->recv_text ? c->recv_text :
                                                   (c->recv ? "?" : NULL), c->name))
            return true;
    return false;
}

/* The receiver text to match patterns with: its text, or "?" when it is not a plain chain
 * (so "*.x" still matches and "Recv.x" does not). */
static const char *recv_key(const struct callee *c)
{
    return c->recv_text ? c->recv_text : (c->recv ? "?" : NULL);
}

/* The label of a member source: req.body; req.nextUrl.searchParams rather than req.nextUrl. */
static const char *source_label(struct fctx *fc, TSNode member)
{
    TSNode p = ts_node_parent(member);
    struct df_view pv;
    if (!ts_node_is_null(p)) {
        view_of(fc, p, false, &pv);
        if (pv.role == R_MEMBER && !ts_node_is_null(pv.b) &&
            df_text_eq(pv.b, fc->in->text, "searchParams"))
            return label_of(fc, p);
    }
    return label_of(fc, member);
}

static struct val source_val(struct fctx *fc, TSNode at, const char *label)
{
    const struct trace *t = trace_root(fc, at, label,
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
        for (; s && s->pattern; s++)
            if (s->kind == DF_SRC_MEMBER && df_pattern_match(s->pattern, "?", key))
                return source_val(fc, at, label);
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

/* Queues a function literal met in the current statement, to be run after the statement
 * with the variables of this point: v is what its first parameter receives (the elements of
 * the array for a map/forEach callback). */
static void closure_queue(struct unit *u, TSNode fn, struct val v)
{
    for (size_t i = 0; i < u->pending.n; i++) {
        if (ts_node_eq(u->pending.v[i].fn, fn)) {
            u->pending.v[i].v = val_union(u->pending.v[i].v, v);
            return;
        }
    }
    VEC_PUSH(u->pending, ((struct pending){fn, v}));
}

/* Binds pattern p to v: destructuring, defaults, rest, writes into objects. */
static void bind(struct unit *u, TSNode p, struct val v)
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
        view_of(fc, it.n, true, &w);
        switch (w.role) {
        case P_IDENT: {
            const char *name = text_of(fc, it.n);
            struct val nv = it.v;
            if (nv.t && !(nv.t->start == ts_node_start_byte(it.n) &&
                          nv.t->end == ts_node_end_byte(it.n)))
                nv.t = trace_push(fc, nv.t, ts_node_start_byte(it.n), ts_node_end_byte(it.n),
                                  arena_printf(fc->in->arena, "flows into '%s'", name));
            env_set(fc->in->arena, &u->env, name, nv);
            break;
        }
        case P_OBJECT: {
            uint32_t count;
            TSNode *ks = kids_of(fc, it.n, &count);
            for (uint32_t i = count; i-- > 0;) {
                TSNode c = ks[i];
                struct df_view cv;
                view_of(fc, c, true, &cv);
                TSNode key = c, target = c;
                if (cv.role == P_PAIR) {
                    key = cv.a;
                    target = cv.b;
                } else if (cv.role == P_DEFAULT) {
                    struct df_view lv;
                    view_of(fc, cv.a, true, &lv);
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
                char *k = text_of(fc, key);
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
            TSNode *ks = kids_of(fc, it.n, &count);
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
                view_of(fc, base, true, &bv);
                if (bv.role != P_TARGET)
                    break;
                base = bv.a;
            }
            struct df_view bv;
            if (ts_node_is_null(base))
                break;
            view_of(fc, base, false, &bv);
            if (bv.role != R_IDENT)
                break;
            const char *name = text_of(fc, base);
            struct val old = env_get(&u->env, name, NULL);
            struct val nv = {.t = trace_push(fc, it.v.t, ts_node_start_byte(it.n),
                                             ts_node_end_byte(it.n),
                                             arena_printf(fc->in->arena,
                                                          "stored into '%s'", name))};
            env_set(fc->in->arena, &u->env, name, val_union(old, nv));
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
    const char *name = text_of(fc, n);
    bool found;
    struct val v = env_get(&u->env, name, &found);
    if (!found && fc->global_request && strcmp(name, "request") == 0)
        v.flags = V_REQUEST;
    return v;
}

/* Applies the summary of a same-file function f to a call with the given arguments. */
static struct val call_helper(struct unit *u, struct fnsum *f, const char *name,
                              const struct ev *args, uint32_t nargs)
{
    struct fctx *fc = u->fc;
    struct val r = {0};
    struct psum *base = summary_get(fc, f, f->nparams);
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
        struct psum *s = summary_get(fc, f, j);
        if (!s)
            continue;
        const struct trace *at = trace_push(fc, a->v.t, ts_node_start_byte(a->n),
                                            ts_node_end_byte(a->n),
                                            arena_printf(fc->in->arena, "passed to %s()",
                                                         name));
        if (s->ret && !r.t)
            r.t = trace_splice(fc, at, s->ret);
        for (uint32_t h = 0; h < s->nhits; h++)
            sink_reached(u, s->hits[h].start, s->hits[h].end, s->hits[h].label,
                         s->hits[h].what, trace_splice(fc, at, s->hits[h].t));
    }
    return r;
}

static struct val call_value(struct unit *u, struct ev *e)
{
    struct fctx *fc = u->fc;
    const struct df_spec *spec = fc->spec;
    if (e->nk == 0)
        return (struct val){0};
    struct callee c;
    callee_of(fc, &e->kids[0], &c);
    struct ev *args = e->kids + 1;
    uint32_t nargs = e->nk - 1;
    bool is_new = e->view.role == R_NEW;
    if (!c.name)
        return (struct val){0};
    const char *rk = recv_key(&c);

    /* sources: methods of a request object */
    if (c.recv && (c.recv->v.flags & V_REQUEST)) {
        for (const struct df_source *s = spec->sources; s && s->pattern; s++)
            if (s->kind == DF_SRC_CALL && df_pattern_match(s->pattern, "?", c.name))
                return source_val(fc, e->n, label_of(fc, e->n));
    }

    /* sinks */
    for (const struct df_sink *s = spec->sinks; s && s->pattern; s++) {
        if (!df_pattern_match(s->pattern, rk, c.name))
            continue;
        if (s->on == DF_ON_QUERY && !(c.recv && (c.recv->v.flags & V_QUERY)))
            continue;
        if (s->on == DF_ON_CLIENT && !in_list(spec->clients, c.root))
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

    /* callbacks of array methods see the elements */
    if (c.recv && in_list(iteration_methods, c.name))
        for (uint32_t i = 0; i < nargs; i++)
            if (args[i].view.role == R_FUNC)
                closure_queue(u, args[i].n, (struct val){.t = c.recv->v.t});

    /* same-file functions */
    if (!c.recv && !is_new) {
        bool shadowed;
        env_get(&u->env, c.name, &shadowed);
        struct fnsum *f = shadowed ? NULL : fn_find(fc, c.name);
        if (f)
            return call_helper(u, f, c.name, args, nargs);
    }

    /* a converting keyword: request.args.get("page", type=int) */
    for (uint32_t i = 0; i < nargs && spec->converting_keywords; i++) {
        if (args[i].view.role != R_VALUE || ts_node_is_null(args[i].view.b))
            continue;
        char *kw = text_of(fc, args[i].n), *w = kw;
        for (char *r = kw; *r; r++)
            if (!isspace((unsigned char)*r))
                *w++ = *r;
        *w = 0;
        if (in_list(spec->converting_keywords, kw))
            return (struct val){0};
    }

    /* propagators */
    if (patterns_match(spec->propagators, rk, c.name) ||
        patterns_match(spec->nan_checks, rk, c.name)) {
        struct val r = {0};
        if (c.recv)
            r.t = c.recv->v.t;
        for (uint32_t i = 0; i < nargs && !r.t; i++)
            r.t = args[i].v.t;
        if (patterns_match(spec->nan_checks, rk, c.name))
            r.t = NULL; /* a NaN check returns a boolean */
        return r;
    }

    /* sanitizers: pydantic's Model(**data) too */
    bool model_splat = false;
    if (!c.recv && isupper((unsigned char)c.name[0]))
        for (uint32_t i = 0; i < nargs; i++)
            if (args[i].view.role == R_SPLAT_KW)
                model_splat = true;
    if (model_splat || sanitizer_match(fc, &c, DF_SAN_RESULT | DF_SAN_ASSERTS | DF_SAN_GUARD)) {
        struct val r = {.flags = V_VRES};
        for (uint32_t i = 0; i < nargs && !r.vres; i++) {
            TSNode an = args[i].n;
            if (args[i].view.role == R_SPLAT_KW || args[i].view.role == R_AWAIT)
                an = args[i].view.a;
            struct df_view av;
            if (ts_node_is_null(an))
                continue;
            view_of(fc, an, false, &av);
            if (av.role == R_IDENT)
                r.vres = text_of(fc, an);
        }
        if (!r.vres)
            r.flags = 0;
        return r;
    }

    /* query builders */
    if (patterns_match(spec->query_starts, rk, c.name) ||
        (!c.recv && in_list(spec->clients, c.name))) /* knex('users'), db('users') */
        return (struct val){.flags = V_QUERY};
    if (c.recv && (c.recv->v.flags & V_QUERY))
        return (struct val){.flags = V_QUERY};

    /* a method of tainted data returns tainted data */
    if (c.recv && c.recv->v.t)
        return (struct val){.t = c.recv->v.t};
    return (struct val){0};
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
    case R_NEW:
        nodes[n++] = v->a;
        list = v->b;
        break;
    case R_TERNARY:
        nodes[n++] = v->b;
        nodes[n++] = v->c;
        break;
    case R_ASSIGN:
    case R_VALUE:
        nodes[n++] = v->b;
        break;
    case R_OTHER:
        list = e->n;
        break;
    default:
        break;
    }
    /* a tagged template's arguments are its substitutions (a plain one has none) */
    uint32_t extra = 0;
    TSNode *ks = kids_of(fc, list, &extra);
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

/* Evaluates expression n: a pre-order pass builds the evaluation tree on an explicit
 * stack, then values are combined children first (reverse pre-order). */
static struct val eval(struct unit *u, TSNode n)
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
        view_of(fc, e->n, false, &e->view);
        select_kids(fc, e);
        VEC_PUSH(order, e);
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
                r = member_value(fc, e->kids[0].v, text_of(fc, e->view.b), e->n,
                                 (e->kids[0].v.flags & V_REQUEST) ? source_label(fc, e->n)
                                                                   : NULL);
            break;
        case R_INDEX:
            if (e->nk > 0)
                r = (struct val){.t = e->kids[0].v.t};
            break;
        case R_CALL:
        case R_NEW:
            r = call_value(u, e);
            break;
        case R_FUNC:
            if (fc->ad->is_function(e->n))
                closure_queue(u, e->n, (struct val){0});
            break;
        case R_AWAIT:
            if (e->nk > 0) {
                r = e->kids[0].v;
                r.flags &= ~(unsigned)V_QUERY;
            }
            break;
        case R_TERNARY:
            for (uint32_t i = 0; i < e->nk; i++)
                r = val_union(r, e->kids[i].v);
            break;
        case R_ASSIGN:
            if (e->nk > 0)
                r = e->kids[0].v;
            bind(u, e->view.a, r);
            break;
        case R_AUGASSIGN:
            for (uint32_t i = 0; i < e->nk; i++)
                r.t = r.t ? r.t : e->kids[i].v.t;
            bind(u, e->view.a, r);
            break;
        case R_VALUE:
        case R_SPLAT_KW:
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

/* Guards ---------------------------------------------------------------------------------- */

static void kills_add(struct unit *u, struct task *t, const char *name)
{
    for (uint32_t i = 0; i < t->nkills; i++)
        if (strcmp(t->kills[i], name) == 0)
            return;
    const char **nk = arena_alloc(u->fc->in->arena, (t->nkills + 1) * sizeof(*nk));
    if (t->nkills)
        memcpy(nk, t->kills, t->nkills * sizeof(*nk));
    nk[t->nkills++] = name;
    t->kills = nk;
}

/* The names a condition validates: arguments of sanitizer and NaN-check calls in it, and
 * what the validation results it reads were computed from. */
static void guard_collect(struct unit *u, TSNode cond, struct task *t)
{
    struct fctx *fc = u->fc;
    VEC(TSNode) st = {0};
    VEC_PUSH(st, cond);
    while (st.n) {
        TSNode n = st.v[--st.n];
        struct df_view v;
        view_of(fc, n, false, &v);
        if (v.role == R_FUNC)
            continue;
        if (v.role == R_IDENT) {
            struct val x = env_get(&u->env, text_of(fc, n), NULL);
            if ((x.flags & V_VRES) && x.vres)
                kills_add(u, t, x.vres);
            continue;
        }
        if (v.role == R_CALL && !ts_node_is_null(v.a)) {
            struct df_view cv;
            view_of(fc, v.a, false, &cv);
            struct callee c = {0};
            if (cv.role == R_MEMBER) {
                c.name = text_of(fc, cv.b);
                char *rt = short_text(fc, cv.a);
                c.recv_text = rt && plain_chain(rt) ? rt : "?";
                c.recv = (const struct ev *)1; /* only tested for presence */
            } else if (cv.role == R_IDENT) {
                c.name = text_of(fc, v.a);
            }
            if (c.name && (sanitizer_match(fc, &c, DF_SAN_GUARD | DF_SAN_RESULT) ||
                           patterns_match(fc->spec->nan_checks, recv_key(&c), c.name))) {
                uint32_t na;
                TSNode *as = kids_of(fc, v.b, &na);
                for (uint32_t i = 0; i < na; i++) {
                    TSNode a = as[i];
                    struct df_view av;
                    view_of(fc, a, false, &av);
                    if (av.role == R_AWAIT && !ts_node_is_null(av.a)) {
                        a = av.a;
                        view_of(fc, a, false, &av);
                    }
                    if (av.role == R_IDENT)
                        kills_add(u, t, text_of(fc, a));
                }
            }
        }
        uint32_t count;
        TSNode *ks = kids_of(fc, n, &count);
        for (uint32_t i = count; i-- > 0;)
            VEC_PUSH(st, ks[i]);
    }
    VEC_FREE(st);
}

static bool negated(struct unit *u, TSNode cond)
{
    for (int guard = 0; guard < 16 && !ts_node_is_null(cond); guard++) {
        struct df_view v;
        view_of(u->fc, cond, false, &v);
        if (v.role == R_NOT)
            return true;
        if (v.role != R_OTHER || ts_node_named_child_count(cond) != 1)
            return false;
        cond = ts_node_named_child(cond, 0); /* parentheses */
    }
    return false;
}

static void apply_kills(struct unit *u, struct env *e, const char **kills, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++) {
        bool found;
        env_get(e, kills[i], &found);
        if (found)
            env_set(u->fc->in->arena, e, kills[i], (struct val){0});
    }
}

/* `schema.parse(x);` throws on bad input: x is valid afterwards. The same holds when the
 * statement keeps the result: `const y = schema.parse(x)`, `y = await schema.parseAsync(x)`. */
static void statement_asserts(struct unit *u, TSNode expr)
{
    struct fctx *fc = u->fc;
    struct df_view v;
    if (ts_node_is_null(expr))
        return;
    view_of(fc, expr, false, &v);
    if (v.role == R_ASSIGN && !ts_node_is_null(v.b)) {
        expr = v.b;
        view_of(fc, expr, false, &v);
    }
    if (v.role == R_AWAIT && !ts_node_is_null(v.a)) {
        expr = v.a;
        view_of(fc, expr, false, &v);
    }
    if (v.role != R_CALL || ts_node_is_null(v.a))
        return;
    struct df_view cv;
    view_of(fc, v.a, false, &cv);
    struct callee c = {0};
    if (cv.role == R_MEMBER) {
        c.name = text_of(fc, cv.b);
        char *rt = short_text(fc, cv.a);
        c.recv_text = rt && plain_chain(rt) ? rt : "?";
        c.recv = (const struct ev *)1;
    } else if (cv.role == R_IDENT) {
        c.name = text_of(fc, v.a);
    }
    if (!c.name)
        return;
    if (patterns_match(fc->spec->noreturn, recv_key(&c), c.name)) {
        u->env.dead = true;
        return;
    }
    /* pydantic: Model(**data) on its own raises on bad data */
    bool model = !c.recv && isupper((unsigned char)c.name[0]);
    if (!model && !sanitizer_match(fc, &c, DF_SAN_ASSERTS))
        return;
    uint32_t na;
    TSNode *as = kids_of(fc, v.b, &na);
    for (uint32_t i = 0; i < na; i++) {
        TSNode a = as[i];
        struct df_view av;
        view_of(fc, a, false, &av);
        if (model) {
            if (av.role != R_SPLAT_KW || ts_node_is_null(av.a))
                continue;
            a = av.a;
            view_of(fc, a, false, &av);
        }
        if (av.role == R_IDENT)
            env_set(fc->in->arena, &u->env, text_of(fc, a), (struct val){0});
    }
}

/* The statement machine ----------------------------------------------------------------- */

static void flush_closures(struct unit *u)
{
    for (size_t i = u->pending.n; i-- > 0;)
        push_task(u, (struct task){.k = T_CLOSURE, .n = u->pending.v[i].fn,
                                   .v = u->pending.v[i].v});
    u->pending.n = 0;
}

static void record_return(struct unit *u, struct val v)
{
    if (u->closure_depth == 0 && v.t && !u->ret)
        u->ret = v.t;
}

static struct task block_task(struct unit *u, TSNode n, TSNode skip)
{
    struct task t = {.k = T_BLOCK, .n = n, .skip = skip};
    t.kids = kids_of(u->fc, n, &t.nkids);
    return t;
}

static void exec_node(struct unit *u, TSNode n)
{
    struct fctx *fc = u->fc;
    struct arena *a = fc->in->arena;
    if (u->env.dead || u->env.jumped || ts_node_is_null(n))
        return;
    struct df_view v;
    view_of(fc, n, false, &v);
    if (v.role != S_BLOCK && ts_node_has_error(n))
        return; /* do not guess inside a statement that failed to parse */
    switch (v.role) {
    case S_BLOCK:
        push_task(u, block_task(u, n, (TSNode){0}));
        break;
    case S_EXPR:
        eval(u, v.a);
        statement_asserts(u, v.a);
        break;
    case S_DECL: {
        uint32_t count;
        TSNode *ds = kids_of(fc, n, &count);
        for (uint32_t i = 0; i < count; i++) {
            TSNode d = ds[i];
            struct df_view dv;
            view_of(fc, d, false, &dv);
            if (dv.role == S_BIND) {
                bind(u, dv.a, eval(u, dv.b));
                statement_asserts(u, dv.b);
            }
        }
        break;
    }
    case S_IF: {
        eval(u, v.a);
        struct task t = {.k = T_IF_END, .n = n, .other = {0}, .i = 0};
        t.saved = env_copy(a, &u->env);
        guard_collect(u, v.a, &t);
        if (t.nkills && !negated(u, v.a))
            apply_kills(u, &u->env, t.kills, t.nkills);
        t.v = (struct val){0};
        t.skip = v.c; /* the else part */
        push_task(u, t);
        push_task(u, (struct task){.k = T_EXEC, .n = v.b});
        break;
    }
    case S_ELSE:
        push_task(u, (struct task){.k = T_EXEC, .n = v.a});
        break;
    case S_FOREACH:
    case S_LOOP: {
        struct val it = {0};
        if (v.role == S_FOREACH)
            it = eval(u, v.b);
        struct env saved = env_copy(a, &u->env);
        push_task(u, (struct task){.k = T_LOOP_END, .saved = saved});
        for (int pass = 0; pass < 2; pass++)
            push_task(u, (struct task){.k = T_LOOP_BODY, .n = n, .saved = saved, .v = it,
                                       .skip = v.role == S_FOREACH ? v.c : v.a});
        if (v.role == S_LOOP) {
            /* initializer, condition, update: once, before the body */
            uint32_t count;
            TSNode *cs = kids_of(fc, n, &count);
            for (uint32_t i = count; i-- > 0;) {
                TSNode c = cs[i];
                if (!ts_node_eq(c, v.a))
                    push_task(u, (struct task){.k = T_EXEC, .n = c});
            }
        }
        break;
    }
    case S_RETURN:
        if (!ts_node_is_null(v.a))
            record_return(u, eval(u, v.a));
        u->env.dead = true;
        break;
    case S_EXIT:
        eval(u, v.a);
        u->env.dead = true;
        break;
    case S_JUMP:
        u->env.jumped = true;
        break;
    case S_TRY: {
        struct task t = {.k = T_TRY_MID, .n = n, .skip = v.a};
        t.saved = env_copy(a, &u->env);
        push_task(u, t);
        push_task(u, (struct task){.k = T_EXEC, .n = v.a});
        break;
    }
    case S_HANDLER:
    case S_FINALLY:
        push_task(u, (struct task){.k = T_EXEC, .n = v.a});
        break;
    case S_SWITCH: {
        eval(u, v.a);
        struct branchset *bs = arena_alloc(a, sizeof(*bs));
        bs->start = env_copy(a, &u->env);
        bs->acc = env_copy(a, &u->env);
        push_task(u, (struct task){.k = T_BR_DONE, .bs = bs});
        uint32_t count;
        TSNode *cs = kids_of(fc, v.b, &count);
        for (uint32_t i = 0; i < count; i++) {
            struct df_view cv;
            view_of(fc, cs[i], false, &cv);
            if (cv.role == S_CASE && ts_node_is_null(cv.a))
                bs->acc.dead = true; /* a default case: some case always runs */
        }
        for (uint32_t i = count; i-- > 0;) {
            TSNode c = cs[i];
            push_task(u, (struct task){.k = T_BR_END, .bs = bs});
            push_task(u, (struct task){.k = T_EXEC, .n = c});
            push_task(u, (struct task){.k = T_BR_BEGIN, .bs = bs});
        }
        break;
    }
    case S_CASE:
        push_task(u, block_task(u, n, v.a));
        break;
    case S_SKIP:
        break;
    case S_BIND:
        bind(u, v.a, eval(u, v.b));
        break;
    default: {
        /* an expression in statement position: an arrow's body, a loop condition */
        struct val r = eval(u, n);
        if (ts_node_eq(n, u->body))
            record_return(u, r);
        break;
    }
    }
    flush_closures(u);
}

static bool param_is_request(struct fctx *fc, const struct df_param *p);

static void run_tasks(struct unit *u)
{
    struct fctx *fc = u->fc;
    struct arena *a = fc->in->arena;
    while (u->tasks.n) {
        struct task t = u->tasks.v[--u->tasks.n];
        switch (t.k) {
        case T_EXEC:
            exec_node(u, t.n);
            break;
        case T_BLOCK: {
            if (u->env.dead || u->env.jumped)
                break;
            uint32_t i = t.i;
            while (i < t.nkids && ts_node_eq(t.kids[i], t.skip))
                i++;
            if (i >= t.nkids)
                break;
            TSNode next = t.kids[i];
            t.i = i + 1;
            push_task(u, t);
            push_task(u, (struct task){.k = T_EXEC, .n = next});
            break;
        }
        case T_IF_END:
            if (t.i == 0) {
                struct env then_env = u->env;
                bool exits = then_env.dead || then_env.jumped;
                u->env = env_copy(a, &t.saved);
                if (!ts_node_is_null(t.skip)) {
                    t.i = 1;
                    t.other = then_env;
                    push_task(u, t);
                    push_task(u, (struct task){.k = T_EXEC, .n = t.skip});
                } else if (exits) {
                    /* if (!valid) return; — what the guard checked is valid below */
                    apply_kills(u, &u->env, t.kills, t.nkills);
                } else {
                    u->env = env_join(a, &then_env, &t.saved);
                }
            } else {
                struct env else_env = u->env;
                u->env = env_join(a, &t.other, &else_env);
            }
            break;
        case T_LOOP_BODY: {
            u->env = env_join(a, &t.saved, &u->env);
            u->env.jumped = false;
            struct df_view v;
            view_of(fc, t.n, false, &v);
            if (v.role == S_FOREACH)
                bind(u, v.a, t.v);
            push_task(u, (struct task){.k = T_EXEC, .n = t.skip});
            break;
        }
        case T_LOOP_END:
            u->env = env_join(a, &t.saved, &u->env);
            u->env.jumped = false;
            break;
        case T_TRY_MID: {
            /* handlers start from any point of the body: before or after it */
            struct branchset *bs = arena_alloc(a, sizeof(*bs));
            bs->start = env_join(a, &t.saved, &u->env);
            bs->acc = env_copy(a, &u->env);
            uint32_t count;
            TSNode *cs = kids_of(fc, t.n, &count);
            TSNode fin = {0};
            for (uint32_t i = 0; i < count; i++) {
                TSNode c = cs[i];
                struct df_view cv;
                view_of(fc, c, false, &cv);
                if (cv.role == S_FINALLY)
                    fin = c;
            }
            if (!ts_node_is_null(fin))
                push_task(u, (struct task){.k = T_EXEC, .n = fin});
            push_task(u, (struct task){.k = T_BR_DONE, .bs = bs});
            for (uint32_t i = count; i-- > 0;) {
                TSNode c = cs[i];
                if (ts_node_eq(c, t.skip) || ts_node_eq(c, fin))
                    continue;
                push_task(u, (struct task){.k = T_BR_END, .bs = bs});
                push_task(u, (struct task){.k = T_EXEC, .n = c});
                push_task(u, (struct task){.k = T_BR_BEGIN, .bs = bs});
            }
            break;
        }
        case T_BR_BEGIN:
            u->env = env_copy(a, &t.bs->start);
            break;
        case T_BR_END:
            u->env.jumped = false;
            t.bs->acc = env_join(a, &t.bs->acc, &u->env);
            break;
        case T_BR_DONE:
            u->env = t.bs->acc;
            break;
        case T_CLOSURE: {
            /* with nothing tainted to capture, its own unit finds all there is to find */
            if (!t.v.t && !env_captures(&u->env))
                break;
            struct env saved = u->env;
            u->env = env_copy(a, &saved);
            u->env.dead = u->env.jumped = false;
            struct df_param ps[8];
            uint32_t np = fc->ad->function_params(t.n, ps, 8);
            for (uint32_t i = 0; i < np && i < 8; i++) {
                struct val pv = {0};
                if (i == 0 && t.v.t)
                    pv = t.v;
                else if (param_is_request(fc, &ps[i]))
                    pv.flags = V_REQUEST;
                bind(u, ps[i].pattern, pv);
            }
            u->closure_depth++;
            push_task(u, (struct task){.k = T_RESTORE, .saved = saved});
            push_task(u, (struct task){.k = T_EXEC, .n = fc->ad->function_body(t.n)});
            break;
        }
        case T_RESTORE:
            u->env = t.saved;
            u->closure_depth--;
            break;
        }
    }
}

/* Entry points --------------------------------------------------------------------------- */

static const char *const http_methods[] = {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD",
                                           "OPTIONS", NULL};

static bool type_is_request(struct fctx *fc, TSNode type)
{
    if (ts_node_is_null(type))
        return false;
    const char *t = text_of(fc, type);
    for (const char *const *r = fc->spec->request_types; r && *r; r++) {
        size_t tl = strlen(t), rl = strlen(*r);
        if (tl >= rl && strcmp(t + tl - rl, *r) == 0 &&
            (tl == rl || t[tl - rl - 1] == '.'))
            return true;
    }
    return false;
}

/* A typed parameter is a request when its type says so, an untyped one by its name. */
static bool param_is_request(struct fctx *fc, const struct df_param *p)
{
    if (!ts_node_is_null(p->type))
        return type_is_request(fc, p->type);
    if (ts_node_is_null(p->name))
        return false;
    return in_list(fc->spec->request_names, text_of(fc, p->name));
}

/* FastAPI parameters typed as raw containers are not validated by the framework. */
static bool type_is_raw_body(struct fctx *fc, TSNode type)
{
    if (ts_node_is_null(type))
        return false;
    const char *t = text_of(fc, type);
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

static void bind_entry(struct unit *u, TSNode fn)
{
    struct fctx *fc = u->fc;
    const struct df_spec *spec = fc->spec;
    struct df_param ps[16];
    uint32_t np = fc->ad->function_params(fn, ps, 16);
    if (np > 16)
        np = 16;
    TSNode name = fc->ad->function_name(fn);
    const char *fname = ts_node_is_null(name) ? "" : text_of(fc, name);
    bool exported = fc->ad->function_exported(fn);
    bool route_handler = spec->route_params && fc->route_file && exported &&
                         in_list(http_methods, fname);
    bool action = spec->server_actions && fc->ad->server_action(fn, fc->in->root, fc->in->text);
    uint32_t rn;
    bool fastapi = spec->fastapi_bodies &&
                   fc->ad->route_decorator(fn, fc->in->text, &rn) != NULL;
    for (uint32_t i = 0; i < np; i++) {
        struct df_param *p = &ps[i];
        if (u->sum && (int)i == u->sum_param) {
            const char *pn = label_of(fc, p->pattern);
            const struct trace *t = trace_root(
                fc, p->pattern, pn,
                arena_printf(fc->in->arena, "parameter '%s' of %s()", pn, fname), (int)i);
            bind(u, p->pattern, (struct val){.t = t});
            continue;
        }
        const char *pname = ts_node_is_null(p->name) ? NULL : text_of(fc, p->name);
        if (param_is_request(fc, p)) {
            bind(u, p->pattern, (struct val){.flags = V_REQUEST});
        } else if (route_handler && i == 1) {
            bind(u, p->pattern, source_val(fc, p->pattern, "route params"));
        } else if (action && !p->splat) {
            const char *label = arena_printf(fc->in->arena, "server action argument '%s'",
                                             label_of(fc, p->pattern));
            bind(u, p->pattern, source_val(fc, p->pattern, label));
        } else if (fastapi && type_is_raw_body(fc, p->type)) {
            const char *label = arena_printf(fc->in->arena, "unvalidated parameter '%s: %s'",
                                             pname ? pname : "?", text_of(fc, p->type));
            bind(u, p->pattern, source_val(fc, p->pattern, label));
        } else {
            bind(u, p->pattern, (struct val){0});
        }
    }
}

/* Runs one function. With sum, parameter param is tainted (param == nparams: none) and what
 * it reaches is recorded in sum. Returns the taint of the returned value. */
static const struct trace *run_unit(struct fctx *fc, TSNode fn, struct psum *sum, int param)
{
    struct unit u = {.fc = fc, .sum = sum, .sum_param = param, .fn = fn};
    u.body = fc->ad->function_body(fn);
    if (ts_node_is_null(u.body))
        return NULL;
    bind_entry(&u, fn);
    push_task(&u, (struct task){.k = T_EXEC, .n = u.body});
    run_tasks(&u);
    VEC_FREE(u.tasks);
    VEC_FREE(u.pending);
    return u.ret;
}

static struct psum *summary_get(struct fctx *fc, struct fnsum *f, uint32_t param)
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
    if (param == f->nparams && ret && root_of(ret)->param >= 0)
        ret = NULL;
    s->ret = ret;
    s->state = 2;
    return s;
}

static bool is_route_file(const char *path)
{
    if (!path)
        return false;
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    return !strcmp(base, "route.ts") || !strcmp(base, "route.js") ||
           !strcmp(base, "route.tsx") || !strcmp(base, "route.jsx") ||
           !strcmp(base, "route.mjs");
}

typedef VEC(TSNode) node_vec;

/* Every function node in the tree, in document order. */
static void collect_functions(struct fctx *fc, node_vec *all)
{
    TSTreeCursor cur = ts_tree_cursor_new(fc->in->root);
    for (;;) {
        TSNode n = ts_tree_cursor_current_node(&cur);
        if (fc->ad->is_function(n))
            VEC_PUSH(*all, n);
        if (ts_tree_cursor_goto_first_child(&cur))
            continue;
        while (!ts_tree_cursor_goto_next_sibling(&cur))
            if (!ts_tree_cursor_goto_parent(&cur))
                goto done;
    }
done:
    ts_tree_cursor_delete(&cur);
}

static bool top_level(struct fctx *fc, TSNode fn)
{
    for (TSNode p = ts_node_parent(fn); !ts_node_is_null(p); p = ts_node_parent(p))
        if (fc->ad->is_function(p) || fc->ad->is_class(p))
            return false;
    return true;
}

void df_run(const struct df_spec *spec, const struct df_input *in, df_flow_fn fn, void *data)
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
        return;
    }
    if (ts_node_is_null(in->root))
        return;
    fc.route_file = is_route_file(in->path);
    for (const char *const *m = spec->request_modules; m && *m; m++)
        if (fc.ad->imports_request(in->root, in->text, *m))
            fc.global_request = true;

    node_vec all = {0};
    collect_functions(&fc, &all);
    fc.fns = arena_alloc(in->arena, (all.n ? all.n : 1) * sizeof(*fc.fns));
    for (size_t i = 0; i < all.n; i++) {
        TSNode name = fc.ad->function_name(all.v[i]);
        if (ts_node_is_null(name) || !top_level(&fc, all.v[i]))
            continue;
        struct fnsum *f = &fc.fns[fc.nfns++];
        f->name = text_of(&fc, name);
        f->fn = all.v[i];
        f->nparams = fc.ad->function_params(all.v[i], NULL, 0);
        f->p = arena_alloc(in->arena, (f->nparams + 1) * sizeof(*f->p));
    }
    for (size_t i = 0; i < all.n; i++)
        run_unit(&fc, all.v[i], NULL, -1);
    VEC_FREE(all);
    VEC_FREE(fc.reported);
}
