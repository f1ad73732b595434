/* alembic.c — the schema operations of an Alembic migration's upgrade() (see alembic.h). */
#include "alembic.h"

#include <stdlib.h>
#include <string.h>

#include "front/syntax.h"

typedef VEC(struct sql_op) op_vec;
typedef VEC(struct sql_cons) cons_vec;
typedef VEC(const char *) name_vec;

/* Where the operations of a block go: the table of `with op.batch_alter_table(t) as b:`
 * (its receiver b) or none (receiver op). */
struct batch {
    const char *table, *schema; /* NULL outside a batch */
    TSNode alias;               /* the `as` name, or null */
};

struct reader {
    struct check_file *f;
    op_vec ops;
};

bool alembic_is_migration(const char *path)
{
    size_t n = strlen(path);
    if (n < 3 || strcmp(path + n - 3, ".py") != 0)
        return false;
    /* .../<alembic|migrations>/versions/<file>.py */
    const char *base = strrchr(path, '/');
    if (!base || base == path)
        return false;
    size_t k = (size_t)(base - path);
    if (k < 8 || memcmp(path + k - 8, "versions", 8) != 0)
        return false;
    k -= 8;
    if (k == 0 || path[k - 1] != '/')
        return false;
    k--;
    if (k >= 7 && memcmp(path + k - 7, "alembic", 7) == 0 && (k == 7 || path[k - 8] == '/'))
        return true;
    return k >= 10 && memcmp(path + k - 10, "migrations", 10) == 0 &&
           (k == 10 || path[k - 11] == '/');
}

/* The text of a plain string literal (no interpolation), or NULL. */
static const char *str_of(struct check_file *f, TSNode n)
{
    n = syntax_strip(n);
    if (!node_is(n, "string"))
        return NULL;
    TSNode open = {0}, close = {0};
    uint32_t count = ts_node_named_child_count(n);
    for (uint32_t i = 0; i < count; i++) {
        TSNode c = ts_node_named_child(n, i);
        if (node_is(c, "interpolation"))
            return NULL;
        if (node_is(c, "string_start"))
            open = c;
        else if (node_is(c, "string_end"))
            close = c;
    }
    if (ts_node_is_null(open) || ts_node_is_null(close))
        return NULL;
    uint32_t a = ts_node_end_byte(open), b = ts_node_start_byte(close);
    return b >= a ? arena_strndup(f->arena, f->src->text + a, b - a) : NULL;
}

/* op.f("name") is the name as given. */
static TSNode unwrap_f(struct check_file *f, TSNode n)
{
    n = syntax_strip(n);
    if (node_is(n, "call")) {
        TSNode fn = node_field(n, "function");
        if ((node_is(fn, "attribute") && node_text_eq(f, node_field(fn, "attribute"), "f")) ||
            node_text_eq(f, fn, "f"))
            return syntax_arg(n, 0);
    }
    return n;
}

/* The callee's last name (Column in sa.Column), or "". */
static const char *callee_name(struct check_file *f, TSNode call)
{
    TSNode fn = node_field(call, "function");
    if (node_is(fn, "attribute"))
        return node_text(f, node_field(fn, "attribute"));
    return node_is(fn, "identifier") ? node_text(f, fn) : "";
}

/* sa.text("...") / text("...") around a string: the string. */
static TSNode unwrap_text(struct check_file *f, TSNode n)
{
    n = syntax_strip(n);
    if (node_is(n, "call") && strcmp(callee_name(f, n), "text") == 0)
        return syntax_strip(syntax_arg(n, 0));
    return n;
}

/* op.execute("SQL"): the statements of a literal SQL text, read by the SQL front end as a
 * migration file's are, so that the replay sees the data it changes (a backfill UPDATE of a
 * column the same migration added is no loss). Each operation is placed where its statement
 * stands in the string when the literal is written as the text it holds (no escapes), else on
 * the whole literal. */
