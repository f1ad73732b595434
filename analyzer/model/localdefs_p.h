/* localdefs_p.h — what localdefs.c (the walk back through statements) and localdefs_nodes.c
 * (the memo, children and paths) share. Not for checks (see localdefs.h). */
#ifndef PREFLIGHT_LOCALDEFS_P_H
#define PREFLIGHT_LOCALDEFS_P_H

#include "localdefs.h"

/* A memo entry is keyed by a node id, and for the definition index also by a name: the
 * definitions of a use, the children of a container, the definition index of a container for
 * one name. */
struct memo_entry {
    const void *key;
    const char *name; /* NULL for the entries of a node alone */
    size_t len;
    void *v;
    size_t n;
};

struct localdefs_memo {
    struct arena *arena;
    struct memo_entry *v; /* open addressing, cap a power of two, at most half full */
    size_t n, cap;
};

typedef VEC(TSNode) node_vec;

struct memo_entry *memo_slot(struct localdefs_memo *m, const void *key, const char *name,
                             size_t len);
struct memo_entry *memo_put(struct localdefs_memo *m, struct memo_entry e);
void named_children(const struct check_file *f, TSNode p, node_vec *out);
void path_down(const struct check_file *f, TSNode top, TSNode node, node_vec *out);

#endif
