/* sql_objects.c — the operations the security and data-loss checks read from libpg_query's
 * JSON: policies, functions, grants, views, TRUNCATE, DELETE and UPDATE without WHERE; and the
 * statements inside DO blocks (see sql.h, sql_p.h). */
#include <pg_query.h>
#include <stdlib.h>
#include <string.h>

#include "sql_p.h"

/* Helpers ------------------------------------------------------------------------------------ */

static struct sql_op *push(const struct pg_ctx *c, enum sql_op_kind kind)
{
    return sql_op_push(c->b, kind, c->stmt, c->start,
                       sql_line_end(c->b->src->text, c->start, c->end));
}

/* A list of RoleSpec nodes as role names ("public" for PUBLIC, "" for CURRENT_USER and the
 * like). */
static const char **roles_of(const struct pg_ctx *c, const char *list, size_t *n)
{
    const struct jdoc *d = c->d;
    size_t count = jarr_count(d, list), k = 0;
    const char **v = sql_strv_new(c->b->arena, count);
    JARR_EACH(d, it, list) {
        const char *type, *name;
        JFIELDS(d, jget(d, it, "RoleSpec"), {"roletype", &type}, {"rolename", &name});
        const char *role = jv_eq(type, "ROLESPEC_PUBLIC") ? "public"
                           : jv_eq(type, "ROLESPEC_CSTRING") ? jv_str(c->b->arena, name)
                                                             : "";
        if (role && k < count)
            v[k++] = role;
    }
    *n = k;
    return v;
}

/* The last name of a TypeName, with [] for an array. */
static const char *type_name(const struct pg_ctx *c, const char *tn)
{
    const char *names, *bounds;
    JFIELDS(c->d, tn, {"names", &names}, {"arrayBounds", &bounds});
    const char *last = NULL;
    JARR_EACH(c->d, it, names)
        last = it;
    const char *s = last ? jv_str(c->b->arena, jsval(c->d, last)) : NULL;
    if (!s)
        return "?";
    return bounds ? arena_printf(c->b->arena, "%s[]", s) : s;
}

/* Argument types joined by commas: "int4,text". */
static const char *join_types(const struct pg_ctx *c, const char *const *v, size_t n)
{
    struct strbuf sb;
    strbuf_init(&sb);
    for (size_t i = 0; i < n; i++) {
        if (i)
            strbuf_addch(&sb, ',');
        strbuf_addstr(&sb, v[i]);
    }
    const char *out = arena_strndup(c->b->arena, sb.buf, sb.len);
    strbuf_release(&sb);
    return out;
}

/* An ObjectWithArgs: the function's name into *q, its argument types (NULL when the statement
 * gives none). */
static const char *object_with_args(const struct pg_ctx *c, const char *owa,
                                    struct sql_qname *q)
{
    const char *objname, *objargs, *unspecified;
    JFIELDS(c->d, owa, {"objname", &objname}, {"objargs", &objargs},
            {"args_unspecified", &unspecified});
    *q = jdotted(c->d, c->b->arena, objname);
    if (jv_true(unspecified))
        return NULL;
    size_t n = jarr_count(c->d, objargs), k = 0;
    const char **v = sql_strv_new(c->b->arena, n);
    JARR_EACH(c->d, it, objargs)
        if (k < n)
            v[k++] = type_name(c, jget(c->d, it, "TypeName"));
    return join_types(c, v, k);
}

/* Is expression e the constant true? */
static bool is_true(const struct jdoc *d, const char *e)
{
    return jv_true(jget(d, jget(d, jget(d, e, "A_Const"), "boolval"), "boolval"));
}

/* Policies ------------------------------------------------------------------------------------ */

static uint32_t policy_cmd(const char *cmd)
{
    static const char *const cmds[] = {"all", "select", "insert", "update", "delete"};
    for (uint32_t i = 0; i < ARRAY_SIZE(cmds); i++)
        if (jv_eq(cmd, cmds[i]))
            return i;
    return SQL_POLICY_ALL;
}