static void execute_sql(struct reader *r, TSNode call)
{
    struct check_file *f = r->f;
    TSNode lit = unwrap_text(f, syntax_arg(call, 0));
    const char *sql = str_of(f, lit);
    if (!sql || !*sql)
        return;
    struct source src;
    char *why = NULL;
    if (source_from_bytes(&src, sql, strlen(sql), &why) != SOURCE_OK) {
        free(why);
        return;
    }
    src.lang = LANG_SQL;
    struct sql_file *sf = sql_parse_file(&src, f->arena);
    /* the text starts after the opening quote(s): string_start's end */
    uint32_t at = ts_node_start_byte(lit), lit_end = ts_node_end_byte(lit);
    uint32_t count = ts_node_named_child_count(lit);
    for (uint32_t i = 0; i < count; i++) {
        TSNode c = ts_node_named_child(lit, i);
        if (node_is(c, "string_start"))
            at = ts_node_end_byte(c);
    }
    bool verbatim = !memchr(sql, '\\', strlen(sql));
    for (size_t i = 0; i < sf->nops; i++) {
        struct sql_op op = sf->ops[i];
        op.stmt = 0;
        op.start = verbatim ? at + op.start : ts_node_start_byte(lit);
        op.end = verbatim ? at + op.end : lit_end;
        VEC_PUSH(r->ops, op);
    }
    source_release(&src);
}


static bool is_true(struct check_file *f, TSNode n)
{
    return node_is(syntax_strip(n), "true") || node_text_eq(f, n, "True");
}

/* The strings of a list or tuple (or one string) into out; false when one of them is not a
 * string (an expression: sa.text("lower(email)")). */
static bool names_of(struct check_file *f, TSNode n, name_vec *out)
{
    n = syntax_strip(n);
    const char *one = str_of(f, n);
    if (one) {
        VEC_PUSH(*out, one);
        return true;
    }
    if (!node_is(n, "list") && !node_is(n, "tuple"))
        return false;
    uint32_t count = ts_node_named_child_count(n);
    for (uint32_t i = 0; i < count; i++) {
        TSNode c = ts_node_named_child(n, i);
        if (node_is(c, "comment"))
            continue;
        const char *s = str_of(f, c);
        if (!s)
            return false;
        VEC_PUSH(*out, s);
    }
    return true;
}

static const char **arena_names(struct check_file *f, const name_vec *v)
{
    const char **out = arena_alloc(f->arena, (v->n ? v->n : 1) * sizeof(*out));
    if (v->n)
        memcpy(out, v->v, v->n * sizeof(*out));
    return out;
}

/* "schema.table.col" or "table.col": the referenced table of a ForeignKey. */
static void split_ref(struct check_file *f, const char *ref, struct sql_qname *table,
                      const char **col)
{
    const char *dot = strrchr(ref, '.');
    *col = dot ? dot + 1 : NULL;
    char *rest = arena_strndup(f->arena, ref, dot ? (size_t)(dot - ref) : strlen(ref));
    char *d = strrchr(rest, '.');
    if (d) {
        *d = '\0';
        table->schema = rest;
        table->name = d + 1;
    } else {
        table->schema = NULL;
        table->name = rest;
    }
}

static struct sql_op *op_push(struct reader *r, enum sql_op_kind kind, TSNode call,
                              const char *schema, const char *table)
{
    VEC_PUSH(r->ops, ((struct sql_op){.kind = kind, .start = ts_node_start_byte(call),
                                      .end = ts_node_end_byte(call), .rel = {schema, table},
                                      .btree = true}));
    return &r->ops.v[r->ops.n - 1];
}

static void put_cons(struct reader *r, struct sql_op *op, const cons_vec *cons)
{
    op->ncons = cons->n;
    op->cons = arena_alloc(r->f->arena, (cons->n ? cons->n : 1) * sizeof(*op->cons));
    if (cons->n)
        memcpy(op->cons, cons->v, cons->n * sizeof(*op->cons));
}

