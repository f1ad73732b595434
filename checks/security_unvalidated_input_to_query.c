/* security_unvalidated_input_to_query.c — request data (Next.js route handlers, server actions,
 * Express/pages API, FastAPI, Flask) reaching a database query (supabase-js/-py filters and
 * payloads, rpc, PostgREST filter strings, pg/mysql2/knex/prisma/drizzle/psycopg) without a
 * schema validating it first. The tracking is the dataflow engine's; this file is its tables,
 * and the level of each finding: a write or a filter string is a warning, any of them on the
 * service-role client (which bypasses row level security) an error, and a value the database
 * binds into an equality or range filter on an ordinary client a note about ownership.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "check.h"
#include "model/dataflow/dataflow.h"

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

/* prisma's model methods (prisma.lead.findMany): only on what is clearly a prisma client */
static const char *const prisma_roots[] = {"prisma", "db", "tx", "trx", NULL};

static const struct df_sink sinks[] = {
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

/* Filters whose value PostgREST sends as a bound parameter: a request value there selects
 * rows, it cannot change the query. */
static const char *const bound_filters[] = {".eq()", ".neq()", ".gt()", ".gte()", ".lt()",
                                            ".lte()", ".is()", ".is_()", ".in()", ".in_()",
                                            ".match()", ".contains()", ".containedBy()",
                                            ".contained_by()", ".overlaps()", ".range()",
                                            ".limit()", NULL};

static bool in_list(const char *s, const char *const *list)
{
    for (; *list; list++)
        if (strcmp(s, *list) == 0)
            return true;
    return false;
}

/* The sink call around the argument [start, end), and the argument's index in it. */
static TSNode sink_call(const struct check_file *f, uint32_t start, uint32_t end, int *index)
{
    TSNode n = ts_node_named_descendant_for_byte_range(f->root, start, end);
    for (int guard = 0; !ts_node_is_null(n) && guard < 64; guard++) {
        TSNode parent = ts_node_parent(n);
        if (ts_node_is_null(parent))
            break;
        const char *t = ts_node_type(parent);
        if (strcmp(t, "arguments") == 0 || strcmp(t, "argument_list") == 0) {
            *index = 0;
            for (uint32_t i = 0; i < ts_node_named_child_count(parent); i++)
                if (ts_node_eq(ts_node_named_child(parent, i), n))
                    *index = (int)i;
            return ts_node_parent(parent);
        }
        n = parent;
    }
    *index = -1;
    return (TSNode){0};
}

/* The name a query chain starts from: `supabaseAdmin` in supabaseAdmin.from('x').eq(...). */
static TSNode chain_root(TSNode call)
{
    TSNode n = call;
    for (int guard = 0; !ts_node_is_null(n) && guard < 256; guard++) {
        const char *t = ts_node_type(n);
        if (strcmp(t, "call_expression") == 0 || strcmp(t, "call") == 0)
            n = node_field(n, "function");
        else if (strcmp(t, "member_expression") == 0 || strcmp(t, "attribute") == 0)
            n = node_field(n, "object");
        else if (strcmp(t, "await_expression") == 0 || strcmp(t, "parenthesized_expression") == 0 ||
                 strcmp(t, "non_null_expression") == 0)
            n = ts_node_named_child(n, 0);
        else
            return n;
    }
    return (TSNode){0};
}

static bool says_service_role(const char *s, size_t n)
{
    static const char *const words[] = {"service_role", "servicerole", "service_key",
                                        "servicekey", "secret_key", "admin"};
    char buf[512];
    size_t m = n < sizeof buf - 1 ? n : sizeof buf - 1;
    size_t k = 0;
    for (size_t i = 0; i < m; i++)
        if (s[i] != '-')
            buf[k++] = (char)tolower((unsigned char)s[i]);
    buf[k] = '\0';
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (strstr(buf, words[i]))
            return true;
    return false;
}

/* true when the chain starts from a client made with the service-role key: named so
 * (supabaseAdmin, serviceClient), or assigned in this file from a call that reads it
 * (createClient(url, process.env.SUPABASE_SERVICE_ROLE_KEY)). */
static bool service_role_client(const struct check_file *f, TSNode root)
{
    if (ts_node_is_null(root) || (strcmp(ts_node_type(root), "identifier") != 0))
        return false;
    uint32_t a = ts_node_start_byte(root), b = ts_node_end_byte(root);
    const char *text = f->src->text;
    size_t len = b - a;
    if (len == 0 || len > 64)
        return false;
    if (says_service_role(text + a, len))
        return true;
    /* NAME = ... up to the end of that statement (400 bytes at most) */
    for (const char *p = text; (p = strstr(p, "=")) != NULL; p++) {
        if (p[1] == '=' || p == text)
            continue;
        /* the name ends at e (offsets, not pointers: nothing before the text is touched) */
        size_t e = (size_t)(p - text);
        while (e > 0 && (text[e - 1] == ' ' || text[e - 1] == '\t' || text[e - 1] == ':' ||
                         text[e - 1] == '!'))
            e--;
        if (e < len || memcmp(text + e - len, text + a, len) != 0)
            continue;
        if (e > len && (isalnum((unsigned char)text[e - len - 1]) || text[e - len - 1] == '_'))
            continue;
        /* the statement: to a ';' or a line end outside brackets */
        size_t n = 0;
        int depth = 0;
        for (; p[n] && n < 400; n++) {
            char c = p[n];
            if (c == '(' || c == '[' || c == '{')
                depth++;
            else if ((c == ')' || c == ']' || c == '}') && depth > 0)
                depth--;
            else if (depth == 0 && (c == ';' || c == '\n'))
                break;
        }
        if (says_service_role(p, n))
            return true;
    }
    return false;
}

/* One file's flows, with what was found of each client name (a file has few). */
struct client_seen {
    uint32_t start, len;
    bool admin;
};

struct flows {
    struct check_file *f;
    struct client_seen seen[16];
    size_t nseen;
};

static bool client_is_admin(struct flows *fs, TSNode call)
{
    TSNode root = ts_node_is_null(call) ? call : chain_root(call);
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

static void unvalidated_flow(void *data, const struct df_flow *fl)
{
    struct flows *fs = data;
    struct check_file *f = fs->f;
    uint32_t line = source_pos(f->src, fl->source_start).line;
    const char *schema = f->lang == LANG_PYTHON ? "a pydantic model" : "a zod schema";
    int index = -1;
    TSNode call = sink_call(f, fl->start, fl->end, &index);
    bool admin = client_is_admin(fs, call);
    /* a value PostgREST binds; in .eq(column, value) a request value as the column (index 0)
     * is worse, .match({...}) takes one object */
    bool bound = false;
    if (!admin && (strcmp(fl->sink_what, "query range") == 0 ||
                   strcmp(fl->sink_what, "query limit") == 0))
        bound = true;
    else if (!admin && strcmp(fl->sink_what, "query filter") == 0 &&
             in_list(fl->sink_label, bound_filters))
        bound = index != 0 || strcmp(fl->sink_label, ".match()") == 0;
    struct finding *fd;
    if (admin) {
        fd = check_report_range(
            f, fl->start, fl->end,
            "request data from %s at line %u reaches the %s of %s on the service-role client, "
            "which bypasses row level security: parse it with %s and check that the caller "
            "may touch these rows first",
            fl->source_label, line, fl->sink_what, fl->sink_label, schema);
        finding_set_level(fd, LEVEL_ERROR);
    } else if (bound) {
        fd = check_report_range(
            f, fl->start, fl->end,
            "request data from %s at line %u selects the rows of %s (the database binds the "
            "value): make sure the caller may read them, by row level security or a check of "
            "ownership, and parse it with %s for a clear 400 on bad input",
            fl->source_label, line, fl->sink_label, schema);
        finding_set_level(fd, LEVEL_NOTE);
    } else {
        fd = check_report_range(
            f, fl->start, fl->end,
            "request data from %s at line %u reaches the %s of %s without schema validation: "
            "parse it with %s first",
            fl->source_label, line, fl->sink_what, fl->sink_label, schema);
    }
    for (size_t i = 0; i < fl->nsteps; i++)
        finding_step(fd, fl->steps[i].start, fl->steps[i].end, "%s", fl->steps[i].msg);
}

static void unvalidated_file(struct check_file *f)
{
    struct df_input in = {
        .lang = f->lang, .root = f->root, .text = f->src->text, .len = f->src->len,
        .path = f->src->path, .arena = f->arena, .nodes = f->nodes, .file = f,
    };
    struct flows fs = {.f = f};
    /* a time budget that ran out is the driver's to report */
    if (!df_run(&spec, &in, unvalidated_flow, &fs) && !check_out_of_time(f))
        check_notice(f, "the data-flow work budget ran out: flows in this file may be missed");
}

/* Every source needs one of these: a request object (req, request, Request, NextRequest,
 * NextApiRequest) or its type (IncomingMessage), route or page params (params, searchParams),
 * a server action, or a FastAPI/Flask module. */
static const char *const unvalidated_prefilter[] = {"req", "Req", "IncomingMessage", "params",
                                                    "Params", "use server", "fastapi", "flask",
                                                    NULL};

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
};
