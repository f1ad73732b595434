/* sql.h — the statements of a .sql file, and the schema changes they make, as the SQL front end
 * understood them.
 *
 * sql_parse_file splits a file into statements (with the PostgreSQL parser when the whole file
 * parses, else with libpg_query's scanner) and parses each one whose tree it reads with the
 * PostgreSQL parser (its JSON parse tree, read in place by sql.c's own small reader).
 * A statement Postgres rejects (another dialect, templated SQL) goes to tree-sitter-sql, which
 * still yields CREATE TABLE / CREATE INDEX / FOREIGN KEY facts from the parts of its tree that
 * have no ERROR. A statement neither parser understands is skipped and counted; it never
 * derails the rest.
 * Before giving up on Postgres, psql variables (:SCHEMA, :'value') are blanked in place, offsets
 * kept; a rejected statement with dollar quotes (a function body) is skipped, not guessed at.
 *
 * From both parsers the front end extracts the schema-changing operations (struct sql_op), in
 * file order, in one parser-independent shape: the schema model (schema.h) replays them.
 *
 *     struct sql_file *sf = sql_parse_file(src, arena);
 *     for (size_t i = 0; i < sf->nops; i++)
 *         if (sf->ops[i].kind == SQL_OP_CREATE_INDEX) ...
 *
 * Everything in a sql_file lives in the arena given to sql_parse_file. Identifiers are stored
 * as Postgres sees them: folded to lowercase unless they were quoted. Byte offsets are offsets
 * into src->text.
 */
#ifndef PREFLIGHT_SQL_H
#define PREFLIGHT_SQL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "source.h"

enum sql_parser {
    SQL_PARSER_NONE,        /* neither parser understood the statement: skipped */
    SQL_PARSER_POSTGRES,    /* libpg_query */
    SQL_PARSER_TREE_SITTER, /* tree-sitter-sql, the fallback */
};

struct sql_stmt {
    uint32_t start, end;     /* the statement, leading comments skipped, ';' excluded */
    enum sql_parser parser;
    /* libpg_query's node name ("CreateStmt", "IndexStmt", ...) or tree-sitter's node type
     * ("create_table", ...); NULL when skipped */
    const char *kind;
    /* The statements whose tree the front end never reads (INSERT, UPDATE, DELETE, COMMENT, DO,
     * CREATE FUNCTION / PROCEDURE / TRIGGER / POLICY) are only checked by Postgres' parser;
     * their kind comes from their first keywords. The others' trees are read for the schema
     * operations below and not kept. */
    const char *error;       /* why Postgres rejected it, or NULL */
};

/* A schema-qualified name; schema is NULL when the statement left it unqualified. */
struct sql_qname {
    const char *schema;
    const char *name;
};

enum sql_cons_type { SQL_CONS_PRIMARY, SQL_CONS_UNIQUE, SQL_CONS_FOREIGN };

/* A PRIMARY KEY, UNIQUE or FOREIGN KEY constraint, column-level ones included. */
struct sql_cons {
    enum sql_cons_type type;
    const char *name;        /* NULL when unnamed */
    const char **cols;       /* constrained (for FOREIGN: referencing) columns */
    size_t ncols;
    struct sql_qname ref;    /* FOREIGN: the referenced table */
    const char **ref_cols;   /* FOREIGN: referenced columns; none means its primary key */
    size_t nref_cols;
    /* FOREIGN in a dialect whose engine indexes foreign keys itself (MySQL's InnoDB) */
    bool auto_indexed;
    uint32_t start, end;     /* where it is written */
};

