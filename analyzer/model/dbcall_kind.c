/* dbcall_kind.c — what kind of database call a call is (dbcall_classify: supabase, an ORM, a
 * query builder, SQL text given to a driver), whether a value is SQL text
 * (dbcall_is_sql_text), and whether a file may hold a database call at all
 * (dbcall_file_may_query, from the names it calls). See dbcall.h. */
#include "dbcall.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dbcall_p.h"

/* The batched forms: one call per batch is the fix, not the problem. */
static const char *const batch_methods[] = {
    "createMany", "createManyAndReturn", "insertMany", "bulkCreate", "bulkInsert", "bulkWrite",
    "executemany", "execute_values", "execute_batch", "bulk_create", "bulk_update", "in_bulk",
    "copy_records_to_table", "copy_to_table", "copy_from", "copy_expert",
    "bulk_insert_mappings", "bulk_update_mappings", "bulk_save_objects", "insert_many", NULL,
};

static const char *const supabase_verbs[] = {
    "select", "insert", "update", "upsert", "delete", NULL,
};

/* ORM reads whose names belong to no collection API (prisma, TypeORM, Sequelize, drizzle's
 * relational queries, Mongo drivers). */
static const char *const orm_methods[] = {
    "findUnique", "findUniqueOrThrow", "findFirst", "findFirstOrThrow", "findMany",
    "findOne", "findOneBy", "findOneOrFail", "findOneByOrFail", "findBy", "findAndCount",
    "findByPk", "findAll", "findAndCountAll", "updateMany", "deleteMany", "findById",
    "findByIdAndUpdate", "findByIdAndDelete", "findOneAndUpdate", "countDocuments", NULL,
};
/* prisma model operations whose names other SDKs share (stripe.customers.create): only on a
 * client the chain names as prisma or a transaction. */
static const char *const prisma_generic_methods[] = {
    "create", "update", "delete", "upsert", "count", "aggregate", "groupBy", NULL,
};

static const char *const knex_methods[] = {
    "select", "where", "first", "insert", "update", "del", "delete", "pluck", "whereIn",
    "join", "leftJoin", "increment", "decrement", "returning", "count", "orderBy", NULL,
};
/* knex('t') has the shape of many other calls (createHash('sha256').update(...)): the
 * function must also be named like a knex instance or transaction. */
static const char *const knex_bases[] = { "knex", "db", "trx", "tx", "qb", "pg", NULL };

static const char *const ts_sql_methods[] = {
    "query", "execute", "raw", "unsafe", "many", "one", "oneOrNone", "manyOrNone", "none",
    "any", "$queryRawUnsafe", "$executeRawUnsafe", NULL,
};
static const char *const py_sql_methods[] = {
    "execute", "fetch", "fetchrow", "fetchval", "fetch_all", "fetch_one", "fetch_val",
    "scalars", "scalar", "exec_driver_sql", NULL,
};
/* SQLAlchemy statement builders (and psycopg's sql.SQL) given to execute(). */
static const char *const py_sql_builders[] = {
    "text", "select", "insert", "update", "delete", "SQL", NULL,
};
static const char *const sqlalchemy_query_methods[] = {
    "filter", "filter_by", "get", "first", "all", "one", "one_or_none", "scalar", "count",
    "delete", "update", "join", "order_by", "limit", "offset", "exists", "options", "where",
    NULL,
};
static const char *const django_methods[] = {
    "get", "filter", "exclude", "create", "get_or_create", "update_or_create", "all", "count",
    "first", "last", "exists", "values", "values_list", "aggregate", "annotate", "update",
    "delete", "order_by", "select_related", "prefetch_related", "raw", "earliest", "latest",
    "aget", "acreate", "afirst", "alast", "acount", "aexists", "aget_or_create",
    "aupdate_or_create", "aupdate", "adelete", NULL,
};

/* A Python keyword argument's value by name, or a null node. */
static TSNode keyword_arg(const struct dbcall *db, TSNode args, const char *name)
{
    if (!is(args, db->sym->argument_list))
        return node_null();
    uint32_t n = ts_node_named_child_count(args);
    for (uint32_t i = 0; i < n; i++) {
        TSNode a = ts_node_named_child(args, i);
        if (is(a, db->sym->keyword_argument) && node_text_eq(db->f, node_field(a, "name"), name))
            return node_field(a, "value");
    }
    return node_null();
}

