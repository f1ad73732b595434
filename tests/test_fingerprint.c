/* test_fingerprint.c — GitHub's primaryLocationLineHash, against the values of the reference
 * implementation's own tests (github/codeql-action, src/fingerprints.test.ts), and the
 * preflight/v1 fingerprint's stability; the masked text both are made from when a file holds a
 * secret (redact.h). */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/report/fingerprint.h"
#include "analyzer/report/redact.h"
#include "analyzer/front/source.h"

static void expect_hashes(const char *text, size_t len, const char *const *want, size_t n)
{
    struct source src;
    char *why = NULL;
    cr_assert_eq(source_from_bytes(&src, text, len, &why), SOURCE_OK);
    cr_assert_eq(src.nlines, n, "lines: got %u, want %zu", src.nlines, n);
    uint32_t *lines = calloc(n, sizeof(*lines));
    char(*out)[32] = calloc(n, sizeof(*out));
    for (size_t i = 0; i < n; i++)
        lines[i] = (uint32_t)i + 1;
    line_hashes(&src, lines, n, out);
    for (size_t i = 0; i < n; i++)
        cr_expect_str_eq(out[i], want[i], "line %zu of %s", i + 1, text);
    /* asked alone, a line's hash is the same (the pass stops once it is known) */
    for (size_t i = 0; i < n; i++) {
        char one[1][32];
        line_hashes(&src, &lines[i], 1, one);
        cr_expect_str_eq(one[0], want[i], "line %zu alone of %s", i + 1, text);
    }
    free(lines);
    free(out);
    source_release(&src);
}

#define EXPECT(text, ...)                                                                   \
    do {                                                                                    \
        static const char *const want[] = {__VA_ARGS__};                                    \
        expect_hashes(text, sizeof(text) - 1, want, sizeof(want) / sizeof(want[0]));       \
    } while (0)

Test(line_hash, empty_file)
{
    EXPECT("", "c129715d7a2bc9a3:1");
}

Test(line_hash, leading_whitespace_is_ignored)
{
    EXPECT(" a\nb\n  \t\tc\n d", "271789c17abda88f:1", "54703d4cd895b18:1", "180aee12dab6264:1",
           "a23a3dc5e078b07b:1");
}

Test(line_hash, without_final_newline)
{
    EXPECT(" hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End", "8b7cf3e952e7aeb2:1",
           "b1ae1287ec4718d9:1", "bff680108adb0fcc:1", "c6805c5e1288b612:1",
           "b86d3392aea1be30:1", "e6ceba753e1a442:1");
}

#define GREETINGS_HASHES                                                                    \
    "e9496ae3ebfced30:1", "fb7c023a8b9ccb3f:1", "ce8ba1a563dcdaca:1", "e20e36e16fcb0cc8:1",  \
        "b3edc88f2938467e:1", "c8e28b0b4002a3a0:1", "c129715d7a2bc9a3:1"

Test(line_hash, every_line_ending_gives_the_same_hashes)
{
    EXPECT(" hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End\n", GREETINGS_HASHES);
    EXPECT(" hello; \t\nworld!!!\r\r\r  \t\tGreetings\r End\r", GREETINGS_HASHES);
    EXPECT(" hello; \t\r\nworld!!!\r\n\r\n\r\n  \t\tGreetings\r\n End\r\n", GREETINGS_HASHES);
    EXPECT(" hello; \t\nworld!!!\r\n\n\r  \t\tGreetings\r End\r\n", GREETINGS_HASHES);
}

