/* schema.c — replays the schema operations of a migration set (see schema.h): tables, their
 * keys and indexes, and row level security, with where each came from. */
#include "schema.h"

#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "schema_p.h"

#define PG_MAX_COLUMNS 1600

#define DEFAULT_SCHEMA "public"

static const char *sdup(struct arena *a, const char *s)
{
    return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

static const char **strv_dup(struct arena *a, const char *const *v, size_t n)
{
    const char **out = arena_alloc(a, (n ? n : 1) * sizeof(*out));
    for (size_t i = 0; i < n; i++)
        out[i] = sdup(a, v[i]);
    return out;
}

static bool name_eq(const char *a, const char *b)
{
    return a && b && strcmp(a, b) == 0;
}

static const char *schema_of(const struct sql_qname *q)
{
    return q->schema ? q->schema : DEFAULT_SCHEMA;
}

/* Postgres' default constraint and index names: <table>_<col>_<col>_<suffix>. */
static const char *default_name(struct arena *a, const char *table, const char *const *cols,
                                size_t ncols, const char *suffix)
{
    struct strbuf sb;
    strbuf_init(&sb);
    strbuf_addstr(&sb, table);
    for (size_t i = 0; i < ncols; i++) {
        strbuf_addch(&sb, '_');
        strbuf_addstr(&sb, cols[i] ? cols[i] : "expr");
    }
    strbuf_addch(&sb, '_');
    strbuf_addstr(&sb, suffix);
    const char *out = arena_strndup(a, sb.buf, sb.len);
    strbuf_release(&sb);
    return out;
}

/* Name lookups --------------------------------------------------------------------------------
 * Tables by (schema, name) and indexes by (schema, name) -> their table, kept in step with every
 * change: a migration set of thousands of tables must not be replayed in quadratic time. */

struct name_entry {
    uint64_t h;
    const char *schema, *name;
    struct schema_table *t;
};
typedef VEC(struct name_entry) name_bucket;
struct name_map {
    name_bucket *b;
    size_t nb, n;
};
struct schema_lookup {
    struct name_map tables, indexes;
};

static uint64_t name_hash(const char *schema, const char *name)
{
    return fnv64(fnv64(FNV64_INIT, schema, strlen(schema) + 1), name, strlen(name));
}

static void map_put(struct name_map *m, const char *schema, const char *name,
                    struct schema_table *t)
{
    if (m->n >= m->nb * 2) {
        size_t nb = m->nb ? m->nb * 4 : 64;
        name_bucket *b = xcalloc(nb, sizeof(*b));
        for (size_t i = 0; i < m->nb; i++) {
            for (size_t k = 0; k < m->b[i].n; k++)
                VEC_PUSH(b[m->b[i].v[k].h % nb], m->b[i].v[k]);
            VEC_FREE(m->b[i]);
        }
        free(m->b);
        m->b = b;
        m->nb = nb;
    }
    struct name_entry e = {name_hash(schema, name), schema, name, t};
    VEC_PUSH(m->b[e.h % m->nb], e);
    m->n++;
}

static struct schema_table *map_get(const struct name_map *m, const char *schema,
                                    const char *name)
{
    if (!m->nb || !name)
        return NULL;
    uint64_t h = name_hash(schema, name);
    const name_bucket *b = &m->b[h % m->nb];
    for (size_t k = 0; k < b->n; k++)
        if (b->v[k].h == h && name_eq(b->v[k].name, name) && name_eq(b->v[k].schema, schema))
            return b->v[k].t;
    return NULL;
}

static void map_del(struct name_map *m, const char *schema, const char *name,
                    const struct schema_table *t)
{
    if (!m->nb || !name)
        return;
    uint64_t h = name_hash(schema, name);
    name_bucket *b = &m->b[h % m->nb];
    for (size_t k = 0; k < b->n; k++)
        if (b->v[k].t == t && name_eq(b->v[k].name, name) && name_eq(b->v[k].schema, schema)) {
            b->v[k] = b->v[--b->n];
            m->n--;
            return;
        }
}

static void map_release(struct name_map *m)
{
    for (size_t i = 0; i < m->nb; i++)
        VEC_FREE(m->b[i]);
    free(m->b);
}

static void index_push(struct schema *s, struct schema_table *t, struct schema_index ix)
{
    VEC_PUSH(t->indexes, ix);
    map_put(&s->lookup->indexes, t->schema, ix.name, t);
}

static void index_remove(struct schema *s, struct schema_table *t, size_t i)
{
    map_del(&s->lookup->indexes, t->schema, t->indexes.v[i].name, t);
    memmove(&t->indexes.v[i], &t->indexes.v[i + 1],
            (t->indexes.n - i - 1) * sizeof(t->indexes.v[0]));
    t->indexes.n--;
}

static void index_rename(struct schema *s, struct schema_table *t, struct schema_index *ix,
                         const char *name)
{
    map_del(&s->lookup->indexes, t->schema, ix->name, t);
    ix->name = sdup(&s->arena, name);
    map_put(&s->lookup->indexes, t->schema, ix->name, t);
}

/* Adds or removes t and its indexes to or from the lookups, under their current names. */
static void table_index(struct schema *s, struct schema_table *t, bool add)
{
    if (add)
        map_put(&s->lookup->tables, t->schema, t->name, t);
    else
        map_del(&s->lookup->tables, t->schema, t->name, t);
    for (size_t i = 0; i < t->indexes.n; i++)
        if (add)
            map_put(&s->lookup->indexes, t->schema, t->indexes.v[i].name, t);
        else
            map_del(&s->lookup->indexes, t->schema, t->indexes.v[i].name, t);
}

/* The model ----------------------------------------------------------------------------------- */

struct schema *schema_new(void)
{
    struct schema *s = xcalloc(1, sizeof(*s));
    arena_init(&s->arena);
    s->lookup = xcalloc(1, sizeof(*s->lookup));
    return s;
}

static void table_free(struct schema_table *t)
{
    VEC_FREE(t->policies);
    VEC_FREE(t->cols);
    VEC_FREE(t->fks);
    VEC_FREE(t->indexes);
    free(t);
}

void schema_free(struct schema *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->tables.n; i++)
        table_free(s->tables.v[i]);
    VEC_FREE(s->tables);
    map_release(&s->lookup->tables);
    map_release(&s->lookup->indexes);
    free(s->lookup);
    schema_objects_release(s);
    arena_release(&s->arena);
    free(s);
}

