/* security_sql_string_formatting.c — SQL text built by string formatting (f-strings, %,
 * format(), concatenation, join, template literals) with a part that varies at run time, and
 * executed by a database driver (CWE-89).
 *
 * From each driver call it follows the query argument back through local assignments
 * (localdefs.h) to the places the string is built, and asks constval.h whether the pieces put
 * into it vary; constants, numbers, placeholder lists and lookups in fixed tables do not.
 * In C and C++ (libclang's view, cview.h) the same question goes to cstr.h: text built with
 * sprintf, strcat, sqlite3_mprintf or std::string's + from a piece that is not a constant,
 * reaching libpq, SQLite or MySQL.
 */
#include <string.h>

#include "check.h"
#include "front/cview.h"
#include "front/kinds.h"
#include "model/constval.h"
#include "model/cstr.h"
#include "model/localdefs.h"
#include "model/sql_piece.h"
#include "model/strbuild.h"
#include "front/syntax.h"

enum driver {
    DRV_AUTO, /* an execute-like method: by what the file imports */
    DRV_PSYCOPG, DRV_SQLITE, DRV_MYSQL, DRV_ASYNCPG, DRV_SQLALCHEMY, DRV_DJANGO,
    DRV_DJANGO_EXTRA, DRV_PANDAS, DRV_DATABASES, DRV_PG8000,
    DRV_PG, DRV_MYSQL2, DRV_PRISMA, DRV_KNEX, DRV_SEQUELIZE, DRV_POSTGRESJS, DRV_BETTERSQLITE,
    DRV_DRIZZLE,
    DRV_COUNT
};

/* What to do instead, per driver. */
static const char *const advice[DRV_COUNT] = {
    [DRV_PSYCOPG] = "pass values as parameters, execute(\"... WHERE id = %s\", (value,)), and "
                    "compose identifiers with psycopg.sql",
    [DRV_SQLITE] = "pass values as parameters: execute(\"... WHERE id = ?\", (value,))",
    [DRV_MYSQL] = "pass values as parameters: execute(\"... WHERE id = %s\", (value,))",
    [DRV_ASYNCPG] = "pass values as arguments for $1, $2 placeholders: "
                    "fetch(\"... WHERE id = $1\", value)",
    [DRV_SQLALCHEMY] = "use bound parameters: text(\"... WHERE id = :id\") executed with "
                       "{\"id\": value}",
    [DRV_DJANGO] = "pass values as params: raw(\"... WHERE id = %s\", [value])",
    [DRV_DJANGO_EXTRA] = "pass values as params: extra(where=[\"price > %s\"], params=[value])",
    [DRV_PANDAS] = "pass values with params=: read_sql(\"... WHERE id = %(id)s\", con, "
                   "params={\"id\": value})",
    [DRV_DATABASES] = "use :name placeholders with values=: "
                      "fetch_all(\"... WHERE id = :id\", values={\"id\": value})",
    [DRV_PG8000] = "use :name placeholders with the values as keywords: "
                   "run(\"... WHERE id = :id\", id=value)",
    [DRV_PG] = "use $1 placeholders with a values array: query('... WHERE id = $1', [value])",
    [DRV_MYSQL2] = "use ? placeholders with a values array: "
                   "execute('... WHERE id = ?', [value])",
    [DRV_PRISMA] = "use the tagged template $queryRaw`... ${value}` (or Prisma.sql), which "
                   "binds values",
    [DRV_KNEX] = "use bindings: raw('... WHERE id = ?', [value]), with ?? for identifiers",
    [DRV_SEQUELIZE] = "use replacements: query('... WHERE id = :id', "
                      "{ replacements: { id: value } })",
    [DRV_POSTGRESJS] = "use the sql`...` tagged template, which binds values (sql(name) for "
                       "identifiers)",
    [DRV_BETTERSQLITE] = "use ? placeholders: prepare('... WHERE id = ?').get(value)",
    [DRV_DRIZZLE] = "use the sql`...` tagged template, which binds values (sql.identifier() "
                    "for names)",
};