static const char *kw_str(struct check_file *f, TSNode call, const char *name)
{
    TSNode v = syntax_kwarg(f, call, name);
    return ts_node_is_null(v) ? NULL : str_of(f, unwrap_f(f, v));
}

/* A plain index on cols (index=True on a column, sa.Index, op.create_index). */
static void index_op(struct reader *r, TSNode at, const char *schema, const char *table,
                     const char *name, const char **cols, size_t ncols, bool unique)
{
    struct sql_op *op = op_push(r, SQL_OP_CREATE_INDEX, at, schema, table);
    op->name = name;
    op->cols = cols;
    op->ncols = ncols;
    op->unique = unique;
}

/* sa.Column("name", Type, sa.ForeignKey("t.id"), primary_key=True, ...): its name (NULL when
 * it has none), its constraints into cons, and *index / *pk. */
static const char *column(struct reader *r, TSNode call, cons_vec *cons, bool *index, bool *pk)
{
    struct check_file *f = r->f;
    const char *name = str_of(f, syntax_arg(call, 0));
    *index = is_true(f, syntax_kwarg(f, call, "index"));
    *pk = is_true(f, syntax_kwarg(f, call, "primary_key"));
    if (!name)
        return NULL;
    const char **one = arena_alloc(f->arena, sizeof(*one));
    one[0] = name;
    if (is_true(f, syntax_kwarg(f, call, "unique")) && !*index)
        VEC_PUSH(*cons, ((struct sql_cons){.type = SQL_CONS_UNIQUE, .cols = one, .ncols = 1,
                                           .start = ts_node_start_byte(call),
                                           .end = ts_node_end_byte(call)}));
    for (uint32_t i = 1; !ts_node_is_null(syntax_arg(call, i)); i++) {
        TSNode a = syntax_strip(syntax_arg(call, i));
        if (!node_is(a, "call") || strcmp(callee_name(f, a), "ForeignKey") != 0)
            continue;
        const char *ref = str_of(f, syntax_arg(a, 0));
        if (!ref)
            continue;
        struct sql_cons c = {.type = SQL_CONS_FOREIGN, .name = kw_str(f, a, "name"),
                             .cols = one, .ncols = 1, .start = ts_node_start_byte(a),
                             .end = ts_node_end_byte(a)};
        const char *col;
        split_ref(f, ref, &c.ref, &col);
        if (col) {
            c.ref_cols = arena_alloc(f->arena, sizeof(*c.ref_cols));
            c.ref_cols[0] = col;
            c.nref_cols = 1;
        }
        VEC_PUSH(*cons, c);
    }
    return name;
}

/* sa.PrimaryKeyConstraint("a", "b"), sa.UniqueConstraint(...), sa.ForeignKeyConstraint(
 * ["a"], ["t.id"]) among create_table's arguments; false when a is none of them. */
static bool table_constraint(struct reader *r, TSNode a, cons_vec *cons)
{
    struct check_file *f = r->f;
    const char *kind = callee_name(f, a);
    struct sql_cons c = {.name = kw_str(f, a, "name"), .start = ts_node_start_byte(a),
                         .end = ts_node_end_byte(a)};
    name_vec cols = {0};
    bool ok = true;
    if (strcmp(kind, "PrimaryKeyConstraint") == 0 || strcmp(kind, "UniqueConstraint") == 0) {
        c.type = kind[0] == 'P' ? SQL_CONS_PRIMARY : SQL_CONS_UNIQUE;
        for (uint32_t i = 0; ok && !ts_node_is_null(syntax_arg(a, i)); i++)
            ok = names_of(f, syntax_arg(a, i), &cols);
    } else if (strcmp(kind, "ForeignKeyConstraint") == 0) {
        c.type = SQL_CONS_FOREIGN;
        name_vec refs = {0};
        ok = names_of(f, syntax_arg(a, 0), &cols) && names_of(f, syntax_arg(a, 1), &refs) &&
             refs.n > 0;
        if (ok) {
            c.ref_cols = arena_alloc(f->arena, refs.n * sizeof(*c.ref_cols));
            for (size_t i = 0; i < refs.n; i++) {
                const char *col;
                split_ref(f, refs.v[i], &c.ref, &col);
                c.ref_cols[c.nref_cols++] = col ? col : refs.v[i];
            }
        }
        VEC_FREE(refs);
    } else {
        VEC_FREE(cols);
        return false;
    }
    if (ok && cols.n) {
        c.cols = arena_names(f, &cols);
        c.ncols = cols.n;
        VEC_PUSH(*cons, c);
    }
    VEC_FREE(cols);
    return true;
}

