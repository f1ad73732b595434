/* schema.c — replays the schema operations of a migration set (see schema.h): tables, their
 * keys and indexes, and row level security, with where each came from (their lookups by name
 * are in schema_lookup.c). */
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

/* The model ----------------------------------------------------------------------------------- */

struct schema *schema_new(void)
{
    struct schema *s = xcalloc(1, sizeof(*s));
    arena_init(&s->arena);
    s->lookup = schema_lookup_new();
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
    schema_lookup_free(s->lookup);
    schema_objects_release(s);
    arena_release(&s->arena);
    free(s);
}

struct schema_table *schema_table_find(const struct schema *s, const char *schema,
                                       const char *name)
{
    return schema_lookup_table(s, schema ? schema : DEFAULT_SCHEMA, name);
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
    struct schema_table *t = schema_lookup_index_owner(s, schema ? schema : DEFAULT_SCHEMA, name);
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
    schema_index_push(s, t, ix);
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
    schema_table_reindex(s, t, false);
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
    schema_lookup_add_table(s, t);
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
            schema_index_remove(s, t, i);
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
            schema_index_remove(s, t, i);
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
    schema_table_reindex(s, t, false);
    t->schema = schema;
    t->name = name;
    schema_table_reindex(s, t, true);
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
    schema_index_push(s, t, ix);
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
    schema_index_remove(s, t, (size_t)(ix - t->indexes.v));
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
                schema_index_rename(s, t, &t->indexes.v[i], sdup(&s->arena, op->new_name));
        break;
    case SQL_OP_RENAME_INDEX: {
        struct schema_index *ix = find_index(s, op->rel.schema, op->rel.name, &t);
        if (ix && op->new_name)
            schema_index_rename(s, t, ix, sdup(&s->arena, op->new_name));
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

void schema_apply_facts(struct schema *s, size_t file, const struct schema_facts *facts)
{
    struct schema_facts_reader r;
    schema_facts_reader_init(&r, facts);
    for (const struct sql_op *op; (op = schema_facts_next(&r));)
        apply_op(s, file, op);
    schema_facts_reader_release(&r);
}
