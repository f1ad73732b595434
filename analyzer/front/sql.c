/* sql.c — the SQL front end: a file split into statements, libpg_query first (its JSON read into
 * schema operations by sql_tables.c and sql_objects.c), tree-sitter-sql for what Postgres
 * rejects (sql_fallback.c) (see sql.h). */
#include "sql.h"

#include <ctype.h>
#include <limits.h>
#include <pg_query.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "tsapi.h"

#include "lang.h"
#include "pgjson.h"
#include "sql_p.h"
#include "base/util.h"

/* Text helpers ------------------------------------------------------------------------------ */

/* The first byte at or after i that is not whitespace or a comment, or end. */
static uint32_t skip_blank(const char *t, uint32_t i, uint32_t end)
{
    while (i < end) {
        if (isspace((unsigned char)t[i])) {
            i++;
        } else if (t[i] == '-' && i + 1 < end && t[i + 1] == '-') {
            while (i < end && t[i] != '\n')
                i++;
        } else if (t[i] == '/' && i + 1 < end && t[i + 1] == '*') {
            /* Postgres block comments nest */
            unsigned depth = 0;
            do {
                if (t[i] == '/' && i + 1 < end && t[i + 1] == '*') {
                    depth++;
                    i += 2;
                } else if (t[i] == '*' && i + 1 < end && t[i + 1] == '/') {
                    depth--;
                    i += 2;
                } else {
                    i++;
                }
            } while (i < end && depth > 0);
        } else {
            break;
        }
    }
    return i;
}

/* The end of the line holding i, capped at end, without trailing blanks, ',' or ';'. Findings
 * on a statement or constraint show its first line: the one a reviewer recognises. */
uint32_t sql_line_end(const char *t, uint32_t i, uint32_t end)
{
    uint32_t e = i;
    while (e < end && t[e] != '\n')
        e++;
    while (e > i && (isspace((unsigned char)t[e - 1]) || t[e - 1] == ',' || t[e - 1] == ';'))
        e--;
    return e > i ? e : (i < end ? i + 1 : i);
}

/* An identifier as Postgres stores it: quotes removed ("" -> "), else folded to lowercase. */
const char *sql_ident_fold(struct arena *a, const char *s, size_t n)
{
    if (n >= 2 && ((s[0] == '"' && s[n - 1] == '"') || (s[0] == '`' && s[n - 1] == '`') ||
                   (s[0] == '[' && s[n - 1] == ']'))) {
        char q = s[0];
        char *out = arena_alloc(a, n);
        size_t k = 0;
        for (size_t i = 1; i + 1 < n; i++) {
            out[k++] = s[i];
            if (s[i] == q && q != '[' && i + 2 < n && s[i + 1] == q)
                i++;
        }
        out[k] = '\0';
        return out;
    }
    char *out = arena_strndup(a, s, n);
    for (size_t i = 0; i < n; i++)
        out[i] = (char)tolower((unsigned char)out[i]);
    return out;
}

const char **sql_strv_new(struct arena *a, size_t n)
{
    return arena_alloc(a, (n ? n : 1) * sizeof(const char *));
}

struct sql_op *sql_op_push(struct builder *b, enum sql_op_kind kind, uint32_t stmt,
                           uint32_t start, uint32_t end)
{
    struct sql_op op = {.kind = kind, .stmt = stmt, .start = start, .end = end};
    VEC_PUSH(b->ops, op);
    return &b->ops.v[b->ops.n - 1];
}

/* The node name of the first statement in libpg_query's JSON, without parsing it all. */
static const char *pg_kind(struct arena *a, const char *json)
{
    const char *p = strstr(json, "{\"stmt\":{\"");
    if (!p)
        return NULL;
    p += strlen("{\"stmt\":{\"");
    const char *q = strchr(p, '"');
    return q ? arena_strndup(a, p, (size_t)(q - p)) : NULL;
}

/* Statement kinds that change the schema: only these have their JSON read. */
static bool pg_kind_changes_schema(const char *kind)
{
    static const char *const kinds[] = {
        "CreateStmt", "AlterTableStmt", "IndexStmt", "DropStmt", "RenameStmt",
        "AlterObjectSchemaStmt", "CreateTableAsStmt", "CreatePolicyStmt", "AlterPolicyStmt",
        "CreateFunctionStmt", "AlterFunctionStmt", "GrantStmt", "AlterDefaultPrivilegesStmt",
        "ViewStmt", "TruncateStmt", "DeleteStmt", "UpdateStmt",
    };
    for (size_t i = 0; kind && i < ARRAY_SIZE(kinds); i++)
        if (strcmp(kind, kinds[i]) == 0)
            return true;
    return false;
}