struct schema_table *schema_table_find(const struct schema *s, const char *schema,
                                       const char *name)
{
    return map_get(&s->lookup->tables, schema ? schema : DEFAULT_SCHEMA, name);
}

static struct schema_table *find_q(const struct schema *s, const struct sql_qname *q)
{
    return q->name ? schema_table_find(s, q->schema, q->name) : NULL;
}

static bool has_col(const char *const *cols, size_t n, const char *col)
{
    for (size_t i = 0; i < n; i++)
        if (name_eq(cols[i], col))
            return true;
    return false;
}

const struct schema_index *schema_fk_cover(const struct schema_table *t,
                                           const struct schema_fk *fk)
{
    for (size_t i = 0; i < t->indexes.n; i++) {
        const struct schema_index *ix = &t->indexes.v[i];
        if (!ix->btree || ix->ncols < fk->ncols || fk->ncols == 0)
            continue;
        if (ix->pred == SQL_PRED_OTHER)
            continue;
        bool ok = true;
        /* a partial index on "fk_col IS NOT NULL" holds every row a foreign key check looks
         * for; any other predicate leaves rows out */
        for (size_t k = 0; ok && k < ix->npred_cols; k++)
            ok = has_col(fk->cols, fk->ncols, ix->pred_cols[k]);
        /* the FK's columns lead the index, in the key's order: Supabase's advisor (lint 0001)
         * compares the leading columns with the key's, so another order is reported there
         * once the migration has run */
        for (size_t k = 0; ok && k < fk->ncols; k++)
            ok = name_eq(ix->cols[k], fk->cols[k]);
        if (ok)
            return ix;
    }
    return NULL;
}

/* After a statement changed t, notes which foreign keys it left uncovered. */
static void update_coverage(struct schema_table *t, struct schema_loc at, const char *removed)
{
    for (size_t i = 0; i < t->fks.n; i++) {
        struct schema_fk *fk = &t->fks.v[i];
        bool now = fk->auto_indexed || schema_fk_cover(t, fk);
        if (fk->covered && !now && removed) {
            fk->lost = true;
            fk->lost_at = at;
            fk->lost_index = removed;
        } else if (now) {
            fk->lost = false;
        }
        fk->covered = now;
    }
}

