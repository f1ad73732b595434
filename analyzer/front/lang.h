/* lang.h — the languages preflight reads, chosen by file name.
 *
 * The code languages are parsed; the text classes after them (LANG_ENV ... LANG_MARKDOWN) are
 * read as plain text, for checks that look at every file a repository ships (secrets,
 * configuration). A check sees a class only when its langs mask names it. */
#ifndef PREFLIGHT_LANG_H
#define PREFLIGHT_LANG_H

#include "tsapi.h"

enum lang {
    LANG_NONE = -1,
    LANG_TYPESCRIPT, /* .ts .mts .cts: the typescript grammar */
    LANG_TSX,        /* .tsx: the tsx grammar */
    LANG_JAVASCRIPT, /* .js .jsx .mjs .cjs: parsed with the tsx grammar, no type checks */
    LANG_PYTHON,     /* .py */
    LANG_SQL,        /* .sql: libpg_query, tree-sitter-sql as the fallback */
    LANG_C,          /* .c .h: libclang (clang.h), when preflight is built with it */
    LANG_CPP,        /* .cc .cpp .cxx .c++ .hpp .hh .hxx: libclang, as C++ */
    LANG_ENV,        /* .env, .env.local, .env.example, .envrc ...: text */
    LANG_JSON,       /* .json .jsonc (vercel.json, tsconfig.json), lockfiles excluded: text */
    LANG_YAML,       /* .yml .yaml, pnpm-lock.yaml excluded: text */
    LANG_TOML,       /* .toml: text */
    LANG_INI,        /* .ini .cfg: text */
    LANG_DOCKERFILE, /* Dockerfile, Dockerfile.*, *.dockerfile, Containerfile: text */
    LANG_SHELL,      /* .sh .bash .zsh: text */
    LANG_MARKDOWN,   /* .md: text */
    LANG_COUNT
};

#define LANG_BIT(l) (1u << (l))
#define LANGS_TS (LANG_BIT(LANG_TYPESCRIPT) | LANG_BIT(LANG_TSX))
#define LANGS_JS_TS (LANGS_TS | LANG_BIT(LANG_JAVASCRIPT))
#define LANGS_C_CPP (LANG_BIT(LANG_C) | LANG_BIT(LANG_CPP))
#define LANG_FIRST_TEXT LANG_ENV
/* Every code language: what a check that reads "every file" looks at besides LANGS_TEXT. */
#define LANGS_CODE (LANG_BIT(LANG_FIRST_TEXT) - 1u)
#define LANGS_TEXT ((LANG_BIT(LANG_COUNT) - 1u) & ~LANGS_CODE)

static inline int lang_is_text(enum lang lang)
{
    return lang >= LANG_FIRST_TEXT && lang < LANG_COUNT;
}

/* The language of a path by its name (extension, or the whole name for .env* and Dockerfile),
 * or LANG_NONE. Lockfiles are LANG_NONE: generated, and full of hashes. */
enum lang lang_from_path(const char *path);
/* Lowercase display name ("typescript"); static storage. */
const char *lang_name(enum lang lang);
/* The tree-sitter grammar that parses the language; NULL for SQL (see sql.h), C and C++
 * (clang.h). */
const TSLanguage *lang_grammar(enum lang lang);
/* tree-sitter-sql, for the statements libpg_query rejects. */
const TSLanguage *lang_grammar_sql(void);

#endif
