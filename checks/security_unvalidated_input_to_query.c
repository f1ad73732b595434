/* security_unvalidated_input_to_query.c — request data (Next.js route handlers, server actions,
 * Express/pages API, FastAPI, Flask) reaching a database query (supabase-js/-py filters and
 * payloads, rpc, PostgREST filter strings, pg/mysql2/knex/prisma/drizzle/psycopg) without a
 * schema validating it first; the table, columns and computed payload keys a request names
 * (.from(x), .select(`${x}`), { [body.col]: v }), aiosql's queries.<name>() and pg8000's run()
 * too. The tracking is the dataflow engine's; this file is its tables,
 * and the level of each finding: a write or a filter string is a warning, any of them on the
 * service-role client (which bypasses row level security) an error, and a value the database
 * binds into an equality or range filter on an ordinary client (supabase-js .eq(), drizzle's
 * .where(eq(table.column, value))) a note about ownership.
 * One hop of project imports (model/xmod.h): a client imported from a module that makes it
 * with the service-role key is the service-role client, and a function another module exports
 * whose parameter reaches a query there is a sink for the request data its callers pass.
 */
#include <string.h>

#include "check.h"
#include "front/syntax.h"
#include "model/dataflow/dataflow.h"
#include "model/dbcall.h"
#include "model/entry.h"
#include "model/imports.h"
#include "model/localdefs.h"
#include "model/service_role.h"
#include "model/xmod.h"

/* Request objects and what on them is request data. */
static const char *const request_names[] = {"req", "request", NULL};
static const char *const request_types[] = {"NextRequest", "Request", "NextApiRequest",
                                            "IncomingMessage", NULL};
static const char *const request_modules[] = {"flask", NULL};

static const struct df_source sources[] = {
    /* Web Request (Next.js route handlers) and FastAPI's Request */
    {"*.json", DF_SRC_CALL},
    {"*.formData", DF_SRC_CALL},
    {"*.text", DF_SRC_CALL},
    {"*.blob", DF_SRC_CALL},
    {"*.arrayBuffer", DF_SRC_CALL},
    {"*.form", DF_SRC_CALL},
    {"*.body", DF_SRC_CALL},
    /* Flask */
    {"*.get_json", DF_SRC_CALL},
    {"*.get_data", DF_SRC_CALL},
    /* Next.js, Express, pages/api */
    {"*.nextUrl", DF_SRC_MEMBER},
    {"*.url", DF_SRC_MEMBER},
    {"*.body", DF_SRC_MEMBER},
    {"*.query", DF_SRC_MEMBER},
    {"*.params", DF_SRC_MEMBER},
    /* FastAPI / Starlette */
    {"*.query_params", DF_SRC_MEMBER},
    {"*.path_params", DF_SRC_MEMBER},
    /* Flask */
    {"*.json", DF_SRC_MEMBER},
    {"*.args", DF_SRC_MEMBER},
    {"*.form", DF_SRC_MEMBER},
    {"*.values", DF_SRC_MEMBER},
    {"*.data", DF_SRC_MEMBER},
    {"*.files", DF_SRC_MEMBER},
    /* Django (request.GET / request.POST are QueryDicts, capitals and all); Pyramid's
     * request.params is *.params above */
    {"*.GET", DF_SRC_MEMBER},
    {"*.POST", DF_SRC_MEMBER},
    {"*.FILES", DF_SRC_MEMBER},
    {"*.COOKIES", DF_SRC_MEMBER},
    /* Pyramid: route placeholders and the JSON body */
    {"*.matchdict", DF_SRC_MEMBER},
    {"*.json_body", DF_SRC_MEMBER},
    {NULL, 0},
};

/* Schema validation: zod, yup, valibot, joi, superstruct, pydantic, and Python's converters
 * (int("x") raises instead of passing text through). */
