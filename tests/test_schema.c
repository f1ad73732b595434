/* test_schema.c — the SQL front end's operations and the schema model replayed from them. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/model/alembic.h"
#include "analyzer/model/schema.h"
#include "analyzer/front/sql.h"

/* One file of a migration set, parsed and kept for the replay. */
struct parsed {
    struct source src;
    struct arena arena;
    struct sql_file *sql;
};

static void parse(struct parsed *p, const char *text)
{
    char *why = NULL;
    cr_assert_eq(source_from_bytes(&p->src, text, strlen(text), &why), SOURCE_OK, "%s",
                 why ? why : "");
    arena_init(&p->arena);
    p->sql = sql_parse_file(&p->src, &p->arena);
}

static void release(struct parsed *p)
{
    arena_release(&p->arena);
    source_release(&p->src);
}

/* Replays the files in order, each through schema_facts like the checks do. */
static struct schema *replay(const char *const *files, size_t n)
{
    struct schema *s = schema_new();
    for (size_t i = 0; i < n; i++) {
        struct parsed p;
        parse(&p, files[i]);
        struct schema_facts *facts = schema_facts_new(p.sql);
        release(&p); /* the facts must outlive the file's arena */
        schema_apply_facts(s, i, facts);
        schema_facts_free(facts);
    }
    return s;
}

static struct schema *replay1(const char *text)
{
    return replay(&text, 1);
}

static const struct schema_fk *fk_on(const struct schema_table *t, const char *col)
{
    for (size_t i = 0; i < t->fks.n; i++)
        if (strcmp(t->fks.v[i].cols[0], col) == 0)
            return &t->fks.v[i];
    return NULL;
}

static struct schema_table *table(const struct schema *s, const char *schema, const char *name)
{
    struct schema_table *t = schema_table_find(s, schema, name);
    cr_assert_not_null(t, "table %s.%s is missing", schema ? schema : "public", name);
    return t;
}

/* The front end ------------------------------------------------------------------------------ */

Test(sql, statements_are_split_with_their_offsets_and_counted)
{
    struct parsed p;
    const char *text = "-- header\ncreate table a (id int);\n\n/* c */ select 1;\n";
    parse(&p, text);
    cr_assert_eq(p.sql->statements, 2);
    cr_expect_eq(p.sql->understood, 2);
    cr_expect_eq(p.sql->fallback, 0);
    /* leading comments are not part of the statement */
    cr_expect_eq(p.sql->stmts[0].start, strlen("-- header\n"));
    cr_expect_str_eq(p.sql->stmts[0].kind, "CreateStmt");
    cr_expect_eq(p.sql->stmts[1].start, (uint32_t)(strstr(text, "select") - text));
    cr_expect_str_eq(p.sql->stmts[1].kind, "SelectStmt");
    cr_expect_eq(p.sql->stmts[1].parser, SQL_PARSER_POSTGRES);
    release(&p);
}

Test(sql, an_unparsable_statement_is_skipped_and_the_rest_understood)
{
    struct parsed p;
    parse(&p, "create table a (id int);\nselect {{ x }} from a;\ncreate index on a (id);\n");
    cr_assert_eq(p.sql->statements, 3);
    cr_expect_eq(p.sql->understood, 2);
    cr_expect_eq(p.sql->stmts[1].parser, SQL_PARSER_NONE);
    cr_expect_not_null(p.sql->stmts[1].error);
    cr_assert_eq(p.sql->nops, 2);
    cr_expect_eq(p.sql->ops[1].kind, SQL_OP_CREATE_INDEX);
    cr_expect_eq(p.sql->ops[1].stmt, 2);
    release(&p);
}

Test(sql, tree_sitter_takes_the_tables_postgres_rejects)
{
    struct parsed p;
    parse(&p, "CREATE TABLE visits (\n  id INTEGER PRIMARY KEY AUTOINCREMENT,\n"
              "  agent_id INTEGER REFERENCES agents(id)\n);\n");
    cr_assert_eq(p.sql->statements, 1);
    cr_expect_eq(p.sql->understood, 1);
    cr_expect_eq(p.sql->fallback, 1);
    cr_assert_eq(p.sql->nops, 1);
    const struct sql_op *op = &p.sql->ops[0];
    cr_expect_eq(op->kind, SQL_OP_CREATE_TABLE);
    cr_expect(op->fallback);
    cr_assert_eq(op->ncons, 2);
    cr_expect_eq(op->cons[0].type, SQL_CONS_PRIMARY);
    cr_expect_eq(op->cons[1].type, SQL_CONS_FOREIGN);
    cr_expect_str_eq(op->cons[1].ref.name, "agents");
    cr_expect_str_eq(op->cons[1].cols[0], "agent_id");
    release(&p);
}

