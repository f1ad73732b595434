/* check.h — everything a check may use: its definition, what it sees of a file, how it reports.
 *
 * A check is one file in checks/ that defines one `const struct check` (see checks/registry.c).
 * It matches and it reports; it never prints, never allocates output for a format, and never
 * includes sarif/ or jansson.
 *
 *     static void any_file(struct check_file *f)
 *     {
 *         ... find a node ...
 *         check_report(f, node, "parameter '%s' is typed 'any'", name);
 *     }
 *     const struct check check_typing_explicit_any = {
 *         .id = "typing-explicit-any", .langs = LANGS_TS, .file = any_file, ...
 *     };
 *
 * Lifetimes: everything a hook receives is borrowed for the duration of the call. Memory a
 * check needs while it looks at one file comes from f->arena and is freed with the file.
 * Checks run concurrently on different files: per-run state made by init is read-only after.
 */
#ifndef PREFLIGHT_CHECK_H
#define PREFLIGHT_CHECK_H

#include <stdbool.h>
#include <stdint.h>
#include "front/tsapi.h"

#include "base/arena.h"
#include "front/lang.h"
#include "front/nodes.h"
#include "front/source.h"
#include "base/util.h"

enum level { LEVEL_NOTE, LEVEL_WARNING, LEVEL_ERROR };

enum option_type { OPTION_BOOL, OPTION_STRING, OPTION_STRINGS };

/* An option a check accepts in .preflight.json: {"options": {"<check-id>": {"<name>": ...}}} */
struct check_option {
    const char *name;
    enum option_type type;
    const char *help; /* one line, shown by --explain */
};

/* The options a run gives a check; borrowed, valid for the whole run. */
struct check_options;
bool options_bool(const struct check_options *o, const char *name, bool def);
/* NULL when unset. */
const char *options_string(const struct check_options *o, const char *name);
/* NULL-terminated list; an empty list (never NULL) when unset. */
const char *const *options_strings(const struct check_options *o, const char *name);

struct sql_file; /* see sql.h: the statements of a .sql file */
struct cview;    /* see front/cview.h: a C or C++ file's functions, calls and assignments */

/* Whether git keeps a file: a secret in a tracked file is in the repository's history. */
enum file_vcs {
    FILE_NOT_IN_GIT,  /* no repository (a walked folder), or git could not tell */
    FILE_TRACKED,     /* in the index: `git ls-files -c` lists it */
    FILE_UNTRACKED,   /* in the work tree only, not ignored (or named on the command line) */
};

/* One file, as a check's file hook sees it. */
struct check_file {
    const struct source *src; /* path, text, line index */
    enum lang lang;
    TSTree *tree;             /* NULL for SQL (see sql) */
    TSNode root;              /* ts_tree_root_node(tree), or a null node */
    const struct node_table *nodes; /* the tree's named nodes in pre-order (nodes.h), or NULL */
    const struct sql_file *sql; /* the parsed statements of a .sql file, else NULL */
    const struct cview *cview;  /* a C or C++ file as libclang read it (cview.h), else NULL */
    enum file_vcs vcs;        /* tracked by git or not */
    struct arena *arena;      /* freed when the file is done */
    void *state;              /* what this check's init returned; shared, read-only */
    struct file_ctx *ctx;     /* the driver's; not for checks */
    const struct check *check;
};

struct finding;

/* Reports a finding on node / on the bytes [start, end) of f->src. The message is formatted
 * now; the returned finding may be given related locations and flow steps, and is owned by
 * the run. */
struct finding *check_report(struct check_file *f, TSNode node, const char *fmt, ...)
    PRINTF_LIKE(3, 4);
struct finding *check_report_range(struct check_file *f, uint32_t start, uint32_t end,
                                   const char *fmt, ...) PRINTF_LIKE(4, 5);
/* Sets the finding's level when it differs from the check's default: the harm of one finding
 * can be greater or smaller than the check's usual (a note for a filter the database binds, an
 * error for a write with the service-role key). */
void finding_set_level(struct finding *fd, enum level level);
/* A related location in the same file as the finding ("the string was built here"). */
void finding_related(struct finding *fd, uint32_t start, uint32_t end, const char *fmt, ...)
    PRINTF_LIKE(4, 5);
