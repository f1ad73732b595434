/* schema.h — the Postgres schema a migration set builds, replayed in order (a project-pass
 * helper for the checks that need tables, keys, indexes and row level security).
 *
 * A migration set is the .sql files under one directory named "migrations" (Supabase's
 * supabase/migrations/<version>_<name>.sql, Prisma's prisma/migrations/<name>/migration.sql, db/migrations),
 * applied in path order; any other .sql files form one set per directory.
 *
 * A schema check sets `.schema = true` (the driver then keeps each .sql file's operations,
 * once for all such checks) and a `.schema_set` hook (check.h): the driver replays each set
 * once, with schema_replay_project, and calls every schema check's hook on the result:
 *
 *     static void on_set(struct check_project *p, const struct schema *s)
 *     {
 *         for (size_t i = 0; i < s->tables.n; i++) ... s->tables.v[i] ...
 *     }
 *     ... .schema = true, .schema_set = on_set, ...
 *
 * The model knows only what the migrations say: a table the set never creates (auth.users) is
 * unknown, and statements about it are ignored. Names are compared exactly, as sql.h stores
 * them (folded unless quoted); an unqualified name is in schema "public".
 */
#ifndef PREFLIGHT_SCHEMA_H
#define PREFLIGHT_SCHEMA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "front/sql.h"
#include "base/util.h"

struct check_project;

/* A place in a file of the project: the bytes [start, end) of project file `file`. */
struct schema_loc {
    size_t file;
    uint32_t start, end;
};

struct schema_fk {
    const char *name;        /* as written, or Postgres' default (<table>_<cols>_fkey) */
    const char **cols;       /* referencing columns */
    size_t ncols;
    const char *ref_schema, *ref_table;
    const char **ref_cols;
    size_t nref_cols;
    bool auto_indexed;       /* from a dialect that indexes foreign keys itself */
    struct schema_loc def;   /* where it is defined */
    bool covered;            /* some index leads with its columns (schema_fk_cover) */
    /* a later statement removed the index that covered it, and none covers it since */
    bool lost;
    struct schema_loc lost_at;
    const char *lost_index;  /* the index (or constraint) that statement removed */
};

enum schema_index_origin { SCHEMA_INDEX_PLAIN, SCHEMA_INDEX_PRIMARY, SCHEMA_INDEX_UNIQUE };

struct schema_index {
    const char *name;        /* as written, or Postgres' default name */
    const char **cols;       /* key columns; NULL for an expression */
    size_t ncols;
    bool unique, btree;
    enum sql_pred pred;
    const char **pred_cols;
    size_t npred_cols;
    enum schema_index_origin origin; /* PRIMARY KEY and UNIQUE constraints are indexes too */
    struct schema_loc def;
};

/* The roles a policy applies to or a privilege is granted to, as a mask. */
enum {
    SCHEMA_ROLE_PUBLIC = 1u << 0,        /* PUBLIC: every role, anon included */
    SCHEMA_ROLE_ANON = 1u << 1,
    SCHEMA_ROLE_AUTHENTICATED = 1u << 2,
    SCHEMA_ROLE_SERVICE = 1u << 3,       /* service_role */
    SCHEMA_ROLE_OTHER = 1u << 4,
    /* the roles the Supabase API serves requests as, before any key is checked */
    SCHEMA_ROLES_API = SCHEMA_ROLE_PUBLIC | SCHEMA_ROLE_ANON | SCHEMA_ROLE_AUTHENTICATED,
};

/* A row level security policy (schema_objects.c). */
struct schema_policy {
    const char *name;
    uint32_t flags;          /* SQL_POLICY_* as the last CREATE or ALTER left them */
    unsigned roles;          /* SCHEMA_ROLE_*; no TO clause is PUBLIC */
    struct schema_loc def;   /* the CREATE POLICY */
};

struct schema_table {
    const char *schema, *name;
    VEC(const char *) cols;
    VEC(struct schema_fk) fks;
    VEC(struct schema_index) indexes;
    bool rls;                /* ROW LEVEL SECURITY is enabled now */
    bool rls_forced;
    bool rls_disabled;       /* an explicit DISABLE is the last word: rls_disabled_at */
    struct schema_loc rls_disabled_at;
    struct schema_loc created;
    bool fallback;           /* created by a statement Postgres rejected: another dialect */
    VEC(struct schema_policy) policies;
};

/* A function or procedure the set creates (schema_objects.c). */
struct schema_function {
    const char *schema, *name;
    const char *args;        /* its argument types, "int4,text" ("" for none) */
    uint32_t flags;          /* SQL_FN_DEFINER, SQL_FN_SEARCH_PATH, SQL_FN_TRIGGER, ... now */
    unsigned execute;        /* SCHEMA_ROLE_*: who may execute it now */
    struct schema_loc def;   /* the CREATE (OR REPLACE) that defines it now */
};

/* A view the set creates. */
struct schema_view {
    const char *schema, *name;
    bool invoker;            /* security_invoker = true */
    const char **refs;       /* the relations it reads: 2 * nrefs names (schema, name) */
    size_t nrefs;
    unsigned select;         /* SCHEMA_ROLE_*: who may select from it now */
    struct schema_loc def;
};

/* A statement of the set that loses data (schema_objects.c): DROP TABLE, DROP COLUMN,
 * TRUNCATE, ALTER COLUMN TYPE, DELETE or UPDATE without WHERE, on a table an earlier file
 * created (a table or column made in the same file holds no data yet). */
