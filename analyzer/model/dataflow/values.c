/* values.c — the taint core's small pieces: node text, traces (the path a value took),
 * values and environments (which variables hold what at one program point, copied at
 * branches and joined after them). */
#include "core_p.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* Helpers ------------------------------------------------------------------------------- */

TSNode df_first_named(TSNode n, const struct node_kinds *kinds, uint8_t comment)
{
    uint32_t count = ts_node_named_child_count(n);
    for (uint32_t i = 0; i < count; i++) {
        TSNode c = ts_node_named_child(n, i);
        if (node_kind_of(c, kinds) != comment)
            return c;
    }
    return (TSNode){0};
}

static TSNode shape_part(TSNode n, const char *field, TSNode (*first)(TSNode))
{
    if (!field)
        return (TSNode){0};
    return strcmp(field, DF_FIRST) == 0 ? first(n) : node_field(n, field);
}

static void view_shape(TSNode n, const struct df_shape *s, TSNode (*first)(TSNode),
                       struct df_view *v)
{
    v->role = s->role;
    v->a = shape_part(n, s->a, first);
    v->b = shape_part(n, s->b, first);
    v->c = shape_part(n, s->c, first);
}

bool df_view_by_shape(TSNode n, uint8_t k, bool in_pattern, const struct df_shape *patterns,
                      const struct df_shape *shapes, TSNode (*first)(TSNode),
                      struct df_view *v)
{
    v->role = R_OTHER;
    v->a = v->b = v->c = (TSNode){0};
    if (in_pattern) {
        if (patterns[k].set)
            view_shape(n, &patterns[k], first, v);
        else
            v->role = R_CONST;
        return true;
    }
    if (!shapes[k].set)
        return false;
    view_shape(n, &shapes[k], first, v);
    return true;
}

bool df_text_eq(TSNode n, const char *text, const char *s)
{
    if (ts_node_is_null(n))
        return false;
    uint32_t a = ts_node_start_byte(n), b = ts_node_end_byte(n);
    size_t len = strlen(s);
    return b - a == len && memcmp(text + a, s, len) == 0;
}

char *df_text(struct fctx *fc, TSNode n)
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
char *df_short_text(struct fctx *fc, TSNode n)
{
    if (ts_node_end_byte(n) - ts_node_start_byte(n) >= 96)
        return NULL;
    return df_text(fc, n);
}

/* The named children of n without comments, in an arena array, from the node table: the
 * children of entry i are i + 1, then each one's end, up to i's end. A node the table does
 * not hold (an anonymous one) has its children walked by a cursor. */
