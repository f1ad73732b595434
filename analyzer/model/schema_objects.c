/* schema_objects.c — the parts of the schema model the security and data-loss checks read:
 * row level security policies, functions and who may execute them, views and who may select
 * from them, and the statements that lose data (see schema.h). */
#include <stdlib.h>
#include <string.h>

#include "schema_p.h"

/* A column added by the file being replayed: it holds no data yet. */
struct added_col {
    const char *schema, *table, *col;
};

/* ALTER DEFAULT PRIVILEGES, in order: what new functions (or relations) get. */
struct default_acl {
    const char *schema;      /* NULL: every schema */
    bool function;
    bool grant;
    unsigned roles;
};

struct schema_objects {
    VEC(struct added_col) added; /* of file added_file */
    size_t added_file;
    VEC(struct default_acl) defaults;
};

static const char *sdup(struct schema *s, const char *v)
{
    return v ? arena_strndup(&s->arena, v, strlen(v)) : NULL;
}

static bool eq(const char *a, const char *b)
{
    return a && b && strcmp(a, b) == 0;
}

static const char *schema_or_public(const char *schema)
{
    return schema ? schema : "public";
}

static struct schema_objects *objects(struct schema *s)
{
    if (!s->objects)
        s->objects = xcalloc(1, sizeof(*s->objects));
    return s->objects;
}

void schema_objects_release(struct schema *s)
{
    for (size_t i = 0; i < s->views.n; i++)
        free(s->views.v[i].refs);
    VEC_FREE(s->functions);
    VEC_FREE(s->views);
    VEC_FREE(s->losses);
    if (s->objects) {
        VEC_FREE(s->objects->added);
        VEC_FREE(s->objects->defaults);
        free(s->objects);
    }
}

static unsigned role_bit(const char *role)
{
    if (eq(role, "public"))
        return SCHEMA_ROLE_PUBLIC;
    if (eq(role, "anon"))
        return SCHEMA_ROLE_ANON;
    if (eq(role, "authenticated"))
        return SCHEMA_ROLE_AUTHENTICATED;
    if (eq(role, "service_role"))
        return SCHEMA_ROLE_SERVICE;
    return SCHEMA_ROLE_OTHER;
}

static unsigned role_mask(const struct sql_op *op)
{
    unsigned m = 0;
    for (size_t i = 0; i < op->nroles; i++)
        m |= role_bit(op->roles[i]);
    return m;
}

/* What a new function or view in schema gets: PUBLIC may execute every function (Postgres),
 * and a Supabase project's default privileges grant functions and relations in public to
 * anon, authenticated and service_role; then the set's own ALTER DEFAULT PRIVILEGES. */
static unsigned default_roles(struct schema *s, const char *schema, bool function)
{
    unsigned m = function ? SCHEMA_ROLE_PUBLIC : 0;
    if (s->supabase && eq(schema, "public"))
        m |= SCHEMA_ROLE_ANON | SCHEMA_ROLE_AUTHENTICATED | SCHEMA_ROLE_SERVICE;
    const struct schema_objects *o = objects(s);
    for (size_t i = 0; i < o->defaults.n; i++) {
        const struct default_acl *d = &o->defaults.v[i];
        if (d->function != function || (d->schema && !eq(d->schema, schema)))
            continue;
        m = d->grant ? m | d->roles : m & ~d->roles;
    }
    return m;
}

/* Names -------------------------------------------------------------------------------------- */

static const char *sql_type_spelling(const char *t, size_t n)
{
    static const char *const names[][2] = {
        {"int2", "smallint"}, {"int4", "integer"}, {"int8", "bigint"}, {"bool", "boolean"},
        {"float4", "real"}, {"float8", "double precision"}, {"bpchar", "char"},
    };
    for (size_t i = 0; i < ARRAY_SIZE(names); i++)
        if (strlen(names[i][0]) == n && memcmp(t, names[i][0], n) == 0)
            return names[i][1];
    return NULL;
}

void schema_append_function(struct strbuf *sb, const struct schema_function *fn)
{
    schema_append_name(sb, fn->schema, fn->name);
    strbuf_addch(sb, '(');
    for (const char *p = fn->args; *p;) {
        size_t n = strcspn(p, ",[");
        const char *spelled = sql_type_spelling(p, n);
        if (spelled)
            strbuf_addstr(sb, spelled);
        else
            strbuf_add(sb, p, n);
        p += n;
        for (; *p && *p != ','; p++)
            strbuf_addch(sb, *p); /* [] */
        if (*p == ',') {
            strbuf_addstr(sb, ", ");
            p++;
        }
    }
    strbuf_addch(sb, ')');
}

/* Losses -------------------------------------------------------------------------------------- */