/* Imports that choose the advice for execute-like methods. */
enum {
    IMP_PSYCOPG = 1 << 0, IMP_SQLITE = 1 << 1, IMP_MYSQL = 1 << 2, IMP_ASYNCPG = 1 << 3,
    IMP_SQLALCHEMY = 1 << 4, IMP_DJANGO = 1 << 5, IMP_DATABASES = 1 << 6,
    IMP_SEQUELIZE = 1 << 7, IMP_MYSQL2 = 1 << 8, IMP_KNEX = 1 << 9, IMP_DRIZZLE = 1 << 10,
    IMP_PG8000 = 1 << 11,
};

struct import_rule {
    const char *module; /* a prefix for TS (drizzle-orm/pg-core), the top package for Python */
    unsigned flag;
};
static const struct import_rule imports_py[] = {
    {"psycopg", IMP_PSYCOPG}, {"psycopg2", IMP_PSYCOPG}, {"psycopg_pool", IMP_PSYCOPG},
    {"sqlite3", IMP_SQLITE}, {"aiosqlite", IMP_SQLITE}, {"pymysql", IMP_MYSQL},
    {"MySQLdb", IMP_MYSQL}, {"mysql", IMP_MYSQL}, {"aiomysql", IMP_MYSQL},
    {"asyncpg", IMP_ASYNCPG}, {"sqlalchemy", IMP_SQLALCHEMY}, {"sqlmodel", IMP_SQLALCHEMY},
    {"django", IMP_DJANGO}, {"databases", IMP_DATABASES}, {"pg8000", IMP_PG8000}, {NULL, 0}};
static const struct import_rule imports_ts[] = {
    {"sequelize", IMP_SEQUELIZE}, {"mysql", IMP_MYSQL2}, {"knex", IMP_KNEX},
    {"drizzle-orm", IMP_DRIZZLE}, {NULL, 0}};

enum arg_rule { ARG_FIRST, ARG_DJANGO_EXTRA };

struct sink {
    const char *name;    /* the method or function called */
    enum driver driver;  /* DRV_AUTO: by imports */
    bool strong;         /* only SQL goes there: no need for SQL words in the text */
    enum arg_rule arg;
    bool names;          /* the text is a list of names (order_by(text(...))) */
};

static const struct sink sinks_py[] = {
    {"execute", DRV_AUTO, false, ARG_FIRST},
    {"executemany", DRV_AUTO, false, ARG_FIRST},
    {"executescript", DRV_SQLITE, false, ARG_FIRST},
    {"execute_fetchall", DRV_SQLITE, false, ARG_FIRST},
    {"exec_driver_sql", DRV_SQLALCHEMY, true, ARG_FIRST},
    {"fetch", DRV_ASYNCPG, false, ARG_FIRST},
    {"fetchrow", DRV_ASYNCPG, false, ARG_FIRST},
    {"fetchval", DRV_ASYNCPG, false, ARG_FIRST},
    {"fetch_all", DRV_DATABASES, false, ARG_FIRST},
    {"fetch_one", DRV_DATABASES, false, ARG_FIRST},
    {"fetch_val", DRV_DATABASES, false, ARG_FIRST},
    {"text", DRV_SQLALCHEMY, false, ARG_FIRST},
    {"raw", DRV_DJANGO, false, ARG_FIRST},
    {"RawSQL", DRV_DJANGO, false, ARG_FIRST},
    {"extra", DRV_DJANGO_EXTRA, true, ARG_DJANGO_EXTRA},
    {"read_sql", DRV_PANDAS, true, ARG_FIRST},
    {"read_sql_query", DRV_PANDAS, true, ARG_FIRST},
    {"run", DRV_PG8000, false, ARG_FIRST}, /* pg8000.native: only where pg8000 is imported */
    {NULL, 0, false, 0}};
/* SQLAlchemy Query methods whose text() argument is SQL whatever words it holds. */
static const char *const query_clauses_py[] = {"filter", "where", "order_by", "group_by",
                                               "having", NULL};
