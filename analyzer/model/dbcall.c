/* dbcall.c — database calls recognised by the shape of their call chain (see dbcall.h): the
 * chain of a call through the node table, the bindings of names to calls, and the per-grammar
 * setup; what kind of call a chain is lives in dbcall_kind.c. */
#include "dbcall.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dbcall_p.h"

const char *dbcall_text(const struct check_file *f, TSNode n, uint32_t *len)
{
    uint32_t s = ts_node_start_byte(n), e = ts_node_end_byte(n);
    *len = e > s ? e - s : 0;
    return f->src->text + s;
}

bool dbcall_span_in(const char *s, uint32_t n, const char *const *list)
{
    for (; *list; list++)
        if (span_eq(s, n, *list))
            return true;
    return false;
}

bool dbcall_span_has(const char *s, uint32_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (uint32_t i = 0; i + k <= n; i++) {
        size_t j = 0;
        while (j < k && tolower((unsigned char)s[i + j]) == needle[j])
            j++;
        if (j == k)
            return true;
    }
    return false;
}



/* Parentheses, TS `as`/`satisfies`/`!` and awaits say nothing about the value's shape. */
TSNode dbcall_unwrap(const struct dbcall *db, TSNode n)
{
    const struct syntax_syms *k = db->sym;
    while (!ts_node_is_null(n)) {
        TSSymbol t = ts_node_symbol(n);
        if (t && (t == k->parenthesized_expression || t == k->as_expression ||
                  t == k->satisfies_expression || t == k->non_null_expression ||
                  t == k->await_expression || t == k->await))
            n = ts_node_named_child(n, 0);
        else
            break;
    }
    return n;
}

/* The n-th argument that is not a keyword argument, or a null node. */
TSNode dbcall_arg(const struct dbcall *db, TSNode args, uint32_t k)
{
    if (ts_node_is_null(args))
        return node_null();
    if (is(args, db->sym->template_string))
        return k == 0 ? args : node_null();
    uint32_t n = ts_node_named_child_count(args);
    for (uint32_t i = 0; i < n; i++) {
        TSNode a = ts_node_named_child(args, i);
        if (is(a, db->sym->comment) || is(a, db->sym->keyword_argument))
            continue;
        if (k-- == 0)
            return a;
    }
    return node_null();
}

uint32_t dbcall_arg_count(const struct dbcall *db, TSNode args)
{
    uint32_t k = 0;
    while (!ts_node_is_null(dbcall_arg(db, args, k)))
        k++;
    return k;
}


/* Fields through the node table ----------------------------------------------------------- */

/* A call's callee and a member access's object are the node's first child, a call's arguments
 * and a member's property its last one (comments come between, never first or last: the parser
 * moves trailing extras out of a node). ts_node_child_by_field_id finds them by iterating every
 * child with the field map, some 500 instructions; the table gives them for a few. Only trusted
 * where the child starts (ends) with the node and the node has no errors; else node_field. */
static uint32_t edge_child(const struct node_table *t, uint32_t x, bool last)
{
    const struct node_entry *v = t->v;
    if (x == NODE_NONE || x + 1 >= v[x].end || ts_node_has_error(v[x].node))
        return NODE_NONE;
    if (!last)
        return ts_node_start_byte(v[x + 1].node) == ts_node_start_byte(v[x].node) ? x + 1
                                                                                   : NODE_NONE;
    uint32_t j = x + 1;
    while (v[j].end < v[x].end)
        j = v[j].end;
    return ts_node_end_byte(v[j].node) == ts_node_end_byte(v[x].node) ? j : NODE_NONE;
}

TSNode dbcall_field_at(const struct dbcall *db, TSNode n, uint32_t x, bool last,
                      const char *name, uint32_t *xi)
{
    const struct node_table *t = db->f->nodes;
    uint32_t j = t ? edge_child(t, x, last) : NODE_NONE;
    *xi = j;
    return j != NODE_NONE ? t->v[j].node : node_field(n, name);
}

/* ts_node_named_child(n, 0), through the table when n's index x is known. */
static TSNode first_named(const struct dbcall *db, TSNode n, uint32_t x, uint32_t *xi)
{
    const struct node_table *t = db->f->nodes;
    *xi = NODE_NONE;
    if (x == NODE_NONE)
        return ts_node_named_child(n, 0);
    if (x + 1 >= t->v[x].end)
        return node_null();
    *xi = x + 1;
    return t->v[x + 1].node;
}

