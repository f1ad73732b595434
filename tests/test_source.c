/* test_source.c — decoding, the line index, UTF-16 columns and languages by file name. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/front/source.h"

static struct source load(const char *bytes, size_t n)
{
    struct source src;
    char *why = NULL;
    enum source_error e = source_from_bytes(&src, bytes, n, &why);
    cr_assert_eq(e, SOURCE_OK, "source_from_bytes: %s", why ? why : "");
    return src;
}

Test(source, line_index_with_every_line_ending)
{
    const char text[] = "a\nbb\r\nccc\rd";
    struct source src = load(text, sizeof(text) - 1);
    cr_assert_eq(src.nlines, 4);
    uint32_t n;
    const char *l = source_line(&src, 1, &n);
    cr_expect_eq(n, 2);
    cr_expect(strncmp(l, "bb", 2) == 0);
    l = source_line(&src, 2, &n);
    cr_expect_eq(n, 3);
    struct pos p = source_pos(&src, 10); /* 'd' */
    cr_expect_eq(p.line, 4);
    cr_expect_eq(p.col, 1);
    source_release(&src);
}

Test(source, utf16_columns_count_surrogate_pairs)
{
    /* "é😀x": é is 2 bytes / 1 unit, 😀 is 4 bytes / 2 units */
    const char text[] = "\xc3\xa9\xf0\x9f\x98\x80x";
    struct source src = load(text, sizeof(text) - 1);
    struct pos p = source_pos(&src, 6);
    cr_expect_eq(p.col, 7);
    cr_expect_eq(p.col_utf16, 4);
    source_release(&src);
}

Test(source, utf8_bom_is_removed)
{
    const char text[] = "\xef\xbb\xbf" "let x = 1";
    struct source src = load(text, sizeof(text) - 1);
    cr_expect_eq(src.len, 9);
    cr_expect_str_eq(src.text, "let x = 1");
    source_release(&src);
}

Test(source, utf16le_with_bom_is_transcoded)
{
    const char text[] = "\xff\xfe" "a\0\xe9\0\n\0" "b\0";
    struct source src = load(text, sizeof(text) - 1);
    cr_expect_str_eq(src.text, "a\xc3\xa9\nb");
    cr_expect_eq(src.nlines, 2);
    source_release(&src);
}

Test(source, utf16be_with_bom_is_transcoded)
{
    const char text[] = "\xfe\xff" "\0a\xd8\x3d\xde\x00";
    struct source src = load(text, sizeof(text) - 1);
    cr_expect_str_eq(src.text, "a\xf0\x9f\x98\x80");
    source_release(&src);
}

Test(source, refuses_binary_and_invalid_utf8)
{
    struct source src;
    char *why = NULL;
    cr_expect_eq(source_from_bytes(&src, "a\0b", 3, &why), SOURCE_BINARY);
    free(why);
    why = NULL;
    cr_expect_eq(source_from_bytes(&src, "a\xff" "b", 3, &why), SOURCE_NOT_UTF8);
    free(why);
    why = NULL;
    cr_expect_eq(source_from_bytes(&src, "\xc0\xaf", 2, &why), SOURCE_NOT_UTF8); /* overlong */
    free(why);
    why = NULL;
    cr_expect_eq(source_from_bytes(&src, "\xed\xa0\x80", 3, &why), SOURCE_NOT_UTF8); /* surrogate */
    free(why);
    why = NULL;
    cr_expect_eq(source_from_bytes(&src, "\xff\xfe" "\x00\xd8", 4, &why), SOURCE_NOT_UTF8);
    free(why);
}

Test(source, empty_text_has_one_line)
{
    struct source src = load("", 0);
    cr_expect_eq(src.nlines, 1);
    struct pos p = source_pos(&src, 0);
    cr_expect_eq(p.line, 1);
    cr_expect_eq(p.col, 1);
    source_release(&src);
}

Test(source, load_refuses_missing_directory_and_large_files)
{
    struct source src;
    char *why = NULL;
    cr_expect_eq(source_load(&src, "/nonexistent/x.ts", 1000, &why), SOURCE_UNREADABLE);
    free(why);
    why = NULL;
    cr_expect_eq(source_load(&src, "/", 1000, &why), SOURCE_NOT_REGULAR);
    free(why);
    why = NULL;
    cr_expect_eq(source_load(&src, SOURCE_ROOT "/meson.build", 10, &why), SOURCE_TOO_LARGE);
    free(why);
}

Test(lang, text_classes)
{
    cr_expect_eq(lang_from_path("web/.env"), LANG_ENV);
    cr_expect_eq(lang_from_path(".env.local"), LANG_ENV);
    cr_expect_eq(lang_from_path("a/.env.production.example"), LANG_ENV);
    cr_expect_eq(lang_from_path(".envrc"), LANG_ENV);
    cr_expect_eq(lang_from_path("deploy/docker.env"), LANG_ENV);
    cr_expect_eq(lang_from_path("src/.env.mjs"), LANG_JAVASCRIPT); /* code stays code */
    cr_expect_eq(lang_from_path(".environment"), LANG_NONE);
    cr_expect_eq(lang_from_path("vercel.json"), LANG_JSON);
    cr_expect_eq(lang_from_path("tsconfig.jsonc"), LANG_JSON);
    cr_expect_eq(lang_from_path(".github/workflows/ci.yml"), LANG_YAML);
    cr_expect_eq(lang_from_path("supabase/config.toml"), LANG_TOML);
    cr_expect_eq(lang_from_path("setup.cfg"), LANG_INI);
    cr_expect_eq(lang_from_path("alembic.ini"), LANG_INI);
    cr_expect_eq(lang_from_path("engine/Dockerfile"), LANG_DOCKERFILE);
    cr_expect_eq(lang_from_path("Dockerfile.dev"), LANG_DOCKERFILE);
    cr_expect_eq(lang_from_path("web.dockerfile"), LANG_DOCKERFILE);
    cr_expect_eq(lang_from_path("scripts/deploy.sh"), LANG_SHELL);
    cr_expect_eq(lang_from_path("README.md"), LANG_MARKDOWN);
    cr_expect_eq(lang_from_path("web/next.config.mjs"), LANG_JAVASCRIPT);
    /* lockfiles: generated, full of hashes */
    cr_expect_eq(lang_from_path("package-lock.json"), LANG_NONE);
    cr_expect_eq(lang_from_path("web/pnpm-lock.yaml"), LANG_NONE);
    cr_expect_eq(lang_from_path("yarn.lock"), LANG_NONE);
    cr_expect_eq(lang_from_path("engine/poetry.lock"), LANG_NONE);
    cr_expect_eq(lang_from_path("logo.png"), LANG_NONE);
    cr_expect(lang_is_text(LANG_ENV) && lang_is_text(LANG_MARKDOWN));
    cr_expect(!lang_is_text(LANG_SQL) && !lang_is_text(LANG_CPP));
    cr_expect((LANGS_CODE & LANGS_TEXT) == 0);
    cr_expect(LANGS_CODE & LANG_BIT(LANG_SQL));
}
