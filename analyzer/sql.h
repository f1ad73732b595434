/* sql.h — the statements of a .sql file, as the SQL front end understood them.
 * (Placeholder interface: the SQL front end of issue 3 fills it in.) */
#ifndef PREFLIGHT_SQL_H
#define PREFLIGHT_SQL_H

#include "arena.h"
#include "source.h"

struct sql_file {
    unsigned statements;   /* statements found */
    unsigned understood;   /* statements a parser understood */
};

/* Splits and parses src; the result lives in arena. Never NULL. */
struct sql_file *sql_parse_file(const struct source *src, struct arena *arena);

#endif
