/* core_p.h — what the files of the taint core share: values and traces (values.c), the
 * expression evaluator and binding (eval.c), calls (calls.c), which functions run (live.c),
 * the statement machine (exec.c), and units, summaries and entry points (core.c). Private to
 * analyzer/dataflow/; checks use dataflow.h.
 *
 * Ownership: every trace, environment array, string and evaluation tree comes from the
 * file's arena (fctx.in->arena) and lives as long as it; the task and pending vectors of a
 * unit are malloc'd and freed when the unit ends (run_unit).
 */
#ifndef PREFLIGHT_DATAFLOW_CORE_P_H
#define PREFLIGHT_DATAFLOW_CORE_P_H

#include "dataflow_p.h"

#include "base/util.h"

/* Values -------------------------------------------------------------------------------- */

/* A taint trace, newest step first. The root (prev NULL) is a source (param < 0) or the
 * parameter param of the function whose summary is being computed. Immutable and shared. */
struct trace {
    const struct trace *prev;
    uint32_t start, end;
    const char *msg;
    const char *label; /* root only: the source's name for messages */
    int param;
};

enum {
    V_REQUEST = 1u << 0, /* a request object: its members and methods are sources */
    V_QUERY = 1u << 1,   /* a query builder: its filter methods are sinks */
    V_VRES = 1u << 2,    /* the result of validating vres: checking it validates vres */
};

struct val {
    const struct trace *t; /* NULL: clean */
    unsigned flags;
    const char *vres;
};

struct binding {
    const char *name;
    struct val v;
};

/* Variables of a function at one program point. dead: after return/throw; jumped: after
 * break/continue (the rest of the block is skipped, but the state still reaches joins). */
struct env {
    struct binding *b;
    uint32_t n, cap;
    bool dead, jumped;
};

/* Summaries ----------------------------------------------------------------------------- */

struct sink_hit {
    uint32_t start, end;
    const char *label, *what;
    const struct trace *t;
};

/* What tainting one parameter (or, for the last entry, none) does in a function. */
struct psum {
    int state; /* 0 not computed, 1 computing, 2 done */
    const struct trace *ret;
    struct sink_hit *hits;
    uint32_t nhits, cap;
};

struct fnsum {
    const char *name;
    const struct df_fn *fn;
    uint32_t nparams;
    struct psum *p; /* nparams + 1: per parameter, then the run with none tainted */
};

struct range {
    uint32_t start, end;
};

/* The name part of a callee pattern (after its last '.'): its length and first byte, so that
 * most patterns are rejected without parsing them (df_pat_keys). */
struct pat_key {
    uint32_t len;
    char first;
};

struct pat_table {
    const void *table;
    struct pat_key *keys;
};

#define DF_PAT_TABLES 16

struct fctx {
    const struct df_spec *spec;
    const struct df_input *in;
    const struct df_adapter *ad;
    const struct node_table *nodes; /* in->nodes, or the engine's own */
    df_flow_fn fn;
    void *data;
    struct fnsum *fns;
    uint32_t nfns;
    bool global_request; /* Python: `request` imported from a framework module */
    bool route_file, page_file; /* Next.js route.ts and page.tsx files */
    bool use_server; /* the text holds "use server": server actions are possible */
    VEC(struct range) reported;
    VEC(struct range) called; /* arguments given to df_input.on_call */
    int depth; /* nesting of summary computations */
    int callback_depth; /* nesting of callbacks run in place (df_run_callback) and of
                         * comprehensions evaluated in place */
    /* Work done (bindings copied or joined). Past DF_WORK_BUDGET the file's analysis stops,
     * the same way on every run: a pathological function must not stall the run. */
    uint64_t work;
    bool exhausted;
    struct pat_table pats[DF_PAT_TABLES]; /* the spec's tables' keys, made on first use */
    uint32_t npats;
};

/* Units: one function's analysis ---------------------------------------------------------- */

enum task_kind {
    T_EXEC,     /* n: execute a statement (or evaluate an expression) */
    T_BLOCK,    /* kids: the statements from index i on, skipping skip */
    T_IF_END,   /* n: the if statement; saved: state before the branches */
    T_LOOP_BODY,
    T_LOOP_END,
    T_TRY_MID,
    T_BR_BEGIN,
    T_BR_END,
    T_BR_DONE,
    T_CLOSURE,
    T_RESTORE,
};

struct branchset {
    struct env start, acc;
};

struct task {
    enum task_kind k;
    TSNode n, skip;
    uint32_t i;
    struct env saved, other;
    struct val v;
    const char **kills;
    uint32_t nkills;
    struct branchset *bs;
    TSNode *kids; /* T_BLOCK: the statements (kids_of), nkids of them */
    uint32_t nkids;
};

struct pending {
    TSNode fn;
    struct val v;
};

struct unit {
    struct fctx *fc;
    struct env env;
    const struct trace *ret;
    struct psum *sum; /* computing this summary, or NULL */
    int sum_param;
    TSNode fn, body;
    VEC(struct task) tasks;
    VEC(struct pending) pending;
    int closure_depth;
};

struct ev {
    TSNode n;
    struct df_view view;
    struct val v;
    struct ev *kids;
    uint32_t nk;
};

/* The callee of a call: its name, the receiver's text when it is a plain a.b chain, and the
 * receiver's evaluation. */
struct callee {
    const char *name;
    const char *recv_text;
    const struct ev *recv;
    const char *root; /* leftmost identifier of the receiver chain */
};

#define DF_CALLBACK_DEPTH 6
#define DF_WORK_BUDGET (UINT64_C(4) * 1000 * 1000)

/* values.c: text, lists, traces, environments ------------------------------------------ */

