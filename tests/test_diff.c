/* test_diff.c — unified diffs read into added lines: git's and diff -u's, renames, deletions,
 * quoted names, and hunk bodies whose lines look like headers. */
#include <criterion/criterion.h>
#include <string.h>

#include "analyzer/report/diff.h"

static struct diff *parse(const char *text)
{
    struct diff *d = diff_new();
    char *err = NULL;
    cr_assert(diff_parse(d, text, strlen(text), &err), "diff_parse failed: %s", err);
    diff_finish(d);
    return d;
}

Test(diff, git_zero_context)
{
    struct diff *d = parse(
        "diff --git a/src/a.ts b/src/a.ts\n"
        "index 1111111..2222222 100644\n"
        "--- a/src/a.ts\n"
        "+++ b/src/a.ts\n"
        "@@ -3,0 +4,2 @@ export function f() {\n"
        "+const x = 1\n"
        "+const y = 2\n"
        "@@ -10 +12 @@\n"
        "-old\n"
        "+new\n"
        "@@ -20,3 +22,0 @@\n"
        "-gone\n"
        "-gone\n"
        "-gone\n");
    cr_expect(diff_has_file(d, "src/a.ts"));
    cr_expect(!diff_line_changed(d, "src/a.ts", 3));
    cr_expect(diff_line_changed(d, "src/a.ts", 4));
    cr_expect(diff_line_changed(d, "src/a.ts", 5));
    cr_expect(!diff_line_changed(d, "src/a.ts", 6));
    cr_expect(diff_line_changed(d, "src/a.ts", 12));
    cr_expect(!diff_line_changed(d, "src/a.ts", 22), "a pure deletion adds no line");
    cr_expect(!diff_line_changed(d, "a/src/a.ts", 4), "the a/ b/ prefixes are not part of the path");
    cr_expect(!diff_has_file(d, "src/b.ts"));
    diff_free(d);
}

Test(diff, context_lines_do_not_count)
{
    struct diff *d = parse(
        "--- a/app.py\t2024-01-01 00:00:00\n"
        "+++ b/app.py\t2024-01-02 00:00:00\n"
        "@@ -1,4 +1,5 @@\n"
        " import os\n"
        "-x = 1\n"
        "+x = 2\n"
        "+y = 3\n"
        " \n"
        "\n"  /* an empty context line, as some tools write it */
        "\\ No newline at end of file\n");
    cr_expect(!diff_line_changed(d, "app.py", 1));
    cr_expect(diff_line_changed(d, "app.py", 2));
    cr_expect(diff_line_changed(d, "app.py", 3));
    cr_expect(!diff_line_changed(d, "app.py", 4));
    cr_expect(!diff_line_changed(d, "app.py", 5));
    diff_free(d);
}

Test(diff, removed_sql_comment_is_not_a_header)
{
    /* "-- note" removed reads "--- note"; "++ x" added reads "+++ x" */
    struct diff *d = parse(
        "diff --git a/m.sql b/m.sql\n"
        "--- a/m.sql\n"
        "+++ b/m.sql\n"
        "@@ -1,2 +1,2 @@\n"
        "--- note\n"
        "+++ x\n"
        " create table t (id int);\n");
    cr_expect_eq(diff_file_count(d), 1);
    cr_expect(diff_line_changed(d, "m.sql", 1));
    cr_expect(!diff_line_changed(d, "m.sql", 2));
    cr_expect(!diff_has_file(d, " note"));
    cr_expect(!diff_has_file(d, "+ x"));
    diff_free(d);
}