static void pg_policy(const struct pg_ctx *c, const char *st, bool create)
{
    const struct jdoc *d = c->d;
    const char *name, *table, *cmd, *permissive, *roles, *qual, *check;
    JFIELDS(d, st, {"policy_name", &name}, {"table", &table}, {"cmd_name", &cmd},
            {"permissive", &permissive}, {"roles", &roles}, {"qual", &qual},
            {"with_check", &check});
    struct sql_op *o = push(c, create ? SQL_OP_CREATE_POLICY : SQL_OP_ALTER_POLICY);
    o->rel = jrangevar(d, c->b->arena, table, NULL);
    o->name = jv_str(c->b->arena, name);
    uint32_t f = create ? policy_cmd(cmd) : 0;
    if (create && !jv_true(permissive))
        f |= SQL_POLICY_RESTRICTIVE;
    if (qual)
        f |= SQL_POLICY_HAS_USING | (is_true(d, qual) ? SQL_POLICY_USING_TRUE : 0);
    if (check)
        f |= SQL_POLICY_HAS_CHECK | (is_true(d, check) ? SQL_POLICY_CHECK_TRUE : 0);
    if (roles) {
        f |= SQL_POLICY_HAS_ROLES;
        o->roles = roles_of(c, roles, &o->nroles);
    }
    /* the names come out of the JSON as written: libpg_query escapes nothing in them */
    if (strstr(d->text, "\"sval\":\"user_metadata\"") ||
        strstr(d->text, "\"sval\":\"raw_user_meta_data\""))
        f |= SQL_POLICY_USER_METADATA;
    o->flags = f;
}

/* Functions ----------------------------------------------------------------------------------- */

/* The SQL_FN_* flags of a SET / RESET search_path (a VariableSetStmt). */
static uint32_t search_path_flags(const struct jdoc *d, const char *vss)
{
    const char *kind, *name;
    JFIELDS(d, vss, {"kind", &kind}, {"name", &name});
    if (jv_eq(kind, "VAR_RESET_ALL"))
        return SQL_FN_RESET_PATH;
    if (!jv_eq(name, "search_path"))
        return 0;
    return jv_eq(kind, "VAR_RESET") ? SQL_FN_RESET_PATH : SQL_FN_SEARCH_PATH;
}

/* The flags of a function's options (CREATE) or actions (ALTER): DefElems. */
static uint32_t function_options(const struct jdoc *d, const char *list)
{
    uint32_t f = 0;
    JARR_EACH(d, it, list) {
        const char *defname, *arg;
        JFIELDS(d, jget(d, it, "DefElem"), {"defname", &defname}, {"arg", &arg});
        if (jv_eq(defname, "security"))
            f |= jv_true(jget(d, jget(d, arg, "Boolean"), "boolval")) ? SQL_FN_DEFINER
                                                                      : SQL_FN_INVOKER;
        else if (jv_eq(defname, "set"))
            f |= search_path_flags(d, jget(d, arg, "VariableSetStmt"));
    }
    return f;
}

static void pg_create_function(const struct pg_ctx *c, const char *st)
{
    const struct jdoc *d = c->d;
    const char *funcname, *params, *ret, *options, *procedure;
    JFIELDS(d, st, {"funcname", &funcname}, {"parameters", &params}, {"returnType", &ret},
            {"options", &options}, {"is_procedure", &procedure});
    struct sql_op *o = push(c, SQL_OP_CREATE_FUNCTION);
    o->rel = jdotted(d, c->b->arena, funcname);
    size_t n = jarr_count(d, params), k = 0;
    const char **v = sql_strv_new(c->b->arena, n);
    JARR_EACH(d, it, params) {
        const char *mode, *type;
        JFIELDS(d, jget(d, it, "FunctionParameter"), {"mode", &mode}, {"argType", &type});
        /* OUT and TABLE parameters are not part of the signature */
        if (!jv_eq(mode, "FUNC_PARAM_OUT") && !jv_eq(mode, "FUNC_PARAM_TABLE") && k < n)
            v[k++] = type_name(c, type);
    }
    o->name = join_types(c, v, k);
    o->flags = function_options(d, options) & ~SQL_FN_INVOKER;
    const char *rt = ret ? type_name(c, ret) : "";
    if (strcmp(rt, "trigger") == 0 || strcmp(rt, "event_trigger") == 0)
        o->flags |= SQL_FN_TRIGGER;
    if (jv_true(procedure))
        o->flags |= SQL_FN_PROCEDURE;
}