struct schema_loss {
    enum sql_op_kind kind;
    const char *schema, *table;
    const char *column;      /* DROP COLUMN, ALTER COLUMN TYPE, UPDATE (the first set) */
    const char *type;        /* ALTER COLUMN TYPE: the new type */
    struct schema_loc at;
    bool restored;           /* a later statement creates the table or column again */
};

struct schema {
    struct arena arena;      /* every name and array of the model */
    VEC(struct schema_table *) tables; /* live tables, in creation order */
    const char *set;         /* the migration set's key (schema_set_key), or NULL */
    /* the set is written for MySQL or SQLite (a file has sql_file.other_dialect) and is not
     * a Supabase project's; set it before schema_apply when replaying by hand */
    bool other_dialect;
    /* the set is a Supabase project's: under a directory named "supabase", or a file of it
     * has sql_file.supabase_marks */
    bool supabase;
    /* the set is Alembic's migrations (alembic.h): fixes are written as op.create_index() */
    bool alembic;
    struct schema_lookup *lookup; /* private: tables and indexes by name */
    VEC(struct schema_function) functions; /* live functions, in creation order */
    VEC(struct schema_view) views;         /* live views, in creation order */
    VEC(struct schema_loss) losses;        /* in replay order */
    struct schema_objects *objects;        /* private: schema_objects.c's state */
};

/* An empty schema; free with schema_free. */
struct schema *schema_new(void);
void schema_free(struct schema *s);
/* Replays one file's operations (file: its project index, for locations). */
void schema_apply(struct schema *s, size_t file, const struct sql_op *ops, size_t nops);
/* A live table, or NULL; schema NULL means "public". Borrowed from s. */
struct schema_table *schema_table_find(const struct schema *s, const char *schema,
                                       const char *name);
/* The index, primary key or unique constraint of t that covers fk (it leads with the FK's
 * columns, in the key's order, is a btree, and is not partial beyond "col IS NOT
 * NULL" on them), or NULL. */
const struct schema_index *schema_fk_cover(const struct schema_table *t,
                                           const struct schema_fk *fk);

/* Appends [schema.]name as SQL writes it: quoted where folding would change it, the schema left
 * out when it is "public". */
void schema_append_name(struct strbuf *sb, const char *schema, const char *name);

/* Appends a function's signature as ALTER FUNCTION takes it: [schema.]name(integer, text),
 * the parser's internal type names (int4, bool) given their SQL spelling. */
void schema_append_function(struct strbuf *sb, const struct schema_function *fn);

/* The migration set of a path: the path up to its last directory named "migrations", or its
 * directory. Caller frees. */
char *schema_set_key(const char *path);

/* One file's operations, encoded to live until the project pass: the driver keeps them for
 * every .sql file, so they are a byte buffer (schema.c says how) read back one op at a time
 * with schema_facts_reader or replayed with schema_apply_facts. The buffer keeps what the
 * replay reads; sql_op.stmt is not kept. */
struct schema_facts {
    size_t nops;
    size_t len;              /* bytes of data */
    bool other_dialect;      /* sql_file.other_dialect */
    bool supabase_marks;     /* sql_file.supabase_marks */
    /* an Alembic migration's revision and its parents ("a,b"), both NULL for SQL files: a
     * set of such files replays parents first, whatever their paths */
    const char *revision, *down_revision;
    unsigned char data[];    /* private: the encoding (and the two strings after it) */
};
/* NULL when sql states no schema change and has no dialect or Supabase marks. Owned by the
 * caller (the driver), freed with schema_facts_free; it borrows nothing from sql. */
struct schema_facts *schema_facts_new(const struct sql_file *sql);
/* An Alembic migration's facts (alembic.h): never NULL, so that a revision with no schema
 * change still links its parents to its children; revision and down_revision may be NULL
 * and are copied. */
struct schema_facts *schema_facts_new_revision(const struct sql_file *sql, const char *revision,
                                               const char *down_revision);
void schema_facts_free(void *facts);

/* Replays one file's facts, as schema_apply does its ops; facts NULL replays nothing. */
void schema_apply_facts(struct schema *s, size_t file, const struct schema_facts *facts);

/* Decodes facts op by op:
 *
 *     struct schema_facts_reader r;
 *     schema_facts_reader_init(&r, facts);
 *     for (const struct sql_op *op; (op = schema_facts_next(&r));) ...
 *     schema_facts_reader_release(&r);
 *
 * The fields are private. */
struct schema_facts_reader {
    const unsigned char *p, *end;
    size_t left;             /* ops not read yet */
    const char **strs;       /* the string table, into the facts */
    size_t nstrs;
    uint32_t prev_start;
    struct sql_op op;
    VEC(const char *) names; /* the op's column lists */
    VEC(struct sql_cons) cons;
    VEC(size_t) lists;       /* where each constraint's two lists start in names */
};
/* facts is borrowed and must outlive the reader; NULL reads as no ops. */
void schema_facts_reader_init(struct schema_facts_reader *r, const struct schema_facts *facts);
/* The next op, or NULL after the last. The op and its arrays are the reader's, valid until the
 * next call; its strings point into the facts. stmt is 0, and a list with no entries is NULL. */
const struct sql_op *schema_facts_next(struct schema_facts_reader *r);
void schema_facts_reader_release(struct schema_facts_reader *r);

/* For every migration set among the project's files (project_file_schema), replays it and
 * calls fn with the result, in the order of the sets' first paths. The schema is freed when fn
 * returns. The driver's project pass calls it once for all schema checks; checks do not. */
typedef void (*schema_set_fn)(struct check_project *p, const struct schema *s, void *data);
void schema_replay_project(struct check_project *p, schema_set_fn fn, void *data);

#endif