static const struct df_sanitizer sanitizers[] = {
    /* zod (schema.parse), valibot (v.parse(schema, x)), yup.cast */
    {"*.parse", DF_SAN_RESULT | DF_SAN_ASSERTS},
    {"*.parseAsync", DF_SAN_RESULT | DF_SAN_ASSERTS},
    {"*.safeParse", DF_SAN_RESULT | DF_SAN_GUARD},
    {"*.safeParseAsync", DF_SAN_RESULT | DF_SAN_GUARD},
    {"*.spa", DF_SAN_RESULT | DF_SAN_GUARD},
    {"parse", DF_SAN_RESULT | DF_SAN_ASSERTS},
    {"parseAsync", DF_SAN_RESULT | DF_SAN_ASSERTS},
    {"safeParse", DF_SAN_RESULT | DF_SAN_GUARD},
    {"safeParseAsync", DF_SAN_RESULT | DF_SAN_GUARD},
    {"is", DF_SAN_GUARD},
    {"*.is", DF_SAN_GUARD},
    /* yup; joi (schema.validate returns {error, value}; validateAsync throws) */
    {"*.validate", DF_SAN_RESULT | DF_SAN_ASSERTS | DF_SAN_GUARD},
    {"*.validateSync", DF_SAN_RESULT | DF_SAN_ASSERTS},
    {"*.validateAsync", DF_SAN_RESULT | DF_SAN_ASSERTS},
    {"*.cast", DF_SAN_RESULT},
    {"*.isValid", DF_SAN_GUARD},
    {"*.isValidSync", DF_SAN_GUARD},
    {"*.attempt", DF_SAN_RESULT | DF_SAN_ASSERTS},
    {"*.assert", DF_SAN_ASSERTS},
    /* superstruct */
    {"create", DF_SAN_RESULT | DF_SAN_ASSERTS},
    {"assert", DF_SAN_ASSERTS},
    {"validate", DF_SAN_RESULT | DF_SAN_GUARD},
    {"mask", DF_SAN_RESULT | DF_SAN_ASSERTS},
    /* an allowlist: `if (!TABLES.includes(table)) return` (Array, Set) */
    {"*.includes", DF_SAN_GUARD},
    {"*.has", DF_SAN_GUARD},
    /* pydantic (Model(**data) is recognised by the engine) */
    {"*.model_validate", DF_SAN_RESULT | DF_SAN_ASSERTS},
    {"*.model_validate_json", DF_SAN_RESULT | DF_SAN_ASSERTS},
    {"*.parse_obj", DF_SAN_RESULT | DF_SAN_ASSERTS},
    {"*.parse_raw", DF_SAN_RESULT | DF_SAN_ASSERTS},
    {"*.validate_python", DF_SAN_RESULT | DF_SAN_ASSERTS},
    {"*.validate_json", DF_SAN_RESULT | DF_SAN_ASSERTS},
    {"int", DF_SAN_RESULT},
    {"float", DF_SAN_RESULT},
    {"bool", DF_SAN_RESULT},
    {"UUID", DF_SAN_RESULT},
    {"uuid.UUID", DF_SAN_RESULT},
    {"date.fromisoformat", DF_SAN_RESULT},
    {"datetime.fromisoformat", DF_SAN_RESULT},
    {NULL, 0},
};

/* Calls that keep the taint of what they are given (checked before the sanitizers, so that
 * JSON.parse is not mistaken for a schema's parse). */
static const char *const propagators[] = {
    "JSON.parse", "JSON.stringify", "Object.assign", "Object.fromEntries", "Object.entries",
    "Object.values", "Object.keys", "structuredClone", "Array.from", "Array.of", "String",
    "Number", "parseInt", "parseFloat", "Number.parseInt", "Number.parseFloat", "BigInt",
    "Boolean", "URL", "URLSearchParams", "decodeURIComponent", "encodeURIComponent", "Date",
    "qs.parse", "querystring.parse", "url.parse", "path.join", "Date.parse",
    /* drizzle-orm operators build the where clause from their arguments */
    "eq", "ne", "gt", "gte", "lt", "lte", "like", "ilike", "inArray", "notInArray", "and", "or",
    "not", "between", "sql",
    /* Python */
    "str", "dict", "list", "tuple", "set", "json.loads", "json.dumps", "f", NULL,
};

