/* parse_repair.c — the first syntax error of a tree, and bare ampersands in JSX text made
 * parseable (see parse_repair.h). */
#include "parse_repair.h"

#include <ctype.h>
#include <stdbool.h>
#include <string.h>

#include "base/util.h"

/* true when text[i] starts a character reference: &amp; &#38; &#x26; */
static bool reference_at(const char *text, uint32_t len, uint32_t i)
{
    uint32_t k = i + 1;
    if (k < len && text[k] == '#') {
        k++;
        bool hex = k < len && (text[k] == 'x' || text[k] == 'X');
        k += hex;
        uint32_t start = k;
        while (k < len && (hex ? isxdigit((unsigned char)text[k]) : isdigit((unsigned char)text[k])))
            k++;
        return k > start && k < len && text[k] == ';';
    }
    uint32_t start = k;
    while (k < len && k - start <= 30 && isalpha((unsigned char)text[k]))
        k++;
    return k > start && k < len && text[k] == ';';
}

/* For each byte, the nearest of < > { } before it and after it (0: none): one pass each way,
 * so a file of ampersands costs linear time. */
struct structure {
    char *before, *after;
};

static void structure_init(struct structure *st, const char *text, uint32_t len)
{
    st->before = xmalloc((size_t)len + 1);
    st->after = xmalloc((size_t)len + 1);
    char last = 0;
    for (uint32_t i = 0; i < len; i++) {
        st->before[i] = last;
        if (strchr("<>{}", text[i]) && text[i])
            last = text[i];
    }
    last = 0;
    for (uint32_t i = len; i-- > 0;) {
        st->after[i] = last;
        if (strchr("<>{}", text[i]) && text[i])
            last = text[i];
    }
}

/* true when the '&' at i stands where JSX text does: after a tag or an expression ('>' or '}'
 * is the nearest of <>{} before it) and before a tag or an expression ('<' or '{' is the
 * nearest after it), and alone (not '&&'). Only looked at inside ERROR nodes. */
static bool in_jsx_text(const struct structure *st, const char *text, uint32_t len, uint32_t i)
{
    if ((i > 0 && text[i - 1] == '&') || (i + 1 < len && text[i + 1] == '&'))
        return false;
    char before = st->before[i], after = st->after[i];
    return (before == '>' || before == '}') && (after == '<' || after == '{');
}

char *jsx_repair_ampersands(TSNode root, const char *text, uint32_t len)
{
    if (!ts_node_has_error(root))
        return NULL;
    char *copy = NULL;
    struct structure st = {NULL, NULL};
    TSTreeCursor c = ts_tree_cursor_new(root);
    for (;;) {
        TSNode n = ts_tree_cursor_current_node(&c);
        bool descend = ts_node_has_error(n);
        if (ts_node_is_error(n)) {
            uint32_t a = ts_node_start_byte(n), b = ts_node_end_byte(n);
            for (uint32_t i = a; i < b && i < len; i++) {
                if (text[i] != '&' || reference_at(text, len, i))
                    continue;
                if (!st.before)
                    structure_init(&st, text, len);
                if (!in_jsx_text(&st, text, len, i))
                    continue;
                if (!copy) {
                    copy = xmalloc((size_t)len + 1);
                    memcpy(copy, text, len);
                    copy[len] = '\0';
                }
                copy[i] = ' ';
            }
            descend = false;
        }
        if (descend && ts_tree_cursor_goto_first_child(&c))
            continue;
        while (!ts_tree_cursor_goto_next_sibling(&c))
            if (!ts_tree_cursor_goto_parent(&c))
                goto done;
    }
done:
    ts_tree_cursor_delete(&c);
    free(st.before);
    free(st.after);
    return copy;
}

TSNode parse_first_error(TSNode root)
{
    TSNode n = root;
    if (!ts_node_has_error(n))
        return (TSNode){0};
    /* descend along the first child that has an error: no recursion, depth steps at most. An
     * ERROR node is not yet the answer when an error lies inside it: when the parser cannot
     * recover, the whole file becomes one ERROR starting at byte 0 whose children are the
     * fragments it did parse, and the first of them that holds an error is where it failed. */
    for (;;) {
        if (ts_node_is_missing(n))
            return n;
        uint32_t count = ts_node_child_count(n);
        TSNode next = {0};
        for (uint32_t i = 0; i < count; i++) {
            TSNode ch = ts_node_child(n, i);
            if (ts_node_has_error(ch) || ts_node_is_missing(ch)) {
                next = ch;
                break;
            }
        }
        if (ts_node_is_null(next))
            return n;
        n = next;
    }
}
