/* maintainability-unused-suppression — a preflight-ignore comment that suppresses nothing.
 *
 * The core reports these (analyzer/suppress.c), after every other check has run: only then is
 * it known which comments were used. The check is here so that it has an id, a level, a doc
 * page and a place in --checks like any other; it has no hook of its own.
 */
#include "check.h"

const struct check check_maintainability_unused_suppression = {
    .id = "maintainability-unused-suppression",
    .title = "Suppression comment that matches no finding",
    .level = LEVEL_WARNING,
    .langs = LANGS_CODE | LANGS_TEXT, /* comments are read in every file */
    .tags = (const char *const[]){"maintainability", NULL},
    .precision = "very-high",
};