Test(sql, psql_variables_are_blanked_keeping_offsets)
{
    struct parsed p;
    const char *text = "create table :SCHEMA.jobs (id int, q text default :'queue', n int);\n"
                       "create function f() returns int language plpgsql as $$\n"
                       "declare x int; begin x := 1::int; return x; end $$;\n";
    parse(&p, text);
    cr_assert_eq(p.sql->statements, 2);
    cr_expect_eq(p.sql->understood, 2);
    cr_expect_eq(p.sql->fallback, 0);
    cr_assert_eq(p.sql->nops, 2);
    cr_expect_str_eq(p.sql->ops[0].rel.schema, ":SCHEMA");
    cr_expect_eq(p.sql->ops[0].start, 0);
    cr_expect_eq(p.sql->ops[1].kind, SQL_OP_CREATE_FUNCTION);
    cr_expect_str_eq(p.sql->ops[1].rel.name, "f");
    release(&p);
}

Test(sql, mysql_and_sqlite_files_are_marked)
{
    static const struct {
        const char *text;
        bool other;
    } cases[] = {
        {"create table a (id int primary key, at timestamptz);", false},
        {"create table a (id text primary key, at DATETIME not null);", true},
        {"PRAGMA foreign_keys=OFF;\ncreate table a (id int);", true},
        {"create table a (id integer primary key autoincrement);", true},
        {"CREATE TABLE `a` (`id` int) ENGINE=InnoDB;", true},
        {"select {{ x }} from a;", false},
    };
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        struct parsed p;
        parse(&p, cases[i].text);
        cr_expect_eq(p.sql->other_dialect, cases[i].other, "%s", cases[i].text);
        release(&p);
    }
}

Test(sql, supabase_projects_are_marked)
{
    static const struct {
        const char *text;
        bool marked;
    } cases[] = {
        {"create table a (id int primary key);", false},
        {"create table a (id int);\nalter table a enable row level security;", true},
        {"create policy p on a for select using (auth.uid() = owner);", true},
        {"grant select on a to authenticated;", true},
        {"grant select on a to reporting;", false},
        {"alter default privileges in schema public grant all on tables to service_role;", true},
        {"create table a (owner uuid references auth.users (id));", true},
        {"create table a (owner uuid references users (id));", false},
    };
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        struct parsed p;
        parse(&p, cases[i].text);
        cr_expect_eq(p.sql->supabase_marks, cases[i].marked, "%s", cases[i].text);
        release(&p);
    }
}

Test(sql, identifiers_fold_unless_quoted)
{
    struct parsed p;
    parse(&p, "CREATE TABLE Public.\"Leads\" (\"PropertyId\" uuid, Email text);");
    cr_assert_eq(p.sql->nops, 1);
    cr_expect_str_eq(p.sql->ops[0].rel.schema, "public");
    cr_expect_str_eq(p.sql->ops[0].rel.name, "Leads");
    cr_expect_str_eq(p.sql->ops[0].cols[0], "PropertyId");
    cr_expect_str_eq(p.sql->ops[0].cols[1], "email");
    release(&p);
}

Test(sql, a_foreign_key_is_located_at_its_definition)
{
    struct parsed p;
    const char *text = "create table t (\n  id int primary key,\n  p int references p (id)\n);";
    parse(&p, text);
    cr_assert_eq(p.sql->nops, 1);
    const struct sql_cons *fk = &p.sql->ops[0].cons[1];
    cr_assert_eq(fk->type, SQL_CONS_FOREIGN);
    struct pos at = source_pos(&p.src, fk->start);
    cr_expect_eq(at.line, 3);
    cr_expect_eq(at.col, 3);
    cr_expect_eq(fk->end, (uint32_t)(strstr(text, "(id)") - text + 4));
    release(&p);
}

/* Foreign key coverage --------------------------------------------------------------------- */