/* true when a string literal's text, after its prefix and quotes, is a statement: a SQL verb
 * and the word that goes with it (select ... from, update ... set), so that prose such as
 * "Update your profile" is not taken for SQL. */
static bool literal_is_sql(const char *s, uint32_t n)
{
    static const struct { const char *verb, *with; } forms[] = {
        { "select", "from" }, { "insert", "into" },
        { "update", " set " }, { "delete", "from" }, { "with", " as " }, { "merge", "into" },
        { "call", "(" },
    };
    uint32_t i = 0;
    while (i < n && i < 3 && isalpha((unsigned char)s[i]))
        i++; /* f"", rb'', u'' prefixes */
    while (i < n && (s[i] == '\'' || s[i] == '"' || s[i] == '`' || s[i] == '(' ||
                     isspace((unsigned char)s[i])))
        i++;
    uint32_t j = i;
    while (j < n && isalpha((unsigned char)s[j]))
        j++;
    if (j == i || j - i > 8)
        return false;
    char word[9];
    for (uint32_t k = i; k < j; k++)
        word[k - i] = (char)tolower((unsigned char)s[k]);
    word[j - i] = 0;
    for (size_t k = 0; k < ARRAY_SIZE(forms); k++)
        if (strcmp(word, forms[k].verb) == 0 &&
            (dbcall_span_has(s + i, n - i, forms[k].with) ||
             (strcmp(word, "select") == 0 && n - j < 40)))
            return true;
    return false;
}


/* A tagged template sql`...` (postgres.js, neon, @vercel/postgres, drizzle's sql) whose text
 * is a statement. */
static bool is_sql_tagged(struct dbcall *db, TSNode n)
{
    if (db->py || !is(n, db->sym->call_expression))
        return false;
    TSNode args = node_field(n, "arguments"), fn = node_field(n, "function");
    if (!is(args, db->sym->template_string))
        return false;
    if (is(fn, db->sym->member_expression))
        fn = node_field(fn, "property");
    uint32_t len, flen;
    const char *s = dbcall_text(db->f, args, &len);
    const char *tag = dbcall_text(db->f, fn, &flen);
    return dbcall_span_has(tag, flen, "sql") && literal_is_sql(s, len);
}

/* true when n is SQL text: a literal that starts with a verb, a concatenation or format()
 * starting with one, a sql`` template, pg's { text: ... }, or a name bound to one of those. */
bool dbcall_is_sql_text(struct dbcall *db, TSNode n, int hops)
{
    for (unsigned guard = 0; guard < 64 && !ts_node_is_null(n); guard++) {
        n = dbcall_unwrap(db, n);
        if (ts_node_is_null(n))
            break;
        const struct syntax_syms *k = db->sym;
        TSSymbol t = ts_node_symbol(n);
        uint32_t len;
        const char *s;
        if (t == k->string || t == k->template_string) {
            s = dbcall_text(db->f, n, &len);
            return literal_is_sql(s, len);
        }
        if (t == k->concatenated_string) {
            n = ts_node_named_child(n, 0);
            continue;
        }
        if (t == k->binary_expression || t == k->binary_operator) {
            n = node_field(n, "left");
            continue;
        }
        if (t == k->identifier)
            return dbcall_binding_any(db, n, false, dbcall_is_sql_text, hops);
        if (t == k->call_expression && is(node_field(n, "arguments"), k->template_string)) {
            /* any tag: drizzle's sql is often imported under another name */
            s = dbcall_text(db->f, node_field(n, "arguments"), &len);
            return literal_is_sql(s, len);
        }
        if (t == k->call || t == k->call_expression) {
            /* text("..."), sql.SQL("..."), "...".format(...), `...`.trim() */
            TSNode fn = node_field(n, "function");
            TSNode name = fn;
            if (is(fn, k->attribute))
                name = node_field(fn, "attribute");
            if (node_text_eq(db->f, name, "text") || node_text_eq(db->f, name, "SQL")) {
                n = dbcall_arg(db, node_field(n, "arguments"), 0);
                continue;
            }
            if (is(fn, db->member_t)) {
                n = node_field(fn, "object");
                continue;
            }
            return false;
        }
        if (t == k->object) {
            uint32_t m = ts_node_named_child_count(n);
            for (uint32_t i = 0; i < m; i++) {
                TSNode p = ts_node_named_child(n, i);
                if (is(p, k->pair) && node_text_eq(db->f, node_field(p, "key"), "text"))
                    return dbcall_is_sql_text(db, node_field(p, "value"), hops);
            }
            return false;
        }
        return false;
    }
    return false;
}

