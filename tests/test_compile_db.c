/* test_compile_db.c — the compilation database's path normalization, which every worker
 * thread of the file pass runs at once (it used strtok, whose one hidden cursor two threads
 * share: a file was now and then looked up as its own folder and "could not be parsed"). */
#include <criterion/criterion.h>

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/front/clang_p.h"

Test(compile_db, normalize)
{
    static const char *const cases[][2] = {
        {"/a/b/../c/./d.c", "/a/c/d.c"},
        {"//a///b/", "/a/b"},
        {"/..", "/"},
        {"/", "/"},
        {"/a/b/c/../../x.h", "/a/x.h"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *got = compile_path_normalize(cases[i][0]);
        cr_expect_str_eq(got, cases[i][1], "%s", cases[i][0]);
        free(got);
    }
}

struct job {
    const char *in, *want;
    int wrong;
};

static void *normalize_many(void *arg)
{
    struct job *j = arg;
    for (int i = 0; i < 20000; i++) {
        char *got = compile_path_normalize(j->in);
        j->wrong += strcmp(got, j->want) != 0;
        free(got);
    }
    return NULL;
}

Test(compile_db, normalize_on_two_threads)
{
    struct job a = {"/w/x/corpus/sql/c/libpq_ingest.c", "/w/x/corpus/sql/c/libpq_ingest.c", 0};
    struct job b = {"/srv/p/./q/../r/s/t/u/v.h", "/srv/p/r/s/t/u/v.h", 0};
    pthread_t ta, tb;
    cr_assert_eq(pthread_create(&ta, NULL, normalize_many, &a), 0);
    cr_assert_eq(pthread_create(&tb, NULL, normalize_many, &b), 0);
    pthread_join(ta, NULL);
    pthread_join(tb, NULL);
    cr_expect_eq(a.wrong, 0, "%d of 20000 wrong on the first thread", a.wrong);
    cr_expect_eq(b.wrong, 0, "%d of 20000 wrong on the second thread", b.wrong);
}