Test(schema, an_index_in_a_later_migration_covers)
{
    const char *files[] = {
        "create table p (id int primary key);\n"
        "create table c (id int primary key, p_id int references p);",
        "create index concurrently if not exists c_p on c (p_id);",
    };
    struct schema *s = replay(files, 1);
    cr_expect_not(fk_on(table(s, NULL, "c"), "p_id")->covered);
    schema_free(s);
    s = replay(files, 2);
    cr_expect(fk_on(table(s, NULL, "c"), "p_id")->covered);
    schema_free(s);
}

Test(schema, leading_columns_cover_in_the_keys_order)
{
    struct schema *s = replay1(
        "create table u (a int, b int, primary key (a, b));\n"
        "create table c (x int, y int, z int, foreign key (x, y) references u (a, b),\n"
        "  foreign key (z, x) references u (a, b), foreign key (y, x) references u (a, b));\n"
        "create index c_yxz on c (y, x, z);\n");
    const struct schema_table *c = table(s, NULL, "c");
    cr_assert_eq(c->fks.n, 3);
    cr_expect_not(c->fks.v[0].covered, "(x, y) is (y, x, z)'s leading pair in another order");
    cr_expect_not(c->fks.v[1].covered, "(z, x) is not the leading pair of (y, x, z)");
    cr_expect(c->fks.v[2].covered, "(y, x) leads (y, x, z)");
    schema_free(s);
}

Test(schema, primary_key_and_unique_cover)
{
    struct schema *s = replay1(
        "create table l (id int primary key);\n"
        "create table e (lead_id int references l, at timestamptz, primary key (lead_id, at));\n"
        "create table pr (lead_id int unique references l);\n"
        "create table tail (at int, lead_id int references l, primary key (at, lead_id));\n");
    cr_expect(fk_on(table(s, NULL, "e"), "lead_id")->covered);
    cr_expect(fk_on(table(s, NULL, "pr"), "lead_id")->covered);
    cr_expect_not(fk_on(table(s, NULL, "tail"), "lead_id")->covered,
                  "lead_id is the second column of the key");
    schema_free(s);
}

Test(schema, partial_expression_and_gin_indexes)
{
    struct schema *s = replay1(
        "create table p (id int primary key);\n"
        "create table c (a int references p, b int references p, d int references p,\n"
        "  e int references p, f text);\n"
        "create index ca on c (a) where a is not null and b is not null;\n"
        "create index cb on c (b) where f is null;\n"
        "create index cd on c ((d + 1));\n"
        "create index ce on c using gin (e);\n");
    const struct schema_table *c = table(s, NULL, "c");
    cr_expect_not(fk_on(c, "a")->covered, "the predicate also tests b, not a key column");
    cr_expect_not(fk_on(c, "b")->covered);
    cr_expect_not(fk_on(c, "d")->covered);
    cr_expect_not(fk_on(c, "e")->covered);
    schema_free(s);
    s = replay1("create table p (id int primary key);\n"
                "create table c (a int references p);\n"
                "create index ca on c (a) where a is not null;\n");
    cr_expect(fk_on(table(s, NULL, "c"), "a")->covered);
    schema_free(s);
}

Test(schema, drop_index_uncovers_and_says_where)
{
    const char *files[] = {
        "create table p (id int primary key);\n"
        "create table c (id int primary key, p_id int references p);\n"
        "create index c_p on c (p_id);\n",
        "-- cleanup\ndrop index if exists public.c_p;\n",
    };
    struct schema *s = replay(files, 2);
    const struct schema_fk *fk = fk_on(table(s, NULL, "c"), "p_id");
    cr_expect_not(fk->covered);
    cr_assert(fk->lost);
    cr_expect_eq(fk->lost_at.file, 1);
    cr_expect_eq(fk->lost_at.start, strlen("-- cleanup\n"));
    cr_expect_str_eq(fk->lost_index, "c_p");
    cr_expect_eq(fk->def.file, 0);
    schema_free(s);
}

Test(schema, a_new_index_after_a_drop_covers_again)
{
    struct schema *s = replay1("create table p (id int primary key);\n"
                               "create table c (p_id int references p);\n"
                               "create index c_p on c (p_id);\n"
                               "drop index c_p;\n"
                               "create index c_p2 on c (p_id, id);\n");
    const struct schema_fk *fk = fk_on(table(s, NULL, "c"), "p_id");
    cr_expect(fk->covered);
    cr_expect_not(fk->lost);
    schema_free(s);
}

