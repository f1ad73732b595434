/* node.c — small helpers over tree-sitter nodes for checks. */
#include <string.h>

#include "check.h"

char *node_text(struct check_file *f, TSNode node)
{
    uint32_t start = ts_node_start_byte(node), end = ts_node_end_byte(node);
    if (end > f->src->len)
        end = f->src->len;
    if (start > end)
        start = end;
    return arena_strndup(f->arena, f->src->text + start, end - start);
}

bool node_text_eq(const struct check_file *f, TSNode node, const char *s)
{
    uint32_t start = ts_node_start_byte(node), end = ts_node_end_byte(node);
    size_t n = strlen(s);
    return end >= start && end - start == n && end <= f->src->len &&
           memcmp(f->src->text + start, s, n) == 0;
}

TSNode node_field(TSNode node, const char *name)
{
    return ts_node_child_by_field_name(node, name, (uint32_t)strlen(name));
}

bool node_is(TSNode node, const char *type)
{
    return !ts_node_is_null(node) && strcmp(ts_node_type(node), type) == 0;
}

bool node_has_error(TSNode node)
{
    return !ts_node_is_null(node) && (ts_node_has_error(node) || ts_node_is_missing(node));
}
