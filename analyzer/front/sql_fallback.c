/* sql_fallback.c — tree-sitter-sql for the statements Postgres rejects (other dialects: MySQL,
 * SQLite, ...): the tables, keys and indexes of a tree without errors (see sql_p.h). */
#include <stdlib.h>
#include <string.h>
#include "tsapi.h"

#include "lang.h"
#include "sql_p.h"

struct ts_ctx {
    struct builder *b;
    const char *text;        /* the parsed text: src->text + base */
    uint32_t base;
    uint32_t stmt;
    bool mysql;              /* the statement is MySQL's: InnoDB indexes foreign keys itself */
};

static TSNode ts_field(TSNode n, const char *field)
{
    return ts_node_child_by_field_name(n, field, (uint32_t)strlen(field));
}

static bool ts_is(TSNode n, const char *type)
{
    return !ts_node_is_null(n) && strcmp(ts_node_type(n), type) == 0;
}

static bool ts_bad(TSNode n)
{
    return ts_node_is_null(n) || ts_node_has_error(n) || ts_node_is_missing(n);
}

static const char *ts_ident(const struct ts_ctx *c, TSNode n)
{
    uint32_t s = ts_node_start_byte(n), e = ts_node_end_byte(n);
    return sql_ident_fold(c->b->arena, c->text + s, e - s);
}

/* An object_reference as a qualified name. */
static struct sql_qname ts_qname(const struct ts_ctx *c, TSNode ref)
{
    TSNode schema = ts_field(ref, "schema"), name = ts_field(ref, "name");
    return (struct sql_qname){ts_node_is_null(schema) ? NULL : ts_ident(c, schema),
                              ts_node_is_null(name) ? NULL : ts_ident(c, name)};
}

/* Does n have a direct child of this type? */
static bool ts_has_child(TSNode n, const char *type)
{
    uint32_t count = ts_node_child_count(n);
    for (uint32_t i = 0; i < count; i++)
        if (ts_is(ts_node_child(n, i), type))
            return true;
    return false;
}

/* The column names of an ordered_columns node. */
static const char **ts_columns(const struct ts_ctx *c, TSNode list, size_t *n)
{
    uint32_t count = ts_node_named_child_count(list);
    const char **v = sql_strv_new(c->b->arena, count);
    size_t k = 0;
    for (uint32_t i = 0; i < count; i++) {
        TSNode col = ts_node_named_child(list, i);
        TSNode name = ts_field(col, "name");
        if (ts_is(col, "column") && !ts_node_is_null(name))
            v[k++] = ts_ident(c, name);
    }
    *n = k;
    return v;
}

/* The "REFERENCES table (cols)" that follows keyword_references among n's children. */
static bool ts_references(const struct ts_ctx *c, TSNode n, struct sql_cons *k)
{
    uint32_t count = ts_node_child_count(n);
    bool after = false;
    VEC(const char *) cols = {0};
    for (uint32_t i = 0; i < count; i++) {
        TSNode ch = ts_node_child(n, i);
        if (ts_is(ch, "keyword_references")) {
            after = true;
        } else if (after && ts_is(ch, "object_reference") && !k->ref.name) {
            k->ref = ts_qname(c, ch);
        } else if (after && k->ref.name && ts_is(ch, "identifier")) {
            VEC_PUSH(cols, ts_ident(c, ch));
        } else if (after && k->ref.name && !ts_is(ch, "(") && !ts_is(ch, ",") &&
                   !ts_is(ch, ")")) {
            break; /* ON DELETE ... and what follows */
        }
    }
    if (!k->ref.name) {
        VEC_FREE(cols);
        return false;
    }
    k->ref_cols = sql_strv_new(c->b->arena, cols.n);
    for (size_t i = 0; i < cols.n; i++)
        k->ref_cols[i] = cols.v[i];
    k->nref_cols = cols.n;
    VEC_FREE(cols);
    k->type = SQL_CONS_FOREIGN;
    k->auto_indexed = c->mysql;
    return true;
}

