/* sql_tables.c — the operations the schema model reads from libpg_query's JSON: tables, their
 * columns and keys, indexes, drops, renames and schema moves; pg_extract hands every other
 * statement kind to sql_objects.c (see sql.h, sql_p.h). */
#include <string.h>

#include "pgjson.h"
#include "sql_p.h"
#include "base/util.h"

/* libpg_query's JSON (pgjson.h) ---------------------------------------------------------- */

/* The sval of a {"String": {"sval": ...}} node (a value, still encoded). */
const char *jsval(const struct jdoc *d, const char *node)
{
    return jget(d, jget(d, node, "String"), "sval");
}

/* The svals of a list of String nodes, decoded into the arena. */
const char **jstrings(const struct jdoc *d, struct arena *a, const char *list,
                             size_t *n)
{
    size_t count = jarr_count(d, list), k = 0;
    const char **v = sql_strv_new(a, count);
    JARR_EACH(d, it, list) {
        const char *s = jv_str(a, jsval(d, it));
        if (s && k < count)
            v[k++] = s;
    }
    *n = k;
    return v;
}

/* A RangeVar as a qualified name; *temp (when given) says whether it is a temporary table. */
struct sql_qname jrangevar(const struct jdoc *d, struct arena *a, const char *rv,
                                  bool *temp)
{
    const char *schema, *rel, *persistence;
    JFIELDS(d, rv, {"schemaname", &schema}, {"relname", &rel}, {"relpersistence", &persistence});
    if (temp)
        *temp = jv_eq(persistence, "t");
    return (struct sql_qname){jv_str(a, schema), jv_str(a, rel)};
}

/* A dotted name from a list of Strings: [schema,] name. */
struct sql_qname jdotted(const struct jdoc *d, struct arena *a, const char *list)
{
    size_t n;
    const char **v = jstrings(d, a, list, &n);
    if (n == 0)
        return (struct sql_qname){NULL, NULL};
    return (struct sql_qname){n >= 2 ? v[n - 2] : NULL, v[n - 1]};
}

/* Where a node whose "location" is loc starts (the statement start when it has none). */
uint32_t pg_at(const struct pg_ctx *c, const char *loc)
{
    int l = jv_int(loc, -1);
    uint32_t at = l >= 0 ? c->base + (uint32_t)l : c->start;
    return at < c->start || at > c->end ? c->start : at;
}

/* A Constraint node as a sql_cons, or false when it is not a key constraint we model.
 * column is the column of a column-level constraint (whose position is at), else NULL (the
 * constraint's own location counts). */
static bool pg_constraint(const struct pg_ctx *c, const char *con, const char *column,
                          uint32_t at, struct sql_cons *out)
{
    const struct jdoc *d = c->d;
    struct arena *a = c->b->arena;
    const char *type, *conname, *keys, *fk_attrs, *pktable, *pk_attrs, *loc;
    JFIELDS(d, con, {"contype", &type}, {"conname", &conname}, {"keys", &keys},
            {"fk_attrs", &fk_attrs}, {"pktable", &pktable}, {"pk_attrs", &pk_attrs},
            {"location", &loc});
    if (!jv_isstr(type))
        return false;
    memset(out, 0, sizeof(*out));
    if (jv_eq(type, "CONSTR_PRIMARY"))
        out->type = SQL_CONS_PRIMARY;
    else if (jv_eq(type, "CONSTR_UNIQUE"))
        out->type = SQL_CONS_UNIQUE;
    else if (jv_eq(type, "CONSTR_FOREIGN"))
        out->type = SQL_CONS_FOREIGN;
    else
        return false;
    out->name = jv_str(a, conname);
    if (out->type == SQL_CONS_FOREIGN)
        keys = fk_attrs;
    if (column && !keys) {
        out->cols = sql_strv_new(a, 1);
        out->cols[0] = column;
        out->ncols = 1;
    } else {
        /* a constraint made from an existing index (USING INDEX) has no keys: the index
         * already stands in the model */
        out->cols = jstrings(d, a, keys, &out->ncols);
        if (out->ncols == 0)
            return false;
    }
    if (out->type == SQL_CONS_FOREIGN) {
        out->ref = jrangevar(d, a, pktable, NULL);
        out->ref_cols = jstrings(d, a, pk_attrs, &out->nref_cols);
    }
    out->start = column ? at : pg_at(c, loc);
    out->end = sql_line_end(c->b->src->text, out->start, c->end);
    return true;
}

