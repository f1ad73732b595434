/* strbuild.h — where a string value was built by formatting with a part that varies.
 *
 * For checks whose sink takes text that must not carry data (SQL, shell commands, URLs): from
 * the sink's argument it follows the value back through local variables (localdefs.h) and
 * `+=`, through conditionals and `or`/`??`, to the places where the text is built with an
 * f-string, % formatting, str.format(), concatenation, join() or a template literal, and
 * keeps those where a piece put in varies (constval.h); `"...".concat(x)` and Node's
 * util.format() build too. A value that comes in as a parameter or from a call is not "built
 * here" and gives nothing, except the call of a function of the same file that returns text
 * it builds (`q(id)` with `function q(id) { return "select ... " + id }`): its builds count,
 * one hop deep, those from a parameter only when the call passes a value that varies. Tagged templates
 * (sql`...`) and format() on non-strings (psycopg.sql.SQL(...).format) are not formatting.
 *
 *     struct strbuild b;
 *     strbuild_trace(f, memo, arg, looks_like_sql, &b);
 *     if (b.n > 0 && b.text_seen)
 *         ... report at arg; b.sites[i].at are the places it was built ...
 *
 * Python and TypeScript/JavaScript trees; nodes are borrowed from f->tree. Nothing here
 * recurses on tree depth.
 */
#ifndef PREFLIGHT_STRBUILD_H
#define PREFLIGHT_STRBUILD_H

#include <stdbool.h>
#include <stddef.h>
#include "front/tsapi.h"

#include "check.h"
#include "localdefs.h"

enum strbuild_how {
    STRBUILD_FSTRING,  /* f"...{x}" */
    STRBUILD_PERCENT,  /* "..." % x */
    STRBUILD_FORMAT,   /* "...".format(x) */
    STRBUILD_CONCAT,   /* "..." + x, q += x */
    STRBUILD_JOIN,     /* ", ".join(xs), xs.join(", ") */
    STRBUILD_TEMPLATE, /* `...${x}` */
    STRBUILD_UTIL_FORMAT, /* util.format("... %s", x) (Node) */
};

#define STRBUILD_MAX 4

struct strbuild_site {
    TSNode at;    /* where the text is built (a string, an operator, a call, a `+=`) */
    enum strbuild_how how;
    TSNode piece; /* the part put in that varies */
    TSNode via;   /* the call of the same-file helper that builds it there, or null */
};

struct strbuild {
    struct strbuild_site sites[STRBUILD_MAX]; /* the first found first; nested ones once */
    size_t n;
    bool text_seen; /* the text callback said yes to a literal fragment on the way */
};

/* Fills out for the value expr. text, when not NULL, is asked about each literal fragment
 * (string content) met on the way, until it answers true. memo may be NULL. */
void strbuild_trace(struct check_file *f, struct localdefs_memo *memo, TSNode expr,
                    bool (*text)(const char *s, size_t n), struct strbuild *out);

/* "an f-string", "% formatting", ...: how to name it in a message. */
const char *strbuild_how_text(enum strbuild_how how);

#endif
