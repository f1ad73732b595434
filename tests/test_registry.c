/* test_registry.c — every check is registered once, in order, documented and has fixtures. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "analyzer/base/glob.h"
#include "analyzer/front/lang.h"
#include "analyzer/report/suppress.h"
#include "checks/registry.h"

Test(registry, ids_are_sorted_unique_and_well_formed)
{
    cr_assert_gt(check_registry_count, 0);
    static const char *const categories[] = {"security-", "performance-", "reliability-",
                                             "typing-", "maintainability-"};
    for (size_t i = 0; i < check_registry_count; i++) {
        const struct check *c = check_registry[i];
        bool category = false;
        for (size_t k = 0; k < sizeof(categories) / sizeof(*categories); k++)
            category |= strncmp(c->id, categories[k], strlen(categories[k])) == 0;
        cr_expect(category, "'%s' has no known category prefix", c->id);
        for (const char *p = c->id; *p; p++)
            cr_expect((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-',
                      "'%s' is not lowercase-with-dashes", c->id);
        if (i > 0)
            cr_expect(strcmp(check_registry[i - 1]->id, c->id) < 0,
                      "'%s' comes after '%s': checks.def must be sorted and unique",
                      c->id, check_registry[i - 1]->id);
        cr_expect(c->title && *c->title, "'%s' has no title", c->id);
        cr_expect(c->langs != 0, "'%s' looks at no language", c->id);
        /* the one check the core reports itself (after every other) needs no hook */
        cr_expect(c->file || c->project || c->schema_set ||
                      strcmp(c->id, UNUSED_SUPPRESSION_ID) == 0,
                  "'%s' has no hook", c->id);
        cr_expect(!c->schema_set || c->schema, "'%s' has a schema_set hook without .schema",
                  c->id);
        cr_expect(c->precision, "'%s' has no precision", c->id);
        if (strncmp(c->id, "security-", 9) == 0)
            cr_expect(c->security_severity, "security check '%s' has no security-severity", c->id);
    }
}

Test(registry, every_check_has_its_doc_page_and_fixtures)
{
    static const char *const headings[] = {"## What it finds", "## Why it matters", "## Example",
                                           "## Fix", "## Options", "## References"};
    for (size_t i = 0; i < check_registry_count; i++) {
        const struct check *c = check_registry[i];
        const char *doc = registry_doc(c->id);
        cr_assert(doc, "'%s' has no docs/checks/%s.md", c->id, c->id);
        char title[128];
        snprintf(title, sizeof(title), "# %s\n", c->id);
        cr_expect(strncmp(doc, title, strlen(title)) == 0, "docs page of '%s' must open with '%s'",
                  c->id, title);
        for (size_t k = 0; k < sizeof(headings) / sizeof(*headings); k++)
            cr_expect(strstr(doc, headings[k]), "docs page of '%s' lacks '%s'", c->id, headings[k]);
        char dir[512];
        snprintf(dir, sizeof(dir), "%s/corpus/%s", SOURCE_ROOT, c->id);
        struct stat st;
        cr_expect(stat(dir, &st) == 0 && S_ISDIR(st.st_mode), "'%s' has no fixtures in %s", c->id,
                  dir);
    }
}

/* every check runs in some fuzz_<family> target (fuzz/families.h), over a language it reads */
struct fuzz_family_row {
    const char *name, *checks, *paths;
};
static const struct fuzz_family_row fuzz_families[] = {
#define FUZZ_FAMILY(name, checks, paths) {#name, checks, paths},
#include "fuzz/families.h"
#undef FUZZ_FAMILY
};

static unsigned family_langs(const char *paths)
{
    unsigned langs = 0;
    char buf[512];
    snprintf(buf, sizeof buf, "%s", paths);
    for (char *save = NULL, *p = strtok_r(buf, " ", &save); p; p = strtok_r(NULL, " ", &save)) {
        enum lang l = lang_from_path(p);
        cr_expect(l != LANG_NONE, "fuzz family path '%s' has no language", p);
        if (l != LANG_NONE)
            langs |= LANG_BIT(l);
    }
    return langs;
}

Test(registry, every_check_is_in_a_fuzz_family)
{
    size_t n = sizeof(fuzz_families) / sizeof(*fuzz_families);
    cr_assert_gt(n, 0);
    for (size_t i = 0; i < check_registry_count; i++) {
        const struct check *c = check_registry[i];
        bool in = false;
        for (size_t k = 0; k < n && !in; k++)
            in = glob_select(fuzz_families[k].checks, c->id, false) &&
                 (family_langs(fuzz_families[k].paths) & c->langs);
        cr_expect(in, "'%s' runs in no fuzz target of fuzz/families.h (add it to a family "
                      "with a language it reads)", c->id);
    }
    for (size_t k = 0; k < n; k++) {
        bool any = false;
        for (size_t i = 0; i < check_registry_count && !any; i++)
            any = glob_select(fuzz_families[k].checks, check_registry[i]->id, false);
        cr_expect(any, "fuzz family '%s' selects no check", fuzz_families[k].name);
    }
}