/* The key constraints of a column (its ColumnDef's "constraints" list, the column written at
 * at), appended to cons. */
static void pg_column_constraints(const struct pg_ctx *c, const char *constraints,
                                  const char *column, uint32_t at, cons_vec *cons)
{
    const struct jdoc *d = c->d;
    JARR_EACH(d, it, constraints) {
        struct sql_cons k;
        if (pg_constraint(c, jget(d, it, "Constraint"), column, at, &k))
            VEC_PUSH(*cons, k);
    }
}

/* Column types Postgres does not have but MySQL, SQLite, SQL Server or Oracle DDL that happens to
 * parse as Postgres uses (Prisma writes DATETIME for SQLite and MySQL); type is a JSON value. */
static bool other_dialect_type(const char *type)
{
    static const char *const types[] = {
        "datetime", "datetime2", "smalldatetime", "tinyint", "mediumint", "tinytext",
        "mediumtext", "longtext", "tinyblob", "mediumblob", "longblob", "blob", "varchar2",
        "nvarchar2", "nvarchar", "ntext", "number", "clob", "nclob", "long", "uniqueidentifier",
    };
    for (size_t i = 0; jv_isstr(type) && i < ARRAY_SIZE(types); i++)
        if (jv_eq(type, types[i]))
            return true;
    return false;
}

static void pg_create_table(const struct pg_ctx *c, const char *st)
{
    const struct jdoc *d = c->d;
    struct arena *a = c->b->arena;
    const char *rv, *elts, *if_not_exists;
    JFIELDS(d, st, {"relation", &rv}, {"tableElts", &elts}, {"if_not_exists", &if_not_exists});
    struct sql_op op = {.kind = SQL_OP_CREATE_TABLE, .stmt = c->stmt, .start = c->start,
                        .end = sql_line_end(c->b->src->text, c->start, c->end)};
    op.rel = jrangevar(d, a, rv, &op.temp);
    op.if_exists = jv_true(if_not_exists);

    cons_vec cons = {0};
    size_t nelts = jarr_count(d, elts);
    op.cols = sql_strv_new(a, nelts);
    JARR_EACH(d, it, elts) {
        const char *col, *con;
        JFIELDS(d, it, {"ColumnDef", &col}, {"Constraint", &con});
        if (col) {
            const char *colname, *type, *constraints, *loc;
            JFIELDS(d, col, {"colname", &colname}, {"typeName", &type},
                    {"constraints", &constraints}, {"location", &loc});
            const char *name = jv_str(a, colname);
            if (!name || op.ncols >= nelts)
                continue;
            op.cols[op.ncols++] = name;
            const char *names = jget(d, type, "names"), *first = jarr_first(names);
            if (first && !jarr_next(d, first) && other_dialect_type(jsval(d, first)))
                c->b->other_dialect = true;
            pg_column_constraints(c, constraints, name, pg_at(c, loc), &cons);
        } else if (con) {
            struct sql_cons k;
            if (pg_constraint(c, con, NULL, 0, &k))
                VEC_PUSH(cons, k);
        }
    }
    OP_TAKE_CONS(&op, a, cons);
    VEC_PUSH(c->b->ops, op);
}

