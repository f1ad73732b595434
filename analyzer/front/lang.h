/* lang.h — the languages preflight reads, chosen by file extension. */
#ifndef PREFLIGHT_LANG_H
#define PREFLIGHT_LANG_H

#include <tree_sitter/api.h>

enum lang {
    LANG_NONE = -1,
    LANG_TYPESCRIPT, /* .ts .mts .cts: the typescript grammar */
    LANG_TSX,        /* .tsx: the tsx grammar */
    LANG_JAVASCRIPT, /* .js .jsx .mjs .cjs: parsed with the tsx grammar, no type checks */
    LANG_PYTHON,     /* .py */
    LANG_SQL,        /* .sql: libpg_query, tree-sitter-sql as the fallback */
    LANG_C,          /* .c .h: libclang (clang.h), when preflight is built with it */
    LANG_CPP,        /* .cc .cpp .cxx .c++ .hpp .hh .hxx: libclang, as C++ */
    LANG_COUNT
};

#define LANG_BIT(l) (1u << (l))
#define LANGS_TS (LANG_BIT(LANG_TYPESCRIPT) | LANG_BIT(LANG_TSX))
#define LANGS_JS_TS (LANGS_TS | LANG_BIT(LANG_JAVASCRIPT))
#define LANGS_C_CPP (LANG_BIT(LANG_C) | LANG_BIT(LANG_CPP))

/* The language of a path by its extension, or LANG_NONE. */
enum lang lang_from_path(const char *path);
/* Lowercase display name ("typescript"); static storage. */
const char *lang_name(enum lang lang);
/* The tree-sitter grammar that parses the language; NULL for SQL (see sql.h), C and C++
 * (clang.h). */
const TSLanguage *lang_grammar(enum lang lang);
/* tree-sitter-sql, for the statements libpg_query rejects. */
const TSLanguage *lang_grammar_sql(void);

#endif
