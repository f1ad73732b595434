/* performance_n_plus_one.c — database queries run once per iteration of a loop (N+1 queries)
 * in TypeScript/JavaScript and Python: the audit's "N+1 Query Pattern".
 *
 * One walk over the file's node table; the loop model (model/loops.h) says which code runs
 * once per item: loop bodies, comprehensions and iterating callbacks, but not a function only
 * defined there, nor loops whose trip count is written in the source (a literal list,
 * range(3)), chunked loops or polling loops. A call there is a query site when its chain has
 * the shape of a database call (model/dbcall.h: supabase chains, SQL text given to a driver,
 * prisma/drizzle/knex/SQLAlchemy/Django shapes), never by a name alone; paginated queries and
 * retry loops are not N+1 and stay clean.
 * The file's own named functions that run a query (directly or through each other) are
 * matched by name after the walk, so a loop that calls one, hands it to .map, or renders it
 * as a JSX element is reported at that call.
 * A helper imported from another module of the project that runs a query (one hop: its
 * module's own functions, directly or through each other) is matched in the project pass
 * (model/xmod.h), so `for (const id of ids) await getLead(id)` with getLead in lib/db.ts is
 * reported at the call too.
 * Every finding needs a database call, here or in an imported helper, so a file whose calls
 * show none of the names such a call needs (dbcall_file_may_query, one loop over the table)
 * and that imports nothing from the project is not walked at all: most files.
 */
#include "check.h"
#include "front/syntax.h"
#include "model/dbcall.h"
#include "model/imports.h"
#include "model/loops.h"
#include "model/xmod.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Static helpers ---------------------------------------------------------------------------- */

/* A named function of the file and the first query it runs (helpers called in loops). */
struct helper {
    const char *name; /* borrowed from the source text */
    uint32_t len;
    uint32_t depth;   /* of the function node on the walk's path, while it is open */
    bool top;         /* declared at the module's top level: it may be exported */
    TSNode query;     /* the first query site in its body, or a null node */
    enum db_kind kind;
    const char *hint; /* the fix for that query, from the file's arena */
};

/* A call of a named function in a loop, matched against the helpers after the walk. */
struct helper_call {
    TSNode call;
    const char *name;
    uint32_t len;
    struct loop_scope sc;
    bool gathered;
    bool jsx; /* <LeadRow /> rendered per item: a server component that queries */
};

/* A call of a local function inside a named function: helpers that call helpers. */
struct helper_edge {
    size_t from; /* index into helpers of the caller */
    const char *name;
    uint32_t len;
    TSNode call;
};

struct nwalk {
    struct check_file *f;
    bool py;
    const struct node_table *t; /* f->nodes */
    const struct syntax_syms *k;
    struct dbcall db;         /* what a database call looks like, and the file's bindings */
    struct loops loops;       /* which code runs once per item */
    VEC(size_t) open;         /* indexes into helpers of the named functions on the path */
    VEC(struct helper) helpers;
    VEC(struct helper_call) calls;
    VEC(struct helper_edge) edges;
    struct imports *im;       /* the file's imports and exports */
    struct xmod_facts *xmod;  /* offers and asks for the project pass, or NULL */
};

/* The trait of an export (model/xmod.h): a function that runs a query. */
enum { TRAIT_QUERY = 1 };

static inline bool is(TSNode n, TSSymbol sym)
{
    return dbcall_is(n, sym);
}

static bool is_call(const struct nwalk *w, TSNode n)
{
    return (loops_kind(&w->loops, n) & LK_CALL) != 0;
}

static bool is_slice(struct loops *l, TSNode n)
{
    if (l->py)
        return is(n, l->k->slice);
    if (!is(n, l->k->member_expression))
        return false;
    TSNode p = node_field(n, "property");
    return node_text_eq(l->f, p, "slice") || node_text_eq(l->f, p, "splice");
}

/* item.tours.all(), item.tours.filter(...).count(): a related manager of a queryset item. */
static bool is_related_manager_call(struct nwalk *w, const struct loop_scope *sc,
                                    const struct db_chain *c)
{
    static const char *const no_args[] = { "all", "count", "first", "last", "exists", NULL };
    static const char *const with_args[] = {
        "filter", "exclude", "order_by", "values_list", "aggregate", NULL,
    };
    if (!sc->item || c->n < 2 || c->base_call || !c->base_name || c->s[0].call ||
        !c->s[1].call || c->base_len != sc->item_len ||
        memcmp(c->base_name, sc->item, sc->item_len) != 0)
        return false;
    const struct db_link *m = &c->s[1];
    if (dbcall_span_in(m->name, m->len, no_args))
        return dbcall_arg_count(&w->db, m->args) == 0;
    return dbcall_span_in(m->name, m->len, with_args);
}

