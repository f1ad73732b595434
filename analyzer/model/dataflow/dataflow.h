/* dataflow.h — intra-procedural taint tracking over tree-sitter trees, for checks that ask
 * "does data from X reach Y without passing through Z?".
 *
 * A check describes its question as tables (struct df_spec): sources, sanitizers, sinks,
 * propagators. The engine walks the functions of one file (TypeScript, TSX, JavaScript or
 * Python) that can see a source, tracks which variables hold tainted data, and calls back once
 * per sink argument that tainted data reaches, with the path the data took (source first,
 * sink last).
 *
 *     static const struct df_sink sinks[] = {{"*.eq", DF_ON_QUERY, -1, "filter"}, {0}};
 *     static const struct df_spec spec = {.sinks = sinks, ...};
 *
 *     static void on_flow(void *data, const struct df_flow *fl)
 *     {
 *         struct finding *fd = check_report_range(f, fl->start, fl->end, "...");
 *         for (size_t i = 0; i < fl->nsteps; i++)
 *             finding_step(fd, fl->steps[i].start, fl->steps[i].end, "%s", fl->steps[i].msg);
 *     }
 *     struct df_input in = {f->lang, f->root, f->src->text, f->src->len, f->src->path, f->arena,
 *                           f->nodes};
 *     df_run(&spec, &in, on_flow, f);
 *
 * What it models: assignment and reassignment (a clean value kills taint), object/array
 * destructuring with nesting, defaults and rest, member and index access, spread, object and
 * array literals, template strings, concatenation, await, ||/??/ternaries, the spec's
 * propagators (JSON.parse, Object.assign, ...), branches (joined), loops (two passes),
 * try/catch/finally, switch, closures (run where they are written, with the variables of that
 * point; the first parameter of a map/forEach/... callback gets the array's elements; a
 * map/flatMap callback written in place is run there, and the call's value is what it
 * returns), Python comprehensions and generator expressions (the element built, from
 * the bound elements of each iterable), and
 * calls to functions defined at the top level of the same file through per-parameter
 * summaries.
 * Validation counts as a call to a sanitizer (its result is clean), as a call that asserts
 * (`schema.parse(x);` or `const y = schema.parse(x)`: x is clean afterwards too), or as a
 * guard (`if (!schema.safeParse(x).success) return`). A statement calling a df_spec.noreturn
 * function ends its path like `return`.
 *
 * Request objects: an untyped parameter named as in df_spec.request_names, or one typed as in
 * df_spec.request_types, or (Python) the framework's module-level request.
 * Not modelled: aliasing through object fields written elsewhere, closures called after the
 * variables they capture change, class fields, inter-file calls. Default values in patterns
 * are assumed clean. Statements holding a parse error are skipped.
 *
 * Memory: everything the engine makes comes from in->arena and lives as long as it; the
 * spec and the input are borrowed for the call. Results are deterministic: the same tree
 * gives the same flows in the same order. The engine keeps no global state and may run on
 * several files at once.
 */
#ifndef PREFLIGHT_DATAFLOW_H
#define PREFLIGHT_DATAFLOW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "front/tsapi.h"

#include "base/arena.h"
#include "front/lang.h"
#include "front/nodes.h"
#include "model/entry.h"

/* Callee patterns, used by every table below:
 *   "name"      a call of the free function (or constructor) name
 *   "Recv.name" a method call whose receiver is written Recv (an identifier or a.b chain)
 *   "*.name"    a method call name on any receiver
 *   "Recv.*"    any method called on a receiver written Recv (aiosql's queries.get_user) */

/* Where tainted data comes from: a method called on, or a member read of, a request object
 * (see df_spec.request_*). The label names the source in messages ("req.json()"). */
enum df_source_kind {
    DF_SRC_CALL,   /* "*.json": await req.json() */
    DF_SRC_MEMBER, /* "*.body": req.body */
};
struct df_source {
    const char *pattern;
    enum df_source_kind kind;
};

/* Validation. The result of a sanitizer call is clean; DF_SAN_ASSERTS also cleans the
 * identifiers passed to it when the call is a statement of its own (it throws on bad input);
 * DF_SAN_GUARD cleans them after `if (!call) return` (or inside `if (call) {...}`). The
 * result of every sanitizer, and whatever is destructured from it, remembers what it
 * validated, so `if (!parsed.success) return` / `if (error) return` clean the input too. */
enum {
    DF_SAN_RESULT = 1u << 0,
    DF_SAN_ASSERTS = 1u << 1,
    DF_SAN_GUARD = 1u << 2,
};
struct df_sanitizer {
    const char *pattern;
    unsigned flags;
};

/* Where tainted data must not arrive. */
enum df_sink_on {
    DF_ON_QUERY,  /* a method of a query builder (a value made by df_spec.query_starts) */
    DF_ON_ANY,    /* any call matching the pattern */
    DF_ON_CLIENT, /* a method whose receiver chain starts at a client (see roots) */
};
enum {
    DF_ARGS_ALL = -1,  /* every argument */
    DF_ARGS_REST = -2, /* every argument after the first (the values after a query's text) */
};
struct df_sink {
    const char *pattern;
    enum df_sink_on on;
    int arg;          /* the argument that is the sink (0-based), DF_ARGS_ALL or DF_ARGS_REST */
    const char *what; /* for messages: "filter", "payload", ... */
    /* DF_ON_CLIENT: the receiver roots that count, NULL for df_spec.clients ("prisma" for
     * prisma.lead.create, so that an OpenAI `client.chat.completions.create` is no sink) */
    const char *const *roots;
};