/* The chain of links of a call, from its base outwards: a.from('x').select() is base `a`,
 * then from(...), select(...). x: n's index in the node table, or NODE_NONE. */
static void chain_at(const struct dbcall *db, TSNode n, uint32_t x, struct db_chain *c)
{
    unsigned k = 0;
    /* the links are collected outermost first, into c->s, and reversed at the end; the
     * entries past c->n are never read, so they are not cleared */
    c->n = 0;
    c->base_call = false;
    c->base_name = NULL;
    c->base_len = 0;
    c->base_args = node_null();
    const TSSymbol call_t = db->call_t, member_t = db->member_t;
    const char *prop_f = db->py ? "attribute" : "property";
    for (;;) {
        TSSymbol sym = ts_node_is_null(n) ? 0 : ts_node_symbol(n);
        if (!sym)
            break;
        if (sym == db->sym->non_null_expression || sym == db->sym->parenthesized_expression) {
            uint32_t xi;
            TSNode inner = first_named(db, n, x, &xi);
            if (!is(inner, call_t) && !is(inner, member_t))
                break;
            n = inner;
            x = xi;
            continue;
        }
        if (sym == call_t) {
            uint32_t fx, ax;
            TSNode fn = dbcall_field_at(db, n, x, false, "function", &fx);
            TSNode args = dbcall_field_at(db, n, x, true, "arguments", &ax);
            while (is(fn, db->sym->non_null_expression))
                fn = first_named(db, fn, fx, &fx);
            if (is(fn, member_t)) {
                uint32_t px;
                if (k < DB_CHAIN_MAX) {
                    struct db_link *s = &c->s[k++];
                    s->name = dbcall_text(db->f, dbcall_field_at(db, fn, fx, true, prop_f, &px),
                                          &s->len);
                    s->call = true;
                    s->node = n;
                    s->args = args;
                }
                n = dbcall_field_at(db, fn, fx, false, "object", &x);
                continue;
            }
            if (is(fn, db->sym->identifier)) {
                c->base_call = true;
                c->base_name = dbcall_text(db->f, fn, &c->base_len);
                c->base_args = args;
            }
            break;
        }
        if (sym == member_t) {
            uint32_t px;
            if (k < DB_CHAIN_MAX) {
                struct db_link *s = &c->s[k++];
                s->name = dbcall_text(db->f, dbcall_field_at(db, n, x, true, prop_f, &px), &s->len);
                s->call = false;
                s->node = n;
                s->args = node_null();
            }
            n = dbcall_field_at(db, n, x, false, "object", &x);
            continue;
        }
        break;
    }
    c->base = n;
    if (!c->base_call && (is(n, db->sym->identifier) || is(n, db->sym->this)))
        c->base_name = dbcall_text(db->f, n, &c->base_len);
    for (unsigned i = 0; i < k / 2; i++) {
        struct db_link tmp = c->s[i];
        c->s[i] = c->s[k - 1 - i];
        c->s[k - 1 - i] = tmp;
    }
    c->n = k;
}

void dbcall_chain(const struct dbcall *db, TSNode n, struct db_chain *c)
{
    chain_at(db, n, db->f->nodes ? nodes_find(db->f->nodes, n) : NODE_NONE, c);
}

void dbcall_chain_at(const struct dbcall *db, uint32_t i, struct db_chain *c)
{
    chain_at(db, db->f->nodes->v[i].node, i, c);
}

int dbcall_chain_find(const struct db_chain *c, unsigned from, const char *const *names,
                      bool want_args)
{
    for (unsigned i = from; i < c->n; i++)
        if (c->s[i].call && dbcall_span_in(c->s[i].name, c->s[i].len, names) &&
            (!want_args || ts_node_named_child_count(c->s[i].args) > 0))
            return (int)i;
    return -1;
}

int dbcall_chain_find1(const struct db_chain *c, unsigned from, const char *name, bool want_args)
{
    const char *names[] = { name, NULL };
    return dbcall_chain_find(c, from, names, want_args);
}