/* Query sites ------------------------------------------------------------------------------- */

/* Paging through a table is one query per page, not per item. */
static bool is_paginated(struct nwalk *w, const struct loop_scope *sc, const struct db_chain *c)
{
    static const char *const pagers[] = { "range", "offset", "skip", "paginate", NULL };
    static const char *const limits[] = { "limit", "take", NULL };
    if (dbcall_chain_find(c, 0, pagers, false) >= 0)
        return true;
    if (sc->loop_kind == LOOP_CONDITION && dbcall_chain_find(c, 0, limits, false) >= 0)
        return true;
    for (unsigned k = 0; k < c->n; k++) {
        if (!c->s[k].call)
            continue;
        uint32_t len;
        const char *s = dbcall_text(w->f, c->s[k].args, &len);
        if (dbcall_span_has(s, len, "offset") || dbcall_span_has(s, len, "cursor:") ||
            dbcall_span_has(s, len, "skip:") ||
            (sc->loop_kind == LOOP_CONDITION &&
             (dbcall_span_has(s, len, "limit") || dbcall_span_has(s, len, "take:"))))
            return true;
    }
    return false;
}


/* A call that is the outermost link of its chain (not the object of a further .method()). */
static bool is_chain_top(struct nwalk *w, uint32_t i)
{
    const struct node_entry *v = w->t->v;
    uint32_t n = i, p = v[i].parent, g = p != NODE_NONE ? v[p].parent : NODE_NONE, x;
    if (g == NODE_NONE)
        return true;
    if (is(v[p].node, w->k->non_null_expression) && v[g].parent != NODE_NONE) {
        n = p;
        p = g;
        g = v[g].parent;
    }
    if (!is(v[p].node, w->db.member_t) ||
        !node_same(dbcall_field_at(&w->db, v[p].node, p, false, "object", &x), v[n].node))
        return true;
    return !(is_call(w, v[g].node) &&
             node_same(dbcall_field_at(&w->db, v[g].node, g, false, "function", &x), v[p].node));
}

static const char *gathered_note(const struct nwalk *w, bool gathered)
{
    if (!gathered)
        return "";
    return w->py ? ", gather() only runs them concurrently"
                 : ", Promise.all only runs them concurrently";
}

/* The innermost named function on the path records its first query. */
static void helper_note_query(struct nwalk *w, TSNode call, enum db_kind q,
                              const struct db_chain *c)
{
    if (!w->open.n)
        return;
    struct helper *h = &w->helpers.v[w->open.v[w->open.n - 1]];
    if (!ts_node_is_null(h->query))
        return;
    h->query = call;
    h->kind = q;
    h->hint = dbcall_batch_hint(&w->db, q, c);
}

static void site_report(struct nwalk *w, TSNode call, const struct loop_scope *sc, enum db_kind q,
                        const struct db_chain *c, uint32_t depth, const char *hint)
{
    if (is_paginated(w, sc, c) || loops_in_retry_block(&w->loops, depth, sc))
        return;
    for (unsigned k = 0; k < c->n; k++)
        if (c->s[k].call && loops_subtree_any(&w->loops, c->s[k].args, is_slice))
            return; /* rows.slice(i, i + 500): a batch per iteration */
    uint32_t from, to;
    const char *per = loops_describe(&w->loops, sc, &from, &to);
    struct finding *fd = check_report(w->f, call, "%s runs once per %s (N+1 queries)%s; %s",
                                      dbcall_kind_name(q), per,
                                      gathered_note(w, loops_gathered(&w->loops, sc)),
                                      hint ? hint : dbcall_batch_hint(&w->db, q, c));
    finding_related(fd, from, to, "the loop that runs it once per item");
}

/* name(...), this.name(...), self.name(...): a call of a function the file may define. */
static bool local_callee(struct nwalk *w, TSNode callee, uint32_t cx, const char **name,
                         uint32_t *len)
{
    if (is(callee, w->k->identifier)) {
        *name = dbcall_text(w->f, callee, len);
        return true;
    }
    if (!is(callee, w->db.member_t))
        return false;
    uint32_t x;
    TSNode obj = dbcall_field_at(&w->db, callee, cx, false, "object", &x);
    if (!node_text_eq(w->f, obj, w->py ? "self" : "this") && !node_text_eq(w->f, obj, "cls"))
        return false;
    *name = dbcall_text(w->f, dbcall_field_at(&w->db, callee, cx, true,
                                              w->py ? "attribute" : "property", &x), len);
    return true;
}