static const char *const nan_checks[] = {
    "isNaN", "Number.isNaN", "Number.isInteger", "Number.isFinite", "Number.isSafeInteger",
    "isFinite", NULL,
};

/* Flask's MultiDict.get converts (and falls back to the default on bad input). */
static const char *const converting_keywords[] = {"type=int", "type=float", "type=bool",
                                                  "type=UUID", "type=uuid.UUID", NULL};

/* Flask's abort and Next.js's redirect/notFound throw. */
static const char *const noreturn[] = {
    "abort", "flask.abort", "redirect", "permanentRedirect", "notFound", "sys.exit",
    "process.exit", NULL,
};

/* supabase .from() / supabase-py .table(), knex, kysely, drizzle's db.select().from() */
static const char *const query_starts[] = {
    "*.from", "*.table", "*.from_", "knex", "*.selectFrom", "*.insertInto", "*.updateTable",
    "*.deleteFrom", "db.insert", "db.update", "db.delete", "db.select", "tx.insert",
    "tx.update", "tx.delete", "tx.select", NULL,
};

static const char *const clients[] = {
    "prisma", "db", "pool", "client", "pg", "conn", "connection", "cursor", "cur",
    "session", "tx", "trx", "knex", "mysql", NULL,
};

/* supabase clients, for .from(table) / .table(table): not Array.from or Buffer.from */
static const char *const supabase_roots[] = {
    "supabase", "supabaseAdmin", "supabaseClient", "supabaseServer", "supabase_admin",
    "supabase_client", "admin", "adminClient", "serviceClient", "client", "db", "sb", NULL,
};

/* pg8000.native's Connection.run(sql, **values) */
static const char *const pg8000_roots[] = {"con", "conn", "connection", "db", NULL};

/* prisma's model methods (prisma.lead.findMany): only on what is clearly a prisma client */
static const char *const prisma_roots[] = {"prisma", "db", "tx", "trx", NULL};

