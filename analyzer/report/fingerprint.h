/* fingerprint.h — the fingerprints that let GitHub and baselines recognise a finding again.
 *
 * primaryLocationLineHash is GitHub's own: a rolling hash over the 100 non-blank characters
 * from the start of each line (the algorithm of github/codeql-action's fingerprints code), so
 * that an upload from preflight neither warns nor duplicates. The action reads each file as
 * UTF-8 whatever it holds: a BOM counts as a character of line 1, and a UTF-16 file is hashed
 * as the bytes it holds read as UTF-8 (source.encoding says which), not as its text. The preflight/v1 fingerprint
 * hashes check id, file and the finding's line text (whitespace folded; on a minified line
 * the window of it that the finding keeps), and survives lines moving.
 */
#ifndef PREFLIGHT_FINGERPRINT_H
#define PREFLIGHT_FINGERPRINT_H

#include <stdint.h>

#include "front/source.h"

/* Computes GitHub's hash for each 1-based line in lines[0..n) (ascending or not) of src and
 * writes "hex:count" into out[i] (32 bytes each). Lines past the end get an empty string. */
void line_hashes(const struct source *src, const uint32_t *lines, size_t n, char (*out)[32]);

/* The 64-bit preflight/v1 hash of one finding, before its occurrence number is appended. */
uint64_t preflight_fingerprint(const char *check_id, const char *uri, const char *line_text,
                               uint32_t line_len);

#endif