/* A call in a loop of a function another module of the project exports: a finding if that
 * function runs a query, which the project pass tells. The message's two halves (the callee,
 * then how often) wait there in the ask's text, split by a newline. */
static void import_call_ask(struct nwalk *w, TSNode at, TSNode callee, const struct import_ref *r,
                            const struct loop_scope *sc)
{
    bool jsx = !is_call(w, at) && !is(at, w->k->identifier) && !is(at, w->db.member_t);
    uint32_t from, to, len;
    const char *per = loops_describe(&w->loops, sc, &from, &to);
    const char *name = dbcall_text(w->f, callee, &len);
    char *text = arena_printf(w->f->arena, "%s%.*s%s\n%s once per %s (N+1 queries)%s",
                              jsx ? "<" : "", (int)len, name, jsx ? ">" : "()",
                              jsx ? "rendered" : "called", per,
                              gathered_note(w, loops_gathered(&w->loops, sc)));
    if (!w->xmod)
        w->xmod = xmod_new();
    struct xmod_ask *a = xmod_ask(w->xmod, r, TRAIT_QUERY, ts_node_start_byte(at),
                                  ts_node_end_byte(at), text, 0);
    xmod_ask_step(a, from, to, "the loop that runs it once per item");
}

/* Keeps call (reported at at) for the match against the helpers after the walk. */
static void helper_call_note(struct nwalk *w, TSNode at, TSNode callee, uint32_t cx,
                             const struct loop_scope *sc, uint32_t depth)
{
    struct helper_call hc = { .call = at, .sc = *sc };
    struct import_ref r;
    if (imports_ref(w->im, w->f, callee, &r)) {
        if (!loops_in_retry_block(&w->loops, depth, sc))
            import_call_ask(w, at, callee, &r, &hc.sc);
        return;
    }
    if (!local_callee(w, callee, cx, &hc.name, &hc.len) ||
        loops_in_retry_block(&w->loops, depth, sc))
        return;
    hc.gathered = loops_gathered(&w->loops, &hc.sc);
    VEC_PUSH(w->calls, hc);
}

/* A local call inside a named function, for the helpers' closure after the walk. */
static void helper_edge_note(struct nwalk *w, TSNode at, TSNode callee, uint32_t cx)
{
    struct helper_edge e = { .call = at };
    if (!w->open.n || !local_callee(w, callee, cx, &e.name, &e.len))
        return;
    e.from = w->open.v[w->open.n - 1];
    VEC_PUSH(w->edges, e);
}

/* The call at index i of the table, at depth. */
static void call_visit(struct nwalk *w, uint32_t i, uint32_t depth)
{
    TSNode call = w->t->v[i].node;
    uint32_t cx;
    TSNode callee = dbcall_field_at(&w->db, call, i, false, "function", &cx);
    const struct loop_scope *sc = loops_innermost(&w->loops);
    if (is_chain_top(w, i)) {
        struct db_chain c;
        dbcall_chain_at(&w->db, i, &c);
        enum db_kind q = dbcall_classify(&w->db, call, loops_ancestor(&w->loops, depth - 1), &c);
        if (q != DB_NONE) {
            helper_note_query(w, call, q, &c);
            if (sc) {
                struct loop_scope copy = *sc;
                site_report(w, call, &copy, q, &c, depth, NULL);
            }
            return;
        }
        if (sc && is_related_manager_call(w, sc, &c)) {
            struct loop_scope copy = *sc;
            site_report(w, call, &copy, DB_DJANGO, &c, depth,
                        arena_printf(w->f->arena, "add prefetch_related('%.*s') to the "
                                     "queryset the loop iterates", (int)c.s[0].len,
                                     c.s[0].name));
            return;
        }
        if (sc) {
            struct loop_scope copy = *sc;
            helper_call_note(w, call, callee, cx, &copy, depth);
        }
        helper_edge_note(w, call, callee, cx);
    }
    /* xs.map(loadLead), map(load, ids), executor.map(load, ids): a named callback per item */
    struct loop_scope each;
    TSNode fn = loops_named_callback(&w->loops, call, callee, cx, i, depth, &each);
    if (!ts_node_is_null(fn)) {
        helper_call_note(w, fn, fn, NODE_NONE, &each, depth);
        helper_edge_note(w, fn, fn, NODE_NONE);
    }
}

struct helper_name {
    const char *name;
    uint32_t len;
    size_t idx;
};