static void ts_span(const struct ts_ctx *c, TSNode n, uint32_t *start, uint32_t *end)
{
    *start = c->base + ts_node_start_byte(n);
    *end = sql_line_end(c->b->src->text, *start, c->base + ts_node_end_byte(n));
}

/* A table-level constraint node: PRIMARY KEY, UNIQUE, FOREIGN KEY, or MySQL's KEY/INDEX
 * (returned as an index in *index_cols). */
static bool ts_table_constraint(const struct ts_ctx *c, TSNode con, struct sql_cons *k,
                                bool *is_index)
{
    memset(k, 0, sizeof(*k));
    *is_index = false;
    TSNode cols = {0};
    uint32_t count = ts_node_child_count(con);
    for (uint32_t i = 0; i < count; i++)
        if (ts_is(ts_node_child(con, i), "ordered_columns"))
            cols = ts_node_child(con, i);
    if (ts_node_is_null(cols))
        return false;
    k->cols = ts_columns(c, cols, &k->ncols);
    if (k->ncols == 0)
        return false;
    TSNode name = ts_field(con, "name");
    if (!ts_node_is_null(name) && ts_has_child(con, "keyword_constraint"))
        k->name = ts_ident(c, name);
    ts_span(c, con, &k->start, &k->end);
    if (ts_has_child(con, "keyword_references"))
        return ts_references(c, con, k);
    if (ts_has_child(con, "keyword_primary")) {
        k->type = SQL_CONS_PRIMARY;
        return true;
    }
    if (ts_has_child(con, "keyword_unique")) {
        k->type = SQL_CONS_UNIQUE;
        return true;
    }
    if (ts_has_child(con, "keyword_key") || ts_has_child(con, "keyword_index")) {
        *is_index = true;
        k->name = ts_node_is_null(name) ? NULL : ts_ident(c, name);
        return true;
    }
    return false;
}

