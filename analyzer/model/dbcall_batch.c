/* dbcall_batch.c — the batched form of a database call: what replaces one query per item
 * with one query for them all, for each kind of call (dbcall.h). */
#include "model/dbcall.h"

#include <string.h>
#include <strings.h>

#include "front/syntax.h"

static bool span_eq(const char *s, uint32_t n, const char *lit)
{
    return strlen(lit) == n && memcmp(s, lit, n) == 0;
}

/* The name of a string literal argument without its quotes, or NULL. */
static const char *literal_arg(struct dbcall *db, TSNode args, uint32_t k)
{
    TSNode a = dbcall_arg(db, args, k);
    if (!dbcall_is(a, db->sym->string))
        return NULL;
    uint32_t len;
    const char *s = dbcall_text(db->f, a, &len);
    if (len < 2)
        return NULL;
    return arena_strndup(db->f->arena, s + 1, len - 2);
}

/* true when the node holds a name (not a property key): a value that may differ per row. */
static bool mentions_name(struct dbcall *db, TSNode n)
{
    struct walk wk;
    walk_init(&wk, db->f, n);
    for (TSNode x; walk_next(&wk, &x);)
        if (dbcall_is(x, db->sym->identifier) || node_is(x, "shorthand_property_identifier"))
            return true;
    return false;
}

/* The statement word SQL text starts with ("update", "insert", ...), lowercase, or "". */
static const char *sql_verb(struct dbcall *db, const struct db_chain *c)
{
    if (!c->n)
        return "";
    TSNode a = dbcall_arg(db, c->s[c->n - 1].args, 0);
    uint32_t len;
    const char *t = ts_node_is_null(a) ? NULL : dbcall_text(db->f, a, &len);
    if (!t)
        return "";
    uint32_t i = 0;
    while (i < len && strchr("fFrRbBuU", t[i]) && i + 1 < len && strchr("fFrRbBuU\"'", t[i + 1]))
        i++; /* a Python string prefix: f"...", rb'...' */
    while (i < len && strchr("\"'`( \t\n", t[i]))
        i++;
    static const char *const verbs[] = { "update", "insert", "delete", NULL };
    for (const char *const *v = verbs; *v; v++) {
        size_t n = strlen(*v);
        if (len - i >= n && strncasecmp(t + i, *v, n) == 0)
            return *v;
    }
    return "";
}

/* The driver's placeholder: asyncpg (fetch, fetchrow, fetchval, or a file that imports it)
 * and the JS drivers take $1, the DB-API drivers %s. */
static const char *placeholder(struct dbcall *db, const struct db_chain *c)
{
    if (!db->py)
        return "$1";
    static const char *const asyncpg[] = { "fetch", "fetchrow", "fetchval", NULL };
    if (c->base_name && c->base_len >= 3 && dbcall_span_has(c->base_name, c->base_len, "cur"))
        return "%s"; /* a DB-API cursor */
    bool fetch = false;
    for (unsigned k = 0; k < c->n && !fetch; k++)
        fetch = dbcall_span_in(c->s[k].name, c->s[k].len, asyncpg);
    if (fetch || strstr(db->f->src->text, "import asyncpg") ||
        strstr(db->f->src->text, ".fetchrow(") || strstr(db->f->src->text, ".fetchval("))
        return "$1";
    return "%s";
}

const char *dbcall_batch_hint(struct dbcall *db, enum db_kind q, const struct db_chain *c)
{
    switch (q) {
    case DB_SUPABASE: {
        int i = dbcall_chain_find1(c, 0, db->py ? "table" : "from", true);
        if (i < 0 && db->py)
            i = dbcall_chain_find1(c, 0, "from_", true);
        if (i < 0)
            return arena_printf(db->f->arena, "call the function once with every id (an array "
                                "parameter) instead of once per item");
        const char *table = literal_arg(db, c->s[i].args, 0);
        int e = dbcall_chain_find1(c, (unsigned)i + 1, "eq", true);
        const char *col = e >= 0 ? literal_arg(db, c->s[e].args, 0) : NULL;
        static const char *const writes[] = { "insert", "upsert", NULL };
        static const char *const changes[] = { "update", "delete", NULL };
        int v;
        if ((v = dbcall_chain_find(c, (unsigned)i + 1, writes, false)) >= 0)
            return arena_printf(db->f->arena, "collect the rows and send them in one .%.*s(rows) "
                                "call", (int)c->s[v].len, c->s[v].name);
        if ((v = dbcall_chain_find(c, (unsigned)i + 1, changes, false)) >= 0) {
            /* .update({ score: row.score }): each row gets its own values, which one .in()
             * cannot send */
            bool distinct = span_eq(c->s[v].name, c->s[v].len, "update") &&
                            mentions_name(db, dbcall_arg(db, c->s[v].args, 0));
            if (distinct)
                return arena_printf(db->f->arena,
                                    "each row gets its own values, so send them together: one "
                                    ".upsert(rows) with each row's %s, or a Postgres function "
                                    "(called with .rpc()) that runs UPDATE %s SET ... FROM "
                                    "(VALUES ...) AS v WHERE %s.%s = v.%s",
                                    col ? col : "id", table ? table : "t", table ? table : "t",
                                    col ? col : "id", col ? col : "id");
            return arena_printf(db->f->arena, "%.*s them in one query with .%s('%s', ids)",
                                (int)c->s[v].len, c->s[v].name, db->py ? "in_" : "in",
                                col ? col : "id");
        }
        return arena_printf(db->f->arena,
                            "fetch them in one query with .%s('%s', ids) or embed the relation "
                            "in the parent select('*, %s(*)')",
                            db->py ? "in_" : "in", col ? col : "id", table ? table : "table");
    }
    case DB_SQL: {
        const char *verb = sql_verb(db, c), *ph = placeholder(db, c);
        if (strcmp(verb, "update") == 0)
            return "update every row in one statement, UPDATE t SET col = v.col FROM (VALUES "
                   "...) AS v(id, col) WHERE t.id = v.id, or send the rows with executemany()";
        if (strcmp(verb, "insert") == 0)
            return "insert every row in one statement, INSERT ... VALUES (...), (...), or send "
                   "the rows with executemany()";
        return arena_printf(db->f->arena, "%s every row in one query with WHERE id = ANY(%s) "
                            "(or WHERE id IN ...)%s", strcmp(verb, "delete") == 0 ? "delete"
                            : "fetch", ph, strcmp(verb, "delete") == 0 ? ""
                            : " or a join, then group the rows in memory");
    }
    case DB_ORM:
        return "fetch them in one findMany({ where: { id: { in: ids } } }) or include the "
               "relation in the parent query";
    case DB_BUILDER:
        return "fetch them in one query with inArray(column, ids) / whereIn(column, ids) or a "
               "join";
    case DB_SQLALCHEMY:
        return "load them in one query with .where(Model.id.in_(ids)) or eager-load the "
               "relation (selectinload / joinedload)";
    case DB_DJANGO:
        return "use one filter(id__in=ids), or select_related() / prefetch_related() on the "
               "parent queryset";
    case DB_NONE:
        break;
    }
    return "";
}

const char *dbcall_kind_name(enum db_kind q)
{
    switch (q) {
    case DB_SUPABASE: return "supabase query";
    case DB_SQL: return "SQL query";
    case DB_ORM: return "ORM query";
    case DB_BUILDER: return "query builder call";
    case DB_SQLALCHEMY: return "SQLAlchemy query";
    case DB_DJANGO: return "Django ORM query";
    case DB_NONE: break;
    }
    return "query";
}