static int helper_name_cmp(const void *a, const void *b)
{
    const struct helper_name *x = a, *y = b;
    if (x->len != y->len)
        return x->len < y->len ? -1 : 1;
    int c = memcmp(x->name, y->name, x->len);
    if (c)
        return c;
    return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/* The index of a helper called name that runs a query, or SIZE_MAX. */
static size_t helper_find(const struct nwalk *w, const struct helper_name *names, size_t n,
                          const char *name, uint32_t len)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = names[mid].len != len ? (names[mid].len < len ? -1 : 1)
                                      : memcmp(names[mid].name, name, len);
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    /* a name defined many times (methods of several classes) gets a few looks */
    for (size_t i = lo, seen = 0; i < n && seen < 8; i++, seen++) {
        if (names[i].len != len || memcmp(names[i].name, name, len) != 0)
            break;
        if (!ts_node_is_null(w->helpers.v[names[i].idx].query))
            return names[i].idx;
    }
    return SIZE_MAX;
}

/* Calls in loops of the file's own functions that run a query, directly or through other
 * functions of the file (a few levels): one finding per call. */
static void helper_calls_report(struct nwalk *w)
{
    size_t n = w->helpers.n;
    /* the closure also tells which exported helpers query (helper_offers) */
    if (!n || (!w->calls.n && !w->im->nx))
        return;
    struct helper_name *names = xmalloc(n * sizeof(*names));
    for (size_t i = 0; i < n; i++)
        names[i] = (struct helper_name){ w->helpers.v[i].name, w->helpers.v[i].len, i };
    qsort(names, n, sizeof(*names), helper_name_cmp);
    for (int pass = 0; pass < 8; pass++) {
        bool changed = false;
        for (size_t i = 0; i < w->edges.n; i++) {
            const struct helper_edge *e = &w->edges.v[i];
            struct helper *from = &w->helpers.v[e->from];
            if (!ts_node_is_null(from->query))
                continue;
            size_t t = helper_find(w, names, n, e->name, e->len);
            if (t == SIZE_MAX || t == e->from)
                continue;
            from->query = e->call;
            from->kind = w->helpers.v[t].kind;
            from->hint = w->helpers.v[t].hint;
            changed = true;
        }
        if (!changed)
            break;
    }
    for (size_t i = 0; i < w->calls.n; i++) {
        const struct helper_call *hc = &w->calls.v[i];
        size_t t = helper_find(w, names, n, hc->name, hc->len);
        if (t == SIZE_MAX)
            continue;
        const struct helper *h = &w->helpers.v[t];
        uint32_t from, to;
        const char *per = loops_describe(&w->loops, &hc->sc, &from, &to);
        struct finding *fd = check_report(
            w->f, hc->call, "%s%.*s%s runs a %s and is %s once per %s (N+1 queries)%s; %s",
            hc->jsx ? "<" : "", (int)hc->len, hc->name, hc->jsx ? ">" : "()",
            dbcall_kind_name(h->kind), hc->jsx ? "rendered" : "called", per,
            gathered_note(w, hc->gathered), h->hint);
        finding_related(fd, from, to, "the loop that runs it once per item");
        finding_related(fd, ts_node_start_byte(h->query), ts_node_end_byte(h->query),
                        "where %.*s() runs the query", (int)h->len, h->name);
    }
    free(names);
}

/* The file's exported functions that run a query, for the importers' loops. */
static void helper_offers(struct nwalk *w)
{
    for (size_t i = 0; i < w->helpers.n; i++) {
        const struct helper *h = &w->helpers.v[i];
        uint32_t len;
        const char *name = h->top && !ts_node_is_null(h->query)
                               ? imports_exported_as(w->im, h->name, h->len, &len) : NULL;
        if (!name)
            continue;
        if (!w->xmod)
            w->xmod = xmod_new();
        xmod_offer(w->xmod, name, len, TRAIT_QUERY, ts_node_start_byte(h->query),
                   ts_node_end_byte(h->query), h->hint, (int)h->kind);
    }
}

/* The walk ---------------------------------------------------------------------------------- */

/* A function with a name (declaration, method, const f = () => ..., def) opens a helper:
 * the queries in its body make calls of it in loops N+1 too. */