Test(schema, constraint_drops_and_renames)
{
    struct schema *s = replay1(
        "create table p (id int primary key);\n"
        "create table c (a int, b int, constraint c_pk primary key (a, b));\n"
        "alter table c add constraint c_a_fk foreign key (a) references p;\n"
        "alter table c add column d int references p;\n"
        "create index c_d on c (d);\n"
        "alter table c rename column d to dd;\n"
        "alter index c_d rename to c_dd;\n"
        "alter table c drop constraint c_d_fkey;\n"   /* Postgres' default name */
        "alter table c rename constraint c_pk to c_key;\n"
        "alter table c drop constraint c_key;\n");
    const struct schema_table *c = table(s, NULL, "c");
    cr_assert_eq(c->fks.n, 1);
    const struct schema_fk *fk = fk_on(c, "a");
    cr_assert_not_null(fk);
    cr_expect_not(fk->covered, "the primary key that covered it was dropped");
    cr_expect(fk->lost);
    cr_expect_str_eq(fk->lost_index, "c_key");
    cr_assert_eq(c->indexes.n, 1);
    cr_expect_str_eq(c->indexes.v[0].name, "c_dd");
    cr_expect_str_eq(c->indexes.v[0].cols[0], "dd");
    schema_free(s);
}

Test(schema, dropping_a_column_drops_its_keys_and_indexes)
{
    struct schema *s = replay1("create table p (id int primary key);\n"
                               "create table c (a int references p, b int references p);\n"
                               "create index c_ab on c (a, b);\n"
                               "create index c_b on c (b);\n"
                               "alter table c drop column a;\n");
    const struct schema_table *c = table(s, NULL, "c");
    cr_expect_eq(c->cols.n, 1);
    cr_assert_eq(c->fks.n, 1);
    cr_expect(fk_on(c, "b")->covered);
    cr_expect_eq(c->indexes.n, 1);
    schema_free(s);
}

Test(schema, dropped_tables_leave_and_take_their_references)
{
    struct schema *s = replay1("create table p (id int primary key);\n"
                               "create table c (p_id int references p);\n"
                               "drop table if exists p cascade;\n"
                               "create table gone (x int);\n"
                               "drop table gone;\n");
    cr_expect_null(schema_table_find(s, NULL, "p"));
    cr_expect_null(schema_table_find(s, NULL, "gone"));
    cr_expect_eq(table(s, NULL, "c")->fks.n, 0);
    schema_free(s);
}

Test(schema, drop_schema_cascade_takes_its_tables)
{
    struct schema *s = replay1("create schema app;\n"
                               "create table app.jobs (id int primary key);\n"
                               "create table public.runs (job int references app.jobs);\n"
                               "create table public.keep (id int);\n"
                               "drop schema if exists app cascade;\n");
    cr_expect_null(schema_table_find(s, "app", "jobs"));
    cr_expect_eq(table(s, NULL, "runs")->fks.n, 0, "the key went with the table it references");
    cr_expect_not_null(schema_table_find(s, NULL, "keep"));
    schema_free(s);
}

Test(schema, unknown_tables_are_ignored)
{
    struct schema *s = replay1("alter table auth.users add column x int references y;\n"
                               "create index on auth.users (x);\n"
                               "alter table auth.users enable row level security;\n");
    cr_expect_eq(s->tables.n, 0);
    schema_free(s);
}

/* Schemas, names and row level security ---------------------------------------------------- */

Test(schema, qualified_and_quoted_names)
{
    struct schema *s = replay1("create table \"Leads\" (id int);\n"
                               "create table private.leads (id int);\n"
                               "alter table leads enable row level security;\n"
                               "alter table \"Leads\" rename to \"AllLeads\";\n");
    cr_expect_null(schema_table_find(s, NULL, "leads"), "unquoted leads is not \"Leads\"");
    const struct schema_table *t = table(s, "public", "AllLeads");
    cr_expect_not(t->rls);
    cr_expect_str_eq(table(s, "private", "leads")->schema, "private");
    schema_free(s);
}