/* The question a check asks. Tables end with an entry whose pattern is NULL; any may be
 * NULL. String lists end with NULL. */
struct df_spec {
    const struct df_source *sources;
    const struct df_sanitizer *sanitizers;
    const struct df_sink *sinks;
    /* Calls whose result carries the taint of their arguments and receiver. Method calls on
     * a tainted receiver propagate anyway; other calls of unknown functions do not. */
    const char *const *propagators;
    /* Calls that guard a number: `if (Number.isNaN(n)) return` cleans n. */
    const char *const *nan_checks;
    /* Keyword arguments that make a call convert its result, so that it is clean
     * (Flask's request.args.get("page", type=int)), written without spaces: "type=int". */
    const char *const *converting_keywords;
    /* Calls that never return (they throw): a statement calling one ends the path, like
     * `return` ("abort", "notFound", "redirect", "sys.exit"). */
    const char *const *noreturn;
    /* Calls that start a query builder ("*.from", "*.table"). */
    const char *const *query_starts;
    /* Identifiers that name database clients, for DF_ON_CLIENT sinks ("prisma", "pool"). */
    const char *const *clients;
    /* Request objects: parameters named so ("req"), or typed so ("NextRequest"). */
    const char *const *request_names;
    const char *const *request_types;
    /* Python: the module-level request object of a framework ("flask" → flask.request). */
    const char *const *request_modules;
    /* Framework entry points whose parameters are sources: the second parameter of
     * exported GET/POST/... handlers in Next.js route files (route params) and the first
     * parameter of the exported functions of page files (params, searchParams) — both under
     * route_params —, the parameters of 'use server' actions, FastAPI route parameters typed dict/Any (not pydantic models
     * or scalars, which FastAPI validates). */
    bool route_params, server_actions, fastapi_bodies;
};

struct df_flow;
/* A tainted value (from a real source) passed as positional argument index of call, a call of
 * a function the file does not define (`createLead(body)`, `db.createLead(body)`): the flow's
 * sink is that argument, its sink_what "argument". The check may know the callee (imports.h). */
typedef void (*df_call_fn)(void *data, const struct df_flow *flow, TSNode call, uint32_t index);

/* What the engine reads; borrowed for the call. */
struct df_input {
    enum lang lang;
    TSNode root;
    const char *text; /* the file's text; node byte offsets index it */
    uint32_t len;
    const char *path; /* decides route files (route.ts) and pages/api handlers */
    struct arena *arena;
    /* The named nodes of root's tree (nodes_build(root)): the engine walks them instead of
     * stepping cursors. NULL makes df_run build a table of its own for the call. */
    const struct node_table *nodes;
    /* The check's file, polled for its time budget (check_out_of_time); may be NULL. */
    const struct check_file *file;
    df_call_fn on_call; /* may be NULL */
    void *call_data;
    /* The file's entry points (model/entry.h, entry_file_of): which functions are route
     * handlers, server actions and FastAPI/Flask routes. NULL: none of them are. */
    const struct entry_file *entries;
};

/* One step of a flow: a byte range of the file and what happens there. */
struct df_step {
    uint32_t start, end;
    const char *msg; /* arena-owned */
};

/* A flow from a source to a sink argument; everything is owned by in->arena. */
struct df_flow {
    uint32_t start, end;          /* the sink argument */
    const struct df_step *steps;  /* source first, the sink argument last */
    size_t nsteps;
    const char *source_label;     /* "req.json()" */
    uint32_t source_start;        /* byte offset of the source */
    const char *sink_label;       /* ".eq()" */
    const char *sink_what;        /* the sink's df_sink.what */
};

typedef void (*df_flow_fn)(void *data, const struct df_flow *flow);

/* Analyses every function of in->root and calls fn once per sink argument reached by a
 * source (the first path found; later paths to the same argument are dropped). Functions
 * that cannot see a source (no request object, entry point or source-holding helper is
 * written in them) are not run: they could report nothing. Returns false
 * when the file needed more work than the engine's budget (millions of variable copies,
 * hundreds of times what real files need): the analysis stopped there, the flows found
 * until then were reported, and the result is the same on every run. */
bool df_run(const struct df_spec *spec, const struct df_input *in, df_flow_fn fn, void *data);

/* What tainting one parameter of a top-level function does: the first sink it reaches. */
struct df_param_sink {
    const char *function; /* its name (arena) */
    uint32_t param;       /* 0-based position among its parameters */
    uint32_t start, end;  /* the sink argument */
    const char *sink_label, *sink_what;
};
/* Which functions to look at (by name), and what to do with each parameter that reaches a
 * sink: calls of them from other modules are sinks too (a helper that writes its argument). */
typedef bool (*df_want_fn)(void *data, const char *function);
typedef void (*df_param_fn)(void *data, const struct df_param_sink *ps);
/* For every top-level function of in->root that want accepts, every parameter whose value
 * reaches a sink of spec when tainted: fn once. Returns false when the work budget ran out. */
bool df_param_sinks(const struct df_spec *spec, const struct df_input *in, df_want_fn want,
                    df_param_fn fn, void *data);

/* true when the callee pattern (see above) matches a call whose callee is written
 * receiver.name (receiver NULL for a free call). Exposed for checks and tests. */
bool df_pattern_match(const char *pattern, const char *receiver, const char *name);

#endif