/* op.create_table("t", sa.Column(...), ..., schema=...) */
static void create_table(struct reader *r, TSNode call)
{
    struct check_file *f = r->f;
    const char *table = str_of(f, syntax_arg(call, 0));
    if (!table)
        return;
    const char *schema = kw_str(f, call, "schema");
    cons_vec cons = {0};
    name_vec cols = {0}, pk = {0}, indexed = {0};
    VEC(TSNode) indexes = {0};
    bool table_pk = false;
    for (uint32_t i = 1; !ts_node_is_null(syntax_arg(call, i)); i++) {
        TSNode a = syntax_strip(syntax_arg(call, i));
        if (!node_is(a, "call"))
            continue;
        const char *kind = callee_name(f, a);
        if (strcmp(kind, "Column") == 0) {
            bool index, is_pk;
            const char *name = column(r, a, &cons, &index, &is_pk);
            if (!name)
                continue;
            VEC_PUSH(cols, name);
            if (is_pk)
                VEC_PUSH(pk, name);
            if (index)
                VEC_PUSH(indexed, name);
        } else if (strcmp(kind, "Index") == 0) {
            VEC_PUSH(indexes, a);
        } else if (table_constraint(r, a, &cons)) {
            table_pk = table_pk || strcmp(kind, "PrimaryKeyConstraint") == 0;
        }
    }
    if (pk.n && !table_pk)
        VEC_PUSH(cons, ((struct sql_cons){.type = SQL_CONS_PRIMARY, .cols = arena_names(f, &pk),
                                          .ncols = pk.n, .start = ts_node_start_byte(call),
                                          .end = ts_node_end_byte(call)}));
    struct sql_op *op = op_push(r, SQL_OP_CREATE_TABLE, call, schema, table);
    op->cols = arena_names(f, &cols);
    op->ncols = cols.n;
    put_cons(r, op, &cons);
    /* Alembic creates the indexes of index=True columns and sa.Index arguments with it */
    for (size_t i = 0; i < indexed.n; i++) {
        const char **one = arena_alloc(f->arena, sizeof(*one));
        one[0] = indexed.v[i];
        index_op(r, call, schema, table, arena_printf(f->arena, "ix_%s_%s", table, one[0]), one,
                 1, false);
    }
    for (size_t i = 0; i < indexes.n; i++) {
        TSNode ix = indexes.v[i];
        name_vec icols = {0};
        bool plain = true;
        for (uint32_t k = 1; plain && !ts_node_is_null(syntax_arg(ix, k)); k++)
            plain = names_of(f, syntax_arg(ix, k), &icols);
        index_op(r, ix, schema, table, str_of(f, unwrap_f(f, syntax_arg(ix, 0))),
                 plain ? arena_names(f, &icols) : NULL, plain ? icols.n : 0,
                 is_true(f, syntax_kwarg(f, ix, "unique")));
        VEC_FREE(icols);
    }
    VEC_FREE(cons);
    VEC_FREE(cols);
    VEC_FREE(pk);
    VEC_FREE(indexed);
    VEC_FREE(indexes);
}

/* One op.<name>(...) call, or b.<name>(...) in a batch (whose table is implied: the
 * positional arguments after the table's shift left by one). */
