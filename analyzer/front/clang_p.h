/* clang_p.h — what clang.c and compile_db.c share: the compile command of one file and how a
 * file finds its own or a neighbour's. Not for checks (see clang.h). */
#ifndef PREFLIGHT_CLANG_P_H
#define PREFLIGHT_CLANG_P_H

#include <stdbool.h>

#include "clang.h"

struct compile_cmd {
    char *file;       /* absolute, normalised */
    char *directory;
    char **argv;      /* the arguments libclang gets: no compiler, no output, no input */
    int argc;
};

/* An absolute path with "." and ".." folded, without touching the file system (caller frees). */
char *compile_path_normalize(const char *path);
/* The command of the file at the normalised path abs, or NULL (db may be NULL). */
const struct compile_cmd *compile_db_find(const struct compile_db *db, const char *abs);
/* Whether the path names a C++ file by its extension. */
bool compile_path_is_cpp(const char *path);
/* The command a file the build does not compile (a header) borrows: the compiled file nearest
 * to it (see compile_db.c), or NULL. */
const struct compile_cmd *compile_db_neighbour(const struct compile_db *db, const char *abs);

#endif