Test(line_hash, repeated_lines_are_numbered)
{
    EXPECT("Lorem ipsum dolor sit amet.\nLorem ipsum dolor sit amet.\nLorem ipsum dolor sit amet.\n"
           "Lorem ipsum dolor sit amet.\nLorem ipsum dolor sit amet.\nLorem ipsum dolor sit amet.\n"
           "Lorem ipsum dolor sit amet.\nLorem ipsum dolor sit amet.\nLorem ipsum dolor sit amet.\n"
           "Lorem ipsum dolor sit amet.\n",
           "a7f2ff13bc495cf2:1", "a7f2ff13bc495cf2:2", "a7f2ff13bc495cf2:3", "a7f2ff13bc495cf2:4",
           "a7f2ff13bc495cf2:5", "a7f2ff13bc495cf2:6", "a7f2ff1481e87703:1", "a9cf91f7bbf1862b:1",
           "55ec222b86bcae53:1", "cc97dc7b1d7d8f7b:1", "c129715d7a2bc9a3:1");
}

Test(preflight_fingerprint, ignores_indentation_but_not_content)
{
    const char *a = "  return f(x: any)", *b = "\t\treturn   f(x: any)  ", *c = "return f(y: any)";
    uint64_t ha = preflight_fingerprint("typing-explicit-any", "a.ts", a, (uint32_t)strlen(a));
    uint64_t hb = preflight_fingerprint("typing-explicit-any", "a.ts", b, (uint32_t)strlen(b));
    uint64_t hc = preflight_fingerprint("typing-explicit-any", "a.ts", c, (uint32_t)strlen(c));
    uint64_t hd = preflight_fingerprint("typing-explicit-any", "b.ts", a, (uint32_t)strlen(a));
    uint64_t he = preflight_fingerprint("other-check", "a.ts", a, (uint32_t)strlen(a));
    cr_expect_eq(ha, hb);
    cr_expect_neq(ha, hc);
    cr_expect_neq(ha, hd);
    cr_expect_neq(ha, he);
}

static struct source text_source(const char *text)
{
    struct source src;
    char *why = NULL;
    cr_assert_eq(source_from_bytes(&src, text, strlen(text), &why), SOURCE_OK);
    return src;
}

Test(redact, masks_and_maps_offsets)
{
    struct source src = text_source("KEY=sk_live_FAKE0123456789abcdef tail\nB=short1 x\n");
    struct redactions r = {0};
    redactions_add(&r, &src, 4, 32);  /* the key: 28 bytes, its first 4 stay */
    redactions_add(&r, &src, 40, 46); /* "short1": too short to show any of it */
    uint32_t offs[4] = {0, 4, 20, 32};
    char *line = redact_copy(&r, src.text, 0, 37, offs, 4);
    cr_expect_str_eq(line, "KEY=sk_l\xe2\x80\xa6 tail");
    cr_expect_eq(offs[0], 0);
    cr_expect_eq(offs[1], 4);  /* the span's start stays before its mask */
    cr_expect_eq(offs[2], 11); /* inside: after the mask */
    cr_expect_eq(offs[3], 11); /* its end: after the mask */
    free(line);
    line = redact_copy(&r, src.text, 38, 49, NULL, 0);
    cr_expect_str_eq(line, "B=\xe2\x80\xa6 x\n");
    free(line);
    /* a window that starts inside a span shows none of it */
    line = redact_copy(&r, src.text, 10, 37, NULL, 0);
    cr_expect_str_eq(line, "\xe2\x80\xa6 tail");
    free(line);
    redactions_release(&r);
    source_release(&src);
}

Test(redact, lines_kept)
{
    /* a private key's body over three lines: masked line by line, the lines stay */
    struct source src = text_source("-----BEGIN\nAAAAAAAAAAAAAAAAAAAA\nBBBBBBBBBBBBBBBBBBBB\nCC\n-----END\n");
    struct redactions r = {0};
    redactions_add(&r, &src, 11, 56);
    struct source masked;
    cr_assert(redact_source(&r, &src, &masked));
    cr_expect_eq(masked.nlines, src.nlines);
    cr_expect_str_eq(masked.text, "-----BEGIN\nAAAA\xe2\x80\xa6\n\xe2\x80\xa6\n\xe2\x80\xa6\n-----END\n");
    source_release(&masked);
    redactions_release(&r);
    struct redactions none = {0};
    cr_expect(!redact_source(&none, &src, &masked));
    source_release(&src);
}
