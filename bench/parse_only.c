/* parse_only.c — the benchmark's baseline: reads and parses every file of a list exactly as
 * preflight's driver does, and does nothing else.
 *
 * The same loading (source_load: UTF-8 check, BOM, line index), the same grammars (lang.h: .js
 * and .jsx with the tsx grammar), the same tree-sitter call (ts_parser_parse_with_options with a
 * time-budget progress callback, one parser per language per thread), and for .sql the same
 * parse of every statement to its tree that libpg_query offers (pg_query_split_with_scanner,
 * then pg_query_parse per statement, which writes the tree as JSON; tree-sitter-sql for the
 * statements Postgres rejects). No checks, no JSON reading, no findings, no output: bench/run
 * compares preflight against this to price the checks.
 *
 * With --no-trees, .sql files get only Postgres' parser, with no tree written: a file of up to
 * 256 KiB whole (pg_query_split_with_parser), else, or when it has an error, statement by
 * statement. That is the least the SQL front end does: it has libpg_query write the trees of
 * the statements it reads (tables, keys, indexes, grants), and skips the others' (inserts,
 * functions, policies...).
 *
 *     parse-only [-j N] [--no-trees] LIST      LIST: one path per line ('-': standard input)
 *
 * Prints, on stdout, files and bytes per language and the files whose tree has errors.
 */
#include <pg_query.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "analyzer/front/lang.h"
#include "analyzer/front/source.h"
#include "analyzer/base/util.h"

#define MAX_FILE_SIZE (4u << 20) /* the driver's default max-file-size */
#define PARSE_TIMEOUT 10.0       /* the driver's default parse-timeout, seconds */

struct totals {
    size_t files[LANG_COUNT];
    size_t bytes[LANG_COUNT];
    size_t with_errors[LANG_COUNT];
    size_t statements, rejected; /* SQL: all statements, those Postgres rejected */
    size_t skipped;              /* unreadable, too large, binary */
};

struct job {
    char **paths;
    size_t npaths;
    atomic_size_t next;
    pthread_mutex_t lock;
    struct totals sum;
};

struct budget {
    struct timespec start;
    bool exceeded;
};

static double since(const struct timespec *t0)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - t0->tv_sec) + (double)(now.tv_nsec - t0->tv_nsec) / 1e9;
}

/* the driver's progress callback: the clock is read as often as there */
static bool progress(TSParseState *state)
{
    struct budget *b = state->payload;
    if (since(&b->start) > PARSE_TIMEOUT)
        b->exceeded = true;
    return b->exceeded;
}

static const char *read_text(void *payload, uint32_t offset, TSPoint point, uint32_t *n)
{
    const struct source *src = payload;
    (void)point;
    if (offset >= src->len) {
        *n = 0;
        return "";
    }
    *n = src->len - offset;
    return src->text + offset;
}

static void parse_tree(TSParser **parsers, const struct source *src, struct totals *t)
{
    TSParser **pp = &parsers[src->lang];
    if (!*pp) {
        *pp = ts_parser_new();
        if (!ts_parser_set_language(*pp, lang_grammar(src->lang)))
            die("grammar for %s does not match the runtime", lang_name(src->lang));
    }
    struct budget b = {.exceeded = false};
    clock_gettime(CLOCK_MONOTONIC, &b.start);
    TSInput input = {.payload = (void *)src, .read = read_text, .encoding = TSInputEncodingUTF8};
    TSParseOptions options = {.payload = &b, .progress_callback = progress};
    TSTree *tree = ts_parser_parse_with_options(*pp, NULL, input, options);
    if (!tree) {
        ts_parser_reset(*pp);
        t->with_errors[src->lang]++;
        return;
    }
    t->with_errors[src->lang] += ts_node_has_error(ts_tree_root_node(tree));
    ts_tree_delete(tree);
}

static bool sql_trees = true; /* see --no-trees */

/* One statement [start, end) of src: Postgres first, tree-sitter-sql when it says no. */
static void parse_statement(TSParser **sql_ts, const struct source *src, uint32_t start,
                            uint32_t end, struct totals *t)
{
    char *text = xstrndup(src->text + start, end - start);
    bool rejected;
    if (sql_trees) {
        PgQueryParseResult r = pg_query_parse(text);
        rejected = r.error != NULL;
        pg_query_free_parse_result(r);
    } else {
        PgQuerySplitResult r = pg_query_split_with_parser(text);
        rejected = r.error != NULL;
        pg_query_free_split_result(r);
    }
    t->statements++;
    if (rejected) {
        t->rejected++;
        if (!*sql_ts) {
            *sql_ts = ts_parser_new();
            ts_parser_set_language(*sql_ts, lang_grammar_sql());
        }
        TSTree *tree = ts_parser_parse_string(*sql_ts, NULL, text, end - start);
        if (tree)
            ts_tree_delete(tree);
    }
    free(text);
}