/* The next step of the finding's data flow (source first, sink last), same file. */
void finding_step(struct finding *fd, uint32_t start, uint32_t end, const char *fmt, ...)
    PRINTF_LIKE(4, 5);

/* Marks the bytes [start, end) of f->src as a secret: no output shows them (snippets, SARIF
 * regions and context regions, fingerprints are made from text where they are masked as their
 * first 4 characters and "…"). A finding's message must never quote a secret either. */
void check_redact(struct check_file *f, uint32_t start, uint32_t end);

/* Tells the user that this file was only partly analysed by this check (a work budget ran
 * out, a construct is not supported): a note on stderr and in SARIF's notifications, naming
 * the file and the check. The run goes on. */
void check_notice(struct check_file *f, const char *fmt, ...) PRINTF_LIKE(2, 3);

/* Whether this file's time budget for the checks (check-timeout) has run out: poll it at the
 * head of every loop that can run long (walk_next does) and stop when it says so. Cheap: it
 * reads the clock once every few hundred calls. The driver notes the file as partly analysed
 * and drops what the check reports after the budget ran out. */
bool check_out_of_time(const struct check_file *f);

/* Keeps facts for the project pass: data the check made on the heap and frees with free_fn.
 * At most one fact object per check and file. */
void check_keep_facts(struct check_file *f, void *facts, void (*free_fn)(void *));

/* The project pass: every analysed file, sorted by path, with the facts this check kept. */
struct check_project;
size_t project_file_count(const struct check_project *p);
const char *project_file_path(const struct check_project *p, size_t i);
enum lang project_file_lang(const struct check_project *p, size_t i);
/* The facts this check kept for file i, or NULL. */
void *project_file_facts(const struct check_project *p, size_t i);
/* The schema operations of .sql file i (schema.h), kept once for all checks that set
 * .schema; NULL for other files and for files that change no schema. */
struct schema_facts;
struct schema; /* a replayed migration set (schema.h), for the schema_set hook */
const struct schema_facts *project_file_schema(const struct check_project *p, size_t i);
void *project_state(const struct check_project *p);
/* Which project file an import names (model/imports.h), made on first call for the whole
 * run; owned by the run, valid until the project pass ends. */
struct import_resolver;
struct import_resolver *project_imports(struct check_project *p);
/* Reports on bytes [start, end) of file i; positions are resolved after the pass. */
struct finding *project_report(struct check_project *p, size_t file, uint32_t start,
                               uint32_t end, const char *fmt, ...) PRINTF_LIKE(5, 6);
/* A related location in any file of the project. */
void finding_related_in(struct finding *fd, struct check_project *p, size_t file,
                        uint32_t start, uint32_t end, const char *fmt, ...) PRINTF_LIKE(6, 7);

/* A model of one file that several checks read (model/entry.h's entry points): built once per
 * file, by the first check that asks for it there, and kept with the file's results while a
 * check that reads it has a project hook (else freed with the file). A check names the models
 * it reads in .models; the driver starts each one once per run, after the checks' init.
 *
 *     const struct entry_file *ef = check_file_model(f, &entry_model);
 */
typedef const struct check_options *(*options_of_fn)(void *ctx, const char *check_id);
struct file_model {
    const char *name; /* for --stats */
    /* Once per run, on one thread, before any file: the model's state, read-only afterwards.
     * options_of(ctx, id) gives the options the configuration gives check id, enabled or not
     * (never NULL; borrowed for the run). */
    void *(*init)(options_of_fn options_of, void *ctx);
    void (*fini)(void *state);
    /* The model of f, or NULL when there is nothing to say; caller (the driver) frees. */
    void *(*build)(struct check_file *f, const void *state);
    void (*free)(void *model);
};

/* The model m of f, built on the first call in this file; NULL when there is nothing. The
 * check must list m in its .models. Borrowed: valid while the file is analysed, and in the
 * project pass when the check has a project hook. */
const void *check_file_model(struct check_file *f, const struct file_model *m);
/* The model m of file i as the file pass built it, or NULL (nothing, or no check asked). */
const void *project_file_model(const struct check_project *p, size_t i,
                               const struct file_model *m);
/* What m's init returned (the check must list m in its .models). */
const void *project_model_state(const struct check_project *p, const struct file_model *m);

