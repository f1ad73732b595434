/* dbcall.h — recognises database calls in TypeScript/JavaScript and Python trees by their
 * shape, never by a variable name alone: supabase-js/supabase-py query chains, SQL text given
 * to a driver (pg, mysql2, postgres.js, psycopg, asyncpg, SQLAlchemy text()), ORM calls
 * (prisma, TypeORM, Sequelize, mongoose, SQLAlchemy, Django) and query builders (drizzle, knex).
 *
 *     struct dbcall db;
 *     dbcall_init(&db, f);
 *     struct db_chain c;
 *     dbcall_chain(&db, call, &c);                  // call: the outermost call of a chain
 *     if (dbcall_classify(&db, call, parent, &c) != DB_NONE) ...
 *     dbcall_release(&db);
 *
 * Nodes and strings handed out are borrowed from f's tree and text and stay valid while the
 * file is analysed. Bindings (name = value) are collected on first need, once per file, from
 * f->nodes (which must be set). Nothing here recurses on tree depth.
 */
#ifndef PREFLIGHT_DBCALL_H
#define PREFLIGHT_DBCALL_H

#include <stdbool.h>
#include <stdint.h>
#include "front/kinds.h"
#include "front/tsapi.h"

#include "check.h"

enum db_kind {
    DB_NONE,
    DB_SUPABASE,   /* .from('t').select(...), .table('t'), .rpc(...) */
    DB_SQL,        /* SQL text given to query/execute/fetch, sql`...`, $queryRaw */
    DB_ORM,        /* prisma, TypeORM, Sequelize, mongoose model calls */
    DB_BUILDER,    /* drizzle, knex */
    DB_SQLALCHEMY, /* session.query(M)..., session.get(M, id), execute(select(...)) */
    DB_DJANGO,     /* Model.objects.<method>() */
};

/* One link of a call chain: a method call .name(args) or a property .name. */
struct db_link {
    const char *name; /* borrowed from the source text, not NUL-terminated */
    uint32_t len;
    bool call;
    TSNode node; /* the call (or member) node of this link */
    TSNode args; /* arguments / argument_list / template_string of a call, else null */
};

/* Longest chain looked at; longer ones keep their outermost links. */
#define DB_CHAIN_MAX 48

/* a.from('x').select() is base `a`, then from(...), then select(...). */
struct db_chain {
    struct db_link s[DB_CHAIN_MAX]; /* innermost first */
    unsigned n;
    TSNode base;           /* the expression the chain starts from */
    bool base_call;        /* base is ident(args) or ident`...` */
    const char *base_name; /* identifier text of base (or of base_call's callee), or NULL */
    uint32_t base_len;
    TSNode base_args;
};

struct db_binding {
    const char *name;
    uint32_t len;
    TSNode value;
    bool constant; /* TS const, or a Python module-level name */
};

struct dbcall {
    struct check_file *f; /* borrowed */
    bool py;              /* Python, else the TS/TSX/JS grammars */
    const struct syntax_syms *sym; /* of f's grammar (front/kinds.h) */
    TSSymbol call_t, member_t; /* call / attribute in Python, call_expression /
                                * member_expression in the TS grammars */
    VEC(struct db_binding) bindings; /* sorted by name once ready */
    bool bindings_ready;
};

void dbcall_init(struct dbcall *db, struct check_file *f);
void dbcall_release(struct dbcall *db);

/* The links of the chain whose outermost call is n. */
void dbcall_chain(const struct dbcall *db, TSNode n, struct db_chain *c);
/* The same for the node at index i of f->nodes (no search for its index). */
void dbcall_chain_at(const struct dbcall *db, uint32_t i, struct db_chain *c);
/* Index of the first call link at or after from named one of names (NULL-terminated) and,
 * when want_args, given arguments; -1 when there is none. */
int dbcall_chain_find(const struct db_chain *c, unsigned from, const char *const *names,
                      bool want_args);
int dbcall_chain_find1(const struct db_chain *c, unsigned from, const char *name,
                       bool want_args);
/* What kind of database call the chain c of call is (parent: call's parent node). Batched
 * forms (createMany, executemany, bulk_create, ...) are DB_NONE. */
enum db_kind dbcall_classify(struct dbcall *db, TSNode call, TSNode parent,
                             const struct db_chain *c);

/* How to send the calls of chain c (of kind q) for many items at once, as advice for a message
 * (".in('id', ids)", "executemany()", "findMany({ where: { id: { in: ids } } })"), from the
 * file's arena or static. */