static void parse_sql(TSParser **sql_ts, const struct source *src, struct totals *t)
{
    if (!sql_trees && src->len <= 256 * 1024) {
        PgQuerySplitResult whole = pg_query_split_with_parser(src->text);
        bool ok = !whole.error;
        if (ok)
            t->statements += (size_t)whole.n_stmts;
        pg_query_free_split_result(whole);
        if (ok)
            return;
    }
    PgQuerySplitResult split = pg_query_split_with_scanner(src->text);
    if (split.error) {
        parse_statement(sql_ts, src, 0, src->len, t);
    } else {
        for (int i = 0; i < split.n_stmts; i++) {
            int loc = split.stmts[i]->stmt_location, len = split.stmts[i]->stmt_len;
            if (loc < 0 || len < 0 || (uint32_t)loc > src->len)
                continue;
            uint32_t end = (uint32_t)loc + (uint32_t)len;
            parse_statement(sql_ts, src, (uint32_t)loc, end > src->len ? src->len : end, t);
        }
    }
    pg_query_free_split_result(split);
}

static void *worker(void *arg)
{
    struct job *job = arg;
    struct totals t = {0};
    TSParser *parsers[LANG_COUNT] = {0};
    TSParser *sql_ts = NULL;
    for (;;) {
        size_t k = atomic_fetch_add(&job->next, 1);
        if (k >= job->npaths)
            break;
        const char *path = job->paths[k];
        enum lang lang = lang_from_path(path);
        if (lang == LANG_NONE)
            continue;
        struct source src;
        char *why = NULL;
        if (source_load(&src, path, MAX_FILE_SIZE, &why) != SOURCE_OK) {
            free(why);
            t.skipped++;
            continue;
        }
        src.lang = lang;
        t.files[lang]++;
        t.bytes[lang] += src.len;
        if (lang == LANG_SQL)
            parse_sql(&sql_ts, &src, &t);
        else
            parse_tree(parsers, &src, &t);
        source_release(&src);
    }
    for (int l = 0; l < LANG_COUNT; l++)
        if (parsers[l])
            ts_parser_delete(parsers[l]);
    if (sql_ts)
        ts_parser_delete(sql_ts);
    pthread_mutex_lock(&job->lock);
    for (int l = 0; l < LANG_COUNT; l++) {
        job->sum.files[l] += t.files[l];
        job->sum.bytes[l] += t.bytes[l];
        job->sum.with_errors[l] += t.with_errors[l];
    }
    job->sum.statements += t.statements;
    job->sum.rejected += t.rejected;
    job->sum.skipped += t.skipped;
    pthread_mutex_unlock(&job->lock);
    return NULL;
}

static void read_list(const char *name, struct job *job)
{
    FILE *in = strcmp(name, "-") == 0 ? stdin : fopen(name, "r");
    if (!in)
        die("cannot read '%s'", name);
    size_t cap = 0;
    char *line = NULL;
    size_t n = 0;
    ssize_t got;
    while ((got = getline(&line, &n, in)) > 0) {
        while (got > 0 && (line[got - 1] == '\n' || line[got - 1] == '\r'))
            line[--got] = '\0';
        if (!got)
            continue;
        if (job->npaths == cap) {
            cap = cap ? 2 * cap : 1024;
            job->paths = xrealloc(job->paths, cap * sizeof(*job->paths));
        }
        job->paths[job->npaths++] = xstrdup(line);
    }
    free(line);
    if (in != stdin)
        fclose(in);
}

int main(int argc, char **argv)
{
    int jobs = 1;
    int i = 1;
    if (i + 1 < argc && strcmp(argv[i], "-j") == 0) {
        jobs = atoi(argv[i + 1]);
        i += 2;
    }
    if (i + 1 < argc && strcmp(argv[i], "--no-trees") == 0) {
        sql_trees = false;
        i++;
    }
    if (i + 1 != argc || jobs < 1 || jobs > 64) {
        fprintf(stderr, "usage: parse-only [-j N] [--no-trees] LIST\n");
        return 2;
    }
    struct job job = {.next = 0};
    pthread_mutex_init(&job.lock, NULL);
    read_list(argv[i], &job);

    pthread_t threads[64];
    for (int k = 1; k < jobs; k++)
        if (pthread_create(&threads[k], NULL, worker, &job) != 0)
            die("cannot start a thread");
    worker(&job); /* the main thread is the first worker, as in the driver */
    for (int k = 1; k < jobs; k++)
        pthread_join(threads[k], NULL);

    for (int l = 0; l < LANG_COUNT; l++)
        if (job.sum.files[l])
            printf("%s: %zu files, %zu bytes, %zu with syntax errors\n", lang_name((enum lang)l),
                   job.sum.files[l], job.sum.bytes[l], job.sum.with_errors[l]);
    printf("sql statements: %zu, rejected by postgres: %zu\nskipped files: %zu\n",
           job.sum.statements, job.sum.rejected, job.sum.skipped);
    for (size_t k = 0; k < job.npaths; k++)
        free(job.paths[k]);
    free(job.paths);
    pthread_mutex_destroy(&job.lock);
    return 0;
}
