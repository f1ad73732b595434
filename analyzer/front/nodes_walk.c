/* nodes_walk.c — nodes_build, written against tree-sitter's internal tree layout.
 *
 * The public cursor (ts_tree_cursor_goto_next_sibling) rebuilds its child iterator from the
 * parent at every step and steps through hidden nodes one call at a time: writing a file's
 * named nodes down with it cost a sixth of the parse. This loop keeps one iterator per level
 * and reads the subtrees directly, as the cursor itself reads them (tree_cursor.c's
 * CursorChildIterator: positions, aliases, extras and visibility are computed the same way).
 * It depends on the layout of the pinned runtime (grammars/package-lock.json: tree-sitter
 * 0.25.1); tests/test_nodes.c compares its output with the public API's view of the tree. */
#include "nodes.h"

#include <stdlib.h>

#include "language.h"
#include "subtree.h"
#include "tree.h"

#include "base/util.h"

/* One open node whose children are being visited. */
struct node_level {
    const Subtree *children;
    const TSSymbol *aliases;
    Length position;     /* of the next child */
    uint32_t count, index, structural;
    uint32_t named;      /* nearest named node at or above the owner: the children's parent */
    uint32_t depth;      /* the children's depth */
    bool owner_named;    /* the owner is that node: its end is set when the level closes */
};

/* Writes the node down when it is visible and named; opens a level for its children when
 * some of them are visible. */
static void visit(struct node_table *t, uint32_t *levels, const TSTree *tree, const Subtree *s,
                  Length position, TSSymbol alias, uint32_t parent, uint32_t depth)
{
    bool visible = ts_subtree_visible(*s) || alias;
    bool named = alias ? ts_language_symbol_metadata(tree->language, alias).named
                       : ts_subtree_named(*s);
    uint32_t self = parent;
    bool written = visible && named;
    if (written) {
        if (t->n == t->cap) { /* cannot happen if the bound is right; stay safe anyway */
            t->cap = t->cap * 2 + 16;
            t->v = xrealloc(t->v, (size_t)t->cap * sizeof(*t->v));
        }
        self = t->n++;
        /* end: one past itself until its children are written */
        TSSymbol sym = ts_language_public_symbol(tree->language,
                                                 alias ? alias : ts_subtree_symbol(*s));
        t->v[self] = (struct node_entry){ts_node_new(tree, s, position, alias), parent, t->n,
                                         depth, sym};
    }
    if (ts_subtree_visible_descendant_count(*s) == 0)
        return;
    if (*levels == t->stack_cap) {
        t->stack_cap = t->stack_cap ? t->stack_cap * 2 : 64;
        t->stack = xrealloc(t->stack, t->stack_cap * sizeof(*t->stack));
    }
    t->stack[(*levels)++] = (struct node_level){
        .children = ts_subtree_children(*s),
        .aliases = ts_language_alias_sequence(tree->language, s->ptr->production_id),
        .position = position,
        .count = s->ptr->child_count,
        .named = self,
        .depth = written ? depth + 1 : depth,
        .owner_named = written,
    };
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
    if (ts_node_is_null(root))
        return;
    const TSTree *tree = root.tree;
    uint32_t levels = 0;
    Length at = {root.context[0], {root.context[1], root.context[2]}};
    visit(t, &levels, tree, root.id, at, (TSSymbol)root.context[3], NODE_NONE, 0);
    while (levels) {
        struct node_level *l = &t->stack[levels - 1];
        if (l->index == l->count) {
            if (l->owner_named)
                t->v[l->named].end = t->n;
            levels--;
            continue;
        }
        const Subtree *child = &l->children[l->index];
        TSSymbol alias = 0;
        if (!ts_subtree_extra(*child)) {
            if (l->aliases)
                alias = l->aliases[l->structural];
            l->structural++;
        }
        at = l->position;
        l->position = length_add(l->position, ts_subtree_size(*child));
        if (++l->index < l->count)
            l->position = length_add(l->position, ts_subtree_padding(l->children[l->index]));
        visit(t, &levels, tree, child, at, alias, l->named, l->depth);
    }
}