static int binding_cmp(const void *a, const void *b)
{
    const struct db_binding *x = a, *y = b;
    if (x->len != y->len)
        return x->len < y->len ? -1 : 1;
    int c = memcmp(x->name, y->name, x->len);
    if (c)
        return c;
    /* keep source order among equal names: qsort is not stable */
    uint32_t sx = ts_node_start_byte(x->value), sy = ts_node_start_byte(y->value);
    return sx < sy ? -1 : sx > sy;
}

/* Bindings (name = value) of the file, collected on first need and sorted by name: one loop
 * over the file's node table, whose parent indices stand in for ts_node_parent(). */
static void bindings_collect(struct dbcall *db)
{
    db->bindings_ready = true;
    const struct node_table *t = db->f->nodes;
    if (!t)
        return;
    const struct syntax_syms *k = db->sym;
    /* the kinds a binding starts at, in this grammar (0 where it has none) */
    TSSymbol decl = db->py ? 0 : k->variable_declarator;
    TSSymbol assign = db->py ? k->assignment : k->assignment_expression;
    for (uint32_t i = 0; i < t->n; i++) {
        TSSymbol sym = t->v[i].sym;
        if (sym != decl && sym != assign)
            continue;
        TSNode n = t->v[i].node;
        uint32_t up = t->v[i].parent;
        TSNode parent = up != NODE_NONE ? t->v[up].node : node_null();
        TSNode name, value;
        bool constant = false;
        if (sym == decl) {
            name = node_field(n, "name");
            value = node_field(n, "value");
            if (is(parent, k->lexical_declaration)) {
                TSNode kind = node_field(parent, "kind");
                constant = !ts_node_is_null(kind) && node_text_eq(db->f, kind, "const");
            }
        } else {
            name = node_field(n, "left");
            value = node_field(n, "right");
            if (db->py) {
                uint32_t g = up != NODE_NONE ? t->v[up].parent : NODE_NONE;
                constant = is(parent, k->expression_statement) && g != NODE_NONE &&
                           is(t->v[g].node, k->module);
            }
        }
        if (is(name, k->identifier) && !ts_node_is_null(value)) {
            struct db_binding b = { .value = value, .constant = constant };
            b.name = dbcall_text(db->f, name, &b.len);
            VEC_PUSH(db->bindings, b);
        }
    }
    if (db->bindings.n > 1)
        qsort(db->bindings.v, db->bindings.n, sizeof(*db->bindings.v), binding_cmp);
}

/* Calls fn on each value the identifier id is bound to; true when fn holds for one. */
bool dbcall_binding_any(struct dbcall *db, TSNode id, bool constant_only,
                        bool (*fn)(struct dbcall *, TSNode, int), int hops)
{
    if (!is(id, db->sym->identifier) || hops <= 0)
        return false;
    if (!db->bindings_ready)
        bindings_collect(db);
    uint32_t len;
    const char *s = dbcall_text(db->f, id, &len);
    size_t lo = 0, hi = db->bindings.n;
    while (lo < hi) { /* first binding not less than the name */
        size_t mid = lo + (hi - lo) / 2;
        const struct db_binding *b = &db->bindings.v[mid];
        int c = b->len != len ? (b->len < len ? -1 : 1) : memcmp(b->name, s, len);
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    /* a name bound many times (i, row) is not worth more than a few looks */
    for (size_t i = lo, seen = 0; i < db->bindings.n && seen < 8; i++, seen++) {
        const struct db_binding *b = &db->bindings.v[i];
        if (b->len != len || memcmp(b->name, s, len) != 0)
            break;
        if ((b->constant || !constant_only) && fn(db, b->value, hops - 1))
            return true;
    }
    return false;
}

void dbcall_init(struct dbcall *db, struct check_file *f)
{
    memset(db, 0, sizeof(*db));
    db->f = f;
    db->py = f->lang == LANG_PYTHON;
    db->sym = syntax_syms(f->tree ? ts_tree_language(f->tree) : NULL);
    db->call_t = db->py ? db->sym->call : db->sym->call_expression;
    db->member_t = db->py ? db->sym->attribute : db->sym->member_expression;
}

void dbcall_release(struct dbcall *db)
{
    VEC_FREE(db->bindings);
    db->bindings_ready = false;
}
