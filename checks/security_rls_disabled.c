/* security-rls-disabled — a table in a schema the API exposes that ends its migration set
 * without ROW LEVEL SECURITY.
 *
 * Supabase serves every table of the exposed schemas (public by default) through PostgREST to
 * anyone holding the anon key, which ships in the browser bundle. Without row level security
 * the table is readable and writable by everyone. The migrations of a set are replayed
 * (schema.h): a table never given RLS is reported at its CREATE TABLE, a table whose RLS a
 * later migration disables (and nothing enables again) at that DISABLE. Dropped tables,
 * tables in other schemas, tables of other dialects (statements Postgres rejects), migration
 * sets written for MySQL or SQLite (Prisma's other providers) and sets that do not look like a
 * Supabase project's (see schema.h) are not reported.
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "model/schema.h"
#include "front/sql.h"

static const struct check_option rls_options[] = {
    {"schemas", OPTION_STRINGS,
     "schemas the API exposes, whose tables need row level security (default: [\"public\"])"},
    {"all-projects", OPTION_BOOL,
     "report in every Postgres migration set, not only in those that look like a Supabase "
     "project's (default: false)"},
    {NULL, 0, NULL},
};

static const char *const default_schemas[] = {"public", NULL};

struct rls_state {
    const char *const *schemas; /* borrowed from the run's options */
    bool all_projects;
};

static void *rls_init(const struct check_options *opts, char **err)
{
    (void)err;
    struct rls_state *st = xcalloc(1, sizeof(*st));
    const char *const *v = options_strings(opts, "schemas");
    st->schemas = v && v[0] ? v : default_schemas;
    st->all_projects = options_bool(opts, "all-projects", false);
    return st;
}

static void rls_fini(void *state)
{
    free(state);
}

static bool exposed(const struct rls_state *st, const char *schema)
{
    for (const char *const *s = st->schemas; *s; s++)
        if (strcmp(*s, schema) == 0)
            return true;
    return false;
}

static void rls_set(struct check_project *p, const struct schema *s)
{
    const struct rls_state *st = project_state(p);
    /* a Postgres database that no API serves (no anon key, no PostgREST) has no use for it;
     * a MySQL or SQLite one (Prisma's other providers) has no row level security */
    if (!s->supabase && (!st->all_projects || s->other_dialect))
        return;
    for (size_t i = 0; i < s->tables.n; i++) {
        const struct schema_table *t = s->tables.v[i];
        /* a table only tree-sitter could read is MySQL's or SQLite's: no RLS there */
        if (t->rls || t->fallback || !exposed(st, t->schema))
            continue;
        struct strbuf name;
        strbuf_init(&name);
        schema_append_name(&name, t->schema, t->name);
        if (t->rls_disabled) {
            struct finding *fd = project_report(
                p, t->rls_disabled_at.file, t->rls_disabled_at.start, t->rls_disabled_at.end,
                "row level security of %s is disabled here and never enabled again: anyone "
                "with the anon key can read and write every row through the API; remove the "
                "DISABLE and write policies",
                name.buf);
            finding_related_in(fd, p, t->created.file, t->created.start, t->created.end,
                               "%s is created here", name.buf);
        } else {
            project_report(p, t->created.file, t->created.start, t->created.end,
                           "table %s in exposed schema '%s' never gets row level security: "
                           "anyone with the anon key can read and write every row through the "
                           "API; add `ALTER TABLE %s ENABLE ROW LEVEL SECURITY;` and policies",
                           name.buf, t->schema, name.buf);
        }
        strbuf_release(&name);
    }
}

const struct check check_security_rls_disabled = {
    .id = "security-rls-disabled",
    .title = "Table in an exposed schema without row level security",
    .level = LEVEL_ERROR,
    .langs = LANG_BIT(LANG_SQL),
    .tags = (const char *const[]){"security", "sql", "postgres", "supabase",
                                  "external/cwe/cwe-284", NULL},
    .security_severity = "8.1",
    .precision = "high",
    .options = rls_options,
    .init = rls_init,
    .fini = rls_fini,
    .schema = true,
    .schema_set = rls_set,
};
