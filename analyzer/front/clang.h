/* clang.h — the C and C++ front end: libclang reads .c/.h/.cc/.cpp/.hpp with the flags that
 * compile_commands.json gives each file, as Clang tools do, and writes what checks need of it
 * as a cview (cview.h). Built with the meson feature 'clang'; without it clang_front_version()
 * is NULL and lang_from_path() knows no C or C++ file.
 *
 *     struct compile_db *db = compile_db_load(root, NULL, &err);   // once per run
 *     struct cx_parser *p = cx_parser_new();                       // once per thread
 *     const struct cview *v = cx_parse(p, db, path, src, arena, &diag, &why);
 *     ...
 *     cx_parser_delete(p); compile_db_free(db);
 */
#ifndef PREFLIGHT_CLANG_H
#define PREFLIGHT_CLANG_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "cview.h"
#include "source.h"

/* "libclang 14.0.6" (static storage), or NULL when preflight was built without libclang. */
const char *clang_front_version(void);

/* A compilation database: the compile command of each file. Read-only once loaded, shared
 * by all threads. */
struct compile_db;
/* Loads explicit_file (--compile-commands) or, when NULL, the first compile_commands.json in
 * root or in a build* folder directly under it. Returns NULL with *err NULL when there is
 * none, NULL with *err set (caller frees) when one cannot be read. */
struct compile_db *compile_db_load(const char *root, const char *explicit_file, char **err);
/* The path it was read from (owned by db). */
const char *compile_db_path(const struct compile_db *db);
size_t compile_db_count(const struct compile_db *db);
void compile_db_free(struct compile_db *db);

/* What libclang said about one file: counted, the first error kept for the notice. */
struct cx_diag {
    size_t errors;          /* errors and fatal errors, in the file or what it includes */
    const char *first;      /* the first of them, "file:line:col: message" (arena), or NULL */
    bool flags_from_db;     /* the compile command came from the database */
    bool borrowed;          /* from the entry of the compiled file nearest to it (a header) */
};

/* One thread's libclang index; not shared between threads. */
struct cx_parser;
struct cx_parser *cx_parser_new(void);
void cx_parser_delete(struct cx_parser *p); /* NULL is fine */

/* Parses src (the bytes preflight read from fs_path, whose language is src->lang) with the
 * database's flags for fs_path (defaults when db is NULL or has none), keeps going after
 * errors, and writes its view into arena. Returns NULL with *why set (caller frees) when
 * libclang could not parse it at all. */
const struct cview *cx_parse(struct cx_parser *p, const struct compile_db *db,
                             const char *fs_path, const struct source *src, struct arena *arena,
                             struct cx_diag *diag, char **why);

#endif
