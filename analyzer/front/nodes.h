/* nodes.h — a file's named nodes in pre-order, in one flat array: walks without a cursor.
 *
 * A tree-sitter cursor steps through the grammar's hidden nodes, some 500 instructions a step,
 * and every check used to walk each file on its own: together the walks cost about as much as
 * parsing. The driver writes the named nodes down once per file (nodes_build); after that a
 * walk is a loop over an array, a subtree is a range of it and the ancestors of a node are a
 * chain of indices.
 *
 *     const struct node_table *t = f->nodes;
 *     for (uint32_t i = 0; i < t->n; i++)
 *         if (t->v[i].sym == st->catch_clause)   // node_symbol(grammar, "catch_clause"), in init
 *             ... the catch clause's subtree is [i, t->v[i].end) ...
 */
#ifndef PREFLIGHT_NODES_H
#define PREFLIGHT_NODES_H

#include <stdbool.h>
#include <stdint.h>
#include "tsapi.h"

#define NODE_NONE UINT32_MAX

struct node_entry {
    TSNode node;
    uint32_t parent; /* index of the nearest named ancestor; NODE_NONE for the root */
    uint32_t end;    /* one past the last descendant: the subtree is [i, end) */
    uint32_t depth;  /* named ancestors above it: 0 for the root */
    TSSymbol sym;    /* ts_node_symbol(node), without the call */
};

struct node_table {
    struct node_entry *v;
    uint32_t n, cap;
    /* the builder's stack, kept with the table so that rebuilding allocates nothing */
    struct node_level *stack;
    uint32_t stack_cap;
};

/* Fills t with the named nodes of root's subtree (root first, so root must be named), reusing
 * t's memory; t starts zeroed. */
void nodes_build(struct node_table *t, TSNode root);
/* After a file: empties t, and frees its memory if a big file made it big. */
void nodes_done(struct node_table *t);
void nodes_release(struct node_table *t);
/* The index of a named node of the table, or NODE_NONE (an anonymous or foreign node).
 * O(log n). */
uint32_t nodes_find(const struct node_table *t, TSNode node);

#endif
