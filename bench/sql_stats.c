/* sql_stats.c — SQL front end throughput and the share of statements it understands.
 *
 * Reads every .sql file named on the command line (in the order given), parses each with
 * sql_parse_file, replays them as one migration set through the schema model, and prints the
 * bytes, statements (understood by Postgres / by the tree-sitter fallback / skipped), the parse
 * and replay times and MB/s. Built and run by bench/sql.sh against a build's libpreflight.a.
 *
 *     sql_stats [-v] FILE.sql...      -v: one line per file with a skipped statement
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "analyzer/model/schema.h"
#include "analyzer/front/sql.h"

/* CPU time of this process: the machine is shared, wall time says more about the neighbours */
static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    bool verbose = argc > 1 && strcmp(argv[1], "-v") == 0;
    int first = verbose ? 2 : 1;
    size_t bytes = 0, files = 0, statements = 0, understood = 0, fallback = 0, ops = 0;
    double parse_s = 0, replay_s = 0;
    struct schema *s = schema_new();
    for (int i = first; i < argc; i++) {
        struct source src;
        char *why = NULL;
        if (source_load(&src, argv[i], 64u << 20, &why) != SOURCE_OK) {
            fprintf(stderr, "sql_stats: cannot read '%s': %s\n", argv[i], why);
            free(why);
            continue;
        }
        struct arena arena;
        arena_init(&arena);
        double t0 = now();
        struct sql_file *sf = sql_parse_file(&src, &arena);
        double t1 = now();
        struct schema_facts *facts = schema_facts_new(sf);
        schema_apply_facts(s, (size_t)i, facts);
        double t2 = now();
        parse_s += t1 - t0;
        replay_s += t2 - t1;
        files++;
        bytes += src.len;
        statements += sf->statements;
        understood += sf->understood;
        fallback += sf->fallback;
        ops += sf->nops;
        if (verbose && sf->understood < sf->statements) {
            for (size_t k = 0; k < sf->nstmts; k++)
                if (sf->stmts[k].parser == SQL_PARSER_NONE)
                    printf("skipped %s:%u: %s\n", argv[i], source_pos(&src, sf->stmts[k].start).line,
                           sf->stmts[k].error ? sf->stmts[k].error : "?");
        }
        schema_facts_free(facts);
        arena_release(&arena);
        source_release(&src);
    }
    size_t tables = s->tables.n, fks = 0, uncovered = 0, no_rls = 0;
    for (size_t i = 0; i < s->tables.n; i++) {
        fks += s->tables.v[i]->fks.n;
        for (size_t k = 0; k < s->tables.v[i]->fks.n; k++)
            uncovered += !s->tables.v[i]->fks.v[k].covered;
        no_rls += !s->tables.v[i]->rls;
    }
    schema_free(s);
    double mb = (double)bytes / 1e6;
    printf("files %zu  bytes %zu  statements %zu  understood %zu (%.2f%%)  by postgres %zu  "
           "by fallback %zu  skipped %zu\n",
           files, bytes, statements, understood,
           statements ? 100.0 * (double)understood / (double)statements : 100.0,
           understood - fallback, fallback, statements - understood);
    printf("schema ops %zu  tables %zu  foreign keys %zu  uncovered %zu  tables without rls %zu\n",
           ops, tables, fks, uncovered, no_rls);
    printf("cpu: parse %.3f s (%.1f MB/s)  replay %.3f s\n", parse_s,
           parse_s > 0 ? mb / parse_s : 0.0, replay_s);
    return 0;
}