static struct schema_index *find_index(struct schema *s, const char *schema, const char *name,
                                       struct schema_table **owner)
{
    struct schema_table *t = map_get(&s->lookup->indexes, schema ? schema : DEFAULT_SCHEMA, name);
    for (size_t k = 0; t && k < t->indexes.n; k++)
        if (name_eq(t->indexes.v[k].name, name)) {
            *owner = t;
            return &t->indexes.v[k];
        }
    return NULL;
}

static void add_constraint(struct schema *s, struct schema_table *t, const struct sql_cons *c,
                           struct schema_loc at)
{
    struct arena *a = &s->arena;
    at.start = c->start, at.end = c->end;
    if (c->type == SQL_CONS_FOREIGN) {
        struct schema_fk fk = {
            .name = c->name ? sdup(a, c->name)
                            : default_name(a, t->name, c->cols, c->ncols, "fkey"),
            .cols = strv_dup(a, c->cols, c->ncols),
            .ncols = c->ncols,
            .ref_schema = sdup(a, schema_of(&c->ref)),
            .ref_table = sdup(a, c->ref.name),
            .ref_cols = strv_dup(a, c->ref_cols, c->nref_cols),
            .nref_cols = c->nref_cols,
            .auto_indexed = c->auto_indexed,
            .def = at,
        };
        fk.covered = fk.auto_indexed || schema_fk_cover(t, &fk);
        VEC_PUSH(t->fks, fk);
        return;
    }
    bool primary = c->type == SQL_CONS_PRIMARY;
    struct schema_index ix = {
        .name = c->name ? sdup(a, c->name)
              : primary ? default_name(a, t->name, NULL, 0, "pkey")
                        : default_name(a, t->name, c->cols, c->ncols, "key"),
        .cols = strv_dup(a, c->cols, c->ncols),
        .ncols = c->ncols,
        .unique = true,
        .btree = true,
        .origin = primary ? SCHEMA_INDEX_PRIMARY : SCHEMA_INDEX_UNIQUE,
        .def = at,
    };
    index_push(s, t, ix);
}

/* An operation's constraints: keys first, so that a foreign key is covered by a primary key
 * written after it in the same statement. */
static void add_constraints(struct schema *s, struct schema_table *t, const struct sql_op *op,
                            struct schema_loc at)
{
    for (size_t i = 0; i < op->ncons; i++)
        if (op->cons[i].type != SQL_CONS_FOREIGN)
            add_constraint(s, t, &op->cons[i], at);
    for (size_t i = 0; i < op->ncons; i++)
        if (op->cons[i].type == SQL_CONS_FOREIGN)
            add_constraint(s, t, &op->cons[i], at);
    update_coverage(t, at, NULL);
}

static void drop_table_at(struct schema *s, size_t i)
{
    struct schema_table *t = s->tables.v[i];
    table_index(s, t, false);
    memmove(&s->tables.v[i], &s->tables.v[i + 1], (s->tables.n - i - 1) * sizeof(t));
    s->tables.n--;
    /* DROP TABLE ... CASCADE drops the foreign keys that reference it (without CASCADE the
     * drop fails while they exist); SQLite keeps them, by name, for the table that Prisma's
     * "redefine" renames into its place */
    for (size_t k = 0; !s->other_dialect && k < s->tables.n; k++) {
        struct schema_table *o = s->tables.v[k];
        for (size_t j = 0; j < o->fks.n;) {
            if (name_eq(o->fks.v[j].ref_table, t->name) &&
                name_eq(o->fks.v[j].ref_schema, t->schema)) {
                memmove(&o->fks.v[j], &o->fks.v[j + 1], (o->fks.n - j - 1) * sizeof(o->fks.v[0]));
                o->fks.n--;
            } else {
                j++;
            }
        }
    }
    table_free(t);
}