typedef VEC(const char *) str_vec;

/* Blanks out psql variables (:name, :'name', :"name") in text, keeping every byte offset:
 * migrations run through psql (graphile-worker's :GRAPHILE_WORKER_SCHEMA) use them for schema
 * names. ':' becomes '_' before a name and ' ' before a quote; strings, quoted identifiers,
 * dollar-quoted bodies and comments are left alone. The names of :name variables are added to
 * vars (pointing into t). Returns whether anything changed. */
static bool psql_vars_blank(char *t, size_t n, str_vec *vars)
{
    bool changed = false;
    for (size_t i = 0; i < n; i++) {
        char ch = t[i];
        if (ch == '\'' || ch == '"') {
            for (i++; i < n && t[i] != ch; i++)
                ;
        } else if (ch == '-' && i + 1 < n && t[i + 1] == '-') {
            while (i < n && t[i] != '\n')
                i++;
        } else if (ch == '$' && (i == 0 || !(isalnum((unsigned char)t[i - 1]) || t[i - 1] == '_'))) {
            /* $tag$ ... $tag$ */
            size_t k = i + 1;
            while (k < n && (isalnum((unsigned char)t[k]) || t[k] == '_'))
                k++;
            if (k >= n || t[k] != '$')
                continue;
            size_t taglen = k - i + 1;
            const char *close = NULL;
            for (size_t j = k + 1; j + taglen <= n; j++)
                if (memcmp(t + j, t + i, taglen) == 0) {
                    close = t + j;
                    break;
                }
            i = close ? (size_t)(close - t) + taglen - 1 : n;
        } else if (ch == ':' && i + 1 < n && (i == 0 || t[i - 1] != ':') && t[i + 1] != ':') {
            char next = t[i + 1];
            if (isalpha((unsigned char)next) || next == '_') {
                t[i] = '_';
                VEC_PUSH(*vars, t + i);
                changed = true;
            } else if (next == '\'' || next == '"') {
                t[i] = ' ';
                changed = true;
            }
        }
    }
    return changed;
}

/* A blanked variable's name as Postgres folded it ("_app_schema") back to what the migration
 * says (":APP_SCHEMA"), in the names of the operations from index first on. */
static void psql_name_restore(struct builder *b, const char **name, const str_vec *vars)
{
    for (size_t i = 0; *name && i < vars->n; i++) {
        const char *v = vars->v[i]; /* "_APP_SCHEMA..." in the blanked text */
        size_t len = 1;
        while (isalnum((unsigned char)v[len]) || v[len] == '_')
            len++;
        if (strlen(*name) != len || (*name)[0] != '_')
            continue;
        bool same = true;
        for (size_t k = 1; same && k < len; k++)
            same = (*name)[k] == tolower((unsigned char)v[k]);
        if (same) {
            char *orig = arena_strndup(b->arena, v, len);
            orig[0] = ':';
            *name = orig;
            return;
        }
    }
}

static void psql_vars_restore(struct builder *b, size_t first, const str_vec *vars)
{
    for (size_t i = first; vars->n && i < b->ops.n; i++) {
        struct sql_op *op = &b->ops.v[i];
        psql_name_restore(b, &op->rel.schema, vars);
        psql_name_restore(b, &op->rel.name, vars);
        for (size_t k = 0; k < op->ncons; k++) {
            psql_name_restore(b, &op->cons[k].ref.schema, vars);
            psql_name_restore(b, &op->cons[k].ref.name, vars);
        }
    }
}

/* Does the keyword w (lowercase) start at t[*i], as a whole word? Then *i moves past it and the
 * blanks after it. */
static bool pg_keyword(const char *t, uint32_t *i, uint32_t end, const char *w)
{
    if (*i >= end || tolower((unsigned char)t[*i]) != w[0])
        return false; /* most tries end here: no strlen, no strncasecmp */
    uint32_t n = (uint32_t)strlen(w);
    if (end - *i < n || strncasecmp(t + *i, w, n) != 0)
        return false;
    if (end - *i > n && (isalnum((unsigned char)t[*i + n]) || t[*i + n] == '_'))
        return false;
    *i = skip_blank(t, *i + n, end);
    return true;
}

