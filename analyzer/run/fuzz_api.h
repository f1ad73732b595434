/* fuzz_api.h — the pipeline over one in-memory file, for the libFuzzer targets in fuzz/ and for
 * tests: the same per-file pass, project pass and writers the command runs, without the disk. */
#ifndef PREFLIGHT_FUZZ_API_H
#define PREFLIGHT_FUZZ_API_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Analyses bytes [0, n) as the file `path` (its extension picks the language; `uri` is what
 * SARIF names it, NULL for path) with the checks the globs `checks` select (NULL: every check;
 * a process keeps its first selection), then renders the text (plain and coloured) and GitHub
 * reports to text_out and the SARIF report to sarif_out. text_out NULL: no text reports, and
 * the SARIF rules leave out their help text (the same for every input: 200 KB of JSON that
 * would cost more than the analysis). Returns the number of findings plus notices. Nothing is
 * kept between calls. */
size_t fuzz_analyze(const char *path, const char *uri, const char *checks, const char *bytes,
                    size_t n, FILE *text_out, FILE *sarif_out);

/* Reads the configuration in the file at path as the command would, selects the checks it
 * names and starts them with its options; returns false when any of that is refused. */
bool fuzz_config(const char *path);

#endif