static const struct sink sinks_ts[] = {
    {"query", DRV_AUTO, false, ARG_FIRST},
    {"execute", DRV_MYSQL2, false, ARG_FIRST},
    {"$queryRawUnsafe", DRV_PRISMA, true, ARG_FIRST},
    {"$executeRawUnsafe", DRV_PRISMA, true, ARG_FIRST},
    {"raw", DRV_AUTO, false, ARG_FIRST},
    {"whereRaw", DRV_KNEX, true, ARG_FIRST},
    {"orWhereRaw", DRV_KNEX, true, ARG_FIRST},
    {"andWhereRaw", DRV_KNEX, true, ARG_FIRST},
    {"havingRaw", DRV_KNEX, true, ARG_FIRST},
    {"orHavingRaw", DRV_KNEX, true, ARG_FIRST},
    {"orderByRaw", DRV_KNEX, true, ARG_FIRST},
    {"groupByRaw", DRV_KNEX, true, ARG_FIRST},
    {"joinRaw", DRV_KNEX, true, ARG_FIRST},
    {"fromRaw", DRV_KNEX, true, ARG_FIRST},
    {"unsafe", DRV_POSTGRESJS, false, ARG_FIRST},
    {"prepare", DRV_BETTERSQLITE, false, ARG_FIRST},
    {"exec", DRV_BETTERSQLITE, false, ARG_FIRST},
    {NULL, 0, false, 0}};

/* When the varying piece stands where SQL wants a table or column name, binding is no fix:
 * drivers bind values only. */
static const char *const name_advice[DRV_COUNT] = {
    [DRV_PSYCOPG] = "compose it with psycopg.sql.Identifier, or take it from a fixed list of "
                    "names",
    [DRV_PG] = "take it from a fixed list of names, or quote it with pg's escapeIdentifier()",
    [DRV_KNEX] = "pass it as a ?\? binding: raw('SELECT * FROM ?\?', [name])",
    [DRV_POSTGRESJS] = "put sql(name) in the sql`...` tagged template",
    [DRV_DRIZZLE] = "put sql.identifier(name) in the sql`...` tagged template",
    [DRV_SQLALCHEMY] = "take it from a fixed list of names, or use SQLAlchemy's Table and "
                       "column objects",
};
/* The grammar's symbols the walk compares instead of type names (front/kinds.h). Zero where
 * a grammar lacks one (no node has symbol 0). */
struct sql_symbols {
    TSSymbol call;       /* call, call_expression */
    TSSymbol identifier;
    TSSymbol access;     /* attribute, member_expression */
    TSSymbol wrap[5];    /* what syntax_strip() looks through */
    TSSymbol import_statement, import_from_statement;
};

static struct sql_symbols symbols_of(const struct check_file *f)
{
    const struct syntax_syms *k = syntax_syms(f->tree ? ts_tree_language(f->tree) : NULL);
    bool py = f->lang == LANG_PYTHON;
    return (struct sql_symbols){
        .call = py ? k->call : k->call_expression,
        .identifier = k->identifier,
        .access = py ? k->attribute : k->member_expression,
        .wrap = {k->parenthesized_expression, k->as_expression, k->satisfies_expression,
                 k->non_null_expression, k->type_assertion},
        .import_statement = k->import_statement,
        .import_from_statement = py ? k->import_from_statement : 0,
    };
}

/* The text of n for a message: one line, at most 40 bytes. */
static char *short_text(struct check_file *f, TSNode n)
{
    char *s = node_text(f, n);
    for (char *p = s; *p; p++)
        if (*p == '\n' || *p == '\r' || *p == '\t')
            *p = ' ';
    if (strlen(s) > 40)
        strcpy(s + 37, "...");
    return s;
}

static unsigned file_imports(struct check_file *f, const struct sql_symbols *sym)
{
    unsigned flags = 0;
    bool py = f->lang == LANG_PYTHON;
    const struct node_table *t = f->nodes;
    const struct node_entry *v = t->v;
    for (uint32_t i = 0; i < t->n && !check_out_of_time(f);) {
        TSNode n = v[i].node;
        TSSymbol s = v[i].sym;
        TSNode mod = {0};
        if (py && s == sym->import_from_statement) {
            mod = node_field(n, "module_name");
        } else if (py && s == sym->import_statement) {
            mod = ts_node_named_child(n, 0);
            if (node_is(mod, "aliased_import"))
                mod = node_field(mod, "name");
        } else if (!py && s == sym->import_statement) {
            mod = node_field(n, "source");
        } else if (!py && s == sym->call && i + 1 < v[i].end &&
                   node_text_eq(f, v[i + 1].node, "require")) {
            /* the callee is the call's first named child */
            mod = syntax_arg(n, 0);
        }
        if (ts_node_is_null(mod)) {
            i++;
            continue;
        }
        char *name = node_text(f, mod);
        if (!py) {
            size_t len = strlen(name);
            if (len >= 2 && (name[0] == '"' || name[0] == '\'')) {
                name[len - 1] = '\0';
                name++;
            }
        } else {
            name[strcspn(name, ".")] = '\0';
        }
        for (const struct import_rule *r = py ? imports_py : imports_ts; r->module; r++)
            if (py ? strcmp(name, r->module) == 0 : str_starts_with(name, r->module))
                flags |= r->flag;
        i = v[i].end; /* nothing inside an import matters */
    }
    return flags;
}

