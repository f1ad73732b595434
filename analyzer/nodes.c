/* nodes.c — the named nodes of a tree, written down by one cursor walk. */
#include "nodes.h"

#include <stdlib.h>

#include "util.h"

/* One level of the cursor's path: the nearest named node at or above it. */
struct node_level {
    uint32_t named; /* index of that node, NODE_NONE above the root */
    bool self;      /* the level's own node is that node */
};

/* Tables above this many entries (40 bytes each) are freed after use rather than kept. */
#define NODES_KEEP_CAP (1u << 17)

static void push_level(struct node_table *t, uint32_t *depth, struct node_level level)
{
    if (*depth == t->stack_cap) {
        t->stack_cap = t->stack_cap ? t->stack_cap * 2 : 64;
        t->stack = xrealloc(t->stack, t->stack_cap * sizeof(*t->stack));
    }
    t->stack[(*depth)++] = level;
}

void nodes_build(struct node_table *t, TSNode root)
{
    /* every visible node, named or not, is counted: an upper bound of the named ones */
    uint32_t bound = ts_node_descendant_count(root);
    if (bound > t->cap) {
        free(t->v);
        t->cap = bound;
        t->v = xmalloc((size_t)t->cap * sizeof(*t->v));
    }
    t->n = 0;
    TSTreeCursor cur = ts_tree_cursor_new(root);
    uint32_t depth = 0, named_depth = 0;
    for (;;) {
        TSNode x = ts_tree_cursor_current_node(&cur);
        uint32_t parent = depth ? t->stack[depth - 1].named : NODE_NONE;
        struct node_level level = {parent, false};
        if (ts_node_is_named(x)) {
            if (t->n == t->cap) { /* cannot happen if the count is right; stay safe anyway */
                t->cap = t->cap * 2 + 16;
                t->v = xrealloc(t->v, (size_t)t->cap * sizeof(*t->v));
            }
            uint32_t i = t->n++;
            t->v[i] = (struct node_entry){x, parent, t->n, named_depth};
            level = (struct node_level){i, true};
        }
        if (ts_tree_cursor_goto_first_child(&cur)) {
            push_level(t, &depth, level);
            named_depth += level.self;
            continue;
        }
        for (;;) {
            if (ts_tree_cursor_goto_next_sibling(&cur))
                break;
            if (!ts_tree_cursor_goto_parent(&cur))
                goto done;
            struct node_level up = t->stack[--depth];
            if (up.self) {
                t->v[up.named].end = t->n;
                named_depth--;
            }
        }
    }
done:
    ts_tree_cursor_delete(&cur);
}

void nodes_release(struct node_table *t)
{
    free(t->v);
    free(t->stack);
    *t = (struct node_table){0};
}

void nodes_done(struct node_table *t)
{
    if (t->cap > NODES_KEEP_CAP) {
        free(t->v);
        t->v = NULL;
        t->cap = 0;
    }
    t->n = 0;
}

uint32_t nodes_find(const struct node_table *t, TSNode node)
{
    if (!t || ts_node_is_null(node))
        return NODE_NONE;
    uint32_t start = ts_node_start_byte(node);
    /* pre-order lists nodes by start byte, ancestors before the descendants that share it */
    uint32_t lo = 0, hi = t->n;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (ts_node_start_byte(t->v[mid].node) < start)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (uint32_t i = lo; i < t->n && ts_node_start_byte(t->v[i].node) == start; i++)
        if (ts_node_eq(t->v[i].node, node))
            return i;
    return NODE_NONE;
}
