/* nodes.c — the node table's lookups and memory; nodes_walk.c builds it. */
#include "nodes.h"

#include <stdlib.h>

#include "base/util.h"

/* Tables above this many entries (40 bytes each) are freed after use rather than kept. */
#define NODES_KEEP_CAP (1u << 17)

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
