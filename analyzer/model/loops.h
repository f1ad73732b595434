/* loops.h — where code runs once per item: the loop model of a TypeScript/JavaScript or Python
 * file, kept as a stack of scopes during one walk over its node table.
 *
 * A loop body (for, for-of, while, do, comprehensions, .map/.forEach and the other iterating
 * callbacks, pMap, executor.map) opens a loop scope; a function that is only defined there
 * (not called per item) opens a function scope that hides the loop; a callback given to an
 * ordinary call, or an IIFE, runs where it stands and opens nothing. A loop whose trip count
 * is written in the source (a literal list, range(3), an Enum, i < 10), that walks batches
 * (chunk(ids, 100), i += size) or polls (while (true) with a sleep) opens no scope.
 *
 *     struct loops l;
 *     loops_init(&l, f, &db);
 *     for (uint32_t i = 0; i < f->nodes->n;) {
 *         unsigned kind;
 *         if (!loops_enter(&l, i, &kind)) { i = f->nodes->v[i].end; continue; }
 *         const struct loop_scope *sc = loops_innermost(&l);   // NULL: not per item
 *         ...
 *         i++;
 *     }
 *     loops_release(&l);
 *
 * The scopes, nodes and strings handed out are borrowed from the walk, the tree and the file's
 * arena. Nothing here recurses on tree depth.
 */
#ifndef PREFLIGHT_LOOPS_H
#define PREFLIGHT_LOOPS_H

#include <stdbool.h>
#include <stdint.h>

#include "check.h"
#include "front/kinds.h"
#include "model/dbcall.h"

/* What a node is to the loop model: bits by grammar symbol (loops_kind). */
enum {
    LK_LOOP = 1,     /* a loop statement: its body runs per iteration */
    LK_FUNC_LIT = 2, /* a function literal */
    LK_DEF = 4,      /* a declared function, method or class */
    LK_CALL = 8,
    LK_COMPR = 16,   /* a Python comprehension or generator expression */
    LK_JSX = 32,     /* <Name ...> or <Name />: a component rendered */
};

enum loop_kind {
    LOOP_ELEMENTS,  /* for-of, for-in, Python for, comprehension: one pass per item */
    LOOP_CALLBACK,  /* .map/.forEach callback */
    LOOP_CONDITION, /* while, do, C-style for */
};

enum loop_scope_kind { SCOPE_LOOP, SCOPE_FUNCTION };

struct loop_scope {
    enum loop_scope_kind kind;
    enum loop_kind loop_kind;
    TSNode loop;         /* the loop statement or the iterating call */
    TSNode body;         /* where the per-item code starts (for the related location) */
    uint32_t depth;      /* depth of the node that opened it: it ends with that subtree */
    uint32_t loop_depth; /* depth of loop, an ancestor on the walk's path */
    /* for lead in Lead.objects.filter(...) (no prefetch_related): lead, whose related
     * managers (lead.tours.all()) query once per item; NULL elsewhere */
    const char *item;
    uint32_t item_len;
};

struct loops {
    struct check_file *f;
    struct dbcall *db; /* borrowed: bindings, chains and text */
    bool py;
    const struct node_table *t;  /* f->nodes */
    const struct syntax_syms *k; /* of f's grammar */
    const uint8_t *kind;         /* LK_* bits by symbol */
    VEC(TSNode) anc;             /* anc.v[d]: the node at depth d on the current path */
    VEC(uint8_t) anc_kind;       /* and its LK_* bits */
    VEC(struct loop_scope) scopes;
};

void loops_init(struct loops *l, struct check_file *f, struct dbcall *db);
void loops_release(struct loops *l);

/* Enters the node at index i of the table, in pre-order: closes the scopes it lies outside of,
 * records it on the path and opens the scopes it starts. *kind receives its LK_* bits. false
 * when its subtree is to be skipped: an ERROR node, a MISSING token, or a loop, function or
 * call that holds a syntax error. */
bool loops_enter(struct loops *l, uint32_t i, unsigned *kind);

/* The innermost scope when it is a loop's (code there runs once per item), else NULL. */
const struct loop_scope *loops_innermost(const struct loops *l);
/* The node at depth d on the current path (d at most the current node's depth). */
TSNode loops_ancestor(const struct loops *l, uint32_t d);
/* The LK_* bits of any node (0 for a null one). */
unsigned loops_kind(const struct loops *l, TSNode n);

/* xs.map(loadLead), map(load, ids), executor.map(load, ids), pMap(items, fn): a named
 * callback run per item by the call at index i of the table (callee its function, cx the
 * callee's index or NODE_NONE). Fills *sc with the loop it makes and returns the callback,
 * or a null node. */
TSNode loops_named_callback(struct loops *l, TSNode call, TSNode callee, uint32_t cx, uint32_t i,
                            uint32_t depth, struct loop_scope *sc);

/* Promise.all(xs.map(...)) / asyncio.gather(*(... for ...)): run concurrently, still once
 * per item. */
bool loops_gathered(const struct loops *l, const struct loop_scope *sc);
/* A node at depth inside a try block of sc that returns or breaks: a retry loop, which runs it
 * once when it works. */
bool loops_in_retry_block(const struct loops *l, uint32_t depth, const struct loop_scope *sc);
/* How often sc runs its body ("loop iteration", "item of .map()", "item of the
 * comprehension"), from the file's arena; [*from, *to) receives the bytes of the loop's header
 * line, for a related location. */
const char *loops_describe(const struct loops *l, const struct loop_scope *sc, uint32_t *from,
                           uint32_t *to);

/* true when pred holds for n or a named node under it. */
bool loops_subtree_any(struct loops *l, TSNode n, bool (*pred)(struct loops *, TSNode));

#endif