static enum driver resolve_driver(const struct sink *s, unsigned imports, bool py,
                                  struct check_file *f, TSNode fn)
{
    if (s->driver != DRV_AUTO)
        return s->driver;
    if (py) {
        /* a DB-API cursor takes the placeholders of its module; other receivers are the
         * connections and sessions of the async drivers and SQLAlchemy */
        char *recv = node_is(fn, "attribute") ? node_text(f, node_field(fn, "object")) : "";
        bool cursor = str_icontains(recv, "cur");
        if (!cursor && (imports & IMP_ASYNCPG))
            return DRV_ASYNCPG;
        /* a connection the file also calls fetchrow/fetchval on is asyncpg's, wherever the
         * pool was made (a dependency, another module): its execute takes $1 too */
        if (!cursor && !(imports & (IMP_DATABASES | IMP_PSYCOPG)) &&
            (strstr(f->src->text, ".fetchrow(") || strstr(f->src->text, ".fetchval(")))
            return DRV_ASYNCPG;
        if (imports & IMP_SQLITE)
            return DRV_SQLITE;
        if (!cursor && (imports & IMP_DATABASES))
            return DRV_DATABASES;
        if (imports & IMP_PSYCOPG)
            return DRV_PSYCOPG;
        if (imports & IMP_MYSQL)
            return DRV_MYSQL;
        if (!cursor && (imports & IMP_SQLALCHEMY))
            return DRV_SQLALCHEMY;
        if (imports & IMP_DJANGO)
            return DRV_MYSQL; /* Django's cursor takes %s and a params list */
        return DRV_PSYCOPG;
    }
    if (strcmp(s->name, "raw") == 0) {
        TSNode obj = syntax_strip(node_field(fn, "object"));
        if ((imports & IMP_DRIZZLE) && !(imports & IMP_KNEX))
            return DRV_DRIZZLE;
        return node_text_eq(f, obj, "sql") && !(imports & IMP_KNEX) ? DRV_DRIZZLE : DRV_KNEX;
    }
    if (imports & IMP_SEQUELIZE)
        return DRV_SEQUELIZE;
    if (imports & IMP_MYSQL2)
        return DRV_MYSQL2;
    return DRV_PG;
}

/* A cheap first look at call i of the node table: false when match_sink() would surely say
 * NULL, because the callee's last name is no sink's. Callees that syntax_strip() would unwrap
 * are left to match_sink(). */
static bool may_be_sink(const struct check_file *f, const struct sql_symbols *sym, uint32_t i)
{
    const struct node_entry *v = f->nodes->v;
    uint32_t fn = i + 1; /* the callee is the call's first named child */
    if (fn >= v[i].end)
        return false;
    TSSymbol s = v[fn].sym;
    uint32_t name = fn;
    if (s == sym->access) {
        /* the attribute or property is the access's last named child */
        for (uint32_t j = fn + 1; j < v[fn].end; j = v[j].end)
            name = j;
        if (name == fn)
            return false;
    } else if (s != sym->identifier) {
        for (size_t k = 0; k < sizeof(sym->wrap) / sizeof(*sym->wrap); k++)
            if (sym->wrap[k] && s == sym->wrap[k])
                return true;
        return false;
    }
    uint32_t a = ts_node_start_byte(v[name].node), b = ts_node_end_byte(v[name].node);
    const char *text = f->src->text + a;
    size_t len = b - a;
    for (const struct sink *k = f->lang == LANG_PYTHON ? sinks_py : sinks_ts; k->name; k++)
        if (k->name[0] == text[0] && strncmp(k->name, text, len) == 0 && k->name[len] == '\0')
            return true;
    return false;
}

