/* stats.h — where a run's time and memory go, for --stats (what ESLint's TIMING gives).
 *
 * Threads measure into their own struct stats (no locks) and the driver merges them. Times
 * are seconds: wall clock for phases, summed thread CPU time for reading, parsing and each
 * check.
 */
#ifndef PREFLIGHT_STATS_H
#define PREFLIGHT_STATS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "front/lang.h"

struct stats {
    double discovery, file_pass, project_pass, output; /* wall */
    double read[LANG_COUNT], parse[LANG_COUNT];        /* thread CPU time */
    double nodes[LANG_COUNT]; /* writing down the named nodes (nodes.h), thread CPU time */
    double models[LANG_COUNT]; /* building the file models checks share, thread CPU time */
    size_t files[LANG_COUNT], syntax_errors[LANG_COUNT];
    uint64_t bytes[LANG_COUNT];
    size_t nchecks;
    double *check_file;    /* per enabled check: its file hook over all files (owned) */
    double *check_project; /* per enabled check: its project hook (owned) */
    uint64_t sql_statements, sql_understood;
    int jobs;
};

void stats_init(struct stats *s, size_t nchecks);
/* Adds what one thread measured into s. */
void stats_merge(struct stats *s, const struct stats *from);
void stats_release(struct stats *s);

/* A point in time, and the seconds since one: wall clock for phases, and the calling
 * thread's CPU time for what threads measure (steady on a busy machine). */
struct timespec stats_now(void);
double stats_since(const struct timespec *t);
struct timespec stats_thread_now(void);
double stats_thread_since(const struct timespec *t);

/* Prints the table on out; check_ids names the enabled checks in order. */
void stats_print(const struct stats *s, const char *const *check_ids, FILE *out);

#endif
