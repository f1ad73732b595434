/* reliability-destructive-migration — statements that lose data: in the migrations, DROP
 * TABLE, DROP COLUMN, TRUNCATE, ALTER COLUMN ... TYPE that rewrites, DELETE and UPDATE without
 * WHERE; in code, supabase-js / supabase-py .delete() and .update() with no filter in the chain
 * and SQL DELETE / UPDATE without WHERE given to a driver.
 *
 * Supabase has no down migrations: what a migration deletes is gone on every database it runs
 * on. The set is replayed (schema.h, schema_objects.c): only tables an earlier file created are
 * looked at (a table or column made in the same file holds no data yet), a backfill UPDATE of
 * columns the same file added is not a loss, and a drop that a later statement of the set
 * restores (the table or column created again) is clean. In code, hosted Supabase's
 * safeupdate extension rejects a DELETE without filter through the API, but not an UPDATE on
 * every setup nor any statement on a direct connection: the call is reported where it runs
 * (awaited, .then, or supabase-py's .execute()); a builder kept in a variable to be filtered
 * later is not.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "check.h"
#include "model/alembic.h"
#include "model/dbcall.h"
#include "model/schema.h"
#include "front/sql.h"

/* The migrations ------------------------------------------------------------------------------ */

static void loss_report(struct check_project *p, const struct schema_loss *l)
{
    struct strbuf t, c;
    strbuf_init(&t);
    strbuf_init(&c);
    schema_append_name(&t, l->schema, l->table);
    if (l->column)
        schema_append_name(&c, NULL, l->column);
    const struct schema_loc *at = &l->at;
    switch (l->kind) {
    case SQL_OP_DROP_TABLE:
        project_report(p, at->file, at->start, at->end,
                       "this drops table %s and every row in it, on every database the "
                       "migration runs on (Supabase has no down migration); copy the data first "
                       "(`create table %s_backup as table %s;`) or stop using the table in one "
                       "release and drop it in a later one",
                       t.buf, l->table, t.buf);
        break;
    case SQL_OP_DROP_COLUMN:
        project_report(p, at->file, at->start, at->end,
                       "this drops column %s of %s and its value in every row (Supabase has no "
                       "down migration); copy it first, or stop reading it in one release and "
                       "drop it in a later one",
                       c.buf, t.buf);
        break;
    case SQL_OP_TRUNCATE:
        project_report(p, at->file, at->start, at->end,
                       "this truncates %s: every row is deleted on every database the migration "
                       "runs on; delete only the rows meant, with a WHERE clause",
                       t.buf);
        break;
    case SQL_OP_ALTER_COLUMN_TYPE:
        project_report(p, at->file, at->start, at->end,
                       "changing column %s of %s to %s rewrites the table under an exclusive "
                       "lock and fails, or loses what does not convert, on existing rows; add a "
                       "new column, backfill it, and switch over in a later migration",
                       c.buf, t.buf, l->type ? l->type : "another type");
        break;
    case SQL_OP_DELETE_ALL:
        project_report(p, at->file, at->start, at->end,
                       "this deletes every row of %s (no WHERE); add the WHERE clause that "
                       "selects the rows meant (`where true` says every row is)",
                       t.buf);
        break;
    case SQL_OP_UPDATE_ALL:
        project_report(p, at->file, at->start, at->end,
                       "this overwrites %s in every row of %s (no WHERE); add the WHERE clause "
                       "that selects the rows meant (`where true` says every row is)",
                       c.buf, t.buf);
        break;
    default:
        break;
    }
    strbuf_release(&t);
    strbuf_release(&c);
}

/* Alembic's drops and type changes come with their downgrade() and, in practice, with the copy
 * made by the same migration: not this check's Supabase case. What its op.execute() SQL deletes
 * or overwrites is (a backfill of a column the migration added is not: schema_objects.c). */
static bool alembic_reports(enum sql_op_kind kind)
{
    return kind == SQL_OP_UPDATE_ALL || kind == SQL_OP_DELETE_ALL || kind == SQL_OP_TRUNCATE;
}

static void destructive_set(struct check_project *p, const struct schema *s)
{
    for (size_t i = 0; i < s->losses.n; i++)
        if (!s->losses.v[i].restored && (!s->alembic || alembic_reports(s->losses.v[i].kind)))
            loss_report(p, &s->losses.v[i]);
}