static void ts_create_table(const struct ts_ctx *c, TSNode n, uint32_t stmt_start,
                            uint32_t stmt_end)
{
    struct arena *a = c->b->arena;
    TSNode ref = {0}, defs = {0};
    uint32_t count = ts_node_child_count(n);
    for (uint32_t i = 0; i < count; i++) {
        TSNode ch = ts_node_child(n, i);
        if (ts_is(ch, "object_reference") && ts_node_is_null(ref))
            ref = ch;
        else if (ts_is(ch, "column_definitions"))
            defs = ch;
        else if (ts_is(ch, "keyword_temporary") || ts_is(ch, "keyword_temp"))
            return; /* not part of the schema */
    }
    if (ts_bad(ref) || ts_node_is_null(defs))
        return;
    struct sql_op op = {.kind = SQL_OP_CREATE_TABLE, .stmt = c->stmt, .start = stmt_start,
                        .end = sql_line_end(c->b->src->text, stmt_start, stmt_end)};
    op.rel = ts_qname(c, ref);
    op.if_exists = ts_has_child(n, "keyword_exists");
    cons_vec cons = {0};
    cons_vec keys = {0}; /* MySQL KEY/INDEX entries, made indexes below */
    /* column_definition and constraint nodes may sit in nested "constraints" lists: walk the
     * two levels with an explicit stack of node ranges rather than recursion */
    TSNode stack[2];
    uint32_t pos[2] = {0, 0};
    int depth = 0;
    stack[0] = defs;
    op.cols = sql_strv_new(a, ts_node_named_child_count(defs) + 1);
    size_t cap = ts_node_named_child_count(defs) + 1;
    while (depth >= 0) {
        TSNode parent = stack[depth];
        if (pos[depth] >= ts_node_named_child_count(parent)) {
            depth--;
            continue;
        }
        TSNode el = ts_node_named_child(parent, pos[depth]++);
        if (ts_is(el, "constraints") && depth == 0) {
            stack[1] = el;
            pos[1] = 0;
            depth = 1;
            continue;
        }
        if (ts_bad(el))
            continue; /* take only the parts that parsed cleanly */
        if (ts_is(el, "column_definition")) {
            TSNode name = ts_field(el, "name");
            if (ts_node_is_null(name))
                continue;
            const char *col = ts_ident(c, name);
            if (op.ncols < cap)
                op.cols[op.ncols++] = col;
            struct sql_cons k = {0};
            k.cols = sql_strv_new(a, 1);
            k.cols[0] = col;
            k.ncols = 1;
            ts_span(c, el, &k.start, &k.end);
            if (ts_has_child(el, "keyword_references")) {
                struct sql_cons fk = k;
                if (ts_references(c, el, &fk))
                    VEC_PUSH(cons, fk);
            }
            if (ts_has_child(el, "keyword_primary")) {
                k.type = SQL_CONS_PRIMARY;
                VEC_PUSH(cons, k);
            } else if (ts_has_child(el, "keyword_unique")) {
                k.type = SQL_CONS_UNIQUE;
                VEC_PUSH(cons, k);
            }
        } else if (ts_is(el, "constraint")) {
            struct sql_cons k;
            bool is_index;
            if (!ts_table_constraint(c, el, &k, &is_index))
                continue;
            if (is_index)
                VEC_PUSH(keys, k);
            else
                VEC_PUSH(cons, k);
        }
    }
    OP_TAKE_CONS(&op, a, cons);
    VEC_PUSH(c->b->ops, op);
    for (size_t i = 0; i < keys.n; i++) {
        struct sql_op *ix = sql_op_push(c->b, SQL_OP_CREATE_INDEX, c->stmt, keys.v[i].start,
                                    keys.v[i].end);
        ix->rel = op.rel;
        ix->name = keys.v[i].name;
        ix->cols = keys.v[i].cols;
        ix->ncols = keys.v[i].ncols;
        ix->btree = true;
    }
    VEC_FREE(keys);
}

static void ts_create_index(const struct ts_ctx *c, TSNode n, uint32_t stmt_start,
                            uint32_t stmt_end)
{
    struct arena *a = c->b->arena;
    TSNode ref = {0}, fields = {0}, where = {0};
    bool btree = true;
    uint32_t count = ts_node_child_count(n);
    for (uint32_t i = 0; i < count; i++) {
        TSNode ch = ts_node_child(n, i);
        if (ts_is(ch, "object_reference") && ts_node_is_null(ref))
            ref = ch;
        else if (ts_is(ch, "index_fields"))
            fields = ch;
        else if (ts_is(ch, "where"))
            where = ch;
        else if (ts_is(ch, "keyword_gin") || ts_is(ch, "keyword_gist") ||
                 ts_is(ch, "keyword_hash") || ts_is(ch, "keyword_brin") ||
                 ts_is(ch, "keyword_spgist"))
            btree = false;
    }
    if (ts_bad(ref) || ts_bad(fields))
        return;
    struct sql_op *o = sql_op_push(c->b, SQL_OP_CREATE_INDEX, c->stmt, stmt_start,
                               sql_line_end(c->b->src->text, stmt_start, stmt_end));
    o->rel = ts_qname(c, ref);
    TSNode name = ts_field(n, "column"); /* the grammar's field for the index name */
    if (!ts_node_is_null(name))
        o->name = ts_ident(c, name);
    o->unique = ts_has_child(n, "keyword_unique");
    o->btree = btree;
    uint32_t nf = ts_node_named_child_count(fields);
    o->cols = sql_strv_new(a, nf);
    for (uint32_t i = 0; i < nf; i++) {
        TSNode f = ts_node_named_child(fields, i);
        TSNode col = ts_field(f, "column");
        o->cols[o->ncols++] = ts_node_is_null(col) ? NULL : ts_ident(c, col);
    }
    /* the fallback does not read predicates: a partial index covers nothing */
    o->pred = ts_node_is_null(where) ? SQL_PRED_NONE : SQL_PRED_OTHER;
}