/* The node of a statement whose tree the front end never reads (it neither changes the schema
 * nor needs its roles looked at), told from its first keywords; NULL for every other statement.
 * Postgres's grammar makes these keywords decide the node. */
static const char *pg_kind_unread(const char *t, uint32_t i, uint32_t end)
{
    if (pg_keyword(t, &i, end, "insert"))
        return "InsertStmt";
    if (pg_keyword(t, &i, end, "comment"))
        return "CommentStmt";
    if (pg_keyword(t, &i, end, "do"))
        return "DoStmt";
    if (!pg_keyword(t, &i, end, "create"))
        return NULL;
    if (pg_keyword(t, &i, end, "or") && !pg_keyword(t, &i, end, "replace"))
        return NULL;
    pg_keyword(t, &i, end, "constraint");
    return pg_keyword(t, &i, end, "trigger") ? "CreateTrigStmt" : NULL;
}

/* Postgres's verdict on a statement: with its JSON tree (pg_query_parse), or, for a statement
 * whose tree is never read, only whether it parses (pg_query_split_with_parser runs the same
 * parser but writes nothing out: writing the JSON is 60% of pg_query_parse, and seed INSERTs,
 * policies, comments and function bodies hold half the JSON of the bench's migration set). */
struct pg_verdict {
    bool tree;
    PgQueryParseResult parse; /* when tree */
    PgQuerySplitResult split; /* otherwise */
};

static void pg_verdict_run(struct pg_verdict *v, const char *text)
{
    if (v->tree)
        v->parse = pg_query_parse(text);
    else
        v->split = pg_query_split_with_parser(text);
}

static const PgQueryError *pg_verdict_error(const struct pg_verdict *v)
{
    return v->tree ? v->parse.error : v->split.error;
}

static void pg_verdict_release(struct pg_verdict *v)
{
    if (v->tree)
        pg_query_free_parse_result(v->parse);
    else
        pg_query_free_split_result(v->split);
}

/* Parses one statement [raw, end) with Postgres; start is where its text begins after
 * comments. Returns false when Postgres rejects it. */
static bool pg_statement(struct builder *b, uint32_t raw, uint32_t start, uint32_t end,
                         struct sql_stmt *st)
{
    const char *unread = pg_kind_unread(b->src->text, start, end);
    if (unread && b->file_parses) {
        st->parser = SQL_PARSER_POSTGRES;
        st->kind = unread;
        if (strcmp(unread, "CreatePolicyStmt") == 0)
            b->supabase_marks = true;
        return true;
    }
    char *text = xstrndup(b->src->text + raw, end - raw);
    struct pg_verdict r = {.tree = !unread};
    pg_verdict_run(&r, text);
    str_vec vars = {0};
    if (pg_verdict_error(&r) && psql_vars_blank(text, end - raw, &vars)) {
        struct pg_verdict retry = {.tree = r.tree};
        pg_verdict_run(&retry, text);
        if (!pg_verdict_error(&retry)) {
            pg_verdict_release(&r);
            r = retry;
        } else {
            pg_verdict_release(&retry);
        }
    }
    const PgQueryError *error = pg_verdict_error(&r);
    const char *json = r.tree ? r.parse.parse_tree : NULL;
    bool ok = !error && (json || unread);
    if (ok) {
        st->parser = SQL_PARSER_POSTGRES;
        st->kind = json ? pg_kind(b->arena, json) : unread;
        if (st->kind && (strcmp(st->kind, "CreatePolicyStmt") == 0 ||
                         (json &&
                          (strcmp(st->kind, "GrantStmt") == 0 ||
                           strcmp(st->kind, "AlterDefaultPrivilegesStmt") == 0) &&
                          (strstr(json, "\"rolename\":\"anon\"") ||
                           strstr(json, "\"rolename\":\"authenticated\"") ||
                           strstr(json, "\"rolename\":\"service_role\"")))))
            b->supabase_marks = true;
        if (json && pg_kind_changes_schema(st->kind)) {
            struct pg_ctx c = {b, &b->json, (uint32_t)b->stmts.n, raw, start, end};
            size_t before = b->ops.n;
            if (jdoc_index(&b->json, json))
                pg_extract(&c);
            psql_vars_restore(b, before, &vars);
        }
    } else if (error && error->message) {
        st->error = arena_strndup(b->arena, error->message, strlen(error->message));
    }
    pg_verdict_release(&r);
    VEC_FREE(vars);
    free(text);
    return ok;
}