static void pg_alter_table(const struct pg_ctx *c, const char *st)
{
    const struct jdoc *d = c->d;
    struct arena *a = c->b->arena;
    const char *objtype, *relation, *cmds;
    JFIELDS(d, st, {"objtype", &objtype}, {"relation", &relation}, {"cmds", &cmds});
    if (jv_eq(objtype, "OBJECT_VIEW")) {
        sql_objects_alter_view(c, st);
        return;
    }
    if (jv_isstr(objtype) && !jv_eq(objtype, "OBJECT_TABLE"))
        return;
    struct sql_qname rel = jrangevar(d, a, relation, NULL);
    uint32_t first_end = sql_line_end(c->b->src->text, c->start, c->end);
    JARR_EACH(d, it, cmds) {
        const char *sub, *def, *name, *missing_ok;
        JFIELDS(d, jget(d, it, "AlterTableCmd"), {"subtype", &sub}, {"def", &def}, {"name", &name},
                {"missing_ok", &missing_ok});
        if (!jv_isstr(sub))
            continue;
        struct sql_op *o = NULL;
        const char *col = jv_eq(sub, "AT_AddColumn") ? jget(d, def, "ColumnDef") : NULL;
        const char *con = jv_eq(sub, "AT_AddConstraint") ? jget(d, def, "Constraint") : NULL;
        if (col) {
            const char *colname, *constraints, *loc;
            JFIELDS(d, col, {"colname", &colname}, {"constraints", &constraints},
                    {"location", &loc});
            const char *cname = jv_str(a, colname);
            if (!cname)
                continue;
            uint32_t at = pg_at(c, loc);
            cons_vec cons = {0};
            pg_column_constraints(c, constraints, cname, at, &cons);
            o = sql_op_push(c->b, SQL_OP_ADD_COLUMN, c->stmt, at,
                        sql_line_end(c->b->src->text, at, c->end));
            o->cols = sql_strv_new(a, 1);
            o->cols[0] = cname;
            o->ncols = 1;
            OP_TAKE_CONS(o, a, cons);
        } else if (con) {
            struct sql_cons k;
            if (!pg_constraint(c, con, NULL, 0, &k))
                continue;
            o = sql_op_push(c->b, SQL_OP_ADD_CONSTRAINT, c->stmt, k.start, k.end);
            o->cons = arena_alloc(a, sizeof(k));
            o->cons[0] = k;
            o->ncons = 1;
        } else if (jv_eq(sub, "AT_DropColumn") || jv_eq(sub, "AT_DropConstraint")) {
            o = sql_op_push(c->b, jv_eq(sub, "AT_DropColumn") ? SQL_OP_DROP_COLUMN
                                                          : SQL_OP_DROP_CONSTRAINT,
                        c->stmt, c->start, first_end);
            o->name = jv_str(a, name);
            o->if_exists = jv_true(missing_ok);
        } else if (jv_eq(sub, "AT_AlterColumnType")) {
            sql_objects_alter_type(c, rel, jget(d, it, "AlterTableCmd"));
        } else if (jv_eq(sub, "AT_EnableRowSecurity")) {
            o = sql_op_push(c->b, SQL_OP_RLS_ENABLE, c->stmt, c->start, first_end);
        } else if (jv_eq(sub, "AT_DisableRowSecurity")) {
            o = sql_op_push(c->b, SQL_OP_RLS_DISABLE, c->stmt, c->start, first_end);
        } else if (jv_eq(sub, "AT_ForceRowSecurity")) {
            o = sql_op_push(c->b, SQL_OP_RLS_FORCE, c->stmt, c->start, first_end);
        } else if (jv_eq(sub, "AT_NoForceRowSecurity")) {
            o = sql_op_push(c->b, SQL_OP_RLS_NO_FORCE, c->stmt, c->start, first_end);
        }
        if (o)
            o->rel = rel;
    }
}