struct check {
    const char *id;    /* <category>-<name>, e.g. "typing-explicit-any" */
    const char *title; /* one line, no final period: the SARIF shortDescription */
    enum level level;  /* default level */
    unsigned langs;    /* LANG_BIT mask of the languages whose files it looks at */
    /* The part of langs it reads as text only (f->text, no tree, no SQL statements, no C view):
     * a file of such a language is parsed only when another check needs its tree. */
    unsigned text_langs;
    const char *const *tags;       /* NULL-terminated, e.g. {"security", "external/cwe/cwe-89"} */
    const char *security_severity; /* "0.0".."10.0" for security checks, else NULL */
    const char *precision;         /* "very-high", "high", "medium" or "low" */
    const struct check_option *options; /* terminated by an entry with name NULL; may be NULL */
    /* NULL-terminated strings (case-sensitive): the file hook runs only on files whose text
     * holds one of them, so files that cannot have a finding are not walked. NULL: every file.
     * List what every finding needs (a call name, a source's spelling), never guesses. */
    const char *const *prefilter;
    /* The check reads the schema the migrations build (schema.h): the driver keeps each .sql
     * file's schema operations once for every check that says so, replays each migration set
     * once in the project pass and calls the schema_set hook of every such check on it. */
    bool schema;
    /* NULL-terminated: the file models (struct file_model) its hooks read, or NULL. */
    const struct file_model *const *models;

    /* Once per run before any file; returns the shared state (or NULL). Errors are fatal:
     * write the message to *err (caller frees) and return NULL with *err set. */
    void *(*init)(const struct check_options *opts, char **err);
    void (*fini)(void *state);
    /* Per file of one of langs, in parallel with other files. */
    void (*file)(struct check_file *f);
    /* Once, after every file, when the check wants the whole project. */
    void (*project)(struct check_project *p);
    /* With .schema: once per migration set, in the project pass (after the project hooks),
     * on the set replayed once for all schema checks (borrowed, freed after the last hook;
     * read-only). p is this check's: project_report, project_state and finding_related_in
     * work as in the project hook. */
    void (*schema_set)(struct check_project *p, const struct schema *s);
};

/* Node helpers ---------------------------------------------------------------------------- */

/* The node's source text, copied into the file's arena. */
char *node_text(struct check_file *f, TSNode node);
/* true when the node's text equals s. */
bool node_text_eq(const struct check_file *f, TSNode node, const char *s);
/* The child in the named field (ts_node_child_by_field_name), or a null node. */
TSNode node_field(TSNode node, const char *name);
/* true when the node's type is type. */
bool node_is(TSNode node, const char *type);
/* The symbol of the named node type `type` in grammar lang (NULL: none), to compare with
 * ts_node_symbol() or a node table entry's sym in hot loops; 0 when the grammar has no such
 * type. A linear search: resolve once, in init. */
TSSymbol node_symbol(const TSLanguage *lang, const char *type);
/* true when the node or one of its descendants is ERROR or MISSING. */
bool node_has_error(TSNode node);
/* true when a and b are the same node (never for a null node). */
static inline bool node_same(TSNode a, TSNode b)
{
    return !ts_node_is_null(a) && !ts_node_is_null(b) && ts_node_eq(a, b);
}
/* An absent node: what a missing field gives. */
static inline TSNode node_null(void)
{
    return (TSNode){0};
}

/* A tree-sitter query compiled once per run, with #eq?, #not-eq?, #match?, #not-match? and
 * #any-of? evaluated (the C runtime leaves predicates to its user). */
struct query;
/* Compiles source for language; on error returns NULL and sets *err (caller frees). */
struct query *query_new(const TSLanguage *language, const char *source, char **err);
void query_delete(struct query *q);
/* Index of a capture name, or -1. */
int query_capture_index(const struct query *q, const char *name);
/* Calls fn for every match under node whose predicates hold. Stops when fn returns false. */
typedef bool (*query_match_fn)(struct check_file *f, const TSQueryMatch *m, void *data);
void query_run(const struct query *q, struct check_file *f, TSNode node, query_match_fn fn,
               void *data);
/* The node captured as index cap in m, or a null node. */
TSNode query_match_capture(const TSQueryMatch *m, int cap);

#endif