static void create_table(struct schema *s, const struct sql_op *op, struct schema_loc at)
{
    if (op->temp || !op->rel.name)
        return;
    struct schema_table *old = schema_table_find(s, op->rel.schema, op->rel.name);
    if (old && op->if_exists)
        return;
    for (size_t i = 0; old && i < s->tables.n; i++)
        if (s->tables.v[i] == old) {
            /* a second CREATE: the later definition is the one that stands */
            drop_table_at(s, i);
            break;
        }
    struct schema_table *t = xcalloc(1, sizeof(*t));
    t->schema = sdup(&s->arena, schema_of(&op->rel));
    t->name = sdup(&s->arena, op->rel.name);
    t->created = at;
    t->fallback = op->fallback;
    for (size_t i = 0; i < op->ncols; i++)
        VEC_PUSH(t->cols, sdup(&s->arena, op->cols[i]));
    add_constraints(s, t, op, at);
    VEC_PUSH(s->tables, t);
    map_put(&s->lookup->tables, t->schema, t->name, t);
}

static bool index_uses(const struct schema_index *ix, const char *col)
{
    return has_col(ix->cols, ix->ncols, col) || has_col(ix->pred_cols, ix->npred_cols, col);
}

static void drop_column(struct schema *s, struct schema_table *t, const char *col,
                        struct schema_loc at)
{
    for (size_t i = 0; i < t->cols.n; i++)
        if (name_eq(t->cols.v[i], col)) {
            memmove(&t->cols.v[i], &t->cols.v[i + 1], (t->cols.n - i - 1) * sizeof(char *));
            t->cols.n--;
            break;
        }
    for (size_t i = 0; i < t->fks.n;) {
        if (has_col(t->fks.v[i].cols, t->fks.v[i].ncols, col)) {
            memmove(&t->fks.v[i], &t->fks.v[i + 1], (t->fks.n - i - 1) * sizeof(t->fks.v[0]));
            t->fks.n--;
        } else {
            i++;
        }
    }
    /* Postgres drops the indexes that use the column */
    const char *removed = NULL;
    for (size_t i = 0; i < t->indexes.n;) {
        if (index_uses(&t->indexes.v[i], col)) {
            removed = t->indexes.v[i].name;
            index_remove(s, t, i);
        } else {
            i++;
        }
    }
    update_coverage(t, at, removed);
}

static void drop_constraint(struct schema *s, struct schema_table *t, const char *name,
                            struct schema_loc at)
{
    for (size_t i = 0; i < t->fks.n; i++)
        if (name_eq(t->fks.v[i].name, name)) {
            memmove(&t->fks.v[i], &t->fks.v[i + 1], (t->fks.n - i - 1) * sizeof(t->fks.v[0]));
            t->fks.n--;
            return;
        }
    for (size_t i = 0; i < t->indexes.n; i++)
        if (name_eq(t->indexes.v[i].name, name) &&
            t->indexes.v[i].origin != SCHEMA_INDEX_PLAIN) {
            const char *removed = t->indexes.v[i].name;
            index_remove(s, t, i);
            update_coverage(t, at, removed);
            return;
        }
}

static void rename_in(const char **v, size_t n, const char *from, const char *to)
{
    for (size_t i = 0; i < n; i++)
        if (name_eq(v[i], from))
            v[i] = to;
}

static void rename_column(struct schema *s, struct schema_table *t, const char *from,
                          const char *to)
{
    to = sdup(&s->arena, to);
    rename_in(t->cols.v, t->cols.n, from, to);
    for (size_t i = 0; i < t->fks.n; i++)
        rename_in(t->fks.v[i].cols, t->fks.v[i].ncols, from, to);
    for (size_t i = 0; i < t->indexes.n; i++) {
        rename_in(t->indexes.v[i].cols, t->indexes.v[i].ncols, from, to);
        rename_in(t->indexes.v[i].pred_cols, t->indexes.v[i].npred_cols, from, to);
    }
    /* foreign keys of other tables name the referenced columns */
    for (size_t k = 0; k < s->tables.n; k++)
        for (size_t i = 0; i < s->tables.v[k]->fks.n; i++) {
            struct schema_fk *fk = &s->tables.v[k]->fks.v[i];
            if (name_eq(fk->ref_table, t->name) && name_eq(fk->ref_schema, t->schema))
                rename_in(fk->ref_cols, fk->nref_cols, from, to);
        }
}

