/* alembic.h — Alembic migrations read as the schema operations they perform, so that the
 * schema model (schema.h) replays a Python engine's migrations like SQL ones.
 *
 * A migration is a .py file directly under a directory named "versions" whose parent is
 * "alembic" or "migrations" (alembic/versions/<rev>_<slug>.py, migrations/versions/...). Its
 * `upgrade()` is read statement by statement (also inside `with op.batch_alter_table(t) as
 * b:`): op.create_table with sa.Column (primary_key=, unique=, index=, sa.ForeignKey) and
 * table constraints, add_column, drop_column, alter_column(new_column_name=), drop_table,
 * rename_table, create_foreign_key, create_primary_key, create_unique_constraint,
 * drop_constraint, create_index (postgresql_where= makes it partial; sa.text() columns are
 * an expression), drop_index, and `op.execute("...")` / `op.execute(sa.text("..."))` with a
 * literal SQL text, whose statements the SQL front end reads (sql.h). Everything else is not
 * read.
 *
 *     if (alembic_is_migration(path)) {
 *         struct alembic_file *m = alembic_read(f);  // f parsed as Python, f->arena
 *         facts = schema_facts_new_revision(&m->sql, m->revision, m->down_revision);
 *     }
 *
 * Nothing here recurses on tree depth.
 */
#ifndef PREFLIGHT_ALEMBIC_H
#define PREFLIGHT_ALEMBIC_H

#include <stdbool.h>

#include "check.h"
#include "front/sql.h"

/* true for the path of an Alembic migration (see above). */
bool alembic_is_migration(const char *path);

struct alembic_file {
    struct sql_file sql;       /* ops only; the rest is zero */
    const char *revision;      /* the module's `revision = "..."`, or NULL */
    const char *down_revision; /* its parents, comma-separated ("a,b" for a merge), or NULL */
};

/* The operations of f's upgrade(), in order. Everything is allocated from f->arena; strings
 * are the migration's names as written. Never NULL. */
struct alembic_file *alembic_read(struct check_file *f);

#endif