Test(schema, rls_enabled_later_then_disabled)
{
    const char *files[] = {
        "create table t (id int);\ncreate table u (id int);\n",
        "alter table t enable row level security;\nalter table u force row level security;\n",
        "alter table t disable row level security;\n",
        "alter table t enable row level security;\n",
    };
    struct schema *s = replay(files, 2);
    cr_expect(table(s, NULL, "t")->rls);
    cr_expect_not(table(s, NULL, "u")->rls, "FORCE alone does not enable it");
    cr_expect(table(s, NULL, "u")->rls_forced);
    schema_free(s);
    s = replay(files, 3);
    const struct schema_table *t = table(s, NULL, "t");
    cr_expect_not(t->rls);
    cr_expect(t->rls_disabled);
    cr_expect_eq(t->rls_disabled_at.file, 2);
    cr_expect_eq(t->created.file, 0);
    schema_free(s);
    s = replay(files, 4);
    cr_expect(table(s, NULL, "t")->rls);
    cr_expect_not(table(s, NULL, "t")->rls_disabled);
    schema_free(s);
}

Test(schema, set_schema_moves_and_temp_tables_do_not_count)
{
    struct schema *s = replay1("create table public.q (id int);\n"
                               "alter table q set schema private;\n"
                               "create temp table scratch (x int);\n"
                               "create table if not exists private.q (other int);\n");
    cr_expect_null(schema_table_find(s, "public", "q"));
    cr_expect_eq(table(s, "private", "q")->cols.n, 1, "IF NOT EXISTS keeps the first");
    cr_expect_null(schema_table_find(s, NULL, "scratch"));
    schema_free(s);
}

/* Migration sets and names ----------------------------------------------------------------- */

Test(schema, set_keys)
{
    struct {
        const char *path, *key;
    } cases[] = {
        {"supabase/migrations/20240101_init.sql", "supabase/migrations"},
        {"prisma/migrations/20240101_init/migration.sql", "prisma/migrations"},
        {"apps/api/db/migrations/001.sql", "apps/api/db/migrations"},
        {"sql/seed.sql", "sql"},
        {"schema.sql", "."},
        {"migrations.sql", "."},
        {"a/migrations_old/x.sql", "a/migrations_old"},
    };
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        char *key = schema_set_key(cases[i].path);
        cr_expect_str_eq(key, cases[i].key, "%s", cases[i].path);
        free(key);
    }
}

Test(schema, names_are_written_as_sql_reads_them)
{
    struct strbuf sb;
    strbuf_init(&sb);
    schema_append_name(&sb, "public", "leads");
    strbuf_addch(&sb, ' ');
    schema_append_name(&sb, "Private", "Lead \"x\"");
    strbuf_addch(&sb, ' ');
    schema_append_name(&sb, NULL, "1st");
    cr_expect_str_eq(sb.buf, "leads \"Private\".\"Lead \"\"x\"\"\" \"1st\"");
    strbuf_release(&sb);
}

/* Facts ------------------------------------------------------------------------------------- */

static void expect_str(const char *got, const char *want, const char *what, size_t i)
{
    if (!want)
        cr_expect_null(got, "op %zu: %s is %s, not NULL", i, what, got ? got : "");
    else if (!got)
        cr_expect_fail("op %zu: %s is NULL, not %s", i, what, want);
    else
        cr_expect_str_eq(got, want, "op %zu: %s", i, what);
}

static void expect_strv(const char *const *got, size_t ngot, const char *const *want,
                        size_t nwant, const char *what, size_t i)
{
    cr_assert_eq(ngot, nwant, "op %zu: %zu %s, not %zu", i, ngot, what, nwant);
    if (!nwant)
        cr_expect_null(got, "op %zu: no %s is a NULL list", i, what);
    for (size_t k = 0; k < nwant; k++)
        expect_str(got[k], want[k], what, i);
}

