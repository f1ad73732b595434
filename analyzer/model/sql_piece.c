/* sql_piece.c — where a varying piece of built SQL text stands (sql_piece.h). */
#include "model/sql_piece.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "front/syntax.h"
#include "model/localdefs.h"

/* Words that make a string's text SQL for the sinks whose name alone does not. */
static const char *const sql_words[] = {
    "select", "insert", "update", "delete", "from", "where", "values", "join", "create",
    "drop", "alter", "truncate", "grant", "revoke", "pragma", "returning", "having", "union",
    NULL};

static const char *const sql_name_words[] = {"select", "from", "join", "into", "update", "set",
                                             "table", "by", "exists", "truncate", NULL};


bool sql_piece_has_sql_word(const char *s, size_t n)
{
    for (const char *const *w = sql_words; *w; w++) {
        size_t k = strlen(*w);
        for (size_t i = 0; i + k <= n; i++) {
            if (strncasecmp(s + i, *w, k) != 0)
                continue;
            bool before = i > 0 && (isalnum((unsigned char)s[i - 1]) || s[i - 1] == '_');
            bool after = i + k < n && (isalnum((unsigned char)s[i + k]) || s[i + k] == '_');
            if (!before && !after)
                return true;
        }
    }
    return false;
}

/* The literal text right before piece in the string it is put into: the fragment before
 * its interpolation, or the end of the string literal it is concatenated to. */
static TSNode text_before(struct check_file *f, TSNode piece)
{
    size_t depth;
    TSNode *path = localdefs_path(f, f->root, piece, &depth);
    if (depth < 3)
        return (TSNode){0};
    TSNode parent = path[depth - 2];
    TSNode prev = {0};
    if (node_is(parent, "interpolation") || node_is(parent, "template_substitution")) {
        TSNode str = path[depth - 3];
        uint32_t count = ts_node_named_child_count(str);
        for (uint32_t i = 0; i < count; i++) {
            TSNode c = ts_node_named_child(str, i);
            if (ts_node_eq(c, parent))
                break;
            prev = c;
        }
        return node_is(prev, "string_content") || node_is(prev, "string_fragment")
                   ? prev : (TSNode){0};
    }
    if ((node_is(parent, "binary_operator") || node_is(parent, "binary_expression")) &&
        node_text_eq(f, node_field(parent, "operator"), "+") &&
        ts_node_eq(node_field(parent, "right"), piece)) {
        /* the rightmost operand of the chain on the left */
        TSNode left = syntax_strip(node_field(parent, "left"));
        while ((node_is(left, "binary_operator") || node_is(left, "binary_expression")) &&
               node_text_eq(f, node_field(left, "operator"), "+"))
            left = syntax_strip(node_field(left, "right"));
        if (node_is(left, "concatenated_string"))
            left = ts_node_named_child(left, ts_node_named_child_count(left) - 1);
        if (!node_is(left, "string"))
            return (TSNode){0};
        uint32_t count = ts_node_named_child_count(left);
        for (uint32_t i = 0; i < count; i++) {
            TSNode c = ts_node_named_child(left, i);
            if (node_is(c, "string_content") || node_is(c, "string_fragment"))
                prev = c;
        }
        return prev;
    }
    return (TSNode){0};
}

bool sql_piece_wants_name(struct check_file *f, TSNode piece, bool quoted_names)
{
    TSNode before = text_before(f, piece);
    if (ts_node_is_null(before))
        return false;
    const char *s = f->src->text + ts_node_start_byte(before);
    size_t n = ts_node_end_byte(before) - ts_node_start_byte(before);
    while (n > 0 && isspace((unsigned char)s[n - 1]))
        n--;
    if (n == 0)
        return false;
    char last = s[n - 1];
    if (last == '`' || last == '.')
        return true;
    if (last == '"')
        return quoted_names;
    size_t w = n;
    while (w > 0 && isalpha((unsigned char)s[w - 1]))
        w--;
    for (const char *const *k = sql_name_words; *k; k++)
        if (n - w == strlen(*k) && strncasecmp(s + w, *k, n - w) == 0)
            return true;
    return false;
}
