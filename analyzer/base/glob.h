/* glob.h — the two kinds of glob preflight takes: check selections and path excludes.
 *
 * Check selections are clang-tidy's: a comma-separated list of globs applied in order, each
 * enabling the checks it matches, or disabling them when it starts with '-':
 *     "-*,security-*,typing-explicit-any"
 * Path globs are gitignore-like: '*' and '?' stay inside one path component, '**' crosses
 * them, "[a-z]" and "[!a-z]" are classes; a glob without '/' matches any component or the
 * basename ("node_modules", "*.min.js"), one with '/' matches the path from the root.
 */
#ifndef PREFLIGHT_GLOB_H
#define PREFLIGHT_GLOB_H

#include <stdbool.h>
#include <stddef.h>

/* Matches the whole string s against pattern; with path set, '*' does not cross '/'. */
bool glob_match(const char *pattern, const char *s, bool path);

/* Applies a clang-tidy style selection to id, starting from enabled; returns the result. */
bool glob_select(const char *globs, const char *id, bool enabled);

/* true when the '/'-separated relative path is excluded by the path glob. */
bool glob_path_excluded(const char *pattern, const char *relpath);

/* A list of path globs compiled once (glob_set.c): glob_set_match(set, path) is true when
 * glob_path_excluded would be for one of them, in time that grows with the path, not with
 * the number of literal or "*.ext" patterns. Read-only after glob_set_new: any thread may
 * match. glob_set_free accepts NULL; a NULL set matches nothing. */
struct glob_set;
struct glob_set *glob_set_new(const char *const *patterns, size_t n);
bool glob_set_match(const struct glob_set *set, const char *relpath);
void glob_set_free(struct glob_set *set);

#endif