/* The file ---------------------------------------------------------------------------------- */

/* Case-insensitive: does [t, t+n) contain word? */
static bool contains_ci(const char *t, size_t n, const char *word)
{
    size_t w = strlen(word);
    for (size_t i = 0; i + w <= n; i++)
        if (strncasecmp(t + i, word, w) == 0)
            return true;
    return false;
}

/* Marks of MySQL and SQLite in a statement Postgres rejected. */
static bool other_dialect_marks(const char *t, size_t n)
{
    return memchr(t, '`', n) || contains_ci(t, n, "auto_increment") ||
           contains_ci(t, n, "autoincrement") || contains_ci(t, n, "engine=") ||
           contains_ci(t, n, "engine =") || (n >= 6 && strncasecmp(t, "pragma", 6) == 0);
}

/* Does [t, t+n) hold a dollar quote ($$ or $tag$)? */
static bool has_dollar_quote(const char *t, size_t n)
{
    for (const char *p = memchr(t, '$', n); p; p = memchr(p + 1, '$', n - (size_t)(p + 1 - t))) {
        const char *q = p + 1;
        while (q < t + n && (isalnum((unsigned char)*q) || *q == '_'))
            q++;
        if (q < t + n && *q == '$')
            return true;
        if (p + 1 >= t + n)
            break;
    }
    return false;
}

static void add_statement(struct builder *b, uint32_t raw, uint32_t end)
{
    uint32_t start = skip_blank(b->src->text, raw, end);
    if (start >= end)
        return; /* only comments */
    struct sql_stmt st = {.start = start, .end = end};
    /* Function bodies and DO blocks are dollar-quoted; tree-sitter-sql 0.3.11's scanner leaks
     * the tag of every dollar quote it deserializes, and such statements never hold the
     * CREATE TABLE / INDEX facts the fallback is for: they are skipped instead */
    if (!pg_statement(b, raw, start, end, &st)) {
        const char *text = b->src->text + start;
        if (other_dialect_marks(text, end - start))
            b->other_dialect = true;
        if (!has_dollar_quote(text, end - start))
            sql_fallback_statement(b, start, end, &st);
    }
    VEC_PUSH(b->stmts, st);
    /* a DO block's statements are statements of the file too; DO nested in DO is not read */
    if (st.kind && strcmp(st.kind, "DoStmt") == 0 && !b->in_do) {
        b->in_do = true;
        sql_do_block(b, start, end, add_statement);
        b->in_do = false;
    }
}

/* The largest file parsed whole before it is split (see sql_parse_file). */
enum { SQL_WHOLE_PARSE_MAX = 256 * 1024 };

struct sql_file *sql_parse_file(const struct source *src, struct arena *arena)
{
    struct sql_file *sf = arena_alloc(arena, sizeof(*sf));
    struct builder b = {.src = src, .arena = arena};
    /* COPY data and unreadable quotes blanked: the statements are split from that copy */
    struct sql_data data;
    sql_data_blank(&data, src->text, src->len, arena);
    struct source blanked;
    if (data.text) {
        blanked = *src;
        blanked.text = data.text;
        b.src = &blanked;
        src = &blanked;
    }

    /* Most migration files parse whole: then one run of the parser over the file gives the
     * statements' bounds (the scanner's, on every such file of the bench and fixture sets) and
     * says that each parses, so the statements whose tree is never read need no parse of their
     * own. Otherwise the scanner splits the file, and each statement is parsed alone. The
     * parser holds the whole file's tree at once (6 to 7 times the text), so a large file (a
     * schema dump) is always split by the scanner. */
    PgQuerySplitResult split = {0};
    if (src->len <= SQL_WHOLE_PARSE_MAX) {
        split = pg_query_split_with_parser(src->text);
        b.file_parses = !split.error;
        if (!b.file_parses)
            pg_query_free_split_result(split);
    }
    if (!b.file_parses)
        split = pg_query_split_with_scanner(src->text);
    if (split.error) {
        /* the scanner gave up (an unterminated quote): the file is one statement for
         * tree-sitter, whose clean parts still count */
        add_statement(&b, 0, src->len);
    } else {
        for (int i = 0; i < split.n_stmts; i++) {
            int loc = split.stmts[i]->stmt_location, len = split.stmts[i]->stmt_len;
            if (loc < 0 || len < 0 || (uint32_t)loc > src->len)
                continue;
            uint32_t end = (uint32_t)loc + (uint32_t)len;
            add_statement(&b, (uint32_t)loc, end > src->len ? src->len : end);
        }
    }
    pg_query_free_split_result(split);
    if (b.ts)
        ts_parser_delete(b.ts);
    jdoc_release(&b.json);