static const struct df_sink sinks[] = {
    /* a table or the columns the request names: supabase .from(x), .table(x),
     * .select(`id, ${x}`) */
    {"*.from", DF_ON_CLIENT, 0, "table name", supabase_roots},
    {"*.table", DF_ON_CLIENT, 0, "table name", supabase_roots},
    {"*.from_", DF_ON_CLIENT, 0, "table name", supabase_roots},
    {"*.select", DF_ON_QUERY, 0, "column list"},
    /* supabase-js / supabase-py filters: the value, and the column (a tainted column name
     * is worse) */
    {"*.eq", DF_ON_QUERY, DF_ARGS_ALL, "query filter"},
    {"*.neq", DF_ON_QUERY, DF_ARGS_ALL, "query filter"},
    {"*.gt", DF_ON_QUERY, DF_ARGS_ALL, "query filter"},
    {"*.gte", DF_ON_QUERY, DF_ARGS_ALL, "query filter"},
    {"*.lt", DF_ON_QUERY, DF_ARGS_ALL, "query filter"},
    {"*.lte", DF_ON_QUERY, DF_ARGS_ALL, "query filter"},
    {"*.like", DF_ON_QUERY, DF_ARGS_ALL, "query filter"},
    {"*.ilike", DF_ON_QUERY, DF_ARGS_ALL, "query filter"},
    {"*.is", DF_ON_QUERY, DF_ARGS_ALL, "query filter"},
    {"*.is_", DF_ON_QUERY, DF_ARGS_ALL, "query filter"},
    {"*.in", DF_ON_QUERY, DF_ARGS_ALL, "query filter"},
    {"*.in_", DF_ON_QUERY, DF_ARGS_ALL, "query filter"},
    {"*.contains", DF_ON_QUERY, DF_ARGS_ALL, "query filter"},
    {"*.containedBy", DF_ON_QUERY, DF_ARGS_ALL, "query filter"},
    {"*.contained_by", DF_ON_QUERY, DF_ARGS_ALL, "query filter"},
    {"*.overlaps", DF_ON_QUERY, DF_ARGS_ALL, "query filter"},
    {"*.match", DF_ON_QUERY, DF_ARGS_ALL, "query filter"},
    {"*.filter", DF_ON_QUERY, DF_ARGS_ALL, "query filter"},
    {"*.not", DF_ON_QUERY, DF_ARGS_ALL, "query filter"},
    {"*.not_", DF_ON_QUERY, DF_ARGS_ALL, "query filter"},
    {"*.or", DF_ON_QUERY, DF_ARGS_ALL, "PostgREST filter string"},
    {"*.or_", DF_ON_QUERY, DF_ARGS_ALL, "PostgREST filter string"},
    {"*.textSearch", DF_ON_QUERY, DF_ARGS_ALL, "query filter"},
    {"*.text_search", DF_ON_QUERY, DF_ARGS_ALL, "query filter"},
    {"*.range", DF_ON_QUERY, DF_ARGS_ALL, "query range"},
    {"*.limit", DF_ON_QUERY, DF_ARGS_ALL, "query limit"},
    {"*.order", DF_ON_QUERY, DF_ARGS_ALL, "query order"},
    /* payloads */
    {"*.insert", DF_ON_QUERY, 0, "insert payload"},
    {"*.update", DF_ON_QUERY, 0, "update payload"},
    {"*.upsert", DF_ON_QUERY, 0, "upsert payload"},
    {"*.values", DF_ON_QUERY, 0, "insert payload"},
    {"*.set", DF_ON_QUERY, 0, "update payload"},
    /* knex / kysely / drizzle */
    {"*.where", DF_ON_QUERY, DF_ARGS_ALL, "where clause"},
    {"*.andWhere", DF_ON_QUERY, DF_ARGS_ALL, "where clause"},
    {"*.orWhere", DF_ON_QUERY, DF_ARGS_ALL, "where clause"},
    {"*.whereIn", DF_ON_QUERY, DF_ARGS_ALL, "where clause"},
    {"*.whereNot", DF_ON_QUERY, DF_ARGS_ALL, "where clause"},
    /* postgres.js / drizzle tagged templates: sql`... ${x}` */
    {"sql", DF_ON_ANY, DF_ARGS_ALL, "SQL template"},
    /* Postgres functions */
    {"*.rpc", DF_ON_ANY, DF_ARGS_ALL, "rpc arguments"},
    /* pg, mysql2, psycopg, asyncpg, SQLAlchemy sessions: the values passed beside the SQL
     * text (SQL text built from request data is security-sql-string-formatting's finding) */
    {"*.query", DF_ON_CLIENT, DF_ARGS_REST, "query values"},
    {"*.execute", DF_ON_CLIENT, DF_ARGS_REST, "query values"},
    {"*.executemany", DF_ON_CLIENT, DF_ARGS_REST, "query values"},
    {"*.fetch", DF_ON_CLIENT, DF_ARGS_REST, "query values"},
    {"*.fetchrow", DF_ON_CLIENT, DF_ARGS_REST, "query values"},
    {"*.fetchval", DF_ON_CLIENT, DF_ARGS_REST, "query values"},
    /* prisma */
    {"*.findMany", DF_ON_CLIENT, 0, "prisma query", prisma_roots},
    {"*.findFirst", DF_ON_CLIENT, 0, "prisma query", prisma_roots},
    {"*.findUnique", DF_ON_CLIENT, 0, "prisma query", prisma_roots},
    {"*.findFirstOrThrow", DF_ON_CLIENT, 0, "prisma query", prisma_roots},
    {"*.findUniqueOrThrow", DF_ON_CLIENT, 0, "prisma query", prisma_roots},
    {"*.create", DF_ON_CLIENT, 0, "prisma query", prisma_roots},
    {"*.createMany", DF_ON_CLIENT, 0, "prisma query", prisma_roots},
    {"*.updateMany", DF_ON_CLIENT, 0, "prisma query", prisma_roots},
    {"*.delete", DF_ON_CLIENT, 0, "prisma query", prisma_roots},
    {"*.deleteMany", DF_ON_CLIENT, 0, "prisma query", prisma_roots},
    {"*.count", DF_ON_CLIENT, 0, "prisma query", prisma_roots},
    {"*.$queryRawUnsafe", DF_ON_CLIENT, DF_ARGS_REST, "raw query"},
    {"*.$executeRawUnsafe", DF_ON_CLIENT, DF_ARGS_REST, "raw query"},
    {"*.insert", DF_ON_CLIENT, 0, "insert payload", prisma_roots},
    {"*.update", DF_ON_CLIENT, 0, "update payload", prisma_roots},
    {"*.upsert", DF_ON_CLIENT, 0, "upsert payload", prisma_roots},
    {"*.run", DF_ON_CLIENT, DF_ARGS_REST, "query values", pg8000_roots},
    /* aiosql: queries.get_lead(conn, lead_id=...) runs the named SQL with the values after
     * the connection (last: a known method name above comes first) */
    {"queries.*", DF_ON_ANY, DF_ARGS_REST, "aiosql query"},
    {NULL, 0, 0, NULL, NULL},
};