/* The sink the call is, or NULL. */
static const struct sink *match_sink(struct check_file *f, TSNode call, unsigned imports)
{
    bool py = f->lang == LANG_PYTHON;
    TSNode fn = syntax_strip(node_field(call, "function"));
    TSNode name;
    if (node_is(fn, "identifier"))
        name = fn;
    else if (node_is(fn, py ? "attribute" : "member_expression"))
        name = node_field(fn, py ? "attribute" : "property");
    else
        return NULL;
    if (!py && node_is(node_field(call, "arguments"), "template_string"))
        return NULL; /* a tagged template binds its values */
    char *text = node_text(f, name);
    for (const struct sink *s = py ? sinks_py : sinks_ts; s->name; s++) {
        if (strcmp(s->name, text) != 0)
            continue;
        /* a bare f() is one of these only for the functions that are used that way */
        if (node_is(fn, "identifier") && strcmp(text, "text") != 0 &&
            strcmp(text, "RawSQL") != 0 && strcmp(text, "read_sql") != 0 &&
            strcmp(text, "read_sql_query") != 0)
            return NULL;
        if (strcmp(text, "run") == 0 && !(imports & IMP_PG8000))
            return NULL;
        if (strcmp(text, "text") == 0) {
            /* sqlalchemy.text(): imported, or called through the module */
            char *path = node_is(fn, "attribute") ? syntax_dotted(f, node_field(fn, "object")) : NULL;
            bool module = path && (strcmp(path, "sa") == 0 || str_starts_with(path, "sqlalchemy"));
            if (!module && !(node_is(fn, "identifier") && (imports & IMP_SQLALCHEMY)))
                return NULL;
        }
        return s;
    }
    return NULL;
}

static void check_arg(struct check_file *f, struct localdefs_memo *memo, TSNode call, TSNode arg,
                      const struct sink *s, enum driver drv)
{
    struct strbuild b;
    strbuild_trace(f, memo, arg, sql_piece_has_sql_word, &b);
    if (b.n == 0 || !(s->strong || b.text_seen))
        return;

    bool py = f->lang == LANG_PYTHON;
    TSNode fn = syntax_strip(node_field(call, "function"));
    char *callee = syntax_dotted(f, fn);
    if (!callee || strlen(callee) > 40)
        callee = node_text(f, node_is(fn, "identifier") ? fn
                                                          : node_field(fn, py ? "attribute" : "property"));
    const struct strbuild_site *first = &b.sites[0];
    const char *how = strbuild_how_text(first->how);
    if (!ts_node_is_null(first->via))
        /* built in a helper of the file: name it */
        how = arena_printf(f->arena, "%s in %s()", how,
                           node_text(f, syntax_strip(node_field(first->via, "function"))));
    struct finding *fd;
    if (s->names || sql_piece_wants_name(f, first->piece, drv != DRV_MYSQL && drv != DRV_MYSQL2))
        fd = check_report(f, arg,
                          "SQL built with %s puts '%s' in as a table or column name and "
                          "reaches %s(); drivers bind values, not names: %s",
                          how, short_text(f, first->piece), callee,
                          name_advice[drv] ? name_advice[drv]
                                           : "take it from a fixed list of names");
    else
        fd = check_report(f, arg, "SQL built with %s from '%s' reaches %s(); %s", how,
                          short_text(f, first->piece), callee, advice[drv]);
    for (size_t i = 0; i < b.n; i++) {
        if (ts_node_eq(b.sites[i].at, syntax_strip(arg)))
            continue;
        finding_related(fd, ts_node_start_byte(b.sites[i].at), ts_node_end_byte(b.sites[i].at),
                        "the SQL string is built here with %s",
                        strbuild_how_text(b.sites[i].how));
    }
    if (!ts_node_is_null(first->via) && !ts_node_eq(first->via, syntax_strip(arg)))
        finding_related(fd, ts_node_start_byte(first->via), ts_node_end_byte(first->via),
                        "the helper that builds it is called here");
}

