/* sql_piece.h — where a varying piece of SQL text built by formatting stands: whether the
 * text is SQL at all (its words), and whether the piece is put where SQL wants a table or
 * column name, which drivers cannot bind, rather than a value, which they can.
 */
#ifndef PREFLIGHT_SQL_PIECE_H
#define PREFLIGHT_SQL_PIECE_H

#include <stdbool.h>
#include <stddef.h>

#include "check.h"

/* true when [s, s+n) holds an SQL keyword as a whole word (select, insert, where, join, ...;
 * any case). */
bool sql_piece_has_sql_word(const char *s, size_t n);

/* true when the SQL text right before piece (the fragment before its interpolation, or the
 * string literal it is concatenated to) asks for a name: FROM x, JOIN x, ORDER BY x, schema.x,
 * `x`, and "x" when quoted_names (a quoted identifier; MySQL's "x" is a string). A quote '
 * before it asks for a value. */
bool sql_piece_wants_name(struct check_file *f, TSNode piece, bool quoted_names);

#endif