static void ts_alter_table(const struct ts_ctx *c, TSNode n)
{
    TSNode ref = {0};
    uint32_t count = ts_node_child_count(n);
    for (uint32_t i = 0; i < count; i++) {
        TSNode ch = ts_node_child(n, i);
        if (ts_is(ch, "object_reference") && ts_node_is_null(ref)) {
            ref = ch;
        } else if (ts_is(ch, "add_constraint") && !ts_bad(ch) && !ts_bad(ref)) {
            uint32_t m = ts_node_child_count(ch);
            for (uint32_t j = 0; j < m; j++) {
                TSNode con = ts_node_child(ch, j);
                struct sql_cons k;
                bool is_index;
                if (!ts_is(con, "constraint") || !ts_table_constraint(c, con, &k, &is_index) ||
                    is_index)
                    continue;
                for (uint32_t q = 0; q + 1 < m; q++)
                    if (ts_is(ts_node_child(ch, q), "keyword_constraint") &&
                        ts_is(ts_node_child(ch, q + 1), "identifier"))
                        k.name = ts_ident(c, ts_node_child(ch, q + 1));
                struct sql_op *o = sql_op_push(c->b, SQL_OP_ADD_CONSTRAINT, c->stmt, k.start, k.end);
                o->rel = ts_qname(c, ref);
                o->cons = arena_alloc(c->b->arena, sizeof(k));
                o->cons[0] = k;
                o->ncons = 1;
            }
        }
    }
}

/* Parses [start, end) with tree-sitter-sql and records what it understood. Returns whether it
 * understood the statement: the tree has no error, or facts came from its clean parts. */
bool sql_fallback_statement(struct builder *b, uint32_t start, uint32_t end,
                            struct sql_stmt *st)
{
    if (!b->ts) {
        b->ts = ts_parser_new();
        ts_parser_set_language(b->ts, lang_grammar_sql());
    }
    const char *text = b->src->text + start;
    TSTree *tree = ts_parser_parse_string(b->ts, NULL, text, end - start);
    if (!tree)
        return false;
    TSNode root = ts_tree_root_node(tree);
    size_t ops_before = b->ops.n;
    struct ts_ctx c = {b, text, start, (uint32_t)b->stmts.n, false};
    /* backquoted names and ENGINE= options are MySQL's */
    c.mysql = memchr(text, '`', end - start) != NULL;
    const char *kind = NULL;
    uint32_t count = ts_node_named_child_count(root);
    for (uint32_t i = 0; i < count; i++) {
        TSNode s = ts_node_named_child(root, i);
        if (!ts_is(s, "statement") || ts_node_named_child_count(s) == 0)
            continue;
        TSNode n = ts_node_named_child(s, 0);
        uint32_t s0 = start + ts_node_start_byte(s), s1 = start + ts_node_end_byte(s);
        if (!kind)
            kind = ts_node_type(n);
        if (ts_is(n, "create_table")) {
            if (ts_has_child(n, "table_option"))
                c.mysql = true;
            ts_create_table(&c, n, s0, s1);
        } else if (ts_is(n, "create_index")) {
            ts_create_index(&c, n, s0, s1);
        } else if (ts_is(n, "alter_table")) {
            ts_alter_table(&c, n);
        }
    }
    for (size_t i = ops_before; i < b->ops.n; i++)
        b->ops.v[i].fallback = true;
    bool ok = kind && (!ts_node_has_error(root) || b->ops.n > ops_before);
    if (ok) {
        st->parser = SQL_PARSER_TREE_SITTER;
        st->kind = kind;
    }
    ts_tree_delete(tree);
    return ok;
}
