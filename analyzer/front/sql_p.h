/* sql_p.h — what the SQL front end's files share (sql.c, sql_tables.c, sql_objects.c,
 * sql_fallback.c, sql_data.c): the builder of one file's statements and operations, and the
 * helpers both extractors use. Not for checks (see sql.h). */
#ifndef PREFLIGHT_SQL_P_H
#define PREFLIGHT_SQL_P_H

#include <stdbool.h>
#include <stdint.h>
#include "tsapi.h"

#include "pgjson.h"
#include "sql.h"
#include "base/util.h"

/* What one file's parse accumulates before it is copied into the arena. */
typedef VEC(struct sql_cons) cons_vec;

struct builder {
    const struct source *src;
    struct arena *arena;
    bool other_dialect;      /* see sql_file */
    bool supabase_marks;     /* see sql_file */
    VEC(struct sql_stmt) stmts;
    VEC(struct sql_op) ops;
    TSParser *ts;            /* made on first use */
    struct jdoc json;        /* the statement being read */
    bool file_parses;        /* Postgres parsed the whole file: each statement parses */
    bool in_do;              /* adding the statements of a DO block */
};

/* sql_data.c: what in the file is not SQL, blanked (spaces; line ends and offsets kept) */
struct sql_data {
    char *text;              /* the blanked copy (arena), or NULL when nothing was blanked */
    struct sql_problem *problems; /* arena */
    size_t nproblems, cap;
};
/* Blanks the data rows of COPY ... FROM stdin (up to the \. line), psql's backslash commands,
 * and each statement whose quote or comment never closes (up to the next statement, with a
 * problem naming where the quote opens) in the n bytes of t. */
void sql_data_blank(struct sql_data *d, const char *t, uint32_t n, struct arena *a);

/* The end of the line holding i, capped at end, without trailing blanks, ',' or ';'. Findings
 * on a statement or constraint show its first line: the one a reviewer recognises. */
uint32_t sql_line_end(const char *t, uint32_t i, uint32_t end);
/* An identifier as Postgres stores it: quotes removed ("" -> "), else folded to lowercase. */
const char *sql_ident_fold(struct arena *a, const char *s, size_t n);
/* An array of n strings (at least one slot) from the arena. */
const char **sql_strv_new(struct arena *a, size_t n);
/* Appends an operation of the statement stmt reported at [start, end); the pointer is valid
 * until the next push. */
struct sql_op *sql_op_push(struct builder *b, enum sql_op_kind kind, uint32_t stmt,
                           uint32_t start, uint32_t end);

/* Moves a heap VEC of constraints into the op (arena). */
#define OP_TAKE_CONS(op, a, vec)                                                           \
    do {                                                                                   \
        (op)->ncons = (vec).n;                                                             \
        (op)->cons = arena_alloc((a), ((vec).n ? (vec).n : 1) * sizeof(struct sql_cons));  \
        if ((vec).n)                                                                       \
            memcpy((op)->cons, (vec).v, (vec).n * sizeof(struct sql_cons));                \
        VEC_FREE(vec);                                                                     \
    } while (0)

/* One statement of libpg_query's JSON being read. */
struct pg_ctx {
    struct builder *b;
    const struct jdoc *d;    /* the statement's JSON */
    uint32_t stmt;           /* index of the statement */
    uint32_t base;           /* JSON locations count from here */
    uint32_t start, end;     /* the statement */
};

/* sql_tables.c's readers of the JSON, for sql_objects.c too. The sval of a {"String": {"sval": ...}} node
 * (still encoded); the svals of a list of String nodes, decoded into the arena; a RangeVar as
 * a qualified name (*temp, when given: a temporary table); a dotted name from a list of
 * Strings; where a node whose "location" is loc starts. */
const char *jsval(const struct jdoc *d, const char *node);
const char **jstrings(const struct jdoc *d, struct arena *a, const char *list, size_t *n);
struct sql_qname jrangevar(const struct jdoc *d, struct arena *a, const char *rv, bool *temp);
struct sql_qname jdotted(const struct jdoc *d, struct arena *a, const char *list);
uint32_t pg_at(const struct pg_ctx *c, const char *loc);

/* sql_tables.c: reads the schema changes of the statements in c->d (tables, keys, indexes,
 * drops, renames; the other kinds through sql_objects_extract). */
void pg_extract(const struct pg_ctx *c);

/* sql_objects.c: the operations of policies, functions, grants, views, TRUNCATE, DELETE and
 * UPDATE (kind is the statement's node name, node its value). Returns false for other kinds. */
bool sql_objects_extract(const struct pg_ctx *c, const char *kind, size_t klen,
                         const char *node);
/* An ALTER TABLE of a view (its options), or an ALTER TABLE ... ALTER COLUMN TYPE command. */
void sql_objects_alter_view(const struct pg_ctx *c, const char *st);
void sql_objects_alter_type(const struct pg_ctx *c, struct sql_qname rel, const char *cmd);
/* Drops of policies, functions and views; false for other object types. */
bool sql_objects_drop(const struct pg_ctx *c, const char *st);
/* The statements of a DO block's PL/pgSQL body at [start, end), each added to b through add
 * (drizzle-kit writes every foreign key in one: DO $$ BEGIN ALTER TABLE ...; EXCEPTION WHEN
 * duplicate_object THEN null; END $$). */
void sql_do_block(struct builder *b, uint32_t start, uint32_t end,
                  void (*add)(struct builder *b, uint32_t start, uint32_t end));

/* sql_fallback.c: tree-sitter-sql's reading of the statement [start, end) that Postgres
 * rejected: its tables, keys and indexes when the tree has no error. Fills st's parser and kind;
 * false when tree-sitter-sql could not read it either. */
bool sql_fallback_statement(struct builder *b, uint32_t start, uint32_t end,
                            struct sql_stmt *st);

#endif