static bool added_here(struct schema *s, const struct schema_table *t, const char *col,
                       size_t file)
{
    struct schema_objects *o = objects(s);
    if (o->added_file != file)
        return false;
    for (size_t i = 0; i < o->added.n; i++)
        if (eq(o->added.v[i].col, col) && eq(o->added.v[i].table, t->name) &&
            eq(o->added.v[i].schema, t->schema))
            return true;
    return false;
}

static void note_added(struct schema *s, const struct schema_table *t, const char *col,
                       size_t file)
{
    struct schema_objects *o = objects(s);
    if (o->added_file != file) {
        o->added.n = 0;
        o->added_file = file;
    }
    VEC_PUSH(o->added, ((struct added_col){t->schema, t->name, sdup(s, col)}));
}

static void lose(struct schema *s, enum sql_op_kind kind, const struct schema_table *t,
                 const char *column, const char *type, struct schema_loc at)
{
    struct schema_loss l = {
        .kind = kind, .schema = t->schema, .table = t->name, .column = sdup(s, column),
        .type = sdup(s, type), .at = at,
    };
    VEC_PUSH(s->losses, l);
}

/* A later CREATE TABLE or ADD COLUMN of the same name restores what a drop removed. */
static void restore(struct schema *s, enum sql_op_kind kind, const char *schema,
                    const char *table, const char *column)
{
    for (size_t i = 0; i < s->losses.n; i++) {
        struct schema_loss *l = &s->losses.v[i];
        if (l->kind == kind && eq(l->table, table) && eq(l->schema, schema) &&
            (!column || eq(l->column, column)))
            l->restored = true;
    }
}

static bool has_column(const struct schema_table *t, const char *col)
{
    for (size_t i = 0; i < t->cols.n; i++)
        if (eq(t->cols.v[i], col))
            return true;
    return false;
}

static void drop_schema_objects(struct schema *s, const char *schema)
{
    for (size_t i = 0; i < s->functions.n;)
        if (eq(s->functions.v[i].schema, schema))
            s->functions.v[i] = s->functions.v[--s->functions.n];
        else
            i++;
    for (size_t i = 0; i < s->views.n;)
        if (eq(s->views.v[i].schema, schema)) {
            free(s->views.v[i].refs);
            s->views.v[i] = s->views.v[--s->views.n];
        } else {
            i++;
        }
}

void schema_objects_note(struct schema *s, const struct sql_op *op, struct schema_loc at)
{
    if (op->kind == SQL_OP_DROP_SCHEMA) {
        drop_schema_objects(s, op->rel.name);
        return;
    }
    struct schema_table *t =
        op->rel.name ? schema_table_find(s, op->rel.schema, op->rel.name) : NULL;
    switch (op->kind) {
    case SQL_OP_CREATE_TABLE:
        if (!op->temp && op->rel.name)
            restore(s, SQL_OP_DROP_TABLE, schema_or_public(op->rel.schema), op->rel.name, NULL);
        break;
    case SQL_OP_RENAME_TABLE:
        /* Prisma's redefine on SQLite: copy into new_T, drop T, rename new_T to T */
        if (op->new_name)
            restore(s, SQL_OP_DROP_TABLE, schema_or_public(op->rel.schema), op->new_name, NULL);
        break;
    case SQL_OP_DROP_TABLE:
        if (t && t->created.file != at.file)
            lose(s, SQL_OP_DROP_TABLE, t, NULL, NULL, at);
        break;
    case SQL_OP_ADD_COLUMN:
        for (size_t i = 0; t && i < op->ncols; i++) {
            restore(s, SQL_OP_DROP_COLUMN, t->schema, t->name, op->cols[i]);
            if (!has_column(t, op->cols[i]))
                note_added(s, t, op->cols[i], at.file);
        }
        break;
    case SQL_OP_DROP_COLUMN:
        if (t && op->name && t->created.file != at.file && has_column(t, op->name) &&
            !added_here(s, t, op->name, at.file))
            lose(s, SQL_OP_DROP_COLUMN, t, op->name, NULL, at);
        break;
    default:
        break;
    }
}

/* A type change that keeps the data as it is (to text or varchar): no rewrite, no loss. */
static bool keeps_data(const char *type)
{
    static const char *const types[] = {"text", "varchar", "citext", NULL};
    for (const char *const *p = types; type && *p; p++)
        if (strcmp(type, *p) == 0)
            return true;
    return false;
}