enum sql_op_kind {
    SQL_OP_CREATE_TABLE,     /* rel, cols, cons, if_exists (IF NOT EXISTS), temp */
    SQL_OP_DROP_TABLE,       /* rel */
    SQL_OP_ADD_COLUMN,       /* rel, cols[0], cons (its column constraints) */
    SQL_OP_DROP_COLUMN,      /* rel, name */
    SQL_OP_ADD_CONSTRAINT,   /* rel, cons[0] */
    SQL_OP_DROP_CONSTRAINT,  /* rel, name */
    SQL_OP_RENAME_TABLE,     /* rel, new_name */
    SQL_OP_RENAME_COLUMN,    /* rel, name, new_name */
    SQL_OP_RENAME_CONSTRAINT,/* rel, name, new_name */
    SQL_OP_RENAME_INDEX,     /* rel (the index), new_name */
    SQL_OP_SET_SCHEMA,       /* rel, new_name (the new schema) */
    SQL_OP_CREATE_INDEX,     /* rel, name (NULL: unnamed), cols, unique, btree, pred */
    SQL_OP_DROP_INDEX,       /* rel (the index) */
    SQL_OP_RLS_ENABLE,       /* rel */
    SQL_OP_RLS_DISABLE,
    SQL_OP_RLS_FORCE,
    SQL_OP_RLS_NO_FORCE,
    SQL_OP_DROP_SCHEMA,      /* rel.name (the schema), if_exists */
    /* What the security checks read (sql_objects.c): policies, functions, grants, views */
    SQL_OP_CREATE_POLICY,    /* rel (the table), name, flags (SQL_POLICY_*), roles */
    SQL_OP_ALTER_POLICY,     /* the same; flags say which parts it sets */
    SQL_OP_DROP_POLICY,      /* rel, name */
    /* rel (the function), name (its argument types, "int4,text"; NULL when not given),
     * flags (SQL_FN_*) */
    SQL_OP_CREATE_FUNCTION,
    SQL_OP_ALTER_FUNCTION,
    SQL_OP_DROP_FUNCTION,
    /* GRANT / REVOKE: rel (the object; rel.name NULL for ALL ... IN SCHEMA rel.schema and for
     * default privileges, rel.schema NULL there for every schema), name (a function's argument
     * types), roles (the grantees, "public" for PUBLIC), flags (SQL_GRANT_*) */
    SQL_OP_GRANT,
    SQL_OP_REVOKE,
    SQL_OP_CREATE_VIEW,      /* rel, flags (SQL_VIEW_*), refs: the relations it reads */
    SQL_OP_ALTER_VIEW,       /* rel, flags (SQL_VIEW_HAS_INVOKER: sets security_invoker) */
    SQL_OP_DROP_VIEW,        /* rel */
    /* Statements that lose data, for reliability-destructive-migration */
    SQL_OP_TRUNCATE,         /* rel */
    SQL_OP_ALTER_COLUMN_TYPE,/* rel, name (the column), new_name (the type's last name) */
    SQL_OP_DELETE_ALL,       /* rel: a DELETE without WHERE */
    SQL_OP_UPDATE_ALL,       /* rel, cols (the columns it sets): an UPDATE without WHERE */
    SQL_OP_LAST = SQL_OP_UPDATE_ALL,
};

/* sql_op.flags of policies: the command in the low bits, then what the policy says. */
enum {
    SQL_POLICY_CMD_MASK = 7,  /* SQL_POLICY_ALL .. SQL_POLICY_DELETE */
    SQL_POLICY_ALL = 0,
    SQL_POLICY_SELECT = 1,
    SQL_POLICY_INSERT = 2,
    SQL_POLICY_UPDATE = 3,
    SQL_POLICY_DELETE = 4,
    SQL_POLICY_RESTRICTIVE = 1u << 3,
    SQL_POLICY_HAS_USING = 1u << 4,
    SQL_POLICY_USING_TRUE = 1u << 5,  /* USING (true) */
    SQL_POLICY_HAS_CHECK = 1u << 6,
    SQL_POLICY_CHECK_TRUE = 1u << 7,  /* WITH CHECK (true) */
    SQL_POLICY_HAS_ROLES = 1u << 8,   /* a TO clause (ALTER POLICY: sets the roles) */
    /* the conditions read user_metadata / raw_user_meta_data, which users edit themselves */
    SQL_POLICY_USER_METADATA = 1u << 9,
};

/* sql_op.flags of functions. */
enum {
    SQL_FN_DEFINER = 1u << 0,     /* SECURITY DEFINER */
    SQL_FN_INVOKER = 1u << 1,     /* SECURITY INVOKER said (ALTER FUNCTION) */
    SQL_FN_SEARCH_PATH = 1u << 2, /* SET search_path */
    SQL_FN_RESET_PATH = 1u << 3,  /* RESET search_path / RESET ALL (ALTER FUNCTION) */
    SQL_FN_TRIGGER = 1u << 4,     /* RETURNS trigger / event_trigger: not callable by the API */
    SQL_FN_PROCEDURE = 1u << 5,
};