/* A SQLAlchemy/psycopg statement object: select(User).where(...), text("..."), sql.SQL(...). */
static bool is_sql_builder(struct dbcall *db, TSNode n, int hops)
{
    n = dbcall_unwrap(db, n);
    if (is(n, db->sym->identifier))
        return dbcall_binding_any(db, n, false, is_sql_builder, hops);
    if (!db->py || !is(n, db->sym->call))
        return false;
    struct db_chain c;
    dbcall_chain(db, n, &c);
    if (c.base_call && dbcall_span_in(c.base_name, c.base_len, py_sql_builders))
        return true;
    return dbcall_chain_find(&c, 0, py_sql_builders, false) >= 0;
}

/* knex, db, trx, knexInstance, readDb, this.trx: a name that says it is a query builder. */
static bool knex_named(const char *s, uint32_t n)
{
    for (const char *const *b = knex_bases; *b; b++) {
        size_t k = strlen(*b);
        /* the name is the base, or ends with it as a word: readDb, myTrx */
        if (n >= k && strncasecmp(s + n - k, *b, k) == 0 &&
            (n == k || isupper((unsigned char)s[n - k]) || s[n - k - 1] == '_'))
            return true;
    }
    return dbcall_span_has(s, n, "knex");
}

static enum db_kind classify_ts(struct dbcall *db, TSNode call, TSNode parent,
                                const struct db_chain *c)
{
    int i;
    if (dbcall_chain_find(c, 0, batch_methods, false) >= 0)
        return DB_NONE;
    if ((i = dbcall_chain_find1(c, 0, "from", true)) >= 0 &&
        dbcall_chain_find(c, (unsigned)i + 1, supabase_verbs, false) >= 0 &&
        !node_text_eq(db->f, c->base, "Array"))
        return DB_SUPABASE;
    if (dbcall_chain_find1(c, 0, "rpc", true) >= 0)
        return DB_SUPABASE;
    if (((i = dbcall_chain_find1(c, 0, "select", false)) >= 0 ||
         (i = dbcall_chain_find1(c, 0, "selectDistinct", false)) >= 0) &&
        dbcall_chain_find1(c, (unsigned)i + 1, "from", true) >= 0)
        return DB_BUILDER;
    if (((i = dbcall_chain_find1(c, 0, "insert", true)) >= 0 &&
         dbcall_chain_find1(c, (unsigned)i + 1, "values", true) >= 0) ||
        ((i = dbcall_chain_find1(c, 0, "update", true)) >= 0 &&
         dbcall_chain_find1(c, (unsigned)i + 1, "set", true) >= 0) ||
        ((i = dbcall_chain_find1(c, 0, "delete", true)) >= 0 &&
         (dbcall_chain_find1(c, (unsigned)i + 1, "where", true) >= 0 ||
          dbcall_chain_find1(c, (unsigned)i + 1, "returning", false) >= 0)))
        return DB_BUILDER;
    for (unsigned k = 0; k < c->n; k++) {
        const struct db_link *s = &c->s[k];
        if (!s->call)
            continue;
        if (span_eq(s->name, s->len, "$queryRaw") || span_eq(s->name, s->len, "$executeRaw"))
            return DB_SQL;
        /* String.raw`SELECT ...` only builds the text */
        if (dbcall_span_in(s->name, s->len, ts_sql_methods) &&
            !(k == 0 && c->base_name && span_eq(c->base_name, c->base_len, "String")) &&
            dbcall_is_sql_text(db, dbcall_arg(db, s->args, 0), 3))
            return DB_SQL;
        /* ORMs take a filter object or an id; wrapper.findAll('.row') (Vue Test Utils) and
         * other DOM helpers take a selector string */
        if (dbcall_span_in(s->name, s->len, orm_methods)) {
            TSNode a0 = dbcall_unwrap(db, dbcall_arg(db, s->args, 0));
            if (!is(a0, db->sym->string) && !is(a0, db->sym->template_string))
                return DB_ORM;
        }
        if (dbcall_span_in(s->name, s->len, prisma_generic_methods) && k >= 1 &&
            !c->s[k - 1].call) {
            bool prisma = c->base_name && (dbcall_span_has(c->base_name, c->base_len, "prisma") ||
                                           span_eq(c->base_name, c->base_len, "tx"));
            for (unsigned j = 0; j + 1 < k; j++)
                if (dbcall_span_has(c->s[j].name, c->s[j].len, "prisma"))
                    prisma = true;
            if (prisma)
                return DB_ORM;
        }
    }
    if (c->base_call && c->base_name && is(dbcall_arg(db, c->base_args, 0), db->sym->string) &&
        knex_named(c->base_name, c->base_len) && dbcall_chain_find(c, 0, knex_methods, false) >= 0)
        return DB_BUILDER;
    /* a sql`` template on its own is executed when awaited; given to a call, that call runs it */
    if (c->n == 0 && is_sql_tagged(db, call) && !is(parent, db->sym->arguments))
        return DB_SQL;
    return DB_NONE;
}