const char *dbcall_batch_hint(struct dbcall *db, enum db_kind q, const struct db_chain *c);
/* The kind's name in a message: "supabase query", "SQL query", "Django ORM query". */
const char *dbcall_kind_name(enum db_kind q);

/* false when no call of the file can be a database call (none of the link names, clients or
 * SQL text that dbcall_classify needs): the file needs no closer look. Cheap: one loop over the
 * calls of f->nodes, and over its strings or names only when the calls leave it open. */
bool dbcall_file_may_query(struct dbcall *db);

/* The arguments of a call (dbcall_args.c). */
/* The call whose argument list holds the argument [start, end) (the innermost named node
 * there, or the nearest of its ancestors that is an argument), with the argument's position
 * in *index; a null node and -1 when it is in no argument list. */
TSNode dbcall_arg_call(const struct check_file *f, uint32_t start, uint32_t end, int *index);
/* true when the supabase filter label (".eq()", a dataflow sink label) sends its argument at
 * index as a bound parameter: a value there selects rows, it cannot change the query
 * (.eq(column, value): the value, not the column; .match({...}) its one object). */
bool dbcall_postgrest_bound(const char *label, int index);
/* true when the drizzle-orm where clause [start, end) is built of comparisons (eq, gt,
 * inArray, ...) combined by and()/or()/not(), each comparing a column (table.column, the
 * table not one of request_names, NULL-terminated) with a value: every value in it is a
 * bound parameter. TypeScript/JavaScript trees only. */
bool dbcall_drizzle_bound_where(struct check_file *f, uint32_t start, uint32_t end,
                                const char *const *request_names);
/* The rpc arguments object (an object literal or a Python dict) the dataflow flow fl reaches:
 * the properties its data went into (a value or shorthand naming one of its earlier steps),
 * named in *what ("rpc argument 'p_id'", "rpc arguments 'a', 'b'", from f's arena), and the
 * range of the first in *start, *end. false, and nothing written, when the argument is not an
 * object literal or no property can be told. */
struct df_flow;
bool dbcall_rpc_properties(struct check_file *f, const struct df_flow *fl, const char **what,
                           uint32_t *start, uint32_t *end);

/* true when n is SQL text: a literal that starts with a statement (select ... from, update ...
 * set), a concatenation or format() of one, a sql`` template, pg's { text: ... }, text(...),
 * sql.SQL(...), or a name bound to one of those (following at most hops bindings). */
bool dbcall_is_sql_text(struct dbcall *db, TSNode n, int hops);

/* true when fn holds for one of the values the identifier id is bound to in the file (only
 * constant bindings when constant_only). */
typedef bool (*dbcall_value_fn)(struct dbcall *db, TSNode value, int hops);
bool dbcall_binding_any(struct dbcall *db, TSNode id, bool constant_only, dbcall_value_fn fn,
                        int hops);

/* node_field(n, name) for a field that is n's first child (a call's "function", a member's
 * "object": last false) or its last one (a call's "arguments", a member's "property" or
 * Python "attribute": last true), found through f->nodes when x, n's index there, is known
 * (else NODE_NONE), which is much cheaper. *xi receives the result's index, or NODE_NONE. */
TSNode dbcall_field_at(const struct dbcall *db, TSNode n, uint32_t x, bool last,
                      const char *name, uint32_t *xi);

/* Small syntax helpers shared with the checks that use this module. */
/* The node's text in f->src (borrowed, not NUL-terminated); *len receives its length. */
const char *dbcall_text(const struct check_file *f, TSNode n, uint32_t *len);
/* true when [s, s+n) equals one of the NULL-terminated list. */
bool dbcall_span_in(const char *s, uint32_t n, const char *const *list);
/* true when [s, s+n) contains needle (lowercase ASCII), ignoring case. */
bool dbcall_span_has(const char *s, uint32_t n, const char *needle);
/* n without parentheses, TS as/satisfies/!, and awaits. */
TSNode dbcall_unwrap(const struct dbcall *db, TSNode n);
/* true when n is a (named) node of kind sym; false for a null node or a 0 kind. */
static inline bool dbcall_is(TSNode n, TSSymbol sym)
{
    return sym && !ts_node_is_null(n) && ts_node_symbol(n) == sym;
}
/* The k-th positional argument of an argument list (a template string is one), or null. */
TSNode dbcall_arg(const struct dbcall *db, TSNode args, uint32_t k);
uint32_t dbcall_arg_count(const struct dbcall *db, TSNode args);

#endif
