/* suppress.h — inline suppressions: comments that mark a finding as intended, with a reason.
 *
 * The syntax is the same in every language, inside that language's comments (line or block
 * comments in TypeScript/JavaScript, # in Python, -- or block comments in SQL), and the
 * directive must open the comment:
 *
 *     x = f(a)  # preflight-ignore[check-id, other-*]: why this is fine
 *     // preflight-ignore-next-line[check-id]: why
 *     -- preflight-ignore-file[check-id]: why
 *
 *   preflight-ignore[...]            findings that start on the comment's line
 *   preflight-ignore-next-line[...]  findings that start on the next line holding code (blank
 *                                    and comment-only lines in between are skipped)
 *   preflight-ignore-file[...]       every finding in the file
 *
 * The list holds check ids or globs ('*', '?'); the reason after ':' becomes the SARIF
 * suppression's justification. Only a finding's primary location counts. The core handles
 * suppressions, never a check: comments are collected in the file pass (suppressions_collect),
 * applied to every finding once the project pass is done (suppressions_apply); an entry that
 * matches nothing becomes a finding of maintainability-unused-suppression.
 */
#ifndef PREFLIGHT_SUPPRESS_H
#define PREFLIGHT_SUPPRESS_H

#include "front/tsapi.h"

#include "diag.h"

#define UNUSED_SUPPRESSION_ID "maintainability-unused-suppression"

struct run;
struct suppression_set;

/* The suppression comments of src, or NULL when it has none. root is the file's tree, or a
 * null node (SQL), in which case comments are found in the text. Findings for entries that may
 * turn out unused are prepared now, while the text is at hand (only when the unused check is
 * enabled in run), with the secrets in redactions (redact.h, may be NULL) masked. Caller frees
 * with suppression_set_free, or hands it to suppressions_apply. */
struct redactions;
struct suppression_set *suppressions_collect(const struct run *run, const struct file_ref *file,
                                             const struct source *src, TSNode root,
                                             struct redactions *redactions);
void suppression_set_free(struct suppression_set *set);

/* Marks the findings of run that a comment suppresses, then adds a finding for every entry
 * that suppressed nothing. sets[i] belongs to run->files[i] (may be NULL); the sets are freed.
 * Runs before the findings are sorted. */
void suppressions_apply(struct run *run, struct suppression_set **sets);

#endif