static enum db_kind classify_py(struct dbcall *db, const struct db_chain *c)
{
    int i;
    if (dbcall_chain_find(c, 0, batch_methods, false) >= 0)
        return DB_NONE;
    if (((i = dbcall_chain_find1(c, 0, "table", true)) >= 0 ||
         (i = dbcall_chain_find1(c, 0, "from_", true)) >= 0) &&
        dbcall_chain_find(c, (unsigned)i + 1, supabase_verbs, false) >= 0)
        return DB_SUPABASE;
    if (dbcall_chain_find1(c, 0, "rpc", true) >= 0)
        return DB_SUPABASE;
    /* session.query(Model): a model, not a string (pandas' df.query("a > 1") takes one) */
    if ((i = dbcall_chain_find1(c, 0, "query", true)) >= 0 &&
        !is(dbcall_arg(db, c->s[i].args, 0), db->sym->string) &&
        dbcall_chain_find(c, (unsigned)i + 1, sqlalchemy_query_methods, false) >= 0)
        return DB_SQLALCHEMY;
    for (unsigned k = 0; k + 1 < c->n; k++)
        if (!c->s[k].call && span_eq(c->s[k].name, c->s[k].len, "objects") &&
            c->s[k + 1].call && dbcall_span_in(c->s[k + 1].name, c->s[k + 1].len, django_methods))
            return DB_DJANGO;
    for (unsigned k = 0; k < c->n; k++) {
        const struct db_link *s = &c->s[k];
        if (!s->call)
            continue;
        if (dbcall_span_in(s->name, s->len, py_sql_methods)) {
            TSNode q = dbcall_arg(db, s->args, 0);
            if (ts_node_is_null(q))
                q = keyword_arg(db, s->args, "query");
            if (ts_node_is_null(q))
                q = keyword_arg(db, s->args, "statement");
            if (dbcall_is_sql_text(db, q, 3))
                return DB_SQL;
            if (is_sql_builder(db, q, 3))
                return DB_SQLALCHEMY;
        }
        /* session.get(User, id) */
        if (span_eq(s->name, s->len, "get") && dbcall_arg_count(db, s->args) >= 2) {
            TSNode model = dbcall_arg(db, s->args, 0);
            uint32_t len;
            const char *m = dbcall_text(db->f, model, &len);
            const char *r = k >= 1 ? c->s[k - 1].name : c->base_name;
            uint32_t rlen = k >= 1 ? c->s[k - 1].len : c->base_len;
            if (is(model, db->sym->identifier) && len > 0 && isupper((unsigned char)m[0]) && r &&
                (dbcall_span_has(r, rlen, "session") || span_eq(r, rlen, "db")))
                return DB_SQLALCHEMY;
        }
    }
    return DB_NONE;
}

