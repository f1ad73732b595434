/* syntax.h — small syntactic helpers for checks over TypeScript/JavaScript and Python trees:
 * a pre-order walk without recursion, callee names and dotted paths, enclosing functions.
 *
 *     struct walk w;
 *     walk_init(&w, f, root);
 *     for (TSNode n; walk_next(&w, &n);)
 *         if (node_is(n, "arrow_function"))
 *             walk_skip(&w);           // do not descend into n
 *
 * Nodes returned are borrowed from the tree; strings are allocated from f->arena and live as
 * long as the file's analysis. Nothing here recurses on tree depth.
 */
#ifndef PREFLIGHT_SYNTAX_H
#define PREFLIGHT_SYNTAX_H

#include <stdbool.h>
#include "tsapi.h"

#include "check.h"

/* A pre-order walk over the named nodes of a subtree, in source order: a loop over the file's
 * node table (nodes.h). The subtree's root must be a named node of the file. */
struct walk {
    const struct node_table *t;
    const struct check_file *f; /* polled for its time budget (check_out_of_time) */
    uint32_t root;  /* index of the subtree's root */
    uint32_t i;     /* index of the node walk_next returned last */
    uint32_t limit; /* one past the subtree */
    bool started, skip;
};

void walk_init(struct walk *w, const struct check_file *f, TSNode root);
/* Stores the next named node in *out; false when the subtree is exhausted, or when the file's
 * time budget for the checks has run out (check_out_of_time). */
bool walk_next(struct walk *w, TSNode *out);
/* Do not descend into the node walk_next returned last. */
void walk_skip(struct walk *w);
/* The symbol (ts_node_symbol) of the node walk_next returned last, without the call. */
static inline TSSymbol walk_symbol(const struct walk *w)
{
    return w->t->v[w->i].sym;
}
/* The ancestors of the node walk_next returned last, innermost first, up to the walk's root
 * (included when the node is not the root itself); *n receives their count. O(depth), unlike a
 * chain of ts_node_parent() calls, which is O(depth) each. The array comes from arena. */
TSNode *walk_ancestors(const struct walk *w, struct arena *arena, size_t *n);

/* The node with parentheses, TypeScript `as`/`satisfies`/`!` and type assertions removed:
 * `(e as Error)!` gives `e`. */
TSNode syntax_strip(TSNode node);

/* The callee of a call (call_expression, new_expression, Python call), or a null node. */
TSNode syntax_callee(TSNode call);
/* The last name of a callee: `f` for f(), `create` for a.b.create(), `OpenAI` for new
 * OpenAI(); NULL when the callee is not a name or a member access. */
char *syntax_callee_name(struct check_file *f, TSNode call);
/* The dotted path of a member chain made only of names (`openai.chat.completions.create`,
 * `this.client.x`, Python `self.client.x`), or NULL (calls or subscripts in the chain). */
char *syntax_dotted(struct check_file *f, TSNode node);
/* The node's text for a message: its first line, at most 40 bytes (cut to 37 and "..." on a
 * UTF-8 boundary), from the file's arena. */
const char *syntax_short_text(struct check_file *f, TSNode n);
/* The innermost name a member chain or call chain starts from: `res` for
 * res.status(500).json, `client` for this.client.chat (and self.client), else a null node. */
TSNode syntax_chain_root(TSNode node);

/* The n-th (0-based) positional argument of a call, skipping Python keyword arguments; or a
 * null node. */
TSNode syntax_arg(TSNode call, uint32_t n);
/* The value of the Python keyword argument `name=` of a call, or a null node. */
TSNode syntax_kwarg(struct check_file *f, TSNode call, const char *name);
/* The value of property key in a JS object literal ({ key: v }), or a null node. */
TSNode syntax_prop(struct check_file *f, TSNode object, const char *key);

/* true for function-like nodes (function declarations, arrows, methods, lambdas, Python defs). */
bool syntax_is_function(TSNode node);
/* The name a function is known by: its own name, or the variable or property it is assigned to,
 * given the function's parent node (known from a walk's ancestors); NULL for anonymous
 * functions. */
char *syntax_function_name_at(struct check_file *f, TSNode fn, TSNode parent);

/* true when s contains needle, ignoring ASCII case. */
bool str_icontains(const char *s, const char *needle);
/* true when s is one of the NULL-terminated list. */
bool str_in(const char *s, const char *const *list);

#endif