/* A partial index's predicate: only "col IS NOT NULL" tests, ANDed, or something else. */
static void pg_index_pred(const struct jdoc *d, struct arena *a, const char *where,
                          struct sql_op *o)
{
    if (!where) {
        o->pred = SQL_PRED_NONE;
        return;
    }
    o->pred = SQL_PRED_OTHER;
    const char *single[1] = {where};
    const char *const *tests = single;
    size_t ntests = 1;
    const char *conj = jget(d, where, "BoolExpr");
    if (conj) {
        const char *boolop, *args;
        JFIELDS(d, conj, {"boolop", &boolop}, {"args", &args});
        if (!jv_eq(boolop, "AND_EXPR"))
            return;
        ntests = jarr_count(d, args);
        const char **list = arena_alloc(a, (ntests ? ntests : 1) * sizeof(*list));
        size_t k = 0;
        JARR_EACH(d, it, args)
            if (k < ntests)
                list[k++] = it;
        tests = list;
    }
    const char **cols = sql_strv_new(a, ntests);
    for (size_t i = 0; i < ntests; i++) {
        const char *type, *arg;
        JFIELDS(d, jget(d, tests[i], "NullTest"), {"nulltesttype", &type}, {"arg", &arg});
        if (!jv_eq(type, "IS_NOT_NULL"))
            return;
        const char *last = NULL;
        JARR_EACH(d, it, jget(d, jget(d, arg, "ColumnRef"), "fields"))
            last = it;
        const char *col = last ? jv_str(a, jsval(d, last)) : NULL;
        if (!col)
            return;
        cols[i] = col;
    }
    o->pred = SQL_PRED_NOT_NULL;
    o->pred_cols = cols;
    o->npred_cols = ntests;
}

static void pg_create_index(const struct pg_ctx *c, const char *st)
{
    const struct jdoc *d = c->d;
    struct arena *a = c->b->arena;
    const char *idxname, *relation, *method, *params, *where, *unique, *if_not_exists;
    JFIELDS(d, st, {"idxname", &idxname}, {"relation", &relation}, {"accessMethod", &method},
            {"indexParams", &params}, {"whereClause", &where}, {"unique", &unique},
            {"if_not_exists", &if_not_exists});
    struct sql_op *o = sql_op_push(c->b, SQL_OP_CREATE_INDEX, c->stmt, c->start,
                               sql_line_end(c->b->src->text, c->start, c->end));
    o->rel = jrangevar(d, a, relation, NULL);
    o->name = jv_str(a, idxname);
    o->unique = jv_true(unique);
    o->if_exists = jv_true(if_not_exists);
    o->btree = !jv_isstr(method) || jv_eq(method, "btree");
    size_t nparams = jarr_count(d, params);
    o->cols = sql_strv_new(a, nparams);
    JARR_EACH(d, it, params) {
        /* an expression column (lower(email)) is NULL: it never covers a foreign key */
        if (o->ncols < nparams)
            o->cols[o->ncols++] = jv_str(a, jget(d, jget(d, it, "IndexElem"), "name"));
    }
    pg_index_pred(d, a, where, o);
}

static void pg_drop(const struct pg_ctx *c, const char *st)
{
    const struct jdoc *d = c->d;
    const char *objects, *type, *missing_ok;
    JFIELDS(d, st, {"objects", &objects}, {"removeType", &type}, {"missing_ok", &missing_ok});
    if (sql_objects_drop(c, st))
        return;
    enum sql_op_kind kind;
    if (jv_eq(type, "OBJECT_TABLE"))
        kind = SQL_OP_DROP_TABLE;
    else if (jv_eq(type, "OBJECT_INDEX"))
        kind = SQL_OP_DROP_INDEX;
    else if (jv_eq(type, "OBJECT_SCHEMA"))
        kind = SQL_OP_DROP_SCHEMA;
    else
        return;
    uint32_t first_end = sql_line_end(c->b->src->text, c->start, c->end);
    JARR_EACH(d, it, objects) {
        /* a schema is a bare String; tables and indexes are dotted Lists */
        struct sql_qname name = kind == SQL_OP_DROP_SCHEMA
                                    ? (struct sql_qname){NULL, jv_str(c->b->arena, jsval(d, it))}
                                    : jdotted(d, c->b->arena, jget(d, jget(d, it, "List"), "items"));
        if (!name.name)
            continue;
        struct sql_op *o = sql_op_push(c->b, kind, c->stmt, c->start, first_end);
        o->rel = name;
        o->if_exists = jv_true(missing_ok);
    }
}