static void pg_alter_function(const struct pg_ctx *c, const char *st)
{
    const char *func, *actions;
    JFIELDS(c->d, st, {"func", &func}, {"actions", &actions});
    struct sql_op *o = push(c, SQL_OP_ALTER_FUNCTION);
    o->name = object_with_args(c, func, &o->rel);
    o->flags = function_options(c->d, actions);
}

/* Grants -------------------------------------------------------------------------------------- */

/* A GrantStmt (or the action of ALTER DEFAULT PRIVILEGES, defaults: its schemas list). */
static void pg_grant(const struct pg_ctx *c, const char *st, bool defaults,
                     const char *schemas)
{
    const struct jdoc *d = c->d;
    const char *is_grant, *targtype, *objtype, *objects, *privs, *grantees;
    JFIELDS(d, st, {"is_grant", &is_grant}, {"targtype", &targtype}, {"objtype", &objtype},
            {"objects", &objects}, {"privileges", &privs}, {"grantees", &grantees});
    uint32_t f = defaults ? SQL_GRANT_DEFAULTS : 0;
    bool fn = jv_eq(objtype, "OBJECT_FUNCTION") || jv_eq(objtype, "OBJECT_PROCEDURE") ||
              jv_eq(objtype, "OBJECT_ROUTINE");
    if (fn)
        f |= SQL_GRANT_FUNCTION;
    else if (jv_eq(objtype, "OBJECT_TABLE"))
        f |= SQL_GRANT_RELATION;
    else
        return;
    /* no privileges listed: ALL */
    bool use = !privs;
    JARR_EACH(d, it, privs) {
        const char *name = jget(d, jget(d, it, "AccessPriv"), "priv_name");
        use |= jv_eq(name, fn ? "execute" : "select");
    }
    if (use)
        f |= SQL_GRANT_USE;
    size_t nroles;
    const char **roles = roles_of(c, grantees, &nroles);
    enum sql_op_kind kind = jv_true(is_grant) ? SQL_OP_GRANT : SQL_OP_REVOKE;
    struct arena *a = c->b->arena;
    if (defaults || jv_eq(targtype, "ACL_TARGET_ALL_IN_SCHEMA")) {
        const char *list = defaults ? schemas : objects;
        if (!defaults)
            f |= SQL_GRANT_ALL_IN_SCHEMA;
        size_t n = 0;
        const char **v = jstrings(d, a, list, &n);
        /* default privileges without IN SCHEMA hold for every schema: one op, schema NULL */
        for (size_t i = 0; i < (n ? n : 1); i++) {
            struct sql_op *o = push(c, kind);
            o->rel.schema = n ? v[i] : NULL;
            o->flags = f;
            o->roles = roles;
            o->nroles = nroles;
        }
        return;
    }
    JARR_EACH(d, it, objects) {
        struct sql_qname q;
        const char *args = NULL;
        if (fn)
            args = object_with_args(c, jget(d, it, "ObjectWithArgs"), &q);
        else
            q = jrangevar(d, a, jget(d, it, "RangeVar"), NULL);
        if (!q.name)
            continue;
        struct sql_op *o = push(c, kind);
        o->rel = q;
        o->name = args;
        o->flags = f;
        o->roles = roles;
        o->nroles = nroles;
    }
}

static void pg_default_privileges(const struct pg_ctx *c, const char *st)
{
    const struct jdoc *d = c->d;
    const char *options, *action, *schemas = NULL;
    JFIELDS(d, st, {"options", &options}, {"action", &action});
    JARR_EACH(d, it, options) {
        const char *defname, *arg;
        JFIELDS(d, jget(d, it, "DefElem"), {"defname", &defname}, {"arg", &arg});
        if (jv_eq(defname, "schemas"))
            schemas = jget(d, jget(d, arg, "List"), "items");
    }
    pg_grant(c, action, true, schemas);
}

/* Views --------------------------------------------------------------------------------------- */