static void apply_loss(struct schema *s, const struct sql_op *op, struct schema_loc at)
{
    struct schema_table *t =
        op->rel.name ? schema_table_find(s, op->rel.schema, op->rel.name) : NULL;
    /* a table this file made holds no data yet; one the set never makes is unknown */
    if (!t || t->created.file == at.file)
        return;
    const char *col = NULL;
    switch (op->kind) {
    case SQL_OP_ALTER_COLUMN_TYPE:
        if (!op->name || keeps_data(op->new_name) || !has_column(t, op->name) ||
            added_here(s, t, op->name, at.file))
            return;
        col = op->name;
        break;
    case SQL_OP_UPDATE_ALL:
        /* a backfill of columns this file added overwrites nothing */
        for (size_t i = 0; !col && i < op->ncols; i++)
            if (!added_here(s, t, op->cols[i], at.file))
                col = op->cols[i];
        if (!col)
            return;
        break;
    default:
        break;
    }
    lose(s, op->kind, t, col, op->kind == SQL_OP_ALTER_COLUMN_TYPE ? op->new_name : NULL, at);
}

/* Policies ------------------------------------------------------------------------------------ */

static struct schema_policy *find_policy(struct schema_table *t, const char *name, size_t *at)
{
    for (size_t i = 0; i < t->policies.n; i++)
        if (eq(t->policies.v[i].name, name)) {
            if (at)
                *at = i;
            return &t->policies.v[i];
        }
    return NULL;
}

static void apply_policy(struct schema *s, const struct sql_op *op, struct schema_loc at)
{
    struct schema_table *t =
        op->rel.name ? schema_table_find(s, op->rel.schema, op->rel.name) : NULL;
    if (!t || !op->name)
        return;
    size_t i;
    struct schema_policy *p = find_policy(t, op->name, &i);
    if (op->kind == SQL_OP_DROP_POLICY) {
        if (p) {
            memmove(p, p + 1, (t->policies.n - i - 1) * sizeof(*p));
            t->policies.n--;
        }
        return;
    }
    unsigned roles = op->flags & SQL_POLICY_HAS_ROLES ? role_mask(op) : SCHEMA_ROLE_PUBLIC;
    if (op->kind == SQL_OP_CREATE_POLICY) {
        /* a second CREATE of the name fails in Postgres; the later one is taken */
        struct schema_policy np = {sdup(s, op->name), op->flags, roles, at};
        if (p)
            *p = np;
        else
            VEC_PUSH(t->policies, np);
        return;
    }
    if (!p)
        return;
    /* ALTER POLICY: what it says replaces what was */
    const uint32_t using = SQL_POLICY_HAS_USING | SQL_POLICY_USING_TRUE;
    const uint32_t check = SQL_POLICY_HAS_CHECK | SQL_POLICY_CHECK_TRUE;
    if (op->flags & SQL_POLICY_HAS_USING)
        p->flags = (p->flags & ~using) | (op->flags & using);
    if (op->flags & SQL_POLICY_HAS_CHECK)
        p->flags = (p->flags & ~check) | (op->flags & check);
    if (op->flags & (SQL_POLICY_HAS_USING | SQL_POLICY_HAS_CHECK))
        p->flags = (p->flags & ~(uint32_t)SQL_POLICY_USER_METADATA) |
                   (op->flags & SQL_POLICY_USER_METADATA);
    if (op->flags & SQL_POLICY_HAS_ROLES)
        p->roles = roles;
}

/* Functions ----------------------------------------------------------------------------------- */

/* Does f match the name and, when given, the argument types? */
static bool function_is(const struct schema_function *f, const struct sql_op *op)
{
    return eq(f->name, op->rel.name) && eq(f->schema, schema_or_public(op->rel.schema)) &&
           (!op->name || eq(f->args, op->name));
}

static void apply_function(struct schema *s, const struct sql_op *op, struct schema_loc at)
{
    if (!op->rel.name)
        return;
    if (op->kind == SQL_OP_CREATE_FUNCTION) {
        for (size_t i = 0; i < s->functions.n; i++) {
            struct schema_function *f = &s->functions.v[i];
            if (function_is(f, op)) {
                /* CREATE OR REPLACE keeps the privileges and takes the new definition */
                f->flags = op->flags;
                f->def = at;
                return;
            }
        }
        const char *schema = sdup(s, schema_or_public(op->rel.schema));
        struct schema_function f = {
            .schema = schema, .name = sdup(s, op->rel.name), .args = sdup(s, op->name ? op->name : ""),
            .flags = op->flags, .execute = default_roles(s, schema, true), .def = at,
        };
        VEC_PUSH(s->functions, f);
        return;
    }
    for (size_t i = 0; i < s->functions.n;) {
        struct schema_function *f = &s->functions.v[i];
        if (!function_is(f, op)) {
            i++;
            continue;
        }
        if (op->kind == SQL_OP_DROP_FUNCTION) {
            memmove(f, f + 1, (s->functions.n - i - 1) * sizeof(*f));
            s->functions.n--;
            continue;
        }
        if (op->flags & SQL_FN_DEFINER)
            f->flags |= SQL_FN_DEFINER;
        if (op->flags & SQL_FN_INVOKER)
            f->flags &= ~(uint32_t)SQL_FN_DEFINER;
        if (op->flags & SQL_FN_RESET_PATH)
            f->flags &= ~(uint32_t)SQL_FN_SEARCH_PATH;
        if (op->flags & SQL_FN_SEARCH_PATH)
            f->flags |= SQL_FN_SEARCH_PATH;
        i++;
    }
}