TSNode *df_kids(struct fctx *fc, TSNode n, uint32_t *count)
{
    *count = 0;
    if (ts_node_is_null(n))
        return NULL;
    const struct node_table *t = fc->nodes;
    uint32_t i = nodes_find(t, n);
    if (i == NODE_NONE) {
        uint32_t cap = ts_node_named_child_count(n);
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
    uint32_t cap = 0, end = t->v[i].end;
    for (uint32_t j = i + 1; j < end; j = t->v[j].end)
        cap++;
    if (cap == 0)
        return NULL;
    TSNode *v = arena_alloc(fc->in->arena, cap * sizeof(*v));
    for (uint32_t j = i + 1; j < end; j = t->v[j].end)
        if (!fc->ad->is_comment(t->v[j].node))
            v[(*count)++] = t->v[j].node;
    return v;
}

/* The node's text on one line, shortened for messages. */
char *df_label(struct fctx *fc, TSNode n)
{
    char *s = df_text(fc, n);
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

bool df_in_list(const char *const *list, const char *s)
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
    if (strcmp(dot + 1, name) != 0 && strcmp(dot + 1, "*") != 0)
        return false;
    if (dot - pattern == 1 && pattern[0] == '*')
        return receiver != NULL;
    return receiver && strlen(receiver) == (size_t)(dot - pattern) &&
           memcmp(receiver, pattern, (size_t)(dot - pattern)) == 0;
}

const struct pat_key *df_pat_keys(struct fctx *fc, const void *table, size_t stride)
{
    for (uint32_t i = 0; i < fc->npats; i++)
        if (fc->pats[i].table == table)
            return fc->pats[i].keys;
    size_t n = 0;
    const char *base = table;
    while (*(const char *const *)(base + n * stride))
        n++;
    struct pat_key *keys = arena_alloc(fc->in->arena, (n ? n : 1) * sizeof(*keys));
    for (size_t i = 0; i < n; i++) {
        const char *p = *(const char *const *)(base + i * stride);
        const char *dot = strrchr(p, '.');
        const char *part = dot ? dot + 1 : p;
        keys[i] = (struct pat_key){(uint32_t)strlen(part), part[0]};
    }
    if (fc->npats < DF_PAT_TABLES)
        fc->pats[fc->npats++] = (struct pat_table){table, keys};
    return keys;
}

bool df_patterns_match(struct fctx *fc, const char *const *list, const char *receiver,
                       const char *name)
{
    if (!list || !name)
        return false;
    const struct pat_key *k = df_pat_keys(fc, list, sizeof(*list));
    size_t len = strlen(name);
    for (size_t i = 0; list[i]; i++)
        if (df_pat_maybe(&k[i], name, len) && df_pattern_match(list[i], receiver, name))
            return true;
    return false;
}

const struct trace *df_trace_push(struct fctx *fc, const struct trace *prev, uint32_t start,
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
const struct trace *df_trace_root(struct fctx *fc, TSNode at, const char *label,
                                  const char *msg, int param)
{
    struct trace *r = (struct trace *)df_trace_push(fc, NULL, ts_node_start_byte(at),
                                                    ts_node_end_byte(at), msg);
    r->label = label;
    r->param = param;
    return r;
}

const struct trace *df_trace_origin(const struct trace *t)
{
    while (t && t->prev)
        t = t->prev;
    return t;
}

/* Appends the steps of inner (a trace rooted at a parameter) to outer. */
const struct trace *df_trace_splice(struct fctx *fc, const struct trace *outer,
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
        outer = df_trace_push(fc, outer, v[i]->start, v[i]->end, v[i]->msg);
    return outer;
}

struct val df_val_union(struct val a, struct val b)
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

struct val df_env_get(const struct env *e, const char *name, bool *found)
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

/* Only variables that ever held something are stored, which keeps environments as small as
 * the tainted state of the function; a variable cleaned later keeps its place (with an empty
 * value) so that environments descending from one state stay aligned for df_env_join. */
static bool val_empty(struct val v)
{
    return !v.t && !v.flags && !v.vres;
}

void df_env_set(struct arena *a, struct env *e, const char *name, struct val v)
{
    for (uint32_t i = e->n; i-- > 0;) {
        if (strcmp(e->b[i].name, name) == 0) {
            e->b[i].v = v;
            return;
        }
    }
    if (val_empty(v))
        return;
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

static struct env env_copy_cap(struct fctx *fc, const struct env *e, uint32_t cap)
{
    struct env r = *e;
    r.cap = cap > e->n ? cap : e->n;
    if (r.cap == 0)
        r.cap = 4;
    r.b = arena_alloc(fc->in->arena, r.cap * sizeof(*r.b));
    if (e->n)
        memcpy(r.b, e->b, e->n * sizeof(*r.b));
    fc->work += r.cap;
    return r;
}

struct env df_env_copy(struct fctx *fc, const struct env *e)
{
    return env_copy_cap(fc, e, e->n);
}

/* The state after either of two paths. A path that returned or threw does not reach. Both
 * usually descend from one state, so they share a prefix of variables in the same order:
 * that prefix is joined in one walk, the rest by name. */
struct env df_env_join(struct fctx *fc, const struct env *x, const struct env *y)
{
    if (x->dead)
        return df_env_copy(fc, y);
    if (y->dead)
        return df_env_copy(fc, x);
    struct env r = env_copy_cap(fc, x, x->n + y->n);
    uint32_t i = 0;
    for (; i < x->n && i < y->n; i++) {
        if (x->b[i].name != y->b[i].name && strcmp(x->b[i].name, y->b[i].name) != 0)
            break;
        r.b[i].v = df_val_union(x->b[i].v, y->b[i].v);
    }
    for (; i < y->n; i++) {
        struct val v = df_env_get(&r, y->b[i].name, NULL);
        df_env_set(fc->in->arena, &r, y->b[i].name, df_val_union(v, y->b[i].v));
    }
    fc->work += y->n;
    r.dead = false;
    r.jumped = x->jumped && y->jumped;
    return r;
}

/* true when every variable holding something in x holds the same kind of thing in y. */
static bool env_covers(const struct env *x, const struct env *y)
{
    for (uint32_t i = 0; i < x->n; i++) {
        struct val a = x->b[i].v;
        if (val_empty(a))
            continue;
        struct val b = df_env_get(y, x->b[i].name, NULL);
        if (!a.t != !b.t || a.flags != b.flags)
            return false;
    }
    return true;
}

bool df_env_same(const struct env *x, const struct env *y)
{
    return x->dead == y->dead && env_covers(x, y) && env_covers(y, x);
}

/* true when a closure written here could capture request data or a request object. */
bool df_env_captures(const struct env *e)
{
    for (uint32_t i = 0; i < e->n; i++)
        if (e->b[i].v.t || (e->b[i].v.flags & V_REQUEST))
            return true;
    return false;
}

void df_view_of(struct fctx *fc, TSNode n, bool pattern, struct df_view *v)
{
    fc->ad->view(n, pattern, v);
}

