/* test_glob.c — check selections (clang-tidy syntax) and path excludes. */
#include <criterion/criterion.h>

#include <string.h>

#include "analyzer/base/glob.h"
#include "analyzer/base/util.h"

Test(glob, match)
{
    cr_expect(glob_match("security-*", "security-sql-string-formatting", false));
    cr_expect(!glob_match("security-*", "typing-explicit-any", false));
    cr_expect(glob_match("*-any", "typing-explicit-any", false));
    cr_expect(glob_match("t?ping-*", "typing-explicit-any", false));
    cr_expect(glob_match("[st]*", "typing-explicit-any", false));
    cr_expect(!glob_match("[!t]*", "typing-explicit-any", false));
    cr_expect(glob_match("*", "", false));
    cr_expect(!glob_match("a", "ab", false));
}

Test(glob, path_stars)
{
    cr_expect(!glob_match("src/*.ts", "src/a/b.ts", true));
    cr_expect(glob_match("src/**/*.ts", "src/a/b.ts", true));
    cr_expect(glob_match("src/**/*.ts", "src/b.ts", true));
    cr_expect(glob_match("**/gen/*.py", "x/y/gen/m.py", true));
}

Test(glob, select_in_order)
{
    cr_expect(glob_select("*", "typing-explicit-any", false));
    cr_expect(!glob_select("*,-typing-*", "typing-explicit-any", false));
    cr_expect(glob_select("-*,typing-explicit-any", "typing-explicit-any", true));
    cr_expect(!glob_select("-*,security-*", "typing-explicit-any", true));
    cr_expect(glob_select(" -* , security-* ", "security-x", false));
    cr_expect(glob_select("", "x", true));
}

Test(glob, excludes)
{
    cr_expect(glob_path_excluded("vendor/", "vendor/a.ts"));
    cr_expect(glob_path_excluded("vendor", "web/vendor/a.ts"));
    cr_expect(!glob_path_excluded("/vendor", "web/vendor/a.ts"));
    cr_expect(glob_path_excluded("*.generated.ts", "web/types/db.generated.ts"));
    cr_expect(!glob_path_excluded("*.generated.ts", "web/types/db.ts"));
    cr_expect(glob_path_excluded("web/legacy/**", "web/legacy/x/y.ts"));
    cr_expect(glob_path_excluded("web/legacy", "web/legacy/x/y.ts"));
    cr_expect(!glob_path_excluded("web/legacy", "web/legacyx/y.ts"));
}

Test(glob, classes_escapes_and_unterminated_brackets)
{
    cr_expect(glob_match("[a-c]x", "bx", false));
    cr_expect(!glob_match("[a-c]x", "dx", false));
    cr_expect(glob_match("[abc", "[abc", false));
    cr_expect(!glob_match("[abc", "a", false));
    cr_expect(glob_match("a\\*b", "a*b", false));
    cr_expect(!glob_match("a\\*b", "axb", false));
    cr_expect(glob_match("a/**/b", "a/b", true));
    cr_expect(glob_match("a/**/b", "a/x/y/b", true));
    cr_expect(!glob_match("a/**/b", "a/xb", true));
}

/* a backtracking matcher takes exponential time here (a .preflight.json is untrusted input) */
Test(glob, many_stars_do_not_backtrack, .timeout = 10)
{
    char name[201];
    memset(name, 'a', 200);
    name[200] = '\0';
    cr_expect(!glob_match("*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b", name, true));
    cr_expect(!glob_match("**a**a**a**a**a**a**a**a**a**a**a**a**b", name, true));
    cr_expect(glob_match("*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*", name, true));
}

/* glob_set_match agrees with glob_path_excluded, pattern by pattern, on every kind of
 * pattern the set compiles differently (names, paths, "dir/" + "**", "*.ext", programs). */
Test(glob, set_agrees_with_one_by_one)
{
    static const char *const patterns[] = {
        "vendor/", "node_modules", "./dist/", "/web/types/supabase.ts", "web/types", "build/**",
        "*.generated.ts", "*.min.js", "*", "*.ts", "gen*", "src/**/*.py", "**/fixtures/*.sql",
        "a?c", "[ab]*.ts", "[!a]", "src/*/x", "**/tmp/**", "x\\*y", "[unterminated", "a/**/b",
        "***", "*/b", "**", "?", "web/**", "a*b*c", "*a*a*a*a*b", "src/[a-c]/**", "lib/",
    };
    static const char *const paths[] = {
        "vendor/a.ts", "src/vendor/b.ts", "node_modules/x/y.js", "dist/a.js", "a/dist/b.js",
        "web/types/supabase.ts", "web/types/other.ts", "build/x/y.ts", "x/build/y.ts",
        "a.generated.ts", "x/y.min.js", "a.ts", "generator/a.py", "src/a/b/c.py", "src/c.py",
        "t/fixtures/one.sql", "fixtures/one.sql", "abc", "a/abc/d", "a.ts", "b.ts", "c.ts", "b",
        "src/q/x", "src/q/r/x", "p/tmp/q", "tmp/q", "x*y", "xzy", "[unterminated", "a/b",
        "a/x/y/b", "ab", "q/b", "web/app/page.tsx", "aXbYc", "aaaaab", "src/b/k.ts", "lib/x.ts",
        "src/lib", "", "a", "a//b", ".ts", "dir.ts/inner",
    };
    for (size_t i = 0; i < ARRAY_SIZE(patterns); i++) {
        struct glob_set *one = glob_set_new(&patterns[i], 1);
        for (size_t k = 0; k < ARRAY_SIZE(paths); k++)
            cr_expect_eq(glob_set_match(one, paths[k]), glob_path_excluded(patterns[i], paths[k]),
                         "pattern '%s', path '%s'", patterns[i], paths[k]);
        glob_set_free(one);
    }
    struct glob_set *all = glob_set_new(patterns + 1, 3);
    cr_expect(glob_set_match(all, "node_modules/p/i.js"));
    cr_expect(!glob_set_match(all, "src/a.ts"));
    glob_set_free(all);
    cr_expect(!glob_set_match(NULL, "a.ts"));
}
