/* security-permissive-rls-policy — row level security policies that let the API's roles do
 * what the policy was meant to restrict.
 *
 * At the end of each Supabase migration set (schema.h), on the tables of the exposed schema
 * that have row level security: a permissive policy for INSERT, UPDATE, DELETE or ALL given to
 * anon, authenticated or PUBLIC whose USING or WITH CHECK is the constant true (anyone with the
 * anon key, or any signed-up user, may write every row: error for anon and PUBLIC, warning for
 * authenticated); the same for SELECT (a note: public read may be intended); a policy that
 * reads user_metadata (auth.jwt() -> 'user_metadata', auth.users.raw_user_meta_data), which
 * every user can change with supabase.auth.updateUser (warning); row level security enabled
 * with no policy at all (every API request is denied: a note). A later DROP POLICY or ALTER
 * POLICY counts; restrictive policies only narrow and are not reported.
 */
#include <string.h>

#include "check.h"
#include "model/schema.h"
#include "front/sql.h"

/* The API roles a policy applies to, for messages: "anon", "authenticated", "public". */
static const char *roles_word(unsigned roles)
{
    if (roles & SCHEMA_ROLE_PUBLIC)
        return "public (anon included)";
    if ((roles & SCHEMA_ROLE_ANON) && (roles & SCHEMA_ROLE_AUTHENTICATED))
        return "anon and authenticated";
    return roles & SCHEMA_ROLE_ANON ? "anon" : "authenticated";
}

/* Does the policy let its roles write any row? USING (true) opens every existing row to UPDATE
 * and DELETE, WITH CHECK (true) lets INSERT and UPDATE write anything; an UPDATE or ALL policy
 * without WITH CHECK checks new rows with its USING. */
static bool writes_any_row(uint32_t f)
{
    unsigned cmd = f & SQL_POLICY_CMD_MASK;
    bool using_true = f & SQL_POLICY_USING_TRUE, check_true = f & SQL_POLICY_CHECK_TRUE;
    switch (cmd) {
    case SQL_POLICY_INSERT:
        return check_true;
    case SQL_POLICY_DELETE:
        return using_true;
    case SQL_POLICY_UPDATE:
    case SQL_POLICY_ALL:
        return using_true || check_true;
    default:
        return false;
    }
}

static void report_policy(struct check_project *p, const struct schema_policy *pol,
                          const char *table)
{
    unsigned api = pol->roles & SCHEMA_ROLES_API;
    unsigned cmd = pol->flags & SQL_POLICY_CMD_MASK;
    const struct schema_loc *at = &pol->def;
    bool open_rows = (pol->flags & SQL_POLICY_USING_TRUE) || cmd == SQL_POLICY_INSERT;
    if (api && !(pol->flags & SQL_POLICY_RESTRICTIVE) && writes_any_row(pol->flags) &&
        !open_rows) {
        /* USING holds, WITH CHECK (true): the rows it reaches can be given any values */
        project_report(p, at->file, at->start, at->end,
                       "policy \"%s\" lets %s write any values into the rows of %s it reaches "
                       "(with check true): a user can change a row's owner or tenant column "
                       "and hand it to someone else; repeat the USING condition in WITH CHECK",
                       pol->name, roles_word(api), table);
    } else if (api && !(pol->flags & SQL_POLICY_RESTRICTIVE) && writes_any_row(pol->flags)) {
        struct finding *fd = project_report(
            p, at->file, at->start, at->end,
            "policy \"%s\" lets %s %s %s (%s true): anyone %s can change data that is not "
            "theirs; compare the row's owner column with (select auth.uid()) in USING and WITH "
            "CHECK",
            pol->name, roles_word(api),
            cmd == SQL_POLICY_ALL      ? "read and write every row of"
            : cmd == SQL_POLICY_INSERT ? "insert any row into"
            : cmd == SQL_POLICY_UPDATE ? "update every row of"
                                       : "delete every row of",
            table, pol->flags & SQL_POLICY_USING_TRUE ? "using" : "with check",
            api & (SCHEMA_ROLE_PUBLIC | SCHEMA_ROLE_ANON) ? "with the anon key"
                                                         : "who signs up");
        finding_set_level(fd, api & (SCHEMA_ROLE_PUBLIC | SCHEMA_ROLE_ANON) ? LEVEL_ERROR
                                                                           : LEVEL_WARNING);
    } else if (api && !(pol->flags & SQL_POLICY_RESTRICTIVE) && cmd == SQL_POLICY_SELECT &&
               (pol->flags & SQL_POLICY_USING_TRUE)) {
        struct finding *fd = project_report(
            p, at->file, at->start, at->end,
            "policy \"%s\" lets %s read every row of %s (using true): fine for public data; "
            "otherwise limit it to the rows the user owns or belongs to",
            pol->name, roles_word(api), table);
        finding_set_level(fd, LEVEL_NOTE);
    }
    if (api && (pol->flags & SQL_POLICY_USER_METADATA))
        project_report(p, at->file, at->start, at->end,
                       "policy \"%s\" on %s decides access by user_metadata, which every user "
                       "can change for themselves (supabase.auth.updateUser): keep roles and "
                       "tenants in app_metadata (auth.jwt() -> 'app_metadata') or in a table "
                       "the user cannot write",
                       pol->name, table);
}

static void policy_set(struct check_project *p, const struct schema *s)
{
    if (!s->supabase || s->other_dialect)
        return;
    for (size_t i = 0; i < s->tables.n; i++) {
        const struct schema_table *t = s->tables.v[i];
        /* without row level security the policies do nothing: security-rls-disabled */
        if (!t->rls || strcmp(t->schema, "public") != 0)
            continue;
        struct strbuf name;
        strbuf_init(&name);
        schema_append_name(&name, t->schema, t->name);
        for (size_t k = 0; k < t->policies.n; k++)
            report_policy(p, &t->policies.v[k], name.buf);
        if (t->policies.n == 0) {
            struct finding *fd = project_report(
                p, t->created.file, t->created.start, t->created.end,
                "%s has row level security and no policy: the API denies every request to it; "
                "fine for a table only the service role reads, otherwise add the policies the "
                "app needs",
                name.buf);
            finding_set_level(fd, LEVEL_NOTE);
        }
        strbuf_release(&name);
    }
}

const struct check check_security_permissive_rls_policy = {
    .id = "security-permissive-rls-policy",
    .title = "Row level security policy that does not restrict",
    .level = LEVEL_WARNING,
    .langs = LANG_BIT(LANG_SQL),
    .tags = (const char *const[]){"security", "sql", "postgres", "supabase",
                                  "external/cwe/cwe-285", NULL},
    .security_severity = "7.5",
    .precision = "high",
    .schema = true,
    .schema_set = policy_set,
};