/* Is a security_invoker DefElem's value true? No value (WITH (security_invoker)) is true. */
static bool option_true(const struct jdoc *d, const char *arg)
{
    if (!arg)
        return true;
    const char *sval = jget(d, jget(d, arg, "String"), "sval");
    if (sval)
        return jv_eq(sval, "true") || jv_eq(sval, "on") || jv_eq(sval, "yes") ||
               jv_eq(sval, "1") || jv_eq(sval, "t");
    const char *b = jget(d, jget(d, arg, "Boolean"), "boolval");
    const char *i = jget(d, jget(d, arg, "Integer"), "ival");
    return jv_true(b) || jv_int(i, 0) != 0;
}

/* The SQL_VIEW_* flags of a list of reloptions (DefElems). */
static uint32_t view_options(const struct jdoc *d, const char *list, bool reset)
{
    uint32_t f = 0;
    JARR_EACH(d, it, list) {
        const char *defname, *arg;
        JFIELDS(d, jget(d, it, "DefElem"), {"defname", &defname}, {"arg", &arg});
        if (!jv_eq(defname, "security_invoker"))
            continue;
        f |= SQL_VIEW_HAS_INVOKER;
        if (!reset && option_true(d, arg))
            f |= SQL_VIEW_INVOKER;
        else
            f &= ~(uint32_t)SQL_VIEW_INVOKER;
    }
    return f;
}

static void pg_create_view(const struct pg_ctx *c, const char *st)
{
    const struct jdoc *d = c->d;
    struct arena *a = c->b->arena;
    const char *view, *query, *options, *replace;
    JFIELDS(d, st, {"view", &view}, {"query", &query}, {"options", &options},
            {"replace", &replace});
    struct sql_op *o = push(c, SQL_OP_CREATE_VIEW);
    o->rel = jrangevar(d, a, view, NULL);
    o->flags = view_options(d, options, false) | (jv_true(replace) ? SQL_VIEW_REPLACE : 0);
    /* the relations the query reads: every RangeVar in its text, found without descending */
    const char *end = query ? jskip(d, query) : NULL;
    VEC(const char *) refs = {0};
    static const char key[] = "{\"RangeVar\":";
    for (const char *p = query; p && end && (p = strstr(p, key)) && p < end; p += sizeof(key) - 1) {
        struct sql_qname q = jrangevar(d, a, p + sizeof(key) - 1, NULL);
        if (!q.name)
            continue;
        VEC_PUSH(refs, q.schema);
        VEC_PUSH(refs, q.name);
    }
    o = &c->b->ops.v[c->b->ops.n - 1];
    o->nrefs = refs.n / 2;
    o->refs = sql_strv_new(a, refs.n);
    if (refs.n)
        memcpy(o->refs, refs.v, refs.n * sizeof(*refs.v));
    VEC_FREE(refs);
}

void sql_objects_alter_view(const struct pg_ctx *c, const char *st)
{
    const struct jdoc *d = c->d;
    const char *relation, *cmds;
    JFIELDS(d, st, {"relation", &relation}, {"cmds", &cmds});
    JARR_EACH(d, it, cmds) {
        const char *sub, *def;
        JFIELDS(d, jget(d, it, "AlterTableCmd"), {"subtype", &sub}, {"def", &def});
        bool set = jv_eq(sub, "AT_SetRelOptions"), reset = jv_eq(sub, "AT_ResetRelOptions");
        if (!set && !reset)
            continue;
        uint32_t f = view_options(d, jget(d, jget(d, def, "List"), "items"), reset);
        if (!f)
            continue;
        struct sql_op *o = push(c, SQL_OP_ALTER_VIEW);
        o->rel = jrangevar(d, c->b->arena, relation, NULL);
        o->flags = f;
    }
}

/* Data loss ----------------------------------------------------------------------------------- */

void sql_objects_alter_type(const struct pg_ctx *c, struct sql_qname rel, const char *cmd)
{
    const char *name, *def;
    JFIELDS(c->d, cmd, {"name", &name}, {"def", &def});
    const char *type = jget(c->d, jget(c->d, def, "ColumnDef"), "typeName");
    struct sql_op *o = push(c, SQL_OP_ALTER_COLUMN_TYPE);
    o->rel = rel;
    o->name = jv_str(c->b->arena, name);
    o->new_name = type ? type_name(c, type) : NULL;
}