/* ---- C and C++ ------------------------------------------------------------------------ */

enum c_api { C_LIBPQ, C_SQLITE, C_MYSQL };

static const char *const c_advice[] = {
    [C_LIBPQ] = "pass the values as parameters: PQexecParams(conn, \"... WHERE id = $1\", 1, "
                "NULL, values, NULL, NULL, 0)",
    [C_SQLITE] = "prepare with ? placeholders and bind the values (sqlite3_prepare_v2, "
                 "sqlite3_bind_text), or quote them with %q in sqlite3_mprintf",
    [C_MYSQL] = "use a prepared statement: mysql_stmt_prepare with ? placeholders and "
                "mysql_stmt_bind_param",
};

/* The C APIs that run SQL text, and which argument is the text. */
static const struct c_sink {
    const char *name;
    unsigned arg;
    enum c_api api;
} c_sinks[] = {
    {"PQexec", 1, C_LIBPQ},           {"PQexecParams", 1, C_LIBPQ},
    {"PQsendQuery", 1, C_LIBPQ},      {"PQsendQueryParams", 1, C_LIBPQ},
    {"PQprepare", 2, C_LIBPQ},        {"PQsendPrepare", 2, C_LIBPQ},
    {"sqlite3_exec", 1, C_SQLITE},    {"sqlite3_prepare", 1, C_SQLITE},
    {"sqlite3_prepare_v2", 1, C_SQLITE}, {"sqlite3_prepare_v3", 1, C_SQLITE},
    {"sqlite3_prepare16", 1, C_SQLITE}, {"sqlite3_prepare16_v2", 1, C_SQLITE},
    {"sqlite3_prepare16_v3", 1, C_SQLITE},
    {"mysql_query", 1, C_MYSQL},      {"mysql_real_query", 1, C_MYSQL},
    {"mysql_send_query", 1, C_MYSQL}, {"mysql_stmt_prepare", 1, C_MYSQL},
};

static const struct c_sink *c_sink_of(const struct cx_expr *call)
{
    if (call->method)
        return NULL;
    for (size_t i = 0; i < ARRAY_SIZE(c_sinks); i++)
        if (strcmp(call->name, c_sinks[i].name) == 0)
            return call->nargs > c_sinks[i].arg ? &c_sinks[i] : NULL;
    return NULL;
}

static void sql_c_file(struct check_file *f)
{
    const struct cview *view = f->cview;
    for (size_t i = 0; i < view->nfunctions; i++) {
        const struct cx_function *fn = &view->functions[i];
        struct cstr_flow *flow = NULL;
        for (size_t k = 0; k < fn->nevents; k++) {
            const struct cx_event *ev = &fn->events[k];
            const struct c_sink *s = ev->kind == CX_EV_CALL ? c_sink_of(ev->expr) : NULL;
            if (!flow)
                flow = cstr_flow_new(f->arena, f->src, fn);
            if (s) {
                const struct cx_expr *arg = ev->expr->args[s->arg];
                struct cstr_value v = cstr_eval(flow, arg);
                if (v.origin == CSTR_BUILT && arg->end > arg->start) {
                    struct finding *fd = check_report_range(
                        f, arg->start, arg->end, "SQL built with %s from '%s' reaches %s(); %s",
                        v.how, v.from, ev->expr->name, c_advice[s->api]);
                    if (v.end > v.start && (v.start != arg->start || v.end != arg->end))
                        finding_related(fd, v.start, v.end, "the SQL string is built here with %s",
                                        v.how);
                }
            }
            cstr_flow_step(flow, k);
        }
    }
}