static void operation(struct reader *r, TSNode call, const char *name, const struct batch *b)
{
    struct check_file *f = r->f;
    bool batch = b->table != NULL;
    unsigned k = batch ? 0 : 1; /* where the arguments after the table start */
#define ARG(i) syntax_arg(call, (uint32_t)(i))
    const char *table = batch ? b->table : str_of(f, ARG(0));
    const char *schema = batch ? b->schema : kw_str(f, call, "schema");
    if (strcmp(name, "execute") == 0) {
        if (!batch)
            execute_sql(r, call);
    } else if (strcmp(name, "create_table") == 0) {
        if (!batch)
            create_table(r, call);
    } else if (strcmp(name, "drop_table") == 0) {
        if (!batch && table)
            op_push(r, SQL_OP_DROP_TABLE, call, schema, table);
    } else if (strcmp(name, "rename_table") == 0) {
        const char *to = batch ? NULL : str_of(f, ARG(1));
        if (table && to)
            op_push(r, SQL_OP_RENAME_TABLE, call, schema, table)->new_name = to;
    } else if (strcmp(name, "add_column") == 0) {
        TSNode col = syntax_strip(ARG(k));
        cons_vec cons = {0};
        bool index, pk;
        const char *cname = table && node_is(col, "call") &&
                                    strcmp(callee_name(f, col), "Column") == 0
                                ? column(r, col, &cons, &index, &pk) : NULL;
        if (cname) {
            struct sql_op *op = op_push(r, SQL_OP_ADD_COLUMN, call, schema, table);
            op->cols = arena_alloc(f->arena, sizeof(*op->cols));
            op->cols[0] = cname;
            op->ncols = 1;
            put_cons(r, op, &cons);
            if (index)
                index_op(r, call, schema, table, arena_printf(f->arena, "ix_%s_%s", table, cname),
                         op->cols, 1, false);
        }
        VEC_FREE(cons);
    } else if (strcmp(name, "drop_column") == 0 || strcmp(name, "alter_column") == 0) {
        const char *col = str_of(f, ARG(k));
        const char *to = kw_str(f, call, "new_column_name");
        if (!table || !col)
            return;
        if (name[0] == 'd')
            op_push(r, SQL_OP_DROP_COLUMN, call, schema, table)->name = col;
        else if (to) {
            struct sql_op *op = op_push(r, SQL_OP_RENAME_COLUMN, call, schema, table);
            op->name = col;
            op->new_name = to;
        }
    } else if (strcmp(name, "create_foreign_key") == 0) {
        /* (name, source, referent, local_cols, remote_cols); in a batch without source */
        const char *cname = str_of(f, unwrap_f(f, ARG(0)));
        const char *source = batch ? b->table : str_of(f, ARG(1));
        const char *referent = str_of(f, ARG(batch ? 1 : 2));
        name_vec local = {0}, remote = {0};
        if (source && referent && names_of(f, ARG(batch ? 2 : 3), &local) &&
            names_of(f, ARG(batch ? 3 : 4), &remote) && local.n) {
            struct sql_cons c = {.type = SQL_CONS_FOREIGN, .name = cname,
                                 .cols = arena_names(f, &local), .ncols = local.n,
                                 .ref = {kw_str(f, call, "referent_schema"), referent},
                                 .ref_cols = arena_names(f, &remote), .nref_cols = remote.n,
                                 .start = ts_node_start_byte(call), .end = ts_node_end_byte(call)};
            struct sql_op *op = op_push(r, SQL_OP_ADD_CONSTRAINT, call,
                                        batch ? schema : kw_str(f, call, "source_schema"), source);
            cons_vec one = {0};
            VEC_PUSH(one, c);
            put_cons(r, op, &one);
            VEC_FREE(one);
        }
        VEC_FREE(local);
        VEC_FREE(remote);
    } else if (strcmp(name, "create_primary_key") == 0 ||
               strcmp(name, "create_unique_constraint") == 0) {
        const char *cname = str_of(f, unwrap_f(f, ARG(0)));
        const char *t = batch ? b->table : str_of(f, ARG(1));
        name_vec cols = {0};
        if (t && names_of(f, ARG(batch ? 1 : 2), &cols) && cols.n) {
            struct sql_cons c = {.type = name[7] == 'p' ? SQL_CONS_PRIMARY : SQL_CONS_UNIQUE,
                                 .name = cname, .cols = arena_names(f, &cols), .ncols = cols.n,
                                 .start = ts_node_start_byte(call), .end = ts_node_end_byte(call)};
            cons_vec one = {0};
            VEC_PUSH(one, c);
            put_cons(r, op_push(r, SQL_OP_ADD_CONSTRAINT, call, schema, t), &one);
            VEC_FREE(one);
        }
        VEC_FREE(cols);
    } else if (strcmp(name, "drop_constraint") == 0) {
        const char *cname = str_of(f, unwrap_f(f, ARG(0)));
        const char *t = batch ? b->table : str_of(f, ARG(1));
        if (cname && t)
            op_push(r, SQL_OP_DROP_CONSTRAINT, call, schema, t)->name = cname;
    } else if (strcmp(name, "create_index") == 0) {
        /* (name, table, columns, unique=, postgresql_where=); in a batch (name, columns) */
        const char *iname = str_of(f, unwrap_f(f, ARG(0)));
        const char *t = batch ? b->table : str_of(f, ARG(1));
        name_vec cols = {0};
        bool plain = names_of(f, ARG(batch ? 1 : 2), &cols);
        if (t) {
            index_op(r, call, schema, t, iname, plain ? arena_names(f, &cols) : NULL,
                     plain ? cols.n : 0, is_true(f, syntax_kwarg(f, call, "unique")));
            if (!ts_node_is_null(syntax_kwarg(f, call, "postgresql_where")) ||
                !ts_node_is_null(syntax_kwarg(f, call, "sqlite_where")))
                r->ops.v[r->ops.n - 1].pred = SQL_PRED_OTHER;
            TSNode using = syntax_kwarg(f, call, "postgresql_using");
            if (!ts_node_is_null(using) && !node_text_eq(f, using, "\"btree\"") &&
                !node_text_eq(f, using, "'btree'"))
                r->ops.v[r->ops.n - 1].btree = false;
        }
        VEC_FREE(cols);
    } else if (strcmp(name, "drop_index") == 0) {
        const char *iname = str_of(f, unwrap_f(f, ARG(0)));
        if (iname)
            op_push(r, SQL_OP_DROP_INDEX, call, schema, iname);
    }
#undef ARG
}