/* Code ---------------------------------------------------------------------------------------- */

static const char *const writes[] = {"delete", "update", NULL};
static const char *const tables[] = {"from", "table", "from_", NULL};
/* supabase-js and supabase-py filters: any of them narrows the rows */
static const char *const filters[] = {
    "eq", "neq", "gt", "gte", "lt", "lte", "like", "ilike", "likeAllOf", "likeAnyOf",
    "ilikeAllOf", "ilikeAnyOf", "is", "is_", "in", "in_", "contains", "containedBy",
    "contained_by", "rangeGt", "rangeGte", "rangeLt", "rangeLte", "rangeAdjacent", "range_gt",
    "range_gte", "range_lt", "range_lte", "range_adjacent", "overlaps", "textSearch",
    "text_search", "match", "not", "not_", "or", "or_", "filter", "like_all_of", "like_any_of",
    "ilike_all_of", "ilike_any_of", NULL,
};

static bool is_sym(TSSymbol a, TSSymbol b)
{
    return b && a == b;
}

/* Is the call at index i the outermost of its chain (not the object of a method call)? */
static bool chain_top(const struct dbcall *db, uint32_t i)
{
    const struct node_entry *v = db->f->nodes->v;
    uint32_t p = v[i].parent, g = p != NODE_NONE ? v[p].parent : NODE_NONE;
    if (g == NODE_NONE || !is_sym(v[p].sym, db->member_t) || !is_sym(v[g].sym, db->call_t))
        return true;
    /* the member starts where the call does: the call is its object; the outer call starts
     * where the member does: the member is its callee */
    return !(ts_node_start_byte(v[p].node) == ts_node_start_byte(v[i].node) &&
             ts_node_start_byte(v[g].node) == ts_node_start_byte(v[p].node));
}

/* A supabase-js / supabase-py chain at call index i that deletes or updates with no filter. */
static void chain_visit(struct dbcall *db, uint32_t i)
{
    struct check_file *f = db->f;
    const struct node_entry *v = f->nodes->v;
    struct db_chain c;
    dbcall_chain_at(db, i, &c);
    int w = dbcall_chain_find(&c, 0, writes, false);
    int t = dbcall_chain_find(&c, 0, tables, true);
    if (w < 0 || t < 0 || t > w || dbcall_chain_find(&c, (unsigned)w + 1, filters, false) >= 0)
        return;
    /* it runs here: awaited, .then(...), or .execute() */
    bool runs = dbcall_chain_find1(&c, (unsigned)w + 1, db->py ? "execute" : "then", false) >= 0;
    uint32_t p = v[i].parent;
    if (!runs && p != NODE_NONE)
        runs = is_sym(v[p].sym, db->sym->await_expression) || is_sym(v[p].sym, db->sym->await);
    if (!runs)
        return;
    TSNode parent = p != NODE_NONE ? v[p].node : (TSNode){0};
    if (dbcall_classify(db, v[i].node, parent, &c) != DB_SUPABASE)
        return;
    const struct db_link *l = &c.s[w];
    bool del = l->len == 6 && memcmp(l->name, "delete", 6) == 0;
    check_report(f, v[i].node,
                 "%s() with no filter %s every row of the table; add the filter that selects "
                 "the rows meant (%s)",
                 del ? "delete" : "update", del ? "deletes" : "overwrites",
                 db->py ? ".eq(\"id\", row_id)" : ".eq('id', id)");
}

/* Is [s, s + n) a DELETE or UPDATE statement without a WHERE word? *del says which. */
static bool sql_without_where(const char *s, uint32_t n, bool *del)
{
    uint32_t i = 0;
    while (i < n && (isalpha((unsigned char)s[i]) && i < 3)) /* r"", f"", b"" prefixes */
        i++;
    while (i < n && (s[i] == '"' || s[i] == '\'' || s[i] == '`' || isspace((unsigned char)s[i])))
        i++;
    const char *t = s + i;
    uint32_t m = n - i;
    if (m >= 6 && strncasecmp(t, "delete", 6) == 0 && dbcall_span_has(t, m < 40 ? m : 40, "from"))
        *del = true;
    else if (m >= 6 && strncasecmp(t, "update", 6) == 0 && dbcall_span_has(t, m, " set "))
        *del = false;
    else
        return false;
    if (m > 6 && (isalnum((unsigned char)t[6]) || t[6] == '_'))
        return false;
    for (uint32_t k = 0; k + 5 <= m; k++)
        if (strncasecmp(t + k, "where", 5) == 0 &&
            (k == 0 || !(isalnum((unsigned char)t[k - 1]) || t[k - 1] == '_')) &&
            (k + 5 == m || !(isalnum((unsigned char)t[k + 5]) || t[k + 5] == '_')))
            return false;
    return true;
}