/* Grants -------------------------------------------------------------------------------------- */

static void set_roles(unsigned *m, bool grant, unsigned roles)
{
    *m = grant ? *m | roles : *m & ~roles;
}

static void apply_grant(struct schema *s, const struct sql_op *op)
{
    if (!(op->flags & SQL_GRANT_USE))
        return;
    bool grant = op->kind == SQL_OP_GRANT, fn = op->flags & SQL_GRANT_FUNCTION;
    unsigned roles = role_mask(op);
    if (op->flags & SQL_GRANT_DEFAULTS) {
        struct default_acl d = {sdup(s, op->rel.schema), fn, grant, roles};
        VEC_PUSH(objects(s)->defaults, d);
        return;
    }
    bool all = op->flags & SQL_GRANT_ALL_IN_SCHEMA;
    const char *schema = schema_or_public(op->rel.schema);
    if (fn) {
        for (size_t i = 0; i < s->functions.n; i++) {
            struct schema_function *f = &s->functions.v[i];
            if (all ? eq(f->schema, schema) : function_is(f, op))
                set_roles(&f->execute, grant, roles);
        }
        return;
    }
    for (size_t i = 0; i < s->views.n; i++) {
        struct schema_view *v = &s->views.v[i];
        if (eq(v->schema, schema) && (all || eq(v->name, op->rel.name)))
            set_roles(&v->select, grant, roles);
    }
}

/* Views --------------------------------------------------------------------------------------- */

static struct schema_view *find_view(struct schema *s, const struct sql_qname *q, size_t *at)
{
    for (size_t i = 0; q->name && i < s->views.n; i++)
        if (eq(s->views.v[i].name, q->name) &&
            eq(s->views.v[i].schema, schema_or_public(q->schema))) {
            *at = i;
            return &s->views.v[i];
        }
    return NULL;
}

static void apply_view(struct schema *s, const struct sql_op *op, struct schema_loc at)
{
    size_t i;
    struct schema_view *v = find_view(s, &op->rel, &i);
    if (op->kind == SQL_OP_DROP_VIEW) {
        if (v) {
            free(v->refs);
            memmove(v, v + 1, (s->views.n - i - 1) * sizeof(*v));
            s->views.n--;
        }
        return;
    }
    if (op->kind == SQL_OP_ALTER_VIEW) {
        if (v && (op->flags & SQL_VIEW_HAS_INVOKER))
            v->invoker = op->flags & SQL_VIEW_INVOKER;
        return;
    }
    if (!op->rel.name)
        return;
    const char **refs = xmalloc((2 * op->nrefs + 1) * sizeof(*refs));
    for (size_t k = 0; k < 2 * op->nrefs; k++)
        refs[k] = sdup(s, op->refs[k]);
    if (v) {
        /* CREATE OR REPLACE VIEW keeps the privileges; its options are the new ones */
        free(v->refs);
    } else {
        const char *schema = sdup(s, schema_or_public(op->rel.schema));
        struct schema_view nv = {.schema = schema, .name = sdup(s, op->rel.name),
                                 .select = default_roles(s, schema, false)};
        VEC_PUSH(s->views, nv);
        v = &s->views.v[s->views.n - 1];
    }
    v->invoker = op->flags & SQL_VIEW_INVOKER;
    v->refs = refs;
    v->nrefs = op->nrefs;
    v->def = at;
}

void schema_objects_apply(struct schema *s, const struct sql_op *op, struct schema_loc at)
{
    switch (op->kind) {
    case SQL_OP_CREATE_POLICY:
    case SQL_OP_ALTER_POLICY:
    case SQL_OP_DROP_POLICY:
        apply_policy(s, op, at);
        break;
    case SQL_OP_CREATE_FUNCTION:
    case SQL_OP_ALTER_FUNCTION:
    case SQL_OP_DROP_FUNCTION:
        apply_function(s, op, at);
        break;
    case SQL_OP_GRANT:
    case SQL_OP_REVOKE:
        apply_grant(s, op);
        break;
    case SQL_OP_CREATE_VIEW:
    case SQL_OP_ALTER_VIEW:
    case SQL_OP_DROP_VIEW:
        apply_view(s, op, at);
        break;
    case SQL_OP_TRUNCATE:
    case SQL_OP_ALTER_COLUMN_TYPE:
    case SQL_OP_DELETE_ALL:
    case SQL_OP_UPDATE_ALL:
        apply_loss(s, op, at);
        break;
    default:
        break;
    }
}
