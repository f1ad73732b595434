/* stats.c — collecting and printing --stats. */
#include "stats.h"

#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "base/util.h"

void stats_init(struct stats *s, size_t nchecks)
{
    memset(s, 0, sizeof(*s));
    s->nchecks = nchecks;
    s->check_file = xcalloc(nchecks ? nchecks : 1, sizeof(*s->check_file));
    s->check_project = xcalloc(nchecks ? nchecks : 1, sizeof(*s->check_project));
}

void stats_merge(struct stats *s, const struct stats *from)
{
    for (int l = 0; l < LANG_COUNT; l++) {
        s->read[l] += from->read[l];
        s->parse[l] += from->parse[l];
        s->nodes[l] += from->nodes[l];
        s->models[l] += from->models[l];
        s->files[l] += from->files[l];
        s->syntax_errors[l] += from->syntax_errors[l];
        s->bytes[l] += from->bytes[l];
    }
    for (size_t i = 0; i < s->nchecks && i < from->nchecks; i++) {
        s->check_file[i] += from->check_file[i];
        s->check_project[i] += from->check_project[i];
    }
    s->sql_statements += from->sql_statements;
    s->sql_understood += from->sql_understood;
}

void stats_release(struct stats *s)
{
    free(s->check_file);
    free(s->check_project);
    s->check_file = s->check_project = NULL;
}

struct timespec stats_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t;
}

double stats_since(const struct timespec *t)
{
    struct timespec now = stats_now();
    return (double)(now.tv_sec - t->tv_sec) + (double)(now.tv_nsec - t->tv_nsec) / 1e9;
}

struct timespec stats_thread_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return t;
}

double stats_thread_since(const struct timespec *t)
{
    struct timespec now = stats_thread_now();
    return (double)(now.tv_sec - t->tv_sec) + (double)(now.tv_nsec - t->tv_nsec) / 1e9;
}

static double mb(uint64_t bytes)
{
    return (double)bytes / (1024.0 * 1024.0);
}

void stats_print(const struct stats *s, const char *const *check_ids, FILE *out)
{
    fprintf(out, "preflight --stats (seconds: wall clock for phases, CPU time summed over %d "
                 "thread%s below the file pass)\n", s->jobs, s->jobs == 1 ? "" : "s");
    fprintf(out, "  %-44s %9.3f\n", "discovery", s->discovery);
    fprintf(out, "  %-44s %9.3f\n", "file pass (wall)", s->file_pass);
    for (int l = 0; l < LANG_COUNT; l++) {
        if (!s->files[l])
            continue;
        char label[64];
        snprintf(label, sizeof(label), "read %s", lang_name((enum lang)l));
        fprintf(out, "    %-42s %9.3f\n", label, s->read[l]);
        snprintf(label, sizeof(label), "parse %s", lang_name((enum lang)l));
        double rate = s->parse[l] > 0 ? mb(s->bytes[l]) / s->parse[l] : 0;
        fprintf(out, "    %-42s %9.3f  %zu files, %.2f MB, %.1f MB/s, %zu with syntax errors\n",
                label, s->parse[l], s->files[l], mb(s->bytes[l]), rate, s->syntax_errors[l]);
        if (s->nodes[l] > 0) {
            snprintf(label, sizeof(label), "node table %s", lang_name((enum lang)l));
            fprintf(out, "    %-42s %9.3f\n", label, s->nodes[l]);
        }
        if (s->models[l] > 0) {
            snprintf(label, sizeof(label), "shared models %s", lang_name((enum lang)l));
            fprintf(out, "    %-42s %9.3f\n", label, s->models[l]);
        }
    }
    for (size_t i = 0; i < s->nchecks; i++)
        if (s->check_file[i] > 0)
            fprintf(out, "    %-42s %9.3f\n", check_ids[i], s->check_file[i]);
    fprintf(out, "  %-44s %9.3f\n", "project pass", s->project_pass);
    for (size_t i = 0; i < s->nchecks; i++)
        if (s->check_project[i] > 0)
            fprintf(out, "    %-42s %9.3f\n", check_ids[i], s->check_project[i]);
    fprintf(out, "  %-44s %9.3f\n", "output", s->output);
    if (s->sql_statements)
        fprintf(out, "  SQL statements understood: %llu of %llu (%.1f%%)\n",
                (unsigned long long)s->sql_understood, (unsigned long long)s->sql_statements,
                100.0 * (double)s->sql_understood / (double)s->sql_statements);
    struct rusage ru;
    if (getrusage(RUSAGE_SELF, &ru) == 0)
        fprintf(out, "  peak RSS: %.1f MB\n", (double)ru.ru_maxrss / 1024.0);
}
