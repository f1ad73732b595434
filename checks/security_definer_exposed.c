/* security-definer-exposed — code that runs with its owner's rights and that the API's roles
 * can reach: SECURITY DEFINER functions in the exposed schema that anon (warning) or only
 * authenticated (note) may execute, and views that are not security_invoker over tables with row level security.
 *
 * PostgREST serves every function of the exposed schema at /rest/v1/rpc/<name> and every view
 * like a table. Postgres grants EXECUTE on a new function to PUBLIC, and a Supabase project's
 * default privileges grant functions and relations in public to anon and authenticated, so
 * both stay callable until a REVOKE names them. A definer function skips row level security,
 * and so does a view without security_invoker (it reads with its owner's rights). The set is
 * replayed (schema.h): later REVOKEs, ALTER FUNCTION ... SECURITY INVOKER, ALTER VIEW ... SET
 * (security_invoker = true), drops and ALTER DEFAULT PRIVILEGES count. Trigger functions cannot
 * be called through the API and are not reported. A view in public over auth.users is an error
 * whatever its other tables: it publishes every user's email and metadata.
 */
#include <string.h>

#include "check.h"
#include "model/schema.h"
#include "front/sql.h"

static const char *roles_word(unsigned roles)
{
    if (roles & (SCHEMA_ROLE_PUBLIC | SCHEMA_ROLE_ANON))
        return roles & (SCHEMA_ROLE_AUTHENTICATED | SCHEMA_ROLE_PUBLIC)
                   ? "anon and authenticated"
                   : "anon";
    return "authenticated";
}

static void functions(struct check_project *p, const struct schema *s)
{
    for (size_t i = 0; i < s->functions.n; i++) {
        const struct schema_function *fn = &s->functions.v[i];
        unsigned api = fn->execute & SCHEMA_ROLES_API;
        if (!(fn->flags & SQL_FN_DEFINER) || (fn->flags & SQL_FN_TRIGGER) || !api ||
            strcmp(fn->schema, "public") != 0)
            continue;
        struct strbuf sig;
        strbuf_init(&sig);
        schema_append_function(&sig, fn);
        struct finding *fd = project_report(
            p, fn->def.file, fn->def.start, fn->def.end,
            "security definer %s %s runs with its owner's rights, past row level security, "
            "and %s can call it through the API (rpc/%s): `revoke execute on function %s from "
            "public, anon, authenticated;` then grant it to the roles that need it, or move it "
            "to a schema the API does not expose",
            fn->flags & SQL_FN_PROCEDURE ? "procedure" : "function", sig.buf, roles_word(api),
            fn->name, sig.buf);
        /* signed-in callers only: often meant (a helper that filters by auth.uid()) */
        if (!(api & (SCHEMA_ROLE_PUBLIC | SCHEMA_ROLE_ANON)))
            finding_set_level(fd, LEVEL_NOTE);
        strbuf_release(&sig);
    }
}

/* The first table with row level security a view reads, or NULL; *auth_users says whether it
 * reads auth.users. */
static const struct schema_table *rls_table_read(const struct schema *s,
                                                 const struct schema_view *v, bool *auth_users)
{
    const struct schema_table *found = NULL;
    *auth_users = false;
    for (size_t k = 0; k < v->nrefs; k++) {
        const char *schema = v->refs[2 * k], *name = v->refs[2 * k + 1];
        if (schema && strcmp(schema, "auth") == 0 && strcmp(name, "users") == 0)
            *auth_users = true;
        const struct schema_table *t = schema_table_find(s, schema, name);
        if (t && t->rls && !found)
            found = t;
    }
    return found;
}

static void views(struct check_project *p, const struct schema *s)
{
    for (size_t i = 0; i < s->views.n; i++) {
        const struct schema_view *v = &s->views.v[i];
        unsigned api = v->select & SCHEMA_ROLES_API;
        if (v->invoker || !api || strcmp(v->schema, "public") != 0)
            continue;
        bool auth_users;
        const struct schema_table *t = rls_table_read(s, v, &auth_users);
        if (!t && !auth_users)
            continue;
        struct strbuf name, table;
        strbuf_init(&name);
        strbuf_init(&table);
        schema_append_name(&name, v->schema, v->name);
        if (auth_users) {
            struct finding *fd = project_report(
                p, v->def.file, v->def.start, v->def.end,
                "view %s reads auth.users and %s can select from it through the API: it "
                "publishes users' emails, phones and metadata; move it out of the exposed "
                "schema, or `revoke select on %s from anon, authenticated;`",
                name.buf, roles_word(api), name.buf);
            finding_set_level(fd, LEVEL_ERROR);
        } else {
            schema_append_name(&table, t->schema, t->name);
            project_report(p, v->def.file, v->def.start, v->def.end,
                           "view %s reads %s with its owner's rights, past %s's row level "
                           "security, and %s can select from it through the API: create it "
                           "`with (security_invoker = true)` or `alter view %s set "
                           "(security_invoker = true);`",
                           name.buf, table.buf, table.buf, roles_word(api), name.buf);
        }
        strbuf_release(&name);
        strbuf_release(&table);
    }
}

static void definer_set(struct check_project *p, const struct schema *s)
{
    if (!s->supabase || s->other_dialect)
        return;
    functions(p, s);
    views(p, s);
}

const struct check check_security_definer_exposed = {
    .id = "security-definer-exposed",
    .title = "Security definer function or view reachable through the API",
    .level = LEVEL_WARNING,
    .langs = LANG_BIT(LANG_SQL),
    .tags = (const char *const[]){"security", "sql", "postgres", "supabase",
                                  "external/cwe/cwe-269", NULL},
    .security_severity = "7.5",
    .precision = "high",
    .schema = true,
    .schema_set = definer_set,
};