static void pg_rename(const struct pg_ctx *c, const char *st)
{
    const struct jdoc *d = c->d;
    struct arena *a = c->b->arena;
    const char *type, *reltype, *relation, *subname, *newname, *missing_ok;
    JFIELDS(d, st, {"renameType", &type}, {"relationType", &reltype}, {"relation", &relation},
            {"subname", &subname}, {"newname", &newname}, {"missing_ok", &missing_ok});
    enum sql_op_kind kind;
    if (jv_eq(type, "OBJECT_TABLE"))
        kind = SQL_OP_RENAME_TABLE;
    else if (jv_eq(type, "OBJECT_COLUMN"))
        kind = SQL_OP_RENAME_COLUMN;
    else if (jv_eq(type, "OBJECT_TABCONSTRAINT"))
        kind = SQL_OP_RENAME_CONSTRAINT;
    else if (jv_eq(type, "OBJECT_INDEX"))
        kind = SQL_OP_RENAME_INDEX;
    else
        return;
    if (kind == SQL_OP_RENAME_COLUMN && jv_isstr(reltype) && !jv_eq(reltype, "OBJECT_TABLE"))
        return; /* a view's or a type's column */
    struct sql_op *o = sql_op_push(c->b, kind, c->stmt, c->start,
                               sql_line_end(c->b->src->text, c->start, c->end));
    o->rel = jrangevar(d, a, relation, NULL);
    o->name = jv_str(a, subname);
    o->new_name = jv_str(a, newname);
    o->if_exists = jv_true(missing_ok);
}

static void pg_set_schema(const struct pg_ctx *c, const char *st)
{
    const struct jdoc *d = c->d;
    const char *type, *relation, *newschema;
    JFIELDS(d, st, {"objectType", &type}, {"relation", &relation}, {"newschema", &newschema});
    if (!jv_eq(type, "OBJECT_TABLE"))
        return;
    struct sql_op *o = sql_op_push(c->b, SQL_OP_SET_SCHEMA, c->stmt, c->start,
                               sql_line_end(c->b->src->text, c->start, c->end));
    o->rel = jrangevar(d, c->b->arena, relation, NULL);
    o->new_name = jv_str(c->b->arena, newschema);
}

static void pg_create_table_as(const struct pg_ctx *c, const char *st)
{
    const struct jdoc *d = c->d;
    const char *type, *into, *if_not_exists;
    JFIELDS(d, st, {"objtype", &type}, {"into", &into}, {"if_not_exists", &if_not_exists});
    if (!jv_eq(type, "OBJECT_TABLE"))
        return; /* a materialized view */
    struct sql_op *o = sql_op_push(c->b, SQL_OP_CREATE_TABLE, c->stmt, c->start,
                               sql_line_end(c->b->src->text, c->start, c->end));
    o->rel = jrangevar(d, c->b->arena, jget(d, into, "rel"), &o->temp);
    o->if_exists = jv_true(if_not_exists);
    o->cols = sql_strv_new(c->b->arena, 0);
}

/* Reads the schema changes of the statements in c->d. */
void pg_extract(const struct pg_ctx *c)
{
    const struct jdoc *d = c->d;
    JARR_EACH(d, it, jget(d, d->text, "stmts")) {
        const char *k;
        size_t n;
        const char *node = jfirst(d, jget(d, it, "stmt"), &k, &n);
        if (!node)
            continue;
        if (jkey_is(k, n, "CreateStmt"))
            pg_create_table(c, node);
        else if (jkey_is(k, n, "AlterTableStmt"))
            pg_alter_table(c, node);
        else if (jkey_is(k, n, "IndexStmt"))
            pg_create_index(c, node);
        else if (jkey_is(k, n, "DropStmt"))
            pg_drop(c, node);
        else if (jkey_is(k, n, "RenameStmt"))
            pg_rename(c, node);
        else if (jkey_is(k, n, "AlterObjectSchemaStmt"))
            pg_set_schema(c, node);
        else if (jkey_is(k, n, "CreateTableAsStmt"))
            pg_create_table_as(c, node);
        else
            sql_objects_extract(c, k, n, node);
    }
}
