/* localdefs_p.h — what localdefs.c (the walk back through statements), localdefs_stmts.c (what
 * one statement defines) and localdefs_nodes.c (the memo, children and paths) share. Not for
 * checks (see localdefs.h). */
#ifndef PREFLIGHT_LOCALDEFS_P_H
#define PREFLIGHT_LOCALDEFS_P_H

#include <string.h>

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

/* One search: the definitions of the name that reach a use, gathered in out. */
struct search {
    struct check_file *f;
    struct localdefs_memo *memo;
    bool py;
    const char *name;
    size_t len;
    VEC(struct localdef) out;
};

static inline bool is_any(TSNode n, const char *const *types)
{
    if (ts_node_is_null(n))
        return false;
    const char *t = ts_node_type(n);
    for (; *types; types++)
        if (strcmp(t, *types) == 0)
            return true;
    return false;
}

/* true when n's text is the name searched for */
static inline bool names(const struct search *s, TSNode n)
{
    if (ts_node_is_null(n))
        return false;
    uint32_t a = ts_node_start_byte(n), b = ts_node_end_byte(n);
    return b - a == s->len && memcmp(s->f->src->text + a, s->name, s->len) == 0;
}

/* true when the name occurs in n's text: a statement that does not mention it cannot define
 * it, and a byte search is much cheaper than a walk of its nodes */
static inline bool mentions(const struct search *s, TSNode n)
{
    const char *p = s->f->src->text + ts_node_start_byte(n);
    const char *end = s->f->src->text + ts_node_end_byte(n);
    while ((size_t)(end - p) >= s->len) {
        p = memchr(p, s->name[0], (size_t)(end - p) - s->len + 1);
        if (!p)
            return false;
        if (memcmp(p, s->name, s->len) == 0)
            return true;
        p++;
    }
    return false;
}

static inline void push(struct search *s, enum localdef_kind kind, TSNode at, TSNode value)
{
    struct localdef d = {.kind = kind, .at = at, .value = value};
    VEC_PUSH(s->out, d);
}

/* Node types (localdefs.c), NULL-terminated. */
extern const char *const function_types[];
extern const char *const class_types[];
extern const char *const container_types[];
extern const char *const comprehension_types[];

/* localdefs.c: the named children of container p, remembered in the memo. */
size_t container_kids(struct search *s, TSNode p, node_vec *tmp, TSNode **out);
/* localdefs_stmts.c: whether the binding pattern binds the name; records the definitions inside
 * top (with filter set, those that reach its end); records a previous sibling statement's
 * definitions that reach its end, true when it replaces the value on every path. */
bool binds(const struct search *s, TSNode pattern);
void collect(struct search *s, TSNode top, bool filter);
bool scan_stmt(struct search *s, TSNode st);

#endif
