/* schema_facts.c — a migration's schema operations kept between the file pass and the project
 * pass in a compact encoding (variable-length integers, strings interned once per file, start
 * offsets as deltas), and read back one operation at a time (schema_facts_reader). See
 * schema.h. */
#include "schema.h"

#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "schema_p.h"

/* Facts ------------------------------------------------------------------------------------- *
 * The facts of every migration live until the project pass, so they are kept small: one byte
 * buffer per file holding a string table (each string once, NUL-terminated, in first-use
 * order) and then the operations, with only the fields the replay reads:
 *
 *   op:   head (kind | flags | pred | which lists follow), start as a signed delta from the
 *         previous op's start, end - start, rel.schema, rel.name, name, new_name,
 *         [npred_cols, pred_cols], [ncols, cols], [ncons, cons...], [flags],
 *         [nroles, roles], [2 * nrefs, refs]
 *   cons: head (type | auto_indexed), start and end as signed deltas from the op's start,
 *         name, ncols, cols, ref.schema, ref.name, nref_cols, ref_cols
 *
 * Numbers are LEB128 varints (signed ones zigzagged); a string is its table index + 1, or 0
 * for NULL. */

enum {
    OP_KIND_BITS = 6,
    OP_IF_EXISTS = 1u << 6,
    OP_TEMP = 1u << 7,
    OP_FALLBACK = 1u << 8,
    OP_UNIQUE = 1u << 9,
    OP_BTREE = 1u << 10,
    OP_PRED_SHIFT = 11, /* 2 bits */
    OP_HAS_PRED_COLS = 1u << 13,
    OP_HAS_COLS = 1u << 14,
    OP_HAS_CONS = 1u << 15,
    OP_HAS_FLAGS = 1u << 16,
    OP_HAS_ROLES = 1u << 17,
    OP_HAS_REFS = 1u << 18,
    CONS_TYPE_BITS = 2,
    CONS_AUTO_INDEXED = 1u << 2,
};

typedef VEC(unsigned char) byte_buf;

static void put_uv(byte_buf *b, uint64_t v)
{
    if (b->cap - b->n < 10) {
        b->cap = b->cap ? 2 * b->cap : 256;
        b->v = xrealloc(b->v, b->cap);
    }
    for (; v >= 0x80; v >>= 7)
        b->v[b->n++] = (unsigned char)(v | 0x80);
    b->v[b->n++] = (unsigned char)v;
}

static void put_sv(byte_buf *b, int64_t v)
{
    put_uv(b, ((uint64_t)v << 1) ^ (uint64_t)(v >> 63));
}

struct str_slot {
    const char *s;
    size_t ref; /* table index + 1 */
};

struct facts_writer {
    struct strbuf strs;
    byte_buf ops;
    size_t nstrs;
    /* the table's strings by content: open addressing, a power of two; borrowed from the
     * file's arena while it is encoded */
    struct str_slot *slot;
    size_t cap;
};