static void helper_open(struct nwalk *w, TSNode fn, unsigned kind, TSNode parent,
                        uint32_t depth)
{
    TSNode name = node_null();
    if (kind & LK_DEF)
        name = node_field(fn, "name");
    else if (is(parent, w->k->variable_declarator) && node_same(node_field(parent, "value"), fn))
        name = node_field(parent, "name");
    if (!is(name, w->k->identifier) && !is(name, w->k->property_identifier))
        return;
    struct helper h = { .depth = depth, .top = true };
    h.name = dbcall_text(w->f, name, &h.len);
    /* only declarations and `const f = () => ...` above it, up to the module */
    for (uint32_t d = 1; d < depth && h.top; d++) {
        const char *t = ts_node_type(loops_ancestor(&w->loops, d));
        h.top = strcmp(t, "export_statement") == 0 || strcmp(t, "lexical_declaration") == 0 ||
                strcmp(t, "variable_declaration") == 0 ||
                strcmp(t, "variable_declarator") == 0 ||
                strcmp(t, "decorated_definition") == 0;
    }
    VEC_PUSH(w->helpers, h);
    VEC_PUSH(w->open, w->helpers.n - 1);
}

/* Visits the node at index i of the table; false skips its subtree. */
static bool walk_visit(struct nwalk *w, uint32_t i)
{
    uint32_t depth = w->t->v[i].depth;
    while (w->open.n && w->helpers.v[w->open.v[w->open.n - 1]].depth >= depth)
        w->open.n--;
    unsigned kind;
    if (!loops_enter(&w->loops, i, &kind))
        return false;
    TSNode n = w->t->v[i].node;
    if (kind & (LK_FUNC_LIT | LK_DEF))
        helper_open(w, n, kind, loops_ancestor(&w->loops, depth - 1), depth);
    if (kind & LK_CALL) {
        call_visit(w, i, depth);
    } else if (kind & LK_JSX) {
        const struct loop_scope *sc = loops_innermost(&w->loops);
        if (sc) {
            /* {leads.map((l) => <LeadRow lead={l} />)}: an async server component per item */
            struct loop_scope copy = *sc;
            size_t before = w->calls.n;
            helper_call_note(w, n, node_field(n, "name"), NODE_NONE, &copy, depth);
            if (w->calls.n > before)
                w->calls.v[before].jsx = true;
        }
        helper_edge_note(w, n, node_field(n, "name"), NODE_NONE);
    }
    return true;
}

/* Hooks ------------------------------------------------------------------------------------- */

static void n_plus_one_file(struct check_file *f)
{
    if (ts_node_is_null(f->root) || !f->nodes || !f->nodes->n)
        return;
    struct nwalk w = { .f = f, .py = f->lang == LANG_PYTHON, .t = f->nodes };
    dbcall_init(&w.db, f);
    w.k = w.db.sym;
    w.im = imports_scan(f);
    /* every finding is a database call (in the loop, or in a function the loop calls, here or
     * in a module this file imports) */
    if (!w.im->project && !dbcall_file_may_query(&w.db)) {
        dbcall_release(&w.db);
        return;
    }
    loops_init(&w.loops, f, &w.db);
    for (uint32_t i = 0; i < w.t->n && !check_out_of_time(f);)
        i = walk_visit(&w, i) ? i + 1 : w.t->v[i].end;
    helper_calls_report(&w);
    helper_offers(&w);
    if (w.xmod)
        check_keep_facts(f, w.xmod, xmod_free);
    loops_release(&w.loops);
    VEC_FREE(w.open);
    VEC_FREE(w.helpers);
    VEC_FREE(w.calls);
    VEC_FREE(w.edges);
    dbcall_release(&w.db);
}

static void n_plus_one_match(struct check_project *p, size_t file, const struct xmod_ask *a,
                             size_t target, const struct xmod_offer *o, void *data)
{
    (void)data;
    const char *nl = strchr(a->text, '\n');
    if (!nl)
        return;
    struct finding *fd = project_report(p, file, a->start, a->end, "%.*s runs a %s and is %s; %s",
                                        (int)(nl - a->text), a->text,
                                        dbcall_kind_name((enum db_kind)o->aux), nl + 1,
                                        o->text ? o->text : "");
    for (size_t i = 0; i < a->steps.n; i++)
        finding_related_in(fd, p, file, a->steps.v[i].start, a->steps.v[i].end, "%s",
                           a->steps.v[i].msg);
    finding_related_in(fd, p, target, o->start, o->end, "where %.*s runs the query",
                       (int)(nl - a->text), a->text);
}

static void n_plus_one_project(struct check_project *p)
{
    xmod_match(p, n_plus_one_match, NULL);
}

static const char *const n_plus_one_tags[] = { "performance", NULL };

const struct check check_performance_n_plus_one = {
    .id = "performance-n-plus-one",
    .title = "Database query run once per loop iteration (N+1 queries)",
    .level = LEVEL_WARNING,
    .langs = LANGS_JS_TS | LANG_BIT(LANG_PYTHON),
    .tags = n_plus_one_tags,
    .precision = "high",
    .file = n_plus_one_file,
    .project = n_plus_one_project,
};