static void expect_op(const struct sql_op *got, const struct sql_op *want, size_t i)
{
    cr_expect_eq(got->kind, want->kind, "op %zu: kind", i);
    cr_expect_eq(got->start, want->start, "op %zu: start %u, not %u", i, got->start, want->start);
    cr_expect_eq(got->end, want->end, "op %zu: end %u, not %u", i, got->end, want->end);
    cr_expect_eq(got->stmt, 0, "op %zu: stmt is not kept", i);
    expect_str(got->rel.schema, want->rel.schema, "rel.schema", i);
    expect_str(got->rel.name, want->rel.name, "rel.name", i);
    expect_str(got->name, want->name, "name", i);
    expect_str(got->new_name, want->new_name, "new_name", i);
    cr_expect_eq(got->if_exists, want->if_exists, "op %zu: if_exists", i);
    cr_expect_eq(got->temp, want->temp, "op %zu: temp", i);
    cr_expect_eq(got->fallback, want->fallback, "op %zu: fallback", i);
    cr_expect_eq(got->unique, want->unique, "op %zu: unique", i);
    cr_expect_eq(got->btree, want->btree, "op %zu: btree", i);
    cr_expect_eq(got->pred, want->pred, "op %zu: pred", i);
    expect_strv(got->pred_cols, got->npred_cols, want->pred_cols, want->npred_cols, "pred_cols", i);
    expect_strv(got->cols, got->ncols, want->cols, want->ncols, "cols", i);
    cr_expect_eq(got->flags, want->flags, "op %zu: flags %u, not %u", i, got->flags, want->flags);
    expect_strv(got->roles, got->nroles, want->roles, want->nroles, "roles", i);
    expect_strv(got->refs, 2 * got->nrefs, want->refs, 2 * want->nrefs, "refs", i);
    cr_assert_eq(got->ncons, want->ncons, "op %zu: %zu cons, not %zu", i, got->ncons, want->ncons);
    if (!want->ncons)
        cr_expect_null(got->cons, "op %zu: no cons is a NULL list", i);
    for (size_t k = 0; k < want->ncons; k++) {
        const struct sql_cons *g = &got->cons[k], *w = &want->cons[k];
        cr_expect_eq(g->type, w->type, "op %zu cons %zu: type", i, k);
        expect_str(g->name, w->name, "cons name", i);
        expect_strv(g->cols, g->ncols, w->cols, w->ncols, "cons cols", i);
        expect_str(g->ref.schema, w->ref.schema, "cons ref.schema", i);
        expect_str(g->ref.name, w->ref.name, "cons ref.name", i);
        expect_strv(g->ref_cols, g->nref_cols, w->ref_cols, w->nref_cols, "cons ref_cols", i);
        cr_expect_eq(g->auto_indexed, w->auto_indexed, "op %zu cons %zu: auto_indexed", i, k);
        cr_expect_eq(g->start, w->start, "op %zu cons %zu: start %u, not %u", i, k, g->start,
                     w->start);
        cr_expect_eq(g->end, w->end, "op %zu cons %zu: end %u, not %u", i, k, g->end, w->end);
    }
}

/* Encodes ops and reads them back; returns the facts (caller frees). */
static struct schema_facts *round_trip(const struct sql_file *sql)
{
    struct schema_facts *f = schema_facts_new(sql);
    cr_assert_not_null(f);
    cr_expect_eq(f->nops, sql->nops);
    cr_expect_eq(f->other_dialect, sql->other_dialect);
    cr_expect_eq(f->supabase_marks, sql->supabase_marks);
    struct schema_facts_reader r;
    schema_facts_reader_init(&r, f);
    size_t i = 0;
    for (const struct sql_op *op; (op = schema_facts_next(&r)); i++) {
        cr_assert_lt(i, sql->nops, "more ops read than written");
        expect_op(op, &sql->ops[i], i);
    }
    cr_expect_eq(i, sql->nops, "%zu ops read, not %zu", i, sql->nops);
    cr_expect_null(schema_facts_next(&r), "the reader stays at the end");
    schema_facts_reader_release(&r);
    return f;
}