static void pg_truncate(const struct pg_ctx *c, const char *st)
{
    JARR_EACH(c->d, it, jget(c->d, st, "relations")) {
        struct sql_qname q = jrangevar(c->d, c->b->arena, jget(c->d, it, "RangeVar"), NULL);
        if (q.name)
            push(c, SQL_OP_TRUNCATE)->rel = q;
    }
}

static void pg_delete_update(const struct pg_ctx *c, const char *st, bool update)
{
    const struct jdoc *d = c->d;
    const char *relation, *where, *targets;
    JFIELDS(d, st, {"relation", &relation}, {"whereClause", &where}, {"targetList", &targets});
    if (where)
        return;
    struct sql_op *o = push(c, update ? SQL_OP_UPDATE_ALL : SQL_OP_DELETE_ALL);
    o->rel = jrangevar(d, c->b->arena, relation, NULL);
    if (!update)
        return;
    size_t n = jarr_count(d, targets), k = 0;
    const char **cols = sql_strv_new(c->b->arena, n);
    JARR_EACH(d, it, targets) {
        const char *col = jv_str(c->b->arena, jget(d, jget(d, it, "ResTarget"), "name"));
        if (col && k < n)
            cols[k++] = col;
    }
    o = &c->b->ops.v[c->b->ops.n - 1];
    o->cols = cols;
    o->ncols = k;
}

/* Drops --------------------------------------------------------------------------------------- */

bool sql_objects_drop(const struct pg_ctx *c, const char *st)
{
    const struct jdoc *d = c->d;
    struct arena *a = c->b->arena;
    const char *objects, *type;
    JFIELDS(d, st, {"objects", &objects}, {"removeType", &type});
    bool fn = jv_eq(type, "OBJECT_FUNCTION") || jv_eq(type, "OBJECT_PROCEDURE") ||
              jv_eq(type, "OBJECT_ROUTINE");
    bool policy = jv_eq(type, "OBJECT_POLICY"), view = jv_eq(type, "OBJECT_VIEW");
    if (!fn && !policy && !view)
        return false;
    JARR_EACH(d, it, objects) {
        if (fn) {
            struct sql_qname q;
            const char *args = object_with_args(c, jget(d, it, "ObjectWithArgs"), &q);
            if (!q.name)
                continue;
            struct sql_op *o = push(c, SQL_OP_DROP_FUNCTION);
            o->rel = q;
            o->name = args;
            continue;
        }
        size_t n;
        const char **v = jstrings(d, a, jget(d, jget(d, it, "List"), "items"), &n);
        if (view && n >= 1) {
            struct sql_op *o = push(c, SQL_OP_DROP_VIEW);
            o->rel = (struct sql_qname){n >= 2 ? v[n - 2] : NULL, v[n - 1]};
        } else if (policy && n >= 2) {
            /* [schema,] table, policy */
            struct sql_op *o = push(c, SQL_OP_DROP_POLICY);
            o->rel = (struct sql_qname){n >= 3 ? v[n - 3] : NULL, v[n - 2]};
            o->name = v[n - 1];
        }
    }
    return true;
}

bool sql_objects_extract(const struct pg_ctx *c, const char *k, size_t n, const char *node)
{
    if (jkey_is(k, n, "CreatePolicyStmt") || jkey_is(k, n, "AlterPolicyStmt"))
        pg_policy(c, node, jkey_is(k, n, "CreatePolicyStmt"));
    else if (jkey_is(k, n, "CreateFunctionStmt"))
        pg_create_function(c, node);
    else if (jkey_is(k, n, "AlterFunctionStmt"))
        pg_alter_function(c, node);
    else if (jkey_is(k, n, "GrantStmt"))
        pg_grant(c, node, false, NULL);
    else if (jkey_is(k, n, "AlterDefaultPrivilegesStmt"))
        pg_default_privileges(c, node);
    else if (jkey_is(k, n, "ViewStmt"))
        pg_create_view(c, node);
    else if (jkey_is(k, n, "TruncateStmt"))
        pg_truncate(c, node);
    else if (jkey_is(k, n, "DeleteStmt") || jkey_is(k, n, "UpdateStmt"))
        pg_delete_update(c, node, jkey_is(k, n, "UpdateStmt"));
    else
        return false;
    return true;
}