/* Moves or renames t, keeping the foreign keys that reference it pointing at it. */
static void move_table(struct schema *s, struct schema_table *t, const char *schema,
                       const char *name)
{
    schema = sdup(&s->arena, schema);
    name = sdup(&s->arena, name);
    for (size_t k = 0; k < s->tables.n; k++)
        for (size_t i = 0; i < s->tables.v[k]->fks.n; i++) {
            struct schema_fk *fk = &s->tables.v[k]->fks.v[i];
            if (name_eq(fk->ref_table, t->name) && name_eq(fk->ref_schema, t->schema)) {
                fk->ref_table = name;
                fk->ref_schema = schema;
            }
        }
    table_index(s, t, false);
    t->schema = schema;
    t->name = name;
    table_index(s, t, true);
}

static void create_index(struct schema *s, struct schema_table *t, const struct sql_op *op,
                         struct schema_loc at)
{
    struct arena *a = &s->arena;
    struct schema_table *owner;
    if (op->name && find_index(s, t->schema, op->name, &owner) && op->if_exists)
        return;
    struct schema_index ix = {
        .name = op->name ? sdup(a, op->name) : default_name(a, t->name, op->cols, op->ncols, "idx"),
        .cols = strv_dup(a, op->cols, op->ncols),
        .ncols = op->ncols,
        .unique = op->unique,
        .btree = op->btree,
        .pred = op->pred,
        .pred_cols = strv_dup(a, op->pred_cols, op->npred_cols),
        .npred_cols = op->npred_cols,
        .origin = SCHEMA_INDEX_PLAIN,
        .def = at,
    };
    index_push(s, t, ix);
    update_coverage(t, at, NULL);
}

static void drop_index(struct schema *s, const struct sql_op *op, struct schema_loc at)
{
    struct schema_table *t = NULL;
    struct schema_index *ix = find_index(s, op->rel.schema, op->rel.name, &t);
    /* the index of a PRIMARY KEY or UNIQUE constraint cannot be dropped on its own */
    if (!ix || ix->origin != SCHEMA_INDEX_PLAIN)
        return;
    const char *removed = ix->name;
    index_remove(s, t, (size_t)(ix - t->indexes.v));
    update_coverage(t, at, removed);
}

static void apply_op(struct schema *s, size_t file, const struct sql_op *op)
{
    struct schema_loc at = {file, op->start, op->end};
    struct schema_table *t = NULL;
    /* policies, functions, grants, views and what loses data: schema_objects.c */
    if (op->kind > SQL_OP_DROP_SCHEMA) {
        schema_objects_apply(s, op, at);
        return;
    }
    schema_objects_note(s, op, at);
    if (op->kind == SQL_OP_DROP_SCHEMA) {
        /* DROP SCHEMA ... CASCADE takes its tables along (without CASCADE it fails unless
         * the schema is empty) */
        for (size_t i = s->tables.n; i-- > 0;)
            if (name_eq(s->tables.v[i]->schema, op->rel.name))
                drop_table_at(s, i);
        return;
    }
    if (op->kind != SQL_OP_CREATE_TABLE && op->kind != SQL_OP_DROP_INDEX &&
        op->kind != SQL_OP_RENAME_INDEX) {
        t = find_q(s, &op->rel);
        if (!t)
            return; /* a table this set never creates: nothing known about it */
    }
    switch (op->kind) {
    case SQL_OP_CREATE_TABLE:
        create_table(s, op, at);
        break;
    case SQL_OP_DROP_TABLE:
        for (size_t i = 0; i < s->tables.n; i++)
            if (s->tables.v[i] == t) {
                drop_table_at(s, i);
                break;
            }
        break;
    case SQL_OP_ADD_COLUMN:
        /* Postgres refuses a 1,601st column (MaxHeapAttributeNumber): past that the migration
         * fails, and the linear duplicate test must not turn 100,000 ADD COLUMNs quadratic */
        for (size_t i = 0; i < op->ncols && t->cols.n < PG_MAX_COLUMNS; i++)
            if (!has_col(t->cols.v, t->cols.n, op->cols[i]))
                VEC_PUSH(t->cols, sdup(&s->arena, op->cols[i]));
        add_constraints(s, t, op, at);
        break;
    case SQL_OP_ADD_CONSTRAINT:
        add_constraints(s, t, op, at);
        break;
    case SQL_OP_DROP_COLUMN:
        drop_column(s, t, op->name, at);
        break;
    case SQL_OP_DROP_CONSTRAINT:
        drop_constraint(s, t, op->name, at);
        break;
    case SQL_OP_RENAME_TABLE:
        if (op->new_name)
            move_table(s, t, t->schema, op->new_name);
        break;
    case SQL_OP_SET_SCHEMA:
        if (op->new_name)
            move_table(s, t, op->new_name, t->name);
        break;
    case SQL_OP_RENAME_COLUMN:
        if (op->name && op->new_name)
            rename_column(s, t, op->name, op->new_name);
        break;
    case SQL_OP_RENAME_CONSTRAINT:
        if (!op->name || !op->new_name)
            break;
        for (size_t i = 0; i < t->fks.n; i++)
            if (name_eq(t->fks.v[i].name, op->name))
                t->fks.v[i].name = sdup(&s->arena, op->new_name);
        for (size_t i = 0; i < t->indexes.n; i++)
            if (name_eq(t->indexes.v[i].name, op->name))
                index_rename(s, t, &t->indexes.v[i], op->new_name);
        break;
    case SQL_OP_RENAME_INDEX: {
        struct schema_index *ix = find_index(s, op->rel.schema, op->rel.name, &t);
        if (ix && op->new_name)
            index_rename(s, t, ix, op->new_name);
        break;
    }
    case SQL_OP_CREATE_INDEX:
        create_index(s, t, op, at);
        break;
    case SQL_OP_DROP_INDEX:
        drop_index(s, op, at);
        break;
    case SQL_OP_RLS_ENABLE:
        t->rls = true;
        t->rls_disabled = false;
        break;
    case SQL_OP_RLS_DISABLE:
        t->rls = false;
        t->rls_disabled = true;
        t->rls_disabled_at = at;
        break;
    case SQL_OP_RLS_FORCE:
        t->rls_forced = true;
        break;
    case SQL_OP_RLS_NO_FORCE:
        t->rls_forced = false;
        break;
    default:
        break; /* DROP SCHEMA: done above; the others: schema_objects.c */
    }
}