/* A statement's call, when it is op.<name>(...) or <batch alias>.<name>(...). */
static void statement(struct reader *r, TSNode st, const struct batch *b)
{
    struct check_file *f = r->f;
    if (!node_is(st, "expression_statement"))
        return;
    TSNode call = syntax_strip(ts_node_named_child(st, 0));
    if (!node_is(call, "call") || ts_node_has_error(call))
        return;
    TSNode fn = node_field(call, "function");
    if (!node_is(fn, "attribute"))
        return;
    TSNode recv = node_field(fn, "object");
    bool ours = b->table ? node_is(recv, "identifier") && !ts_node_is_null(b->alias) &&
                               node_text_eq(f, recv, node_text(f, b->alias))
                         : node_text_eq(f, recv, "op");
    if (ours)
        operation(r, call, node_text(f, node_field(fn, "attribute")), b);
}

/* `with op.batch_alter_table("t", schema=...) as b:` gives b's batch; other withs keep the
 * outer one. */
static struct batch with_batch(struct check_file *f, TSNode with, const struct batch *outer)
{
    struct walk w;
    walk_init(&w, f, with);
    for (TSNode c; walk_next(&w, &c);) {
        if (node_is(c, "block")) {
            walk_skip(&w);
        } else if (node_is(c, "call")) {
            TSNode fn = node_field(c, "function");
            if (!node_is(fn, "attribute") ||
                !node_text_eq(f, node_field(fn, "attribute"), "batch_alter_table"))
                return *outer;
            struct batch b = {.table = str_of(f, syntax_arg(c, 0)),
                              .schema = kw_str(f, c, "schema")};
            /* the alias follows the call: as_pattern's target */
            for (TSNode a; walk_next(&w, &a);)
                if (node_is(a, "as_pattern_target")) {
                    b.alias = ts_node_named_child(a, 0);
                    break;
                }
            return b.table ? b : *outer;
        }
    }
    return *outer;
}

