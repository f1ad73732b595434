/* test_glob.c — check selections (clang-tidy syntax) and path excludes. */
#include <criterion/criterion.h>

#include <string.h>

#include "analyzer/base/glob.h"

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