    sf->nstmts = b.stmts.n;
    sf->stmts = arena_alloc(arena, (b.stmts.n ? b.stmts.n : 1) * sizeof(*sf->stmts));
    if (b.stmts.n)
        memcpy(sf->stmts, b.stmts.v, b.stmts.n * sizeof(*sf->stmts));
    sf->nops = b.ops.n;
    sf->ops = arena_alloc(arena, (b.ops.n ? b.ops.n : 1) * sizeof(*sf->ops));
    if (b.ops.n)
        memcpy(sf->ops, b.ops.v, b.ops.n * sizeof(*sf->ops));
    for (size_t i = 0; i < b.stmts.n; i++) {
        sf->statements++;
        if (b.stmts.v[i].parser != SQL_PARSER_NONE)
            sf->understood++;
        if (b.stmts.v[i].parser == SQL_PARSER_TREE_SITTER)
            sf->fallback++;
    }
    sf->problems = data.problems;
    sf->nproblems = data.nproblems;
    sf->other_dialect = b.other_dialect;
    sf->supabase_marks = b.supabase_marks;
    for (size_t i = 0; i < b.ops.n && !sf->supabase_marks; i++) {
        const struct sql_op *op = &b.ops.v[i];
        if (op->kind == SQL_OP_RLS_ENABLE || op->kind == SQL_OP_RLS_FORCE)
            sf->supabase_marks = true;
        for (size_t k = 0; k < op->ncons; k++)
            if (op->cons[k].ref.schema && strcmp(op->cons[k].ref.schema, "auth") == 0)
                sf->supabase_marks = true;
    }
    VEC_FREE(b.stmts);
    VEC_FREE(b.ops);
    return sf;
}

const char *sql_op_kind_name(enum sql_op_kind kind)
{
    static const char *const names[] = {
        [SQL_OP_CREATE_TABLE] = "create_table",
        [SQL_OP_DROP_TABLE] = "drop_table",
        [SQL_OP_ADD_COLUMN] = "add_column",
        [SQL_OP_DROP_COLUMN] = "drop_column",
        [SQL_OP_ADD_CONSTRAINT] = "add_constraint",
        [SQL_OP_DROP_CONSTRAINT] = "drop_constraint",
        [SQL_OP_RENAME_TABLE] = "rename_table",
        [SQL_OP_RENAME_COLUMN] = "rename_column",
        [SQL_OP_RENAME_CONSTRAINT] = "rename_constraint",
        [SQL_OP_RENAME_INDEX] = "rename_index",
        [SQL_OP_SET_SCHEMA] = "set_schema",
        [SQL_OP_CREATE_INDEX] = "create_index",
        [SQL_OP_DROP_INDEX] = "drop_index",
        [SQL_OP_RLS_ENABLE] = "rls_enable",
        [SQL_OP_RLS_DISABLE] = "rls_disable",
        [SQL_OP_RLS_FORCE] = "rls_force",
        [SQL_OP_RLS_NO_FORCE] = "rls_no_force",
        [SQL_OP_DROP_SCHEMA] = "drop_schema",
        [SQL_OP_CREATE_POLICY] = "create_policy",
        [SQL_OP_ALTER_POLICY] = "alter_policy",
        [SQL_OP_DROP_POLICY] = "drop_policy",
        [SQL_OP_CREATE_FUNCTION] = "create_function",
        [SQL_OP_ALTER_FUNCTION] = "alter_function",
        [SQL_OP_DROP_FUNCTION] = "drop_function",
        [SQL_OP_GRANT] = "grant",
        [SQL_OP_REVOKE] = "revoke",
        [SQL_OP_CREATE_VIEW] = "create_view",
        [SQL_OP_ALTER_VIEW] = "alter_view",
        [SQL_OP_DROP_VIEW] = "drop_view",
        [SQL_OP_TRUNCATE] = "truncate",
        [SQL_OP_ALTER_COLUMN_TYPE] = "alter_column_type",
        [SQL_OP_DELETE_ALL] = "delete_all",
        [SQL_OP_UPDATE_ALL] = "update_all",
    };
    return (unsigned)kind < ARRAY_SIZE(names) && names[kind] ? names[kind] : "unknown";
}