static const struct df_spec spec = {
    .sources = sources,
    .sanitizers = sanitizers,
    .sinks = sinks,
    .propagators = propagators,
    .nan_checks = nan_checks,
    .converting_keywords = converting_keywords,
    .noreturn = noreturn,
    .query_starts = query_starts,
    .clients = clients,
    .request_names = request_names,
    .request_types = request_types,
    .request_modules = request_modules,
    .route_params = true,
    .server_actions = true,
    .fastapi_bodies = true,
};

/* One file's flows, with what was found of each client name (a file has few). */
struct client_seen {
    uint32_t start, len;
    bool admin;
};

struct flows {
    struct check_file *f;
    struct client_seen seen[16];
    size_t nseen;
    struct imports *im;
    struct localdefs_memo *defs;
    struct xmod_facts *xmod; /* for the project pass, or NULL */
};

/* The traits of exports (model/xmod.h): a client made with the service-role key; a function
 * whose parameter (the offer's slot) reaches a query. */
enum { TRAIT_ADMIN = 1, TRAIT_SINK = 2 };

static bool client_is_admin(struct flows *fs, TSNode call)
{
    TSNode root = ts_node_is_null(call) ? call : service_role_chain_root(call);
    if (ts_node_is_null(root))
        return false;
    const char *text = fs->f->src->text;
    uint32_t a = ts_node_start_byte(root), len = ts_node_end_byte(root) - a;
    for (size_t i = 0; i < fs->nseen; i++)
        if (fs->seen[i].len == len && memcmp(text + fs->seen[i].start, text + a, len) == 0)
            return fs->seen[i].admin;
    bool admin = service_role_client(fs->f, root);
    if (fs->nseen < sizeof fs->seen / sizeof *fs->seen)
        fs->seen[fs->nseen++] = (struct client_seen){a, len, admin};
    return admin;
}

/* How harmful request data at the sink argument [start, end) is (see the file's comment). */
static enum level sink_level(struct flows *fs, uint32_t start, uint32_t end, const char *what,
                             const char *label, TSNode *call_out)
{
    int index = -1;
    TSNode call = dbcall_arg_call(fs->f, start, end, &index);
    if (call_out)
        *call_out = call;
    if (client_is_admin(fs, call))
        return LEVEL_ERROR;
    /* a value PostgREST binds; in .eq(column, value) a request value as the column (index 0)
     * is worse, .match({...}) takes one object */
    if (strcmp(what, "query range") == 0 || strcmp(what, "query limit") == 0)
        return LEVEL_NOTE;
    if (strcmp(what, "query filter") == 0 && dbcall_postgrest_bound(label, index))
        return LEVEL_NOTE;
    if (strcmp(what, "where clause") == 0 && fs->f->lang != LANG_PYTHON &&
        dbcall_drizzle_bound_where(fs->f, start, end, request_names))
        return LEVEL_NOTE;
    return LEVEL_WARNING;
}