static void read_upgrade(struct reader *r, TSNode body)
{
    struct frame {
        TSNode block;
        uint32_t next, count;
        struct batch b;
    };
    VEC(struct frame) stack = {0};
    VEC_PUSH(stack, ((struct frame){body, 0, ts_node_named_child_count(body), {0}}));
    while (stack.n > 0 && !check_out_of_time(r->f)) {
        struct frame *top = &stack.v[stack.n - 1];
        if (top->next >= top->count) {
            stack.n--;
            continue;
        }
        TSNode st = ts_node_named_child(top->block, top->next++);
        struct batch b = top->b;
        if (node_is(st, "with_statement") && stack.n < 32) {
            struct batch inner = with_batch(r->f, st, &b);
            TSNode blk = node_field(st, "body");
            if (!ts_node_is_null(blk))
                VEC_PUSH(stack, ((struct frame){blk, 0, ts_node_named_child_count(blk), inner}));
        } else {
            statement(r, st, &b);
        }
    }
    VEC_FREE(stack);
}

/* revision = "x" / down_revision: Union[str, None] = ("a", "b"): the value as text. */
static const char *revision_value(struct check_file *f, TSNode v)
{
    v = syntax_strip(v);
    const char *one = str_of(f, v);
    if (one || !(node_is(v, "tuple") || node_is(v, "list")))
        return one;
    name_vec parents = {0};
    const char *out = NULL;
    if (names_of(f, v, &parents) && parents.n) {
        struct strbuf sb;
        strbuf_init(&sb);
        for (size_t i = 0; i < parents.n; i++)
            strbuf_addf(&sb, "%s%s", i ? "," : "", parents.v[i]);
        out = arena_strndup(f->arena, sb.buf, sb.len);
        strbuf_release(&sb);
    }
    VEC_FREE(parents);
    return out;
}

struct alembic_file *alembic_read(struct check_file *f)
{
    struct alembic_file *m = arena_alloc(f->arena, sizeof(*m));
    memset(m, 0, sizeof(*m));
    struct reader r = {.f = f};
    uint32_t count = ts_node_is_null(f->root) ? 0 : ts_node_named_child_count(f->root);
    for (uint32_t i = 0; i < count; i++) {
        TSNode st = ts_node_named_child(f->root, i);
        TSNode a = node_is(st, "expression_statement") ? ts_node_named_child(st, 0) : st;
        if (node_is(a, "assignment")) {
            TSNode left = node_field(a, "left");
            if (node_text_eq(f, left, "revision"))
                m->revision = revision_value(f, node_field(a, "right"));
            else if (node_text_eq(f, left, "down_revision"))
                m->down_revision = revision_value(f, node_field(a, "right"));
        } else if (node_is(st, "function_definition") &&
                   node_text_eq(f, node_field(st, "name"), "upgrade") && !ts_node_has_error(st)) {
            read_upgrade(&r, node_field(st, "body"));
        }
    }
    m->sql.ops = arena_alloc(f->arena, (r.ops.n ? r.ops.n : 1) * sizeof(*m->sql.ops));
    if (r.ops.n)
        memcpy(m->sql.ops, r.ops.v, r.ops.n * sizeof(*m->sql.ops));
    m->sql.nops = r.ops.n;
    VEC_FREE(r.ops);
    return m;
}
