/* performance-unindexed-foreign-key — a foreign key that no index of its table leads with.
 *
 * Postgres indexes the referenced side of a foreign key (it must be a primary key or unique)
 * but not the referencing side: every DELETE or key UPDATE on the parent, and every join from
 * parent to children, scans the child table. The migrations of a set are replayed (schema.h);
 * a foreign key left uncovered at the end is reported where it is defined, or, when a later
 * migration removed the index that covered it, at that statement: the line a reviewer sees.
 * Alembic migrations are read into the same model (model/alembic.h); their fix is written as
 * op.create_index().
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "model/schema.h"
#include "front/sql.h"

/* "a, b" with SQL quoting. */
static void append_cols(struct strbuf *sb, const char *const *cols, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (i)
            strbuf_addstr(sb, ", ");
        schema_append_name(sb, NULL, cols[i]);
    }
}

/* The statement that fixes it: CREATE INDEX <table>_<cols>_idx ON table (cols); the plain form,
 * which runs where migrations run: the Supabase CLI (like most migration tools) wraps each file
 * in a transaction, and CREATE INDEX CONCURRENTLY fails inside one. The message names the
 * CONCURRENTLY form for a large table that is already live. */
static char *fix_statement(const struct schema_table *t, const struct schema_fk *fk)
{
    struct strbuf name, sb;
    strbuf_init(&name);
    strbuf_addstr(&name, t->name);
    for (size_t i = 0; i < fk->ncols; i++) {
        strbuf_addch(&name, '_');
        strbuf_addstr(&name, fk->cols[i]);
    }
    strbuf_addstr(&name, "_idx");
    strbuf_init(&sb);
    strbuf_addstr(&sb, "CREATE INDEX ");
    schema_append_name(&sb, NULL, name.buf);
    strbuf_addstr(&sb, " ON ");
    schema_append_name(&sb, t->schema, t->name);
    strbuf_addstr(&sb, " (");
    append_cols(&sb, fk->cols, fk->ncols);
    strbuf_addstr(&sb, ");");
    strbuf_release(&name);
    return strbuf_detach(&sb, NULL);
}

/* The same for an Alembic set: op.create_index("ix_<table>_<cols>", "<table>", [cols]). */
static char *fix_alembic(const struct schema_table *t, const struct schema_fk *fk)
{
    struct strbuf sb;
    strbuf_init(&sb);
    strbuf_addf(&sb, "op.create_index(\"ix_%s", t->name);
    for (size_t i = 0; i < fk->ncols; i++)
        strbuf_addf(&sb, "_%s", fk->cols[i]);
    strbuf_addf(&sb, "\", \"%s\", [", t->name);
    for (size_t i = 0; i < fk->ncols; i++)
        strbuf_addf(&sb, "%s\"%s\"", i ? ", " : "", fk->cols[i]);
    strbuf_addch(&sb, ']');
    if (t->schema && strcmp(t->schema, "public") != 0)
        strbuf_addf(&sb, ", schema=\"%s\"", t->schema);
    strbuf_addch(&sb, ')');
    return strbuf_detach(&sb, NULL);
}

/* For Postgres: how to index a big table that is already live without blocking its writes. */
static const char *concurrently(const struct schema *s)
{
    if (s->alembic)
        return " in a migration (on a large live table, with postgresql_concurrently=True "
               "inside `with op.get_context().autocommit_block():`)";
    return s->other_dialect ? ""
                            : " (on a large live table, CREATE INDEX CONCURRENTLY in a migration "
                              "of its own that does not run in a transaction)";
}

static void fk_set(struct check_project *p, const struct schema *s)
{
    for (size_t i = 0; i < s->tables.n; i++) {
        const struct schema_table *t = s->tables.v[i];
        for (size_t k = 0; k < t->fks.n; k++) {
            const struct schema_fk *fk = &t->fks.v[k];
            if (fk->covered)
                continue;
            struct strbuf table, what, parent;
            strbuf_init(&table);
            schema_append_name(&table, t->schema, t->name);
            strbuf_init(&what);
            strbuf_addstr(&what, table.buf);
            strbuf_addch(&what, '(');
            append_cols(&what, fk->cols, fk->ncols);
            strbuf_addch(&what, ')');
            strbuf_init(&parent);
            schema_append_name(&parent, fk->ref_schema, fk->ref_table);
            char *fix = s->alembic ? fix_alembic(t, fk) : fix_statement(t, fk);
            if (fk->lost) {
                struct strbuf ix;
                strbuf_init(&ix);
                schema_append_name(&ix, NULL, fk->lost_index);
                struct finding *fd = project_report(
                    p, fk->lost_at.file, fk->lost_at.start, fk->lost_at.end,
                    "this removes %s, the only index covering foreign key %s: deletes on %s "
                    "will scan %s; keep it or add `%s`%s",
                    ix.buf, what.buf, parent.buf, table.buf, fix, concurrently(s));
                finding_related_in(fd, p, fk->def.file, fk->def.start, fk->def.end,
                                   "the foreign key %s", what.buf);
                strbuf_release(&ix);
            } else {
                project_report(p, fk->def.file, fk->def.start, fk->def.end,
                               "foreign key %s has no index: deletes on %s and joins from it "
                               "scan %s; add `%s`%s",
                               what.buf, parent.buf, table.buf, fix, concurrently(s));
            }
            free(fix);
            strbuf_release(&table);
            strbuf_release(&what);
            strbuf_release(&parent);
        }
    }
}

const struct check check_performance_unindexed_foreign_key = {
    .id = "performance-unindexed-foreign-key",
    .title = "Foreign key without an index on its columns",
    .level = LEVEL_WARNING,
    .langs = LANG_BIT(LANG_SQL) | LANG_BIT(LANG_PYTHON), /* Alembic migrations (alembic.h) */
    .tags = (const char *const[]){"performance", "sql", "postgres", NULL},
    .precision = "high",
    .schema = true,
    .schema_set = fk_set,
};