static size_t str_hash(const char *s)
{
    size_t h = 14695981039346656037u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

static void put_str(struct facts_writer *w, const char *s)
{
    if (!s) {
        put_uv(&w->ops, 0);
        return;
    }
    if (2 * (w->nstrs + 1) > w->cap) {
        size_t cap = w->cap ? 2 * w->cap : 64;
        struct str_slot *slot = xcalloc(cap, sizeof(*slot));
        for (size_t i = 0; i < w->cap; i++) {
            if (!w->slot[i].s)
                continue;
            size_t k = str_hash(w->slot[i].s) & (cap - 1);
            while (slot[k].s)
                k = (k + 1) & (cap - 1);
            slot[k] = w->slot[i];
        }
        free(w->slot);
        w->slot = slot;
        w->cap = cap;
    }
    size_t k = str_hash(s) & (w->cap - 1);
    for (; w->slot[k].s; k = (k + 1) & (w->cap - 1))
        if (strcmp(w->slot[k].s, s) == 0) {
            put_uv(&w->ops, w->slot[k].ref);
            return;
        }
    w->slot[k].s = s;
    w->slot[k].ref = ++w->nstrs;
    strbuf_add(&w->strs, s, strlen(s) + 1);
    put_uv(&w->ops, w->slot[k].ref);
}

static void put_strv(struct facts_writer *w, const char *const *v, size_t n)
{
    put_uv(&w->ops, n);
    for (size_t i = 0; i < n; i++)
        put_str(w, v[i]);
}

static void put_op(struct facts_writer *w, const struct sql_op *op, uint32_t prev_start)
{
    if ((unsigned)op->kind >= 1u << OP_KIND_BITS || (unsigned)op->pred > 3)
        BUG("sql_op kind %d or pred %d does not fit the facts' encoding", (int)op->kind,
            (int)op->pred);
    uint64_t head = (uint64_t)op->kind | (op->if_exists ? OP_IF_EXISTS : 0) |
                    (op->temp ? OP_TEMP : 0) | (op->fallback ? OP_FALLBACK : 0) |
                    (op->unique ? OP_UNIQUE : 0) | (op->btree ? OP_BTREE : 0) |
                    ((uint64_t)op->pred << OP_PRED_SHIFT) |
                    (op->npred_cols ? OP_HAS_PRED_COLS : 0) | (op->ncols ? OP_HAS_COLS : 0) |
                    (op->ncons ? OP_HAS_CONS : 0) | (op->flags ? OP_HAS_FLAGS : 0) |
                    (op->nroles ? OP_HAS_ROLES : 0) | (op->nrefs ? OP_HAS_REFS : 0);
    put_uv(&w->ops, head);
    put_sv(&w->ops, (int64_t)op->start - prev_start);
    put_sv(&w->ops, (int64_t)op->end - op->start);
    put_str(w, op->rel.schema);
    put_str(w, op->rel.name);
    put_str(w, op->name);
    put_str(w, op->new_name);
    if (op->npred_cols)
        put_strv(w, op->pred_cols, op->npred_cols);
    if (op->ncols)
        put_strv(w, op->cols, op->ncols);
    if (op->flags)
        put_uv(&w->ops, op->flags);
    if (op->nroles)
        put_strv(w, op->roles, op->nroles);
    if (op->nrefs)
        put_strv(w, op->refs, 2 * op->nrefs);
    if (!op->ncons)
        return;
    put_uv(&w->ops, op->ncons);
    for (size_t k = 0; k < op->ncons; k++) {
        const struct sql_cons *c = &op->cons[k];
        if ((unsigned)c->type >= 1u << CONS_TYPE_BITS)
            BUG("sql_cons type %d does not fit the facts' encoding", (int)c->type);
        put_uv(&w->ops, (uint64_t)c->type | (c->auto_indexed ? CONS_AUTO_INDEXED : 0));
        put_sv(&w->ops, (int64_t)c->start - op->start);
        put_sv(&w->ops, (int64_t)c->end - c->start);
        put_str(w, c->name);
        put_strv(w, c->cols, c->ncols);
        put_str(w, c->ref.schema);
        put_str(w, c->ref.name);
        put_strv(w, c->ref_cols, c->nref_cols);
    }
}

static struct schema_facts *facts_build(const struct sql_file *sql, const char *revision,
                                        const char *down_revision)
{
    struct facts_writer w = {0};
    strbuf_init(&w.strs);
    uint32_t prev_start = 0;
    for (size_t i = 0; i < sql->nops; i++) {
        put_op(&w, &sql->ops[i], prev_start);
        prev_start = sql->ops[i].start;
    }
    byte_buf head = {0};
    put_uv(&head, w.nstrs);
    size_t len = head.n + w.strs.len + w.ops.n;
    size_t rl = revision ? strlen(revision) + 1 : 0;
    size_t dl = down_revision ? strlen(down_revision) + 1 : 0;
    struct schema_facts *f = xmalloc(sizeof(*f) + len + rl + dl);
    f->nops = sql->nops;
    f->len = len;
    f->other_dialect = sql->other_dialect;
    f->supabase_marks = sql->supabase_marks;
    f->revision = rl ? memcpy((char *)f->data + len, revision, rl) : NULL;
    f->down_revision = dl ? memcpy((char *)f->data + len + rl, down_revision, dl) : NULL;
    memcpy(f->data, head.v, head.n);
    memcpy(f->data + head.n, w.strs.buf, w.strs.len);
    if (w.ops.n)
        memcpy(f->data + head.n + w.strs.len, w.ops.v, w.ops.n);
    VEC_FREE(head);
    VEC_FREE(w.ops);
    strbuf_release(&w.strs);
    free(w.slot);
    return f;
}

struct schema_facts *schema_facts_new(const struct sql_file *sql)
{
    if (!sql || (sql->nops == 0 && !sql->other_dialect && !sql->supabase_marks))
        return NULL;
    return facts_build(sql, NULL, NULL);
}

struct schema_facts *schema_facts_new_revision(const struct sql_file *sql, const char *revision,
                                               const char *down_revision)
{
    struct schema_facts *f = facts_build(sql, revision ? revision : "",
                                         down_revision ? down_revision : "");
    return f;
}

void schema_facts_free(void *facts)
{
    free(facts);
}

static uint64_t get_uv_long(struct schema_facts_reader *r)
{
    uint64_t v = 0;
    for (unsigned shift = 0;; shift += 7) {
        if (r->p == r->end || shift > 63)
            BUG("schema facts: a number runs past the end");
        unsigned char b = *r->p++;
        v |= (uint64_t)(b & 0x7f) << shift;
        if (!(b & 0x80))
            return v;
    }
}

/* Most numbers are one byte: string references, counts, small deltas. */
static inline uint64_t get_uv(struct schema_facts_reader *r)
{
    if (r->p < r->end && *r->p < 0x80)
        return *r->p++;
    return get_uv_long(r);
}

static int64_t get_sv(struct schema_facts_reader *r)
{
    uint64_t v = get_uv(r);
    return (int64_t)(v >> 1) ^ -(int64_t)(v & 1);
}

static inline const char *get_str(struct schema_facts_reader *r)
{
    uint64_t ref = get_uv(r);
    if (ref > r->nstrs)
        BUG("schema facts: string %llu of %zu", (unsigned long long)ref, r->nstrs);
    return ref ? r->strs[ref - 1] : NULL;
}

/* Reads a list into the scratch names; returns where it starts there (the pointers are set once
 * the whole op is read, as the scratch may move while it grows). */
static size_t get_strv(struct schema_facts_reader *r, size_t *n)
{
    size_t at = r->names.n;
    *n = (size_t)get_uv(r);
    if (*n > (size_t)(r->end - r->p))
        BUG("schema facts: a list of %zu runs past the end", *n);
    if (at + *n > r->names.cap) {
        r->names.cap = 2 * (at + *n);
        r->names.v = xrealloc(r->names.v, r->names.cap * sizeof(*r->names.v));
    }
    for (size_t i = 0; i < *n; i++)
        r->names.v[at + i] = get_str(r);
    r->names.n = at + *n;
    return at;
}

void schema_facts_reader_init(struct schema_facts_reader *r, const struct schema_facts *f)
{
    memset(r, 0, sizeof(*r));
    if (!f)
        return;
    r->p = f->data;
    r->end = f->data + f->len;
    r->left = f->nops;
    r->nstrs = (size_t)get_uv(r);
    r->strs = xmalloc((r->nstrs ? r->nstrs : 1) * sizeof(*r->strs));
    for (size_t i = 0; i < r->nstrs; i++) {
        const unsigned char *nul = memchr(r->p, '\0', (size_t)(r->end - r->p));
        if (!nul)
            BUG("schema facts: string %zu runs past the end", i);
        r->strs[i] = (const char *)r->p;
        r->p = nul + 1;
    }
}

const struct sql_op *schema_facts_next(struct schema_facts_reader *r)
{
    if (!r->left)
        return NULL;
    r->left--;
    struct sql_op *op = &r->op;
    r->names.n = 0;
    r->cons.n = 0;
    r->lists.n = 0;
    uint64_t head = get_uv(r);
    *op = (struct sql_op){
        .kind = (enum sql_op_kind)(head & ((1u << OP_KIND_BITS) - 1)),
        .if_exists = head & OP_IF_EXISTS,
        .temp = head & OP_TEMP,
        .fallback = head & OP_FALLBACK,
        .unique = head & OP_UNIQUE,
        .btree = head & OP_BTREE,
        .pred = (enum sql_pred)((head >> OP_PRED_SHIFT) & 3),
    };
    op->start = (uint32_t)((int64_t)r->prev_start + get_sv(r));
    op->end = (uint32_t)((int64_t)op->start + get_sv(r));
    r->prev_start = op->start;
    op->rel.schema = get_str(r);
    op->rel.name = get_str(r);
    op->name = get_str(r);
    op->new_name = get_str(r);
    size_t pred_at = 0, cols_at = 0;
    if (head & OP_HAS_PRED_COLS)
        pred_at = get_strv(r, &op->npred_cols);
    if (head & OP_HAS_COLS)
        cols_at = get_strv(r, &op->ncols);
    size_t roles_at = 0, refs_at = 0, nrefs = 0;
    if (head & OP_HAS_FLAGS)
        op->flags = (uint32_t)get_uv(r);
    if (head & OP_HAS_ROLES)
        roles_at = get_strv(r, &op->nroles);
    if (head & OP_HAS_REFS) {
        refs_at = get_strv(r, &nrefs);
        op->nrefs = nrefs / 2;
    }
    if (head & OP_HAS_CONS) {
        size_t ncons = (size_t)get_uv(r);
        for (size_t k = 0; k < ncons; k++) {
            uint64_t ch = get_uv(r);
            struct sql_cons c = {
                .type = (enum sql_cons_type)(ch & ((1u << CONS_TYPE_BITS) - 1)),
                .auto_indexed = ch & CONS_AUTO_INDEXED,
            };
            c.start = (uint32_t)((int64_t)op->start + get_sv(r));
            c.end = (uint32_t)((int64_t)c.start + get_sv(r));
            c.name = get_str(r);
            VEC_PUSH(r->lists, get_strv(r, &c.ncols));
            c.ref.schema = get_str(r);
            c.ref.name = get_str(r);
            VEC_PUSH(r->lists, get_strv(r, &c.nref_cols));
            VEC_PUSH(r->cons, c);
        }
        op->cons = r->cons.v;
        op->ncons = ncons;
        for (size_t k = 0; k < ncons; k++) {
            struct sql_cons *c = &r->cons.v[k];
            c->cols = c->ncols ? r->names.v + r->lists.v[2 * k] : NULL;
            c->ref_cols = c->nref_cols ? r->names.v + r->lists.v[2 * k + 1] : NULL;
        }
    }
    op->pred_cols = op->npred_cols ? r->names.v + pred_at : NULL;
    op->cols = op->ncols ? r->names.v + cols_at : NULL;
    op->roles = op->nroles ? r->names.v + roles_at : NULL;
    op->refs = op->nrefs ? r->names.v + refs_at : NULL;
    return op;
}

void schema_facts_reader_release(struct schema_facts_reader *r)
{
    free(r->strs);
    VEC_FREE(r->names);
    VEC_FREE(r->cons);
    VEC_FREE(r->lists);
    memset(r, 0, sizeof(*r));
}