/* The message of a flow at a level; where names the helper of another module the sink is in
 * (" in createLead() (lib/db.ts)") or is "". Caller frees. */
static char *flow_message(enum level level, bool py, const char *source, unsigned line,
                          const char *what, const char *label, const char *where)
{
    const char *schema = py ? "a pydantic model" : "a zod schema";
    if (level == LEVEL_ERROR)
        return xasprintf("request data from %s at line %u reaches the %s of %s%s on the "
                         "service-role client, which bypasses row level security: parse it "
                         "with %s and check that the caller may touch these rows first",
                         source, line, what, label, where, schema);
    if (level == LEVEL_NOTE)
        return xasprintf("request data from %s at line %u selects the rows of %s%s (the "
                         "database binds the value): make sure the caller may read them, by row "
                         "level security or a check of ownership, and parse it with %s for a "
                         "clear 400 on bad input", source, line, label, where, schema);
    return xasprintf("request data from %s at line %u reaches the %s of %s%s without schema "
                     "validation: parse it with %s first", source, line, what, label, where,
                     schema);
}

/* The position of the first literal `true` / `True` among the arguments of call, or -2. */
static int true_argument(TSNode call)
{
    TSNode args = node_field(call, "arguments");
    uint32_t count = ts_node_named_child_count(args);
    for (uint32_t i = 0; i < count; i++)
        if (node_is(ts_node_named_child(args, i), "true"))
            return (int)i;
    return -2;
}

static void unvalidated_flow(void *data, const struct df_flow *fl)
{
    struct flows *fs = data;
    struct check_file *f = fs->f;
    unsigned line = source_pos(f->src, fl->source_start).line;
    bool py = f->lang == LANG_PYTHON;
    TSNode call;
    enum level level = sink_level(fs, fl->start, fl->end, fl->sink_what, fl->sink_label, &call);
    /* an rpc's arguments object: point at the properties the data went into, by name */
    struct df_flow at = *fl;
    if (strcmp(fl->sink_what, "rpc arguments") == 0)
        dbcall_rpc_properties(f, fl, &at.sink_what, &at.start, &at.end);
    fl = &at;
    char *msg = flow_message(level, py, fl->source_label, line, fl->sink_what, fl->sink_label,
                             "");
    struct import_ref r;
    if (level != LEVEL_ERROR && fs->im->project && !ts_node_is_null(call) &&
        imports_root(fs->im, f, fs->defs, node_field(call, "function"), &r)) {
        /* the client comes from another module, which may make it with the service-role key:
         * the project pass reports one message or the other */
        char *admin = flow_message(LEVEL_ERROR, py, fl->source_label, line, fl->sink_what,
                                   fl->sink_label, "");
        char *both = xasprintf("%s\n%s", msg, admin);
        if (!fs->xmod)
            fs->xmod = xmod_new();
        struct xmod_ask *a = xmod_ask(fs->xmod, &r, TRAIT_ADMIN, fl->start, fl->end, both,
                                      (int)level);
        /* a factory call: which argument, if any, asks for the service role */
        a->slot = ts_node_is_null(r.call) ? -1 : true_argument(r.call);
        for (size_t i = 0; i < fl->nsteps; i++)
            xmod_ask_step(a, fl->steps[i].start, fl->steps[i].end, "%s", fl->steps[i].msg);
        free(both);
        free(admin);
        free(msg);
        return;
    }
    struct finding *fd = check_report_range(f, fl->start, fl->end, "%s", msg);
    free(msg);
    if (level != LEVEL_WARNING)
        finding_set_level(fd, level);
    for (size_t i = 0; i < fl->nsteps; i++)
        finding_step(fd, fl->steps[i].start, fl->steps[i].end, "%s", fl->steps[i].msg);
}

/* Request data passed to a function this file does not define: a sink if the module that
 * exports it writes that parameter to the database (the project pass tells). */