/* sql_op.flags of GRANT and REVOKE. */
enum {
    SQL_GRANT_FUNCTION = 1u << 0, /* ON FUNCTION / PROCEDURE / ROUTINE, or default ON FUNCTIONS */
    SQL_GRANT_RELATION = 1u << 1, /* ON TABLE (views too), or default ON TABLES */
    SQL_GRANT_ALL_IN_SCHEMA = 1u << 2,
    SQL_GRANT_DEFAULTS = 1u << 3, /* ALTER DEFAULT PRIVILEGES */
    SQL_GRANT_USE = 1u << 4,      /* the privileges include EXECUTE (functions), SELECT or ALL */
};

/* sql_op.flags of views. */
enum {
    SQL_VIEW_INVOKER = 1u << 0,     /* security_invoker = true */
    SQL_VIEW_HAS_INVOKER = 1u << 1, /* the statement sets security_invoker */
    SQL_VIEW_REPLACE = 1u << 2,
};

/* What a partial index's WHERE says. */
enum sql_pred {
    SQL_PRED_NONE,           /* not partial */
    SQL_PRED_NOT_NULL,       /* only "col IS NOT NULL" tests, ANDed: pred_cols */
    SQL_PRED_OTHER,
};

struct sql_op {
    enum sql_op_kind kind;
    uint32_t start, end;     /* where to report it */
    uint32_t stmt;           /* index in sql_file.stmts */
    struct sql_qname rel;
    const char *name;
    const char *new_name;
    bool if_exists;          /* IF EXISTS / IF NOT EXISTS */
    bool temp;               /* CREATE TEMP TABLE */
    bool fallback;           /* from a statement Postgres rejected (another dialect) */
    bool unique;             /* CREATE UNIQUE INDEX */
    bool btree;              /* CREATE INDEX with the btree access method */
    enum sql_pred pred;
    const char **pred_cols;
    size_t npred_cols;
    const char **cols;       /* CREATE INDEX: key columns, NULL for an expression */
    size_t ncols;
    struct sql_cons *cons;
    size_t ncons;
    uint32_t flags;          /* per kind: SQL_POLICY_*, SQL_FN_*, SQL_GRANT_*, SQL_VIEW_* */
    const char **roles;      /* policies' and grants' roles */
    size_t nroles;
    /* CREATE VIEW: the relations it reads, as pairs (schema or NULL, name): 2 * nrefs */
    const char **refs;
    size_t nrefs;
};

/* Text that could not be read as SQL: a quote or comment that never closes. */
struct sql_problem {
    uint32_t at;             /* byte offset where it opens */
    const char *message;     /* in the file's arena */
};

struct sql_file {
    unsigned statements;     /* statements found */
    unsigned understood;     /* statements a parser understood */
    unsigned fallback;       /* of those, understood by tree-sitter-sql only */
    struct sql_stmt *stmts;
    size_t nstmts;
    struct sql_op *ops;      /* schema changes, in file order */
    size_t nops;
    /* the file is written for MySQL, SQLite or another database (backquotes, AUTO_INCREMENT,
     * AUTOINCREMENT, ENGINE=, PRAGMA, column types Postgres lacks such as DATETIME, TINYINT,
     * VARCHAR2, NVARCHAR): Prisma and other tools write those too */
    bool other_dialect;
    /* the file shows a Supabase project: policies, row level security, grants to the anon,
     * authenticated or service_role roles, foreign keys to auth.users */
    bool supabase_marks;
    /* what was left unread (sql_data.c); COPY data rows are data, never statements */
    const struct sql_problem *problems;
    size_t nproblems;
};

/* Splits and parses src; the result lives in arena. Never NULL. Safe to call from several
 * threads at once. */
struct sql_file *sql_parse_file(const struct source *src, struct arena *arena);

/* The kind of an operation as a lowercase word ("create_index"), for messages and tests. */
const char *sql_op_kind_name(enum sql_op_kind kind);

#endif
