/* diag.h — findings and notices as plain data: what checks report and writers render.
 *
 * A finding is created unresolved (file and byte range). Resolving it against the file's text
 * fills in line/column positions, the snippet and the fingerprints; writers only see resolved
 * findings, sorted by path, line, column and check id.
 */
#ifndef PREFLIGHT_DIAG_H
#define PREFLIGHT_DIAG_H

#include <stdbool.h>
#include <stdint.h>

#include "check.h"
#include "front/source.h"
#include "base/util.h"

/* A file of the run; path strings are owned by the run and outlive every finding. */
struct file_ref {
    const char *path; /* for people: as named on the command line or found below it */
    const char *uri;  /* for SARIF: relative to the run's root, or an absolute file:// URI */
    bool uri_is_relative;
};

/* Minified code puts a whole program on one line: a finding keeps a window of it. */
#define SNIPPET_MAX 400

struct location {
    struct file_ref file;
    uint32_t start, end;   /* bytes */
    struct pos start_pos, end_pos;
    char *message;         /* for related locations and flow steps; NULL on the primary (owned) */
    char *snippet;         /* the start line's text, or a window of it on long lines (owned) */
    uint32_t snippet_col;  /* 1-based byte column of the line where snippet starts */
    uint32_t region_from, region_to; /* the region's bytes in snippet (region_to is meaningful
                                      * when the region ends on its start line) */
    bool snippet_cut;      /* snippet is a window: the line is longer than SNIPPET_MAX */
};

struct finding {
    const struct check *check;
    size_t check_index;    /* position in the run's enabled checks (SARIF ruleIndex) */
    enum level level;
    char *message;         /* owned */
    struct location loc;
    VEC(struct location) related;
    VEC(struct location) steps;
    char line_hash[32];    /* GitHub's primaryLocationLineHash, "hex:n" */
    char fingerprint[24];  /* preflight/v1: 16 hex digits + ":n" */
    bool resolved;
    bool suppressed;       /* by an in-source comment */
    char *justification;   /* its reason, or NULL (owned) */
    const char *baseline_state; /* a review's SARIF baselineState: "new" (no baseline or base
                                 * tree has it), "unchanged", or NULL (static) */
};

struct finding_list {
    VEC(struct finding *) items;
};

/* A file that could not be analysed, or other per-file trouble, for stderr and SARIF. */
struct notice {
    struct file_ref file;  /* copies (owned); file.path NULL for run-wide notices */
    enum level level;
    char *message;         /* owned */
};

struct notice_list {
    VEC(struct notice) items;
};

struct finding *finding_new(const struct check *check, size_t check_index, struct file_ref file,
                            uint32_t start, uint32_t end, char *message);
void finding_free(struct finding *fd);
/* Fills positions and snippets of every location in fd that is in src's file, and with
 * line_hashes GitHub's line hash (a pass over the text that only SARIF shows). */
void finding_resolve(struct finding *fd, const struct source *src, bool line_hashes);
/* The same for v[0..n), with one pass over the text for all their line hashes. */
void findings_resolve(struct finding *const *v, size_t n, const struct source *src,
                      bool line_hashes);
/* The same, with the secrets marked in redactions (redact.h; may be NULL) masked in every
 * snippet and fingerprint. */
struct redactions;
void findings_resolve_masked(struct finding *const *v, size_t n, const struct source *src,
                             bool line_hashes, struct redactions *redactions);
/* Sorts by path, line, column, check id, message; then numbers fingerprints per file. */
void findings_sort(struct finding_list *list);
void finding_list_release(struct finding_list *list);

void notices_add(struct notice_list *list, struct file_ref file, enum level level,
                 const char *fmt, ...) PRINTF_LIKE(4, 5);
void notices_sort(struct notice_list *list);
void notice_list_release(struct notice_list *list);

const char *level_name(enum level level); /* "note", "warning", "error" */

#endif
