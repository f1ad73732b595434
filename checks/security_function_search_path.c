/* security-function-search-path — a function the migrations create without a fixed
 * search_path.
 *
 * A function resolves the unqualified names in its body through the caller's search_path: a
 * role that can create objects in a schema on that path (public, by default in older
 * projects) can put a table or function of the same name in front of the intended one, and a
 * SECURITY DEFINER function then runs it with its owner's rights. The set is replayed
 * (schema.h): a later ALTER FUNCTION ... SET search_path fixes it, a RESET undoes that. A
 * security definer function is a warning, any other a note (the hijack runs with the caller's
 * own rights). Trigger functions count too: they run as whoever fires the trigger.
 */
#include <string.h>

#include "check.h"
#include "model/schema.h"
#include "front/sql.h"

static void path_set(struct check_project *p, const struct schema *s)
{
    if (s->other_dialect)
        return;
    for (size_t i = 0; i < s->functions.n; i++) {
        const struct schema_function *fn = &s->functions.v[i];
        if (fn->flags & SQL_FN_SEARCH_PATH)
            continue;
        struct strbuf sig;
        strbuf_init(&sig);
        schema_append_function(&sig, fn);
        bool definer = fn->flags & SQL_FN_DEFINER;
        const char *what = fn->flags & SQL_FN_PROCEDURE ? "procedure" : "function";
        struct finding *fd = project_report(
            p, fn->def.file, fn->def.start, fn->def.end,
            "%s%s %s has no fixed search_path: %s; add `set search_path = ''` to its "
            "definition and schema-qualify the names it uses, or `alter %s %s set search_path "
            "= '';`",
            definer ? "security definer " : "", what, sig.buf,
            definer ? "whoever can create an object on the caller's search_path can make it "
                      "run their code with the owner's rights"
                    : "the names in its body resolve through the caller's search_path",
            what, sig.buf);
        if (!definer)
            finding_set_level(fd, LEVEL_NOTE);
        strbuf_release(&sig);
    }
}

const struct check check_security_function_search_path = {
    .id = "security-function-search-path",
    .title = "Function without a fixed search_path",
    .level = LEVEL_WARNING,
    .langs = LANG_BIT(LANG_SQL),
    .tags = (const char *const[]){"security", "sql", "postgres", "supabase",
                                  "external/cwe/cwe-426", NULL},
    .security_severity = "5.4",
    .precision = "high",
    .schema = true,
    .schema_set = path_set,
};