static void unvalidated_call(void *data, const struct df_flow *fl, TSNode call, uint32_t index)
{
    struct flows *fs = data;
    struct import_ref r;
    if (!imports_ref(fs->im, fs->f, node_field(call, "function"), &r))
        return;
    char *text = xasprintf("%s\n%s", fl->source_label, fl->sink_label);
    if (!fs->xmod)
        fs->xmod = xmod_new();
    struct xmod_ask *a = xmod_ask(fs->xmod, &r, TRAIT_SINK, fl->start, fl->end, text,
                                  (int)source_pos(fs->f->src, fl->source_start).line);
    a->slot = (int)index;
    for (size_t i = 0; i + 1 < fl->nsteps; i++)
        xmod_ask_step(a, fl->steps[i].start, fl->steps[i].end, "%s", fl->steps[i].msg);
    xmod_ask_step(a, fl->start, fl->end, "passed to %s", fl->sink_label);
    free(text);
}

static bool exported_function(void *data, const char *function)
{
    struct flows *fs = data;
    uint32_t len;
    return imports_exported_as(fs->im, function, (uint32_t)strlen(function), &len) != NULL;
}

/* A parameter of an exported function that reaches a query: offered to the callers. */
static void unvalidated_param(void *data, const struct df_param_sink *ps)
{
    struct flows *fs = data;
    uint32_t len;
    const char *name = imports_exported_as(fs->im, ps->function, (uint32_t)strlen(ps->function),
                                           &len);
    if (!name)
        return;
    enum level level = sink_level(fs, ps->start, ps->end, ps->sink_what, ps->sink_label, NULL);
    char *text = xasprintf("%s\n%s\n%s", ps->sink_what, ps->sink_label, ps->function);
    if (!fs->xmod)
        fs->xmod = xmod_new();
    struct xmod_offer *o = xmod_offer(fs->xmod, name, len, TRAIT_SINK, ps->start, ps->end, text,
                                      (int)level);
    o->slot = (int)ps->param;
    free(text);
}

/* Exports that are (or make) the service-role client: named so, or declared by a statement
 * that reads the service-role key (a factory that reads it only when a parameter says so
 * offers it for calls that pass true there). */
static void offer_admin_clients(struct flows *fs)
{
    for (size_t i = 0; i < fs->im->nx; i++) {
        const struct import_export *x = &fs->im->x[i];
        int slot = -1;
        bool admin = service_role_name(x->local, x->local_len) ||
                     service_role_export(fs->f, x->start, x->end, &slot);
        if (!admin)
            continue;
        if (!fs->xmod)
            fs->xmod = xmod_new();
        xmod_offer(fs->xmod, x->name, x->name_len, TRAIT_ADMIN, x->start, x->end, NULL, 0)->slot =
            slot;
    }
}

static void unvalidated_file(struct check_file *f)
{
    struct flows fs = {.f = f, .im = imports_scan(f), .defs = localdefs_memo_new(f)};
    struct df_input in = {
        .lang = f->lang, .root = f->root, .text = f->src->text, .len = f->src->len,
        .path = f->src->path, .arena = f->arena, .nodes = f->nodes, .file = f,
        .on_call = fs.im->project ? unvalidated_call : NULL, .call_data = &fs,
        .entries = entry_file_of(f),
    };
    /* a time budget that ran out is the driver's to report */
    if (!df_run(&spec, &in, unvalidated_flow, &fs) && !check_out_of_time(f))
        check_notice(f, "the data-flow work budget ran out: flows in this file may be missed");
    if (fs.im->nx && !check_out_of_time(f)) {
        offer_admin_clients(&fs);
        struct dbcall db;
        dbcall_init(&db, f);
        bool queries = dbcall_file_may_query(&db);
        dbcall_release(&db);
        if (queries) {
            in.on_call = NULL;
            df_param_sinks(&spec, &in, exported_function, unvalidated_param, &fs);
        }
    }
    if (fs.xmod)
        check_keep_facts(f, fs.xmod, xmod_free);
}