Test(diff, renames_new_and_deleted_files)
{
    struct diff *d = parse(
        "diff --git a/old.ts b/new.ts\n"
        "similarity index 90%\n"
        "rename from old.ts\n"
        "rename to new.ts\n"
        "--- a/old.ts\n"
        "+++ b/new.ts\n"
        "@@ -5 +5 @@\n"
        "-a\n"
        "+b\n"
        "diff --git a/pure.ts b/moved.ts\n"
        "similarity index 100%\n"
        "rename from pure.ts\n"
        "rename to moved.ts\n"
        "diff --git a/gone.sql b/gone.sql\n"
        "deleted file mode 100644\n"
        "--- a/gone.sql\n"
        "+++ /dev/null\n"
        "@@ -1,2 +0,0 @@\n"
        "--- a comment that looks like a header\n"
        "-create table t (id int);\n"
        "diff --git a/fresh.py b/fresh.py\n"
        "new file mode 100644\n"
        "--- /dev/null\n"
        "+++ b/fresh.py\n"
        "@@ -0,0 +1,2 @@\n"
        "+import os\n"
        "+print(os.name)\n");
    cr_expect(diff_line_changed(d, "new.ts", 5), "a renamed file is known by its new name");
    cr_expect(!diff_has_file(d, "old.ts"));
    cr_expect(!diff_has_file(d, "moved.ts"), "a pure rename changes no line");
    cr_expect(!diff_has_file(d, "gone.sql"));
    cr_expect(!diff_has_file(d, "/dev/null"));
    cr_expect(!diff_has_file(d, "a comment that looks like a header"));
    cr_expect(diff_line_changed(d, "fresh.py", 1));
    cr_expect(diff_line_changed(d, "fresh.py", 2));
    cr_expect(!diff_line_changed(d, "fresh.py", 3));
    diff_free(d);
}

Test(diff, quoted_and_spaced_names)
{
    struct diff *d = parse(
        "diff --git \"a/caf\\303\\251.ts\" \"b/caf\\303\\251.ts\"\n"
        "--- \"a/caf\\303\\251.ts\"\n"
        "+++ \"b/caf\\303\\251.ts\"\n"
        "@@ -0,0 +1 @@\n"
        "+export const x = 1\n"
        "diff --git a/my file.ts b/my file.ts\n"
        "--- a/my file.ts\t\n"
        "+++ b/my file.ts\t\n"
        "@@ -0,0 +7 @@\n"
        "+x\n");
    cr_expect(diff_line_changed(d, "caf\xc3\xa9.ts", 1));
    cr_expect(diff_line_changed(d, "my file.ts", 7));
    diff_free(d);
}

Test(diff, plain_diff_u_keeps_its_paths)
{
    /* diff -u old/x new/x: no git prefixes to strip */
    struct diff *d = parse(
        "--- old/x.ts\n"
        "+++ new/x.ts\n"
        "@@ -1 +1 @@\n"
        "-a\n"
        "+b\n"
        "--- x.ts\n"
        "+++ b/x.ts\n"
        "@@ -1 +1 @@\n"
        "-a\n"
        "+b\n");
    cr_expect(diff_line_changed(d, "new/x.ts", 1));
    cr_expect(diff_line_changed(d, "b/x.ts", 1), "b/ is only git's prefix after a/");
    diff_free(d);
}

Test(diff, whole_files_and_merging)
{
    struct diff *d = diff_new();
    char *err = NULL;
    const char *one = "--- a/u.ts\n+++ b/u.ts\n@@ -1 +1,2 @@\n-a\n+b\n+c\n";
    const char *two = "--- a/u.ts\n+++ b/u.ts\n@@ -9 +3 @@\n-a\n+d\n";
    cr_assert(diff_parse(d, one, strlen(one), &err));
    cr_assert(diff_parse(d, two, strlen(two), &err));
    diff_add_file(d, "untracked.py");
    diff_finish(d);
    cr_expect_eq(diff_file_count(d), 2, "one entry per path");
    for (uint32_t line = 1; line <= 3; line++)
        cr_expect(diff_line_changed(d, "u.ts", line), "line %u", line);
    cr_expect(!diff_line_changed(d, "u.ts", 4));
    cr_expect(diff_line_changed(d, "untracked.py", 1));
    cr_expect(diff_line_changed(d, "untracked.py", 100000));
    diff_free(d);
}

Test(diff, empty_and_malformed)
{
    struct diff *d = parse("");
    cr_expect_eq(diff_file_count(d), 0);
    cr_expect(!diff_line_changed(d, "a.ts", 1));
    diff_free(d);

    d = diff_new();
    char *err = NULL;
    const char *bad = "--- a/x\n+++ b/x\n@@ -1 +zz @@\n";
    cr_expect(!diff_parse(d, bad, strlen(bad), &err));
    cr_expect(err && strstr(err, "line 3"), "the error names the diff's line: %s", err);
    free(err);
    err = NULL;
    const char *combined = "diff --cc x\n--- a/x\n+++ b/x\n@@@ -1 -1 +1 @@@\n";
    cr_expect(!diff_parse(d, combined, strlen(combined), &err));
    cr_expect(err && strstr(err, "combined"), "%s", err);
    free(err);
    diff_free(d);
}
