/* constval.h — is an expression's value fixed by the program text, or does it vary at run time?
 *
 * For checks that care whether data reaches a string (SQL, shell, URLs): a value is fixed when
 * it is built only from literals, names bound at module level in this file (or imported
 * UPPER_CASE constants), numbers (int(), len(), Number(), arithmetic, comparisons), lookups in
 * a fixed table (`COLUMNS[key]`, `SORT.get(key, "id")`) and placeholder lists (`["%s"] * n`,
 * `"?" for _ in ids`, `ids.map((_, i) => `$${i + 1}`)`). Local variables are followed to
 * their reaching definitions (localdefs.h); class constants (`self.table` set once in the
 * class body) and parameters typed with their values (`dir: 'asc' | 'desc'`,
 * `Literal["asc", "desc"]`) are fixed too. Other parameters, call results, loop variables
 * over data, `await` and imported lowercase names vary.
 *
 *     TSNode v = constval_variable_part(f, memo, expr);   // memo: see localdefs.h
 *     if (!ts_node_is_null(v))
 *         ... expr depends on v, which varies ...
 *
 * Python and TypeScript/JavaScript trees; nothing here recurses on tree depth.
 */
#ifndef PREFLIGHT_CONSTVAL_H
#define PREFLIGHT_CONSTVAL_H

#include "front/tsapi.h"

#include "check.h"
#include "localdefs.h"

/* A null node when expr's value is fixed; otherwise the first sub-expression found to vary
 * (borrowed from f->tree), the best thing to name in a message. When the search exceeds its
 * budget the value is taken as fixed: checks report what they are sure of. */
TSNode constval_variable_part(struct check_file *f, struct localdefs_memo *memo, TSNode expr);

/* true when the name (identifier text) is UPPER_CASE: at least one letter, no lowercase. */
bool constval_is_upper(const char *s, size_t n);

/* true when the identifier is bound by a top-level statement of the file (assignment,
 * declaration, def, class or function), fixed once the module is loaded. Imports are not
 * counted: `request` and `req` come from elsewhere. */
bool constval_module_binds(struct check_file *f, TSNode name);

/* The value a top-level assignment or declaration binds to name (`QUERY = "SELECT ..."`), or
 * a null node. */
TSNode constval_module_value(struct check_file *f, TSNode name);

#endif
