/* lang.c — extension table and grammar lookup. */
#include "lang.h"

#include <string.h>

#include "base/util.h"

const TSLanguage *tree_sitter_typescript(void);
const TSLanguage *tree_sitter_tsx(void);
const TSLanguage *tree_sitter_python(void);
const TSLanguage *tree_sitter_sql(void);

static const struct {
    const char *ext;
    enum lang lang;
} extensions[] = {
    {".ts", LANG_TYPESCRIPT}, {".mts", LANG_TYPESCRIPT}, {".cts", LANG_TYPESCRIPT},
    {".tsx", LANG_TSX},       {".js", LANG_JAVASCRIPT},  {".jsx", LANG_JAVASCRIPT},
    {".mjs", LANG_JAVASCRIPT}, {".cjs", LANG_JAVASCRIPT}, {".py", LANG_PYTHON},
    {".sql", LANG_SQL},
#ifdef HAVE_LIBCLANG
    {".c", LANG_C},           {".h", LANG_C},            {".cc", LANG_CPP},
    {".cpp", LANG_CPP},       {".cxx", LANG_CPP},        {".c++", LANG_CPP},
    {".hpp", LANG_CPP},       {".hh", LANG_CPP},         {".hxx", LANG_CPP},
#endif
};

enum lang lang_from_path(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *dot = strrchr(base, '.');
    if (!dot || dot == base)
        return LANG_NONE;
    /* type declaration files describe, they do not run: .d.ts is still TypeScript */
    for (size_t i = 0; i < ARRAY_SIZE(extensions); i++)
        if (strcmp(dot, extensions[i].ext) == 0)
            return extensions[i].lang;
    return LANG_NONE;
}

const char *lang_name(enum lang lang)
{
    switch (lang) {
    case LANG_TYPESCRIPT: return "typescript";
    case LANG_TSX: return "tsx";
    case LANG_JAVASCRIPT: return "javascript";
    case LANG_PYTHON: return "python";
    case LANG_SQL: return "sql";
    case LANG_C: return "c";
    case LANG_CPP: return "c++";
    default: return "none";
    }
}

const TSLanguage *lang_grammar(enum lang lang)
{
    switch (lang) {
    case LANG_TYPESCRIPT: return tree_sitter_typescript();
    case LANG_TSX:
    case LANG_JAVASCRIPT: return tree_sitter_tsx();
    case LANG_PYTHON: return tree_sitter_python();
    default: return NULL;
    }
}

const TSLanguage *lang_grammar_sql(void)
{
    return tree_sitter_sql();
}
