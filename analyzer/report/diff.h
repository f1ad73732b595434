/* diff.h — the lines a change added, per file: what `--diff REV` and `--diff-file` report on.
 *
 * A diff is read from unified diff text (git's, diff -u's, with or without context) or made by
 * git itself. Only the new side counts: a line is "changed" when the diff adds it ('+'); lines
 * only removed change nothing that can hold a finding. A renamed file is known by its new name,
 * so only the lines the rename changed count; a deleted file is dropped.
 *
 *     struct diff *d = diff_new();
 *     if (!diff_parse(d, text, len, &err)) ...    // any number of times
 *     diff_add_file(d, "new/untracked.ts");       // a wholly new file
 *     diff_finish(d);                             // before the first lookup
 *     if (diff_line_changed(d, "src/a.ts", 12)) ...
 *     diff_free(d);
 *
 * Paths are '/'-separated and relative to the repository root, as git writes them; the "a/"
 * and "b/" prefixes of git-style diffs are removed and C-quoted names ("caf\303\251.ts")
 * decoded. Lookups after diff_finish are read-only and may run on any thread.
 */
#ifndef PREFLIGHT_DIFF_H
#define PREFLIGHT_DIFF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct diff;

/* An empty diff; diff_free releases it. */
struct diff *diff_new(void);
void diff_free(struct diff *d);

/* Adds the files and added lines of the unified diff text[0..len). On a malformed hunk header
 * returns false with *err set (caller frees), naming the line of the diff. */
bool diff_parse(struct diff *d, const char *text, size_t len, char **err);
/* Marks every line of path as changed (a file git does not track yet). */
void diff_add_file(struct diff *d, const char *path);
/* Sorts and merges what was added; call once, after the last diff_parse / diff_add_file. */
void diff_finish(struct diff *d);

/* true when the diff names path (changed, added or renamed to it). */
bool diff_has_file(const struct diff *d, const char *path);
/* true when the 1-based line of path was added by the diff. */
bool diff_line_changed(const struct diff *d, const char *path, uint32_t line);
/* Number of files the diff names. */
size_t diff_file_count(const struct diff *d);
/* Number of file sections read ("diff --git" or "--- / +++" headers), deleted files
 * included: 0 means the text was no unified diff at all. */
size_t diff_section_count(const struct diff *d);

/* The old side's name of path (renamed or changed in place), or NULL when the diff adds it
 * or does not name it. Borrowed from d. */
const char *diff_old_path(const struct diff *d, const char *path);
/* The files the diff deletes, by their old names (borrowed from d), i < diff_deleted_count. */
size_t diff_deleted_count(const struct diff *d);
const char *diff_deleted_path(const struct diff *d, size_t i);
/* The commit a diff made by git compares with (the merge base), or NULL: a diff read from a
 * file, or a branch with no commit yet (every file new). Borrowed from d. */
const char *diff_base(const struct diff *d);

/* The most diff_from_file reads: larger input is refused, not read whole. */
#define DIFF_MAX_SIZE (64u << 20)

/* Reads a unified diff from path, or from standard input when path is "-". NULL with *err set
 * (caller frees) when it cannot be read or parsed, is larger than DIFF_MAX_SIZE, is empty or
 * holds no file section. */
struct diff *diff_from_file(const char *path, char **err);

struct git_repo;
/* The changes of the repository's work tree since the merge base of rev and HEAD (`git diff
 * --unified=0 -M $(git merge-base rev HEAD)`, through git_run), plus the untracked files that
 * are not ignored, as wholly new; with rev "HEAD" on a branch that has no commit yet (the
 * first commit), every file is new. NULL with *err set (caller frees) when git cannot tell or
 * there is no repository (a zeroed repo). */
struct diff *diff_from_git(const struct git_repo *repo, const char *rev, char **err);

#endif
