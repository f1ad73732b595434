/* localdefs_nodes.c — what the walk back in localdefs.c stands on: the per-file memo (an
 * open-addressed table in the file's arena), the named children of a node and the path from a
 * node's ancestor down to it, both through the node table when it holds the node. */
#include "localdefs_p.h"

#include <string.h>

#include "front/syntax.h"

struct localdefs_memo *localdefs_memo_new(struct check_file *f)
{
    struct localdefs_memo *m = arena_alloc(f->arena, sizeof(*m));
    m->arena = f->arena;
    m->cap = 64;
    m->v = arena_alloc(f->arena, m->cap * sizeof(*m->v));
    return m;
}

struct memo_entry *memo_slot(struct localdefs_memo *m, const void *key, const char *name,
                             size_t len)
{
    uint64_t h = fnv64(FNV64_INIT, &key, sizeof(key));
    if (name)
        h = fnv64(h, name, len);
    size_t i = (size_t)h & (m->cap - 1);
    while (m->v[i].key &&
           !(m->v[i].key == key && m->v[i].len == len && (m->v[i].name == NULL) == (name == NULL) &&
             (!name || memcmp(m->v[i].name, name, len) == 0)))
        i = (i + 1) & (m->cap - 1);
    return &m->v[i];
}

struct memo_entry *memo_put(struct localdefs_memo *m, struct memo_entry e)
{
    if (2 * (m->n + 1) > m->cap) {
        struct memo_entry *old = m->v;
        size_t cap = m->cap;
        m->cap *= 2;
        m->v = arena_alloc(m->arena, m->cap * sizeof(*m->v));
        for (size_t i = 0; i < cap; i++)
            if (old[i].key)
                *memo_slot(m, old[i].key, old[i].name, old[i].len) = old[i];
    }
    struct memo_entry *slot = memo_slot(m, e.key, e.name, e.len);
    *slot = e;
    m->n++;
    return slot;
}

/* The named children of p, in order, into out (cleared first): from the file's node table
 * when p is in it, else with a cursor (ts_node_named_child(p, i) is linear in i). */
void named_children(const struct check_file *f, TSNode p, node_vec *out)
{
    out->n = 0;
    if (ts_node_is_null(p))
        return;
    uint32_t i = nodes_find(f->nodes, p);
    if (i != NODE_NONE) {
        const struct node_entry *v = f->nodes->v;
        for (uint32_t j = i + 1; j < v[i].end; j = v[j].end)
            VEC_PUSH(*out, v[j].node);
        return;
    }
    TSTreeCursor c = ts_tree_cursor_new(p);
    if (ts_tree_cursor_goto_first_child(&c)) {
        do {
            TSNode n = ts_tree_cursor_current_node(&c);
            if (ts_node_is_named(n))
                VEC_PUSH(*out, n);
        } while (ts_tree_cursor_goto_next_sibling(&c));
    }
    ts_tree_cursor_delete(&c);
}

/* The nodes from top down to node (both included) into out. ts_node_parent() walks down from
 * the root on every call, as do the sibling functions: on a module with thousands of
 * statements the walk back would be quadratic. The node table's parent indices give the
 * path at once; a node the table does not hold is found by descending from top. */
void path_down(const struct check_file *f, TSNode top, TSNode node, node_vec *out)
{
    out->n = 0;
    uint32_t i = nodes_find(f->nodes, node);
    if (i != NODE_NONE) {
        const struct node_entry *v = f->nodes->v;
        uint32_t depth_top = 0, k = i;
        for (; k != NODE_NONE && !ts_node_eq(v[k].node, top); k = v[k].parent)
            depth_top++;
        if (k == NODE_NONE) { /* node is not under top */
            VEC_PUSH(*out, top);
            return;
        }
        for (uint32_t m = 0; m <= depth_top; m++)
            VEC_PUSH(*out, top);
        for (uint32_t m = depth_top, j = i; m > 0; m--, j = v[j].parent)
            out->v[m] = v[j].node;
        return;
    }
    TSNode cur = top;
    VEC_PUSH(*out, cur);
    while (!ts_node_eq(cur, node)) {
        cur = ts_node_child_with_descendant(cur, node);
        if (ts_node_is_null(cur))
            break;
        VEC_PUSH(*out, cur);
    }
}

TSNode *localdefs_path(struct check_file *f, TSNode top, TSNode node, size_t *n)
{
    node_vec v = {0};
    path_down(f, top, node, &v);
    TSNode *out = arena_alloc(f->arena, v.n * sizeof(*out));
    memcpy(out, v.v, v.n * sizeof(*out));
    *n = v.n;
    VEC_FREE(v);
    return out;
}