void schema_apply(struct schema *s, size_t file, const struct sql_op *ops, size_t nops)
{
    for (size_t i = 0; i < nops; i++)
        apply_op(s, file, &ops[i]);
}

/* Names ------------------------------------------------------------------------------------- */

static void append_ident(struct strbuf *sb, const char *id)
{
    /* a psql variable (:APP_SCHEMA) is written as the migration wrote it */
    if (*id == ':') {
        strbuf_addstr(sb, id);
        return;
    }
    bool plain = *id && !(*id >= '0' && *id <= '9');
    for (const char *p = id; plain && *p; p++)
        plain = (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_';
    if (plain) {
        strbuf_addstr(sb, id);
        return;
    }
    strbuf_addch(sb, '"');
    for (const char *p = id; *p; p++) {
        if (*p == '"')
            strbuf_addch(sb, '"');
        strbuf_addch(sb, *p);
    }
    strbuf_addch(sb, '"');
}

void schema_append_name(struct strbuf *sb, const char *schema, const char *name)
{
    if (schema && strcmp(schema, DEFAULT_SCHEMA) != 0) {
        append_ident(sb, schema);
        strbuf_addch(sb, '.');
    }
    append_ident(sb, name ? name : "?");
}

/* Migration sets -------------------------------------------------------------------------------- */

char *schema_set_key(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return xstrdup(".");
    /* the last directory component named "migrations" */
    const char *key_end = NULL;
    for (const char *p = path; p < slash; ) {
        const char *e = strchr(p, '/');
        if ((size_t)(e - p) == strlen("migrations") && memcmp(p, "migrations", (size_t)(e - p)) == 0)
            key_end = e;
        p = e + 1;
    }
    return xstrndup(path, (size_t)((key_end ? key_end : slash) - path));
}

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

void schema_apply_facts(struct schema *s, size_t file, const struct schema_facts *facts)
{
    struct schema_facts_reader r;
    schema_facts_reader_init(&r, facts);
    for (const struct sql_op *op; (op = schema_facts_next(&r));)
        apply_op(s, file, op);
    schema_facts_reader_release(&r);
}

/* Does path have a directory component named dir? */
static bool path_has_dir(const char *path, const char *dir)
{
    size_t n = strlen(dir);
    for (const char *p = path; (p = strstr(p, dir)); p += n)
        if ((p == path || p[-1] == '/') && p[n] == '/')
            return true;
    return false;
}

/* The project pass ---------------------------------------------------------------------------- */

struct set_member {
    char *key;
    size_t file;
};

/* By set, then by path (the project's files are sorted by path: file order is path order). */
static int member_cmp(const void *a, const void *b)
{
    const struct set_member *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    return c ? c : (x->file > y->file) - (x->file < y->file);
}

/* By first file: sets are reported in the order of their first path. */
static int set_cmp(const void *a, const void *b)
{
    const struct set_member *const *x = a, *const *y = b;
    return ((*x)->file > (*y)->file) - ((*x)->file < (*y)->file);
}

/* true when the comma-separated list has the revision rev. */
static bool revision_listed(const char *list, const char *rev)
{
    size_t n = strlen(rev);
    for (const char *p = list; n && *p;) {
        const char *e = strchr(p, ',');
        size_t k = e ? (size_t)(e - p) : strlen(p);
        if (k == n && memcmp(p, rev, n) == 0)
            return true;
        p += k + (e != NULL);
    }
    return false;
}

/* Alembic's revisions name their parents, their paths say nothing of the order: a file goes
 * after every file of the set it names as a parent (the first such file in path order
 * otherwise; a cycle is broken at the first file left). */
static void order_revisions(struct check_project *p, struct set_member *v, size_t n)
{
    bool any = false;
    for (size_t i = 0; i < n && !any; i++)
        any = project_file_schema(p, v[i].file)->revision != NULL;
    if (!any || n < 2)
        return;
    struct set_member *out = xcalloc(n, sizeof(*out));
    bool *placed = xcalloc(n, sizeof(*placed));
    for (size_t k = 0; k < n; k++) {
        size_t pick = n;
        for (size_t i = 0; i < n && pick == n; i++) {
            if (placed[i])
                continue;
            const char *down = project_file_schema(p, v[i].file)->down_revision;
            bool ready = true;
            for (size_t j = 0; j < n && ready && down && *down; j++) {
                const char *rev = project_file_schema(p, v[j].file)->revision;
                ready = placed[j] || j == i || !rev || !revision_listed(down, rev);
            }
            if (ready)
                pick = i;
        }
        for (size_t i = 0; i < n && pick == n; i++)
            if (!placed[i])
                pick = i;
        placed[pick] = true;
        out[k] = v[pick];
    }
    memcpy(v, out, n * sizeof(*v));
    free(out);
    free(placed);
}

void schema_replay_project(struct check_project *p, schema_set_fn fn, void *data)
{
    size_t n = project_file_count(p), m = 0, nsets = 0;
    struct set_member *members = xcalloc(n ? n : 1, sizeof(*members));
    for (size_t i = 0; i < n; i++)
        if (project_file_schema(p, i))
            members[m++] = (struct set_member){schema_set_key(project_file_path(p, i)), i};
    qsort(members, m, sizeof(*members), member_cmp);
    struct set_member **sets = xcalloc(m ? m : 1, sizeof(*sets));
    for (size_t i = 0; i < m; i++)
        if (i == 0 || strcmp(members[i].key, members[i - 1].key) != 0)
            sets[nsets++] = &members[i];
    qsort(sets, nsets, sizeof(*sets), set_cmp);

    for (size_t i = 0; i < nsets; i++) {
        struct set_member *first = sets[i], *end = first;
        while (end < members + m && strcmp(end->key, first->key) == 0)
            end++;
        order_revisions(p, first, (size_t)(end - first));
        struct schema *s = schema_new();
        s->set = first->key;
        /* what the set is written for decides how it replays: a Supabase project's set is
         * Postgres even when a stray MySQL or SQLite statement sits in it */
        bool other = false;
        for (const struct set_member *f = first; f < end; f++) {
            const struct schema_facts *facts = project_file_schema(p, f->file);
            other |= facts->other_dialect;
            s->alembic |= facts->revision != NULL;
            s->supabase |= facts->supabase_marks ||
                           path_has_dir(project_file_path(p, f->file), "supabase");
        }
        s->other_dialect = other && !s->supabase;
        for (const struct set_member *f = first; f < end; f++) {
            schema_apply_facts(s, f->file, project_file_schema(p, f->file));
        }
        fn(p, s, data);
        schema_free(s);
    }
    for (size_t i = 0; i < m; i++)
        free(members[i].key);
    free(members);
    free(sets);
}