/* The node's text, copied into the arena. */
char *df_text(struct fctx *fc, TSNode n);
/* The node's text if shorter than 96 bytes, else NULL (long receivers are not copied). */
char *df_short_text(struct fctx *fc, TSNode n);
/* The named children of n without comments, in an arena array of *count nodes. */
TSNode *df_kids(struct fctx *fc, TSNode n, uint32_t *count);
/* The node's text on one line, shortened for messages (arena). */
char *df_label(struct fctx *fc, TSNode n);
bool df_in_list(const char *const *list, const char *s);
/* The keys of a table of patterns: an array of structs of the given stride whose first
 * member is the pattern, ending with a NULL pattern (a string list has the stride of a
 * pointer). Made once per file and table, in the arena. */
const struct pat_key *df_pat_keys(struct fctx *fc, const void *table, size_t stride);
/* false when the pattern with key k cannot match a callee named name (of length len). */
static inline bool df_pat_maybe(const struct pat_key *k, const char *name, size_t len)
{
    return (k->len == len && k->first == name[0]) || (k->len == 1 && k->first == '*');
}
bool df_patterns_match(struct fctx *fc, const char *const *list, const char *receiver,
                       const char *name);
/* Traces are immutable and shared: pushing makes a new head over prev. */
const struct trace *df_trace_push(struct fctx *fc, const struct trace *prev, uint32_t start,
                                  uint32_t end, const char *msg);
const struct trace *df_trace_root(struct fctx *fc, TSNode at, const char *label,
                                  const char *msg, int param);
const struct trace *df_trace_origin(const struct trace *t);
/* outer followed by the steps of inner (a trace rooted at a summary's parameter). */
const struct trace *df_trace_splice(struct fctx *fc, const struct trace *outer,
                                    const struct trace *inner);
struct val df_val_union(struct val a, struct val b);
/* Environments: copies share nothing with their source; a dead side of a join is ignored. */
struct val df_env_get(const struct env *e, const char *name, bool *found);
void df_env_set(struct arena *a, struct env *e, const char *name, struct val v);
struct env df_env_copy(struct fctx *fc, const struct env *e);
struct env df_env_join(struct fctx *fc, const struct env *x, const struct env *y);
bool df_env_captures(const struct env *e);
/* true when x and y taint the same variables with the same flags (a loop's fixpoint). */
bool df_env_same(const struct env *x, const struct env *y);
void df_view_of(struct fctx *fc, TSNode n, bool pattern, struct df_view *v);

/* calls.c: calls ----------------------------------------------------------------------------- */

bool df_plain_chain(const char *s);
void df_callee_of(struct fctx *fc, const struct ev *callee, struct callee *c);
bool df_sanitizer_match(struct fctx *fc, const struct callee *c, unsigned flags);
/* The receiver text to match patterns with ("?" for a receiver that is not a plain chain). */
const char *df_recv_key(const struct callee *c);
/* The value of the call e, whose kids are evaluated: sinks it reaches are reported. */
struct val df_call_value(struct unit *u, struct ev *e);
/* Queues function literal fn, met in the current statement, to run after it with the
 * variables of this point; v is what its first parameter receives. */
void df_closure_queue(struct unit *u, TSNode fn, struct val v);

/* eval.c: expressions, binding -------------------------------------------------------------- */

struct val df_source_val(struct fctx *fc, TSNode at, const char *label);
/* Binds pattern p to v in u's environment (destructuring, defaults, rest, object writes). */
void df_bind(struct unit *u, TSNode p, struct val v);
/* Evaluates expression n in u: its value; sinks reached on the way are reported, closures
 * met are queued in u->pending. */
struct val df_eval(struct unit *u, TSNode n);

/* exec.c: the statement machine ------------------------------------------------------------ */

void df_task_push(struct unit *u, struct task t);
/* Runs callback fn of an array method at once (its first parameter holding elem) and
 * returns the value it returns. Bounded: fctx.callback_depth < DF_CALLBACK_DEPTH. */
struct val df_run_callback(struct unit *u, TSNode fn, struct val elem);
/* Runs u's task stack to the end. */
void df_run_tasks(struct unit *u);

/* live.c: which functions are run ------------------------------------------------------------ */

/* A function of the file, as live.c finds them in the node table. */
struct fn_node {
    struct df_fn fn;
    uint32_t idx;   /* its index in the node table */
    uint32_t outer; /* the index (in the vector) of the function enclosing it, or UINT32_MAX */
    bool top;       /* not inside another function or a class: a helper calls can reach */
    bool live;      /* it may see a source: it is run */
};
typedef VEC(struct fn_node) fn_vec;
typedef VEC(uint32_t) idx_vec;

/* The table indexes of the leaves spelled like a request name or type. */
void df_find_markers(struct fctx *fc, idx_vec *out);
/* The functions of the file (all), live where one of marks lies in them or in a function
 * nested in them. */
void df_collect_functions(struct fctx *fc, fn_vec *all, const idx_vec *marks);
/* Marks all->v[i] live, and the functions around it. */
void df_mark_live(fn_vec *all, uint32_t i);
/* Marks live the functions that name a live top-level helper (helper: the all index of each
 * fc->fns entry), until nothing changes. */
void df_propagate_helpers(struct fctx *fc, fn_vec *all, const uint32_t *helper);

/* core.c: entry points and summaries -------------------------------------------------------- */

bool df_param_is_request(struct fctx *fc, const struct df_param *p);
/* The summary of f for tainting parameter param (param == f->nparams: none), computed on
 * first use; NULL while it is being computed (recursion) or too deep a chain of helpers. */
struct psum *df_summary_get(struct fctx *fc, struct fnsum *f, uint32_t param);

#endif