Test(facts, every_field_survives_the_round_trip)
{
    struct arena a;
    arena_init(&a);
    /* more distinct strings than a one-byte reference holds, and a long list of them */
    enum { NLONG = 400 };
    const char **longv = arena_alloc(&a, NLONG * sizeof(*longv));
    for (size_t k = 0; k < NLONG; k++)
        longv[k] = arena_printf(&a, "column_%zu", k);
    /* the same names again, at other addresses */
    const char **again = arena_alloc(&a, NLONG * sizeof(*again));
    for (size_t k = 0; k < NLONG; k++)
        again[k] = arena_printf(&a, "column_%zu", NLONG - 1 - k);
    char *long_name = arena_alloc(&a, 5001);
    memset(long_name, 'x', 5000);
    const char *with_expr[] = {"a", NULL, "b", NULL};
    const char *one[] = {"id"};
    const char *two[] = {"tenant_id", "Quoted \"Name\""};
    const char *empty_name[] = {""};

    struct sql_cons cons[] = {
        {.type = SQL_CONS_PRIMARY, .cols = one, .ncols = 1, .start = 10, .end = 20},
        {.type = SQL_CONS_UNIQUE, .name = "t_key", .cols = two, .ncols = 2, .start = 30,
         .end = 40},
        {.type = SQL_CONS_FOREIGN, .name = NULL, .cols = one, .ncols = 1,
         .ref = {"auth", "users"}, .ref_cols = one, .nref_cols = 1, .start = 5, .end = 9},
        {.type = SQL_CONS_FOREIGN, .name = "fk", .cols = two, .ncols = 2,
         .ref = {NULL, "orgs"}, .ref_cols = NULL, .nref_cols = 0, .auto_indexed = true,
         .start = 4000000000u, .end = 4000000100u},
        {.type = SQL_CONS_PRIMARY, .cols = NULL, .ncols = 0, .start = 0, .end = 0},
        {.type = SQL_CONS_FOREIGN, .name = long_name, .cols = longv, .ncols = NLONG,
         .ref = {"s", long_name}, .ref_cols = again, .nref_cols = NLONG, .start = 1u << 22,
         .end = (1u << 22) + 7},
    };
    VEC(struct sql_op) ops = {0};
    for (int kind = SQL_OP_CREATE_TABLE; kind <= SQL_OP_LAST; kind++) {
        /* offsets rise past 2^21 and 2^28, and go back down */
        uint32_t start = kind % 3 == 0 ? (uint32_t)kind * 300000u : (uint32_t)kind * 17u;
        struct sql_op op = {
            .kind = (enum sql_op_kind)kind,
            .start = start,
            .end = start + (uint32_t)kind * 1000u,
            .stmt = (uint32_t)kind,
            .rel = {kind % 2 ? "public" : NULL, kind % 5 == 4 ? NULL : "leads"},
            .name = kind % 4 == 1 ? NULL : arena_printf(&a, "name_%d", kind),
            .new_name = kind % 3 == 2 ? "renamed" : NULL,
            .if_exists = kind % 2,
            .temp = kind % 3 == 1,
            .fallback = kind % 5 == 2,
            .unique = kind % 2 == 0,
            .btree = kind % 4 != 3,
            .pred = (enum sql_pred)(kind % 3),
        };
        if (op.pred == SQL_PRED_NOT_NULL) {
            op.pred_cols = two;
            op.npred_cols = 2;
        }
        switch (kind % 4) {
        case 0: op.cols = longv, op.ncols = NLONG; break;
        case 1: op.cols = with_expr, op.ncols = 4; break;
        case 2: op.cols = empty_name, op.ncols = 1; break;
        default: break; /* no columns */
        }
        if (kind % 2 == 0) {
            op.cons = cons;
            op.ncons = ARRAY_SIZE(cons);
        } else if (kind % 3 == 0) {
            op.cons = &cons[2];
            op.ncons = 1;
        }
        if (kind % 3 == 1)
            op.flags = kind % 2 ? (uint32_t)kind : 1u << 30;
        if (kind % 4 == 2) {
            op.roles = two;
            op.nroles = 2;
        }
        if (kind % 5 == 3) {
            op.refs = with_expr; /* (a, NULL) and (b, NULL) */
            op.nrefs = 2;
        }
        /* the stmt field is not kept: compare against 0 */
        op.stmt = 0;
        VEC_PUSH(ops, op);
    }
    VEC_PUSH(ops, ((struct sql_op){.kind = SQL_OP_DROP_SCHEMA, .start = UINT32_MAX - 5,
                                   .end = UINT32_MAX, .rel = {NULL, "old"}}));
    VEC_PUSH(ops, ((struct sql_op){.kind = SQL_OP_RLS_ENABLE, .start = 0, .end = 0}));

    struct sql_file sql = {.ops = ops.v, .nops = ops.n, .supabase_marks = true};
    schema_facts_free(round_trip(&sql));
    sql.other_dialect = true;
    sql.supabase_marks = false;
    schema_facts_free(round_trip(&sql));
    VEC_FREE(ops);
    arena_release(&a);
}