static uint32_t link_name_bits(const struct dbcall *db, const struct db_chain *c);

enum db_kind dbcall_classify(struct dbcall *db, TSNode call, TSNode parent,
                             const struct db_chain *c)
{
    /* most chains (console.log(x), xs.push(x)) have no link named like a database call: each
     * kind accepted below needs one (TS's sql`` template alone has no link at all) */
    if (c->n && !link_name_bits(db, c))
        return DB_NONE;
    return db->py ? classify_py(db, c) : classify_ts(db, call, parent, c);
}

/* The file at a glance ---------------------------------------------------------------------- */

/* What a call link's name can take part in. Every kind of database call classify_ts /
 * classify_py recognise needs certain link names (and, for some, SQL text or a client's name),
 * so a file whose calls have none of them has no database call at all. */
enum {
    N_FROM = 1u << 0, N_VERB = 1u << 1, N_RPC = 1u << 2, N_INSERT = 1u << 3,
    N_VALUES = 1u << 4, N_UPDATE = 1u << 5, N_SET = 1u << 6, N_DELETE = 1u << 7,
    N_WHERE = 1u << 8, N_RETURNING = 1u << 9, N_RAW = 1u << 10, N_SQL_METHOD = 1u << 11,
    N_ORM = 1u << 12, N_PRISMA = 1u << 13, N_KNEX = 1u << 14, N_TABLE = 1u << 15,
    N_QUERY = 1u << 16, N_SQLA = 1u << 17, N_DJANGO = 1u << 18, N_GET = 1u << 19,
    N_BUILDER = 1u << 20,
    /* not names: what else the file's calls show */
    F_TEMPLATE_CALL = 1u << 24, /* a call given a template string: f`...` */
};

static const char *const from_names[] = { "from", NULL };
static const char *const select_distinct[] = { "selectDistinct", NULL };
static const char *const rpc_names[] = { "rpc", NULL };
static const char *const insert_names[] = { "insert", NULL };
static const char *const values_names[] = { "values", NULL };
static const char *const update_names[] = { "update", NULL };
static const char *const set_names[] = { "set", NULL };
static const char *const delete_names[] = { "delete", NULL };
static const char *const where_names[] = { "where", NULL };
static const char *const returning_names[] = { "returning", NULL };
static const char *const raw_names[] = { "$queryRaw", "$executeRaw", NULL };
static const char *const table_names[] = { "table", "from_", NULL };
static const char *const query_names[] = { "query", NULL };
static const char *const get_names[] = { "get", NULL };

static const struct {
    const char *const *names;
    uint32_t bit;
} ts_name_bits[] = {
    { from_names, N_FROM }, { supabase_verbs, N_VERB }, { select_distinct, N_VERB },
    { rpc_names, N_RPC }, { insert_names, N_INSERT }, { values_names, N_VALUES },
    { update_names, N_UPDATE }, { set_names, N_SET }, { delete_names, N_DELETE },
    { where_names, N_WHERE }, { returning_names, N_RETURNING }, { raw_names, N_RAW },
    { ts_sql_methods, N_SQL_METHOD }, { orm_methods, N_ORM },
    { prisma_generic_methods, N_PRISMA }, { knex_methods, N_KNEX },
}, py_name_bits[] = {
    { table_names, N_TABLE }, { supabase_verbs, N_VERB }, { rpc_names, N_RPC },
    { query_names, N_QUERY }, { sqlalchemy_query_methods, N_SQLA },
    { django_methods, N_DJANGO }, { py_sql_methods, N_SQL_METHOD }, { get_names, N_GET },
    { py_sql_builders, N_BUILDER },
};

/* Longest name in the tables above, so that longer spans are not looked up. */
#define NAME_MAX_LEN 24