/* DO blocks ----------------------------------------------------------------------------------- */

/* The dollar-quoted body of the DO statement [start, end): its text between the quotes. */
static bool do_body(const char *t, uint32_t start, uint32_t end, uint32_t *bs, uint32_t *be)
{
    for (uint32_t i = start; i < end; i++) {
        if (t[i] == '\'')
            return false; /* a quoted body: rare, and its quotes are doubled */
        if (t[i] != '$')
            continue;
        uint32_t k = i + 1;
        while (k < end && (t[k] == '_' || (t[k] >= 'a' && t[k] <= 'z') ||
                           (t[k] >= 'A' && t[k] <= 'Z') || (t[k] >= '0' && t[k] <= '9')))
            k++;
        if (k >= end || t[k] != '$')
            return false;
        uint32_t taglen = k - i + 1;
        for (uint32_t j = k + 1; j + taglen <= end; j++)
            if (memcmp(t + j, t + i, taglen) == 0) {
                *bs = k + 1;
                *be = j;
                return true;
            }
        return false;
    }
    return false;
}

void sql_do_block(struct builder *b, uint32_t start, uint32_t end,
                  void (*add)(struct builder *b, uint32_t start, uint32_t end))
{
    const char *t = b->src->text;
    uint32_t bs, be;
    if (!do_body(t, start, end, &bs, &be))
        return;
    /* libpg_query parses PL/pgSQL as the body of a function: wrap it in one, with a tag the
     * body cannot close */
    static const char head[] = "CREATE FUNCTION pf_do() RETURNS void LANGUAGE plpgsql AS "
                               "$pf_do_body$";
    static const char tail[] = "$pf_do_body$";
    struct strbuf sb;
    strbuf_init(&sb);
    strbuf_addstr(&sb, head);
    strbuf_add(&sb, t + bs, be - bs);
    strbuf_addstr(&sb, tail);
    if (strstr(sb.buf + sizeof(head) - 1, "$pf_do_body$") != sb.buf + sb.len - (sizeof(tail) - 1)) {
        strbuf_release(&sb);
        return;
    }
    PgQueryPlpgsqlParseResult r = pg_query_parse_plpgsql(sb.buf);
    strbuf_release(&sb);
    if (r.error || !r.plpgsql_funcs) {
        pg_query_free_plpgsql_parse_result(r);
        return;
    }
    /* each plain SQL statement of the body, nested in IF, loops or BEGIN ... EXCEPTION blocks
     * as it may be, is a "query" of a PLpgSQL_stmt_execsql: its text as written, which is found
     * again in the body, in order, for its offsets */
    static const char key[] = "\"PLpgSQL_stmt_execsql\":";
    static const char qkey[] = "\"query\":";
    struct arena scratch;
    arena_init(&scratch);
    uint32_t from = bs;
    for (const char *p = strstr(r.plpgsql_funcs, key); p; p = strstr(p + 1, key)) {
        const char *q = strstr(p, qkey);
        if (!q)
            break;
        q += sizeof(qkey) - 1;
        /* the string's own extent: decode up to its closing quote */
        const char *e = q + 1;
        while (*e && *e != '"')
            e += *e == '\\' && e[1] ? 2 : 1;
        if (*q != '"' || *e != '"')
            continue;
        char *lit = xstrndup(q, (size_t)(e - q + 1));
        const char *query = jv_str(&scratch, lit);
        free(lit);
        size_t qlen = query ? strlen(query) : 0;
        if (!qlen)
            continue;
        for (uint32_t j = from; j + qlen <= be; j++)
            if (memcmp(t + j, query, qlen) == 0) {
                add(b, j, j + (uint32_t)qlen);
                from = j + (uint32_t)qlen;
                break;
            }
    }
    arena_release(&scratch);
    pg_query_free_plpgsql_parse_result(r);
}