Test(facts, files_without_ops)
{
    struct sql_file none = {0};
    cr_expect_null(schema_facts_new(&none), "no ops and no marks: nothing to keep");
    cr_expect_null(schema_facts_new(NULL));
    struct sql_file marked = {.other_dialect = true};
    struct schema_facts *f = round_trip(&marked);
    cr_expect(f->other_dialect);
    schema_facts_free(f);
    schema_facts_free(NULL);

    struct schema_facts_reader r;
    schema_facts_reader_init(&r, NULL);
    cr_expect_null(schema_facts_next(&r), "NULL facts read as no ops");
    schema_facts_reader_release(&r);
}

Test(facts, each_string_is_kept_once)
{
    char name[200];
    memset(name, 'n', sizeof(name) - 1);
    name[sizeof(name) - 1] = '\0';
    const char *cols[] = {name, name, name};
    struct sql_op ops[100];
    for (size_t i = 0; i < ARRAY_SIZE(ops); i++)
        ops[i] = (struct sql_op){.kind = SQL_OP_ADD_COLUMN, .start = 1000 * (uint32_t)i,
                                 .end = 1000 * (uint32_t)i + 50, .rel = {NULL, name},
                                 .cols = cols, .ncols = 3};
    struct sql_file sql = {.ops = ops, .nops = ARRAY_SIZE(ops)};
    struct schema_facts *f = round_trip(&sql);
    /* 100 ops naming the 200-byte string 4 times each: the string once, then a few bytes per op */
    cr_expect_lt(f->len, sizeof(name) + 20 * ARRAY_SIZE(ops), "%zu bytes", f->len);
    schema_facts_free(f);
}

/* The replay reads the facts as it would read the ops themselves. */
Test(facts, replaying_facts_is_replaying_ops)
{
    const char *text =
        "create table public.orgs (id uuid primary key);\n"
        "create table leads (id uuid primary key, org_id uuid references orgs (id),\n"
        "  owner uuid, constraint leads_owner_key unique (owner));\n"
        "create index on leads (org_id) where org_id is not null;\n"
        "alter table leads rename column owner to owner_id;\n"
        "alter table leads enable row level security;\n";
    struct parsed p;
    parse(&p, text);
    struct schema *direct = schema_new(), *kept = schema_new();
    schema_apply(direct, 0, p.sql->ops, p.sql->nops);
    struct schema_facts *facts = schema_facts_new(p.sql);
    release(&p);
    schema_apply_facts(kept, 0, facts);
    schema_facts_free(facts);
    cr_assert_eq(kept->tables.n, direct->tables.n);
    for (size_t i = 0; i < direct->tables.n; i++) {
        const struct schema_table *d = direct->tables.v[i], *k = kept->tables.v[i];
        cr_expect_str_eq(k->name, d->name);
        cr_expect_eq(k->cols.n, d->cols.n);
        cr_expect_eq(k->fks.n, d->fks.n);
        cr_expect_eq(k->indexes.n, d->indexes.n);
        cr_expect_eq(k->rls, d->rls);
        for (size_t j = 0; j < d->indexes.n && j < k->indexes.n; j++) {
            cr_expect_str_eq(k->indexes.v[j].name, d->indexes.v[j].name);
            cr_expect_eq(k->indexes.v[j].def.start, d->indexes.v[j].def.start);
        }
        for (size_t j = 0; j < d->fks.n && j < k->fks.n; j++) {
            cr_expect_str_eq(k->fks.v[j].name, d->fks.v[j].name);
            cr_expect_eq(k->fks.v[j].covered, d->fks.v[j].covered);
            cr_expect_eq(k->fks.v[j].def.start, d->fks.v[j].def.start);
        }
    }
    schema_free(direct);
    schema_free(kept);
}

Test(schema, alembic_paths)
{
    cr_expect(alembic_is_migration("backend/app/alembic/versions/e2412789c190_init.py"));
    cr_expect(alembic_is_migration("alembic/versions/0001_init.py"));
    cr_expect(alembic_is_migration("migrations/versions/4f2a_initial.py"));
    cr_expect(!alembic_is_migration("alembic/env.py"));
    cr_expect(!alembic_is_migration("alembic/versions/README"));
    cr_expect(!alembic_is_migration("app/versions/0001.py"));
    cr_expect(!alembic_is_migration("myalembic/versions/0001.py"));
    cr_expect(!alembic_is_migration("alembic/versions/old/0001.py"));
    cr_expect(!alembic_is_migration("versions/0001.py"));
}
