/* clang_none.c — the C and C++ front end of a build without libclang: it says so, and
 * lang_from_path() never hands it a file. */
#include "clang.h"

#include "base/util.h"

const char *clang_front_version(void)
{
    return NULL;
}

struct compile_db *compile_db_load(const char *root, const char *explicit_file, char **err)
{
    (void)root;
    *err = explicit_file ? xstrdup("--compile-commands needs a preflight built with libclang "
                                   "(meson setup -Dclang=enabled; Debian: libclang-dev)")
                         : NULL;
    return NULL;
}

const char *compile_db_path(const struct compile_db *db)
{
    (void)db;
    return NULL;
}

size_t compile_db_count(const struct compile_db *db)
{
    (void)db;
    return 0;
}

void compile_db_free(struct compile_db *db)
{
    (void)db;
}

struct cx_parser *cx_parser_new(void)
{
    return NULL;
}

void cx_parser_delete(struct cx_parser *p)
{
    (void)p;
}

const struct cview *cx_parse(struct cx_parser *p, const struct compile_db *db,
                             const char *fs_path, const struct source *src, struct arena *arena,
                             struct cx_diag *diag, char **why)
{
    (void)p, (void)db, (void)fs_path, (void)src, (void)arena, (void)diag;
    BUG("cx_parse without libclang");
    *why = NULL;
    return NULL;
}