/* The project pass: flows through a client or a helper of another module. */
static void unvalidated_match(struct check_project *p, size_t file, const struct xmod_ask *a,
                              size_t target, const struct xmod_offer *o, void *data)
{
    (void)data;
    bool py = project_file_lang(p, file) == LANG_PYTHON;
    struct finding *fd = NULL;
    if (a->want == TRAIT_ADMIN) {
        /* the message for the level found here, and the service-role one, split by '\n' */
        const char *nl = strchr(a->text, '\n');
        if (!nl)
            return;
        if (o) {
            fd = project_report(p, file, a->start, a->end, "%s", nl + 1);
            finding_set_level(fd, LEVEL_ERROR);
            finding_related_in(fd, p, target, o->start, o->end,
                               "the service-role client is made here");
        } else {
            fd = project_report(p, file, a->start, a->end, "%.*s", (int)(nl - a->text),
                                a->text);
            if (a->aux != LEVEL_WARNING)
                finding_set_level(fd, (enum level)a->aux);
        }
    } else if (o) {
        /* ask: source \n callee label; offer: what \n label \n function */
        const char *anl = strchr(a->text, '\n');
        const char *o1 = o->text ? strchr(o->text, '\n') : NULL;
        const char *o2 = o1 ? strchr(o1 + 1, '\n') : NULL;
        if (!anl || !o2)
            return;
        char *source = xstrndup(a->text, (size_t)(anl - a->text));
        char *what = xstrndup(o->text, (size_t)(o1 - o->text));
        char *label = xstrndup(o1 + 1, (size_t)(o2 - o1 - 1));
        char *where = xasprintf(" in %s() (%s)", o2 + 1, project_file_path(p, target));
        char *msg = flow_message((enum level)o->aux, py, source, (unsigned)a->aux, what, label,
                                 where);
        fd = project_report(p, file, a->start, a->end, "%s", msg);
        if (o->aux != LEVEL_WARNING)
            finding_set_level(fd, (enum level)o->aux);
        finding_related_in(fd, p, target, o->start, o->end, "%s() passes it to %s here",
                           o2 + 1, label);
        free(source);
        free(what);
        free(label);
        free(where);
        free(msg);
    }
    for (size_t i = 0; fd && i < a->steps.n; i++)
        finding_step(fd, a->steps.v[i].start, a->steps.v[i].end, "%s", a->steps.v[i].msg);
}

static void unvalidated_project(struct check_project *p)
{
    xmod_each(p, unvalidated_match, NULL);
}

/* Every source needs one of these: a request object (req, request, Request, NextRequest,
 * NextApiRequest) or its type (IncomingMessage), route or page params (params, searchParams),
 * a server action, or a FastAPI/Flask module; every module whose exports are sinks or
 * service-role clients one of the sinks' spellings. */
static const char *const unvalidated_prefilter[] = {"req", "Req", "IncomingMessage", "params",
                                                    "Params", "use server", "fastapi", "flask",
                                                    /* modules whose exports write their
                                                     * arguments: the sinks' spellings */
                                                    ".from(", ".table(", ".insert(",
                                                    ".update(", ".upsert(", ".rpc(",
                                                    "execute(", "query(", "sql`", "prisma",
                                                    "SERVICE_ROLE", NULL};

static const struct file_model *const unvalidated_models[] = {&entry_model, NULL};

const struct check check_security_unvalidated_input_to_query = {
    .id = "security-unvalidated-input-to-query",
    .title = "Request data reaches a database query without schema validation",
    .level = LEVEL_WARNING,
    .langs = LANGS_JS_TS | LANG_BIT(LANG_PYTHON),
    .tags = (const char *const[]){"security", "external/cwe/cwe-20", NULL},
    .security_severity = "6.5",
    .precision = "high",
    .prefilter = unvalidated_prefilter,
    .file = unvalidated_file,
    .project = unvalidated_project,
    .models = unvalidated_models,
};