static void sql_file(struct check_file *f)
{
    if (f->cview) {
        sql_c_file(f);
        return;
    }
    bool py = f->lang == LANG_PYTHON;
    const struct sql_symbols symbols = symbols_of(f), *sym = &symbols;
    const struct node_table *t = f->nodes;
    if (!t || !sym->call)
        return;
    /* the calls whose callee is named like a sink; most files have none */
    VEC(uint32_t) calls = {0};
    for (uint32_t i = 0; i < t->n && !check_out_of_time(f); i++)
        if (t->v[i].sym == sym->call && may_be_sink(f, sym, i))
            VEC_PUSH(calls, i);
    if (calls.n == 0)
        return;
    unsigned imports = file_imports(f, sym);
    struct localdefs_memo *memo = localdefs_memo_new(f);
    for (size_t c = 0; c < calls.n; c++) {
        TSNode call = t->v[calls.v[c]].node;
        const struct sink *s = match_sink(f, call, imports);
        if (!s)
            continue;
        /* a function with a parse error is skipped whole: its statements cannot be trusted */
        size_t depth;
        TSNode *path = localdefs_path(f, f->root, call, &depth);
        TSNode scope = f->root;
        for (size_t i = depth; i-- > 0;)
            if (localdefs_is_function(path[i])) {
                scope = path[i];
                break;
            }
        if (node_has_error(call) || ts_node_has_error(scope))
            continue;
        TSNode fn = syntax_strip(node_field(call, "function"));
        enum driver drv = resolve_driver(s, imports, py, f, fn);
        struct sink clause;
        if (py && !s->strong && strcmp(s->name, "text") == 0 && depth >= 3 &&
            node_is(path[depth - 2], "argument_list")) {
            /* query.filter(text(...)), .order_by(text(...)): a clause of SQL */
            TSNode outer = syntax_strip(node_field(path[depth - 3], "function"));
            if (node_is(outer, "attribute") &&
                str_in(node_text(f, node_field(outer, "attribute")), query_clauses_py)) {
                clause = *s;
                clause.strong = true;
                clause.names = str_in(node_text(f, node_field(outer, "attribute")),
                                      (const char *const[]){"order_by", "group_by", NULL});
                s = &clause;
            }
        }
        if (s->arg == ARG_DJANGO_EXTRA) {
            TSNode where = syntax_strip(syntax_kwarg(f, call, "where"));
            TSNode select = syntax_strip(syntax_kwarg(f, call, "select"));
            uint32_t nw = node_is(where, "list") ? ts_node_named_child_count(where) : 0;
            for (uint32_t i = 0; i < nw; i++)
                check_arg(f, memo, call, ts_node_named_child(where, i), s, drv);
            uint32_t ns = node_is(select, "dictionary") ? ts_node_named_child_count(select) : 0;
            for (uint32_t i = 0; i < ns; i++) {
                TSNode pair = ts_node_named_child(select, i);
                if (node_is(pair, "pair"))
                    check_arg(f, memo, call, node_field(pair, "value"), s, drv);
            }
            continue;
        }
        TSNode arg = syntax_arg(call, 0);
        if (py) {
            static const char *const kw[] = {"sql", "query", "statement", "operation", "text",
                                             NULL};
            for (const char *const *k = kw; ts_node_is_null(arg) && *k; k++)
                arg = syntax_kwarg(f, call, *k);
        } else if (node_is(syntax_strip(arg), "object")) {
            TSNode text = syntax_prop(f, arg, "text");
            arg = ts_node_is_null(text) ? syntax_prop(f, arg, "sql") : text;
        }
        if (!ts_node_is_null(arg))
            check_arg(f, memo, call, arg, s, drv);
    }
    VEC_FREE(calls);
}

static const char *const sql_tags[] = {"security", "external/cwe/cwe-89", NULL};

/* Every driver call above has one of these in its name (exec: execute*, exec_driver_sql,
 * $executeRawUnsafe, PQexec, sqlite3_exec; Raw: RawSQL, whereRaw, $queryRawUnsafe; Query:
 * PQsendQuery; Prepare: PQsendPrepare...; run() counts only where pg8000 is imported). */
static const char *const sql_prefilter[] = {"exec", "fetch", "text", "raw", "Raw", "extra",
                                            "read_sql", "query", "unsafe", "prepare",
                                            "Query", "Prepare", "pg8000", NULL};

const struct check check_security_sql_string_formatting = {
    .id = "security-sql-string-formatting",
    .title = "SQL built by string formatting reaches a database driver",
    .level = LEVEL_ERROR,
    .langs = LANGS_JS_TS | LANG_BIT(LANG_PYTHON) | LANGS_C_CPP,
    .tags = sql_tags,
    .security_severity = "8.8",
    .precision = "high",
    .prefilter = sql_prefilter,
    .file = sql_file,
};