struct name_slot {
    const char *name;
    uint32_t len, bits;
};
/* [0] the TS grammars, [1] Python: open addressing, built once per thread */
static _Thread_local struct name_slot name_hash[2][512];
static _Thread_local bool name_hash_ready[2];

static uint32_t name_hash_of(const char *s, uint32_t n)
{
    uint32_t h = 2166136261u;
    for (uint32_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

static struct name_slot *name_slot_for(struct name_slot *tab, const char *s, uint32_t n)
{
    for (uint32_t i = name_hash_of(s, n);; i++) {
        struct name_slot *slot = &tab[i % ARRAY_SIZE(name_hash[0])];
        if (!slot->name || (slot->len == n && memcmp(slot->name, s, n) == 0))
            return slot;
    }
}

static void name_hash_build(bool py)
{
    struct name_slot *tab = name_hash[py];
    size_t k = py ? ARRAY_SIZE(py_name_bits) : ARRAY_SIZE(ts_name_bits);
    for (size_t i = 0; i < k; i++) {
        uint32_t bit = py ? py_name_bits[i].bit : ts_name_bits[i].bit;
        for (const char *const *nm = py ? py_name_bits[i].names : ts_name_bits[i].names; *nm;
             nm++) {
            uint32_t len = (uint32_t)strlen(*nm);
            if (len > NAME_MAX_LEN)
                BUG("dbcall: name '%s' longer than NAME_MAX_LEN", *nm);
            struct name_slot *slot = name_slot_for(tab, *nm, len);
            slot->name = *nm;
            slot->len = len;
            slot->bits |= bit;
        }
    }
    name_hash_ready[py] = true;
}

static uint32_t name_bits(const struct dbcall *db, TSNode n)
{
    uint32_t len;
    const char *s = dbcall_text(db->f, n, &len);
    if (len == 0 || len > NAME_MAX_LEN)
        return 0;
    return name_slot_for(name_hash[db->py], s, len)->bits;
}

/* The N_* bits of the names of c's call links. */
static uint32_t link_name_bits(const struct dbcall *db, const struct db_chain *c)
{
    if (!name_hash_ready[db->py])
        name_hash_build(db->py);
    uint32_t bits = 0;
    for (unsigned k = 0; k < c->n; k++)
        if (c->s[k].call && c->s[k].len && c->s[k].len <= NAME_MAX_LEN)
            bits |= name_slot_for(name_hash[db->py], c->s[k].name, c->s[k].len)->bits;
    return bits;
}

/* true when s holds needle (lowercase ASCII) in any case; a quick scan for its first letter. */
static bool text_has_ci(const char *s, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    char first = needle[0];
    for (size_t i = 0; i + k <= n; i++)
        if ((s[i] | 0x20) == first && strncasecmp(s + i, needle, k) == 0)
            return true;
    return false;
}

/* The link names of the file's calls, and whether one is given a template, as bits. */
static uint32_t file_call_bits(const struct dbcall *db)
{
    const struct node_table *t = db->f->nodes;
    const struct node_entry *v = t->v;
    uint32_t bits = 0;
    for (uint32_t i = 0; i < t->n; i++) {
        if (v[i].sym != db->call_t)
            continue;
        /* the callee is one of the call's named children (the others are arguments, type
         * arguments, comments): looking at each is simpler than finding it, and no less */
        for (uint32_t j = i + 1; j < v[i].end; j = v[j].end) {
            uint32_t c = j;
            while (is(v[c].node, db->sym->non_null_expression) && c + 1 < v[c].end)
                c++; /* its first named child */
            TSSymbol sym = v[c].sym;
            if (sym == db->member_t) {
                /* a link .name(...): the name is one of the member's named children */
                for (uint32_t m = c + 1; m < v[c].end; m = v[m].end)
                    bits |= name_bits(db, v[m].node);
            } else if (sym == db->sym->identifier && db->py) {
                bits |= name_bits(db, v[c].node) & N_BUILDER; /* text(...), select(...) */
            } else if (sym == db->sym->template_string) {
                bits |= F_TEMPLATE_CALL;
            }
        }
    }
    return bits;
}

/* A call of a function named like a knex instance: knex('t'), db('t'), trx('t'). */
static bool is_knex_base_call(const struct dbcall *db, uint32_t i)
{
    const struct node_entry *v = db->f->nodes->v;
    for (uint32_t j = i + 1; j < v[i].end; j = v[j].end) {
        uint32_t c = j;
        while (is(v[c].node, db->sym->non_null_expression) && c + 1 < v[c].end)
            c++;
        if (is(v[c].node, db->sym->identifier)) {
            uint32_t len;
            const char *s = dbcall_text(db->f, v[c].node, &len);
            if (knex_named(s, len))
                return true;
        }
    }
    return false;
}

static bool may_query_ts(const struct dbcall *db, uint32_t b)
{
#define HAS(x) ((b & (x)) != 0)
    if ((HAS(N_FROM) && HAS(N_VERB)) || HAS(N_RPC) || (HAS(N_INSERT) && HAS(N_VALUES)) ||
        (HAS(N_UPDATE) && HAS(N_SET)) || (HAS(N_DELETE) && (HAS(N_WHERE) || HAS(N_RETURNING))) ||
        HAS(N_RAW) || HAS(N_ORM))
        return true;
    /* prisma's generic methods, on a client (or a link before them) named prisma or tx */
    if (HAS(N_PRISMA) && text_has_ci(db->f->src->text, db->f->src->len, "prisma"))
        return true;
    bool knex = HAS(N_KNEX), tx = HAS(N_PRISMA);
    /* SQL text given to a driver method, or a sql`...` template */
    bool sql = HAS(N_SQL_METHOD) || HAS(F_TEMPLATE_CALL);
#undef HAS
    if (!knex && !tx && !sql)
        return false;
    const struct node_table *t = db->f->nodes;
    const struct syntax_syms *k = db->sym;
    for (uint32_t i = 0; i < t->n; i++) {
        TSSymbol sym = t->v[i].sym;
        if (sym == db->call_t) {
            if (knex && is_knex_base_call(db, i))
                return true;
        } else if (sym == k->identifier) {
            if (tx && node_text_eq(db->f, t->v[i].node, "tx"))
                return true;
        } else if (sym == k->string || sym == k->template_string) {
            uint32_t len;
            const char *s = dbcall_text(db->f, t->v[i].node, &len);
            if (sql && literal_is_sql(s, len))
                return true;
        }
    }
    return false;
}

static bool may_query_py(const struct dbcall *db, uint32_t b)
{
#define HAS(x) ((b & (x)) != 0)
    if ((HAS(N_TABLE) && HAS(N_VERB)) || HAS(N_RPC) || (HAS(N_QUERY) && HAS(N_SQLA)) ||
        (HAS(N_SQL_METHOD) && HAS(N_BUILDER)))
        return true;
    bool objects = HAS(N_DJANGO); /* Model.objects.<method>(), and its items' related managers */
    bool sql = HAS(N_SQL_METHOD); /* SQL text given to execute() and friends */
    bool session = HAS(N_GET);    /* session.get(Model, id), db.get(Model, id) */
#undef HAS
    if (!objects && !sql && !session)
        return false;
    const struct node_table *t = db->f->nodes;
    const struct syntax_syms *k = db->sym;
    for (uint32_t i = 0; i < t->n; i++) {
        TSSymbol sym = t->v[i].sym;
        uint32_t len;
        const char *s;
        if (sym == k->identifier) {
            s = dbcall_text(db->f, t->v[i].node, &len);
            if ((objects && span_eq(s, len, "objects")) ||
                (session && (span_eq(s, len, "db") ||
                             (len >= 7 && dbcall_span_has(s, len, "session")))))
                return true;
        } else if (sym == k->string && sql) {
            s = dbcall_text(db->f, t->v[i].node, &len);
            if (literal_is_sql(s, len))
                return true;
        }
    }
    return false;
}

bool dbcall_file_may_query(struct dbcall *db)
{
    if (!db->f->nodes)
        return true;
    if (!name_hash_ready[db->py])
        name_hash_build(db->py);
    uint32_t b = file_call_bits(db);
    return db->py ? may_query_py(db, b) : may_query_ts(db, b);
}