/* An Alembic migration's op.execute("SQL") or op.execute(sa.text("SQL")) with a literal text:
 * the schema replay reads that SQL (alembic.h) and destructive_set reports it. */
static bool alembic_reads(struct check_file *f, TSNode str, TSNode call)
{
    if (!alembic_is_migration(f->src->path))
        return false;
    uint32_t count = ts_node_named_child_count(str);
    for (uint32_t k = 0; k < count; k++)
        if (node_is(ts_node_named_child(str, k), "interpolation"))
            return false;
    TSNode fn = node_field(call, "function");
    if (node_text_eq(f, fn, "text") || node_text_eq(f, fn, "sa.text")) {
        TSNode args = ts_node_parent(call);
        call = node_is(args, "argument_list") ? ts_node_parent(args) : (TSNode){0};
        fn = node_is(call, "call") ? node_field(call, "function") : (TSNode){0};
    }
    return node_text_eq(f, fn, "op.execute");
}

/* A string at index i that holds such SQL, given first to a driver call. */
static void string_visit(struct dbcall *db, uint32_t i)
{
    struct check_file *f = db->f;
    const struct node_entry *v = f->nodes->v;
    uint32_t len;
    const char *s = dbcall_text(f, v[i].node, &len);
    bool del;
    if (!sql_without_where(s, len, &del))
        return;
    uint32_t p = v[i].parent, call;
    if (p == NODE_NONE)
        return;
    if (is_sym(v[p].sym, db->call_t)) {
        call = p; /* sql`...` */
    } else if (is_sym(v[p].sym, db->sym->arguments) || is_sym(v[p].sym, db->sym->argument_list)) {
        if (ts_node_start_byte(ts_node_named_child(v[p].node, 0)) != ts_node_start_byte(v[i].node))
            return;
        call = v[p].parent;
    } else {
        return;
    }
    if (call == NODE_NONE || !is_sym(v[call].sym, db->call_t))
        return;
    if (db->py && alembic_reads(f, v[i].node, v[call].node))
        return;
    struct db_chain c;
    dbcall_chain_at(db, call, &c);
    uint32_t cp = v[call].parent;
    TSNode parent = cp != NODE_NONE ? v[cp].node : (TSNode){0};
    if (dbcall_classify(db, v[call].node, parent, &c) != DB_SQL)
        return;
    check_report(f, v[i].node,
                 "this SQL %s every row of the table (no WHERE); add the WHERE clause that "
                 "selects the rows meant",
                 del ? "deletes" : "updates");
}

static void destructive_file(struct check_file *f)
{
    if (!f->nodes || f->lang == LANG_SQL)
        return;
    struct dbcall db;
    dbcall_init(&db, f);
    const struct node_entry *v = f->nodes->v;
    for (uint32_t i = 0; i < f->nodes->n; i++) {
        if (is_sym(v[i].sym, db.call_t) && chain_top(&db, i))
            chain_visit(&db, i);
        else if (is_sym(v[i].sym, db.sym->string) || is_sym(v[i].sym, db.sym->template_string))
            string_visit(&db, i);
    }
    dbcall_release(&db);
}

static const char *const destructive_prefilter[] = {"delete", "update", "DELETE", "UPDATE",
                                                    "Delete", "Update", NULL};

const struct check check_reliability_destructive_migration = {
    .id = "reliability-destructive-migration",
    .title = "Statement that deletes or overwrites data",
    .level = LEVEL_WARNING,
    .langs = LANG_BIT(LANG_SQL) | LANGS_JS_TS | LANG_BIT(LANG_PYTHON),
    .tags = (const char *const[]){"reliability", "sql", "postgres", "supabase", "data-loss",
                                  NULL},
    .precision = "high",
    .prefilter = destructive_prefilter,
    .file = destructive_file,
    .schema = true,
    .schema_set = destructive_set,
};
