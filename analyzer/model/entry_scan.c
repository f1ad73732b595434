/* entry_scan.c — what each function of a file does that matters for its protection: database
 * writes, LLM calls, the service-role client, authentication (a call that yields the user and
 * an exit when there is none), signature checks and rate limiters; with the helpers of the same
 * file folded into their callers and the calls of imported names kept for the project pass.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "front/syntax.h"
#include "model/entry_p.h"

static const char *const exit_calls[] = {"redirect", "notFound", "unauthorized", "forbidden",
                                         "abort", "permanentRedirect", NULL};
static const char *const write_verbs[] = {
    "insert", "update", "upsert", "delete", "create", "createMany", "save", "destroy", "remove",
    "updateMany", "deleteMany", "upsertMany", "bulkCreate", "insertMany", "findOneAndUpdate",
    "findByIdAndUpdate", "findByIdAndDelete", "findOneAndDelete", "update_or_create",
    "get_or_create", "bulk_create", "increment", "decrement", "del", "insertOne", "updateOne",
    "deleteOne", "replaceOne", NULL};
static const char *const sql_writes[] = {"insert", "update", "delete", "merge", "truncate",
                                         "upsert", "drop", "alter", "create", NULL};
/* Calls that yield the user of the request, verified by the auth server or a signature. */
static const char *const user_sources[] = {"getUser", "getClaims", "get_user", "get_claims",
                                           "getServerSession", "currentUser", "getAuth",
                                           "getToken", "getKindeServerSession",
                                           "validateRequest", NULL};
static const char *const signature_calls[] = {"constructEvent", "constructEventAsync",
                                              "construct_event", "timingSafeEqual",
                                              "compare_digest", "verifySignature",
                                              "verifyWebhook", "verify_signature", NULL};

/* The name lowercased without '_' and '-': RateLimiter, rate_limiter -> ratelimiter. */
static void squash(const char *s, size_t n, char *out, size_t cap)
{
    size_t k = 0;
    for (size_t i = 0; i < n && k + 1 < cap; i++)
        if (s[i] != '_' && s[i] != '-')
            out[k++] = (char)tolower((unsigned char)s[i]);
    out[k] = '\0';
}

static bool listed(const char *const *list, const char *name, size_t len)
{
    for (; list && *list; list++) {
        const char *l = *list, *dot = strrchr(l, '.');
        if ((strlen(l) == len && memcmp(l, name, len) == 0) ||
            (dot && strlen(dot + 1) == len && memcmp(dot + 1, name, len) == 0))
            return true;
    }
    return false;
}

bool entry_is_auth_name(const struct entry_config *cfg, const char *name, size_t len)
{
    if (cfg && listed(cfg->auth_functions, name, len))
        return true;
    char s[96];
    squash(name, len, s, sizeof s);
    static const char *const exact[] = {"loginrequired", "jwtrequired", "authrequired",
                                        "requiresauth", "authenticate", "authenticated",
                                        "isauthenticated", "ensureauthenticated",
                                        "ensureloggedin", "bearerauth", "basicauth", "jwt",
                                        "clerkmiddleware", "authmiddleware", "verifytoken",
                                        "verifyjwt", "protect", "protected", NULL};
    if (str_in(s, exact))
        return true;
    /* requireAuth, withAuth, requireUser, ensureSession, get_current_user, current_active_user,
     * verify_api_key, permission_required, staff_member_required */
    bool word = strstr(s, "auth") || strstr(s, "user") || strstr(s, "session") ||
                strstr(s, "login") || strstr(s, "token") || strstr(s, "apikey") ||
                strstr(s, "admin") || strstr(s, "permission") || strstr(s, "staff") ||
                strstr(s, "jwt");
    bool verb = strncmp(s, "require", 7) == 0 || strncmp(s, "with", 4) == 0 ||
                strncmp(s, "ensure", 6) == 0 || strncmp(s, "assert", 6) == 0 ||
                strncmp(s, "verify", 6) == 0 || strncmp(s, "getcurrent", 10) == 0 ||
                strncmp(s, "current", 7) == 0 || strstr(s, "required") ||
                strncmp(s, "check", 5) == 0 || strncmp(s, "validate", 8) == 0;
    return word && verb && !strstr(s, "limit");
}

bool entry_is_limit_name(const struct entry_config *cfg, const char *name, size_t len)
{
    if (cfg && listed(cfg->rate_limiters, name, len))
        return true;
    char s[96];
    squash(name, len, s, sizeof s);
    return strstr(s, "ratelimit") || strstr(s, "limiter") || strstr(s, "throttle") ||
           strcmp(s, "slowdown") == 0;
}

static bool name_is(const char *s, uint32_t n, const char *lit)
{
    return strlen(lit) == n && memcmp(s, lit, n) == 0;
}

/* The pattern the result of the call at index i is bound to: const { data } = await x(),
 * user = x(), const user = (await x()).data.user, user = x().user (a field of the result
 * names the same thing for the guard that follows). Parents come from the node table:
 * ts_node_parent costs the node's depth. */
static const char *bound_text(struct check_file *f, uint32_t i)
{
    const struct node_table *t = f->nodes;
    uint32_t p = t->v[i].parent;
    while (p != NODE_NONE && (node_is(t->v[p].node, "await_expression") ||
                              node_is(t->v[p].node, "await") ||
                              node_is(t->v[p].node, "parenthesized_expression") ||
                              node_is(t->v[p].node, "as_expression") ||
                              node_is(t->v[p].node, "non_null_expression") ||
                              node_is(t->v[p].node, "member_expression") ||
                              node_is(t->v[p].node, "attribute")))
        p = t->v[p].parent;
    if (p == NODE_NONE)
        return NULL;
    TSNode n = t->v[p].node, name = {0};
    if (node_is(n, "variable_declarator"))
        name = node_field(n, "name");
    else if (node_is(n, "assignment_expression") || node_is(n, "assignment"))
        name = node_field(n, "left");
    return ts_node_is_null(name) ? NULL : node_text(f, name);
}

static void add_site(struct entry_summary *s, unsigned bit, uint32_t start, uint32_t end)
{
    for (unsigned k = 0; k < REACH_KINDS; k++)
        if ((bit & (1u << k)) && !(s->reach & (1u << k)))
            s->at[k] = (struct entry_site){start, end, -1, true};
    s->reach |= bit;
}

/* true when the chain is a write, or a database call through the service-role client. */
static unsigned db_effect(struct entry_scan *sc, TSNode call, const struct db_chain *c,
                          enum db_kind kind)
{
    unsigned r = 0;
    for (unsigned i = 0; i < c->n; i++)
        if (c->s[i].call && dbcall_span_in(c->s[i].name, c->s[i].len, write_verbs))
            r |= REACH_DB_WRITE;
    if (kind == DB_SQL) {
        TSNode args = node_field(call, "arguments");
        TSNode a = dbcall_arg(&sc->db, args, 0);
        if (ts_node_is_null(a))
            a = args;
        uint32_t len;
        const char *t = ts_node_is_null(a) ? NULL : dbcall_text(sc->f, a, &len);
        uint32_t i = 0;
        while (t && i < len && !isalpha((unsigned char)t[i]))
            i++;
        for (const char *const *w = sql_writes; t && *w; w++) {
            size_t wl = strlen(*w);
            if (len - i >= wl && strncasecmp(t + i, *w, wl) == 0)
                r |= REACH_DB_WRITE;
        }
    }
    if (c->base_name) {
        char s[96];
        squash(c->base_name, c->base_len, s, sizeof s);
        if (strstr(s, "admin") || strstr(s, "servicerole") || strstr(s, "serviceclient") ||
            strstr(s, "servicekey"))
            r |= REACH_SERVICE_ROLE;
    }
    return r;
}

/* The key argument names the service-role key, and not as one side of a choice with the anon
 * key (createClient(url, useServiceRole ? SERVICE_ROLE_KEY : ANON_KEY): a factory). */
static bool says_service_key(const char *text)
{
    if (strstr(text, "ANON") || strstr(text, "anon"))
        return false;
    return strstr(text, "SERVICE_ROLE") || strstr(text, "service_role") ||
           strstr(text, "serviceRole") || strstr(text, "SERVICE_KEY") ||
           strstr(text, "SECRET_KEY");
}

/* A call that is the outermost of its chain: a.b().c() is judged at c(), once. */
static bool chain_top(const struct entry_scan *sc, uint32_t i)
{
    const struct node_table *t = sc->f->nodes;
    uint32_t p = t->v[i].parent;
    if (p == NODE_NONE || !dbcall_is(t->v[p].node, sc->db.member_t))
        return true;
    uint32_t g = t->v[p].parent;
    return g == NODE_NONE || !(dbcall_is(t->v[g].node, sc->db.call_t) &&
                               ts_node_eq(node_field(t->v[g].node, "function"), t->v[p].node));
}

static void add_callref(struct entry_fn *fn, struct entry_callref r)
{
    VEC_PUSH(fn->calls, r);
}

/* true when name is a function of this file: what it does decides, not what it is called. */
static bool local_function(const struct entry_scan *sc, const char *name)
{
    for (size_t i = 0; i < sc->local_names.n; i++)
        if (strcmp(sc->local_names.v[i], name) == 0)
            return true;
    return false;
}

/* One call, on behalf of the functions on the stack (innermost last). */
static void visit_call(struct entry_scan *sc, uint32_t ci, const uint32_t *stack,
                       size_t depth)
{
    struct check_file *f = sc->f;
    TSNode call = f->nodes->v[ci].node;
    TSNode callee = syntax_strip(syntax_callee(call));
    char *name = syntax_callee_name(f, call);
    if (!name)
        return;
    size_t nlen = strlen(name);
    char *dotted = syntax_dotted(f, callee);
    bool member = node_is(callee, "member_expression") || node_is(callee, "attribute");
    TSNode root = member ? syntax_chain_root(callee) : (TSNode){0};
    char *root_name = ts_node_is_null(root) ? NULL : node_text(f, root);
    uint32_t a = ts_node_start_byte(call), b = ts_node_end_byte(call);

    unsigned reach = 0;
    enum entry_auth enforce = AUTH_NONE, source = AUTH_NONE;
    bool limit = false;
    if (llm_call(&sc->lf, call))
        reach |= REACH_LLM;
    if (sc->cfg && listed(sc->cfg->expensive_calls, dotted ? dotted : name,
                          strlen(dotted ? dotted : name)))
        reach |= REACH_EXPENSIVE;
    if (sc->cfg && dotted && listed(sc->cfg->expensive_calls, name, nlen))
        reach |= REACH_EXPENSIVE;
    if (chain_top(sc, ci)) {
        struct db_chain c;
        dbcall_chain_at(&sc->db, ci, &c);
        uint32_t pi = f->nodes->v[ci].parent;
        TSNode parent = pi == NODE_NONE ? (TSNode){0} : f->nodes->v[pi].node;
        enum db_kind kind = dbcall_classify(&sc->db, call, parent, &c);
        if (kind != DB_NONE)
            reach |= db_effect(sc, call, &c, kind);
        else if (sc->py && strcmp(name, "commit") == 0 && root_name &&
                 (str_icontains(root_name, "session") || str_icontains(root_name, "db")))
            reach |= REACH_DB_WRITE; /* SQLAlchemy: db.add(x); db.commit() */
    }
    if (dotted && (strstr(dotted, ".auth.admin.") || strstr(dotted, ".auth.admin")))
        reach |= REACH_SERVICE_ROLE;
    if ((strcmp(name, "createClient") == 0 || strcmp(name, "create_client") == 0 ||
         strcmp(name, "createServerClient") == 0) &&
        says_service_key(node_text(f, node_field(call, "arguments"))))
        reach |= REACH_SERVICE_ROLE;
    {
        char s[96];
        squash(name, nlen, s, sizeof s);
        if ((strncmp(s, "create", 6) == 0 || strncmp(s, "get", 3) == 0) &&
            (strstr(s, "admin") || strstr(s, "servicerole") || strstr(s, "serviceclient")) &&
            (strstr(s, "client") || strstr(s, "supabase")))
            reach |= REACH_SERVICE_ROLE;
    }

    /* authentication */
    bool on_auth = dotted && (strstr(dotted, ".auth.") || strncmp(dotted, "auth.", 5) == 0);
    if (member && on_auth && (strcmp(name, "getSession") == 0 || strcmp(name, "get_session") == 0))
        source = AUTH_SESSION;
    else if (str_in(name, user_sources) && (!member || on_auth || strcmp(name, "getUser") != 0))
        source = AUTH_USER;
    else if (!member && strcmp(name, "auth") == 0)
        source = AUTH_USER; /* next-auth v5, Clerk */
    else if (member && dotted && strstr(dotted, ".api.getSession"))
        source = AUTH_USER; /* better-auth */
    if (strcmp(name, "protect") == 0 && (on_auth || (dotted && strncmp(dotted, "auth", 4) == 0) ||
                                         (!dotted && member)))
        enforce = AUTH_USER; /* Clerk: auth.protect(), (await auth()).protect() */
    else if (member && strcmp(name, "verify") == 0 && root_name) {
        char s[96];
        squash(root_name, strlen(root_name), s, sizeof s);
        if (strstr(s, "webhook") || strcmp(s, "wh") == 0 || strstr(s, "svix"))
            enforce = AUTH_SIGNATURE;
        else if (strstr(s, "jwt"))
            enforce = AUTH_USER;
    } else if (str_in(name, signature_calls)) {
        enforce = AUTH_SIGNATURE;
    } else if (strcmp(name, "jwtVerify") == 0 ||
               (strcmp(name, "decode") == 0 && root_name && strcmp(root_name, "jwt") == 0)) {
        enforce = AUTH_USER;
    } else if (source == AUTH_NONE && entry_is_auth_name(sc->cfg, name, nlen) &&
               !(!member && local_function(sc, name)) &&
               !(member && !ts_node_is_null(root) && sc->py && strcmp(name, "get_user") == 0)) {
        char s[96];
        squash(name, nlen, s, sizeof s);
        /* requireUser() throws or redirects; getCurrentUser() returns the user to check */
        if (strncmp(s, "require", 7) == 0 || strncmp(s, "ensure", 6) == 0 ||
            strncmp(s, "assert", 6) == 0 || strstr(s, "required") ||
            (sc->cfg && listed(sc->cfg->auth_functions, name, nlen)))
            enforce = AUTH_USER;
        else
            source = AUTH_USER;
    }
    if (entry_is_limit_name(sc->cfg, name, nlen) ||
        (member && root_name && entry_is_limit_name(sc->cfg, root_name, strlen(root_name)) &&
         (strcmp(name, "limit") == 0 || strcmp(name, "consume") == 0 ||
          strcmp(name, "hit") == 0 || strcmp(name, "check") == 0 ||
          strcmp(name, "blockEvenIfNotLimited") == 0)))
        limit = true;
    if (member && dotted && strstr(dotted, "limit") && strcmp(name, "limit") == 0 && root_name &&
        str_icontains(root_name, "limit"))
        limit = true;

    const char *bound = (source || enforce) ? bound_text(f, ci) : NULL;
    /* helpers: f(), this.f(), self.f(); imported: f(), ns.f() */
    struct entry_callref ref = {0};
    if (!source && !enforce) {
        struct import_ref ir;
        TSNode obj = member ? syntax_strip(ts_node_named_child(callee, 0)) : (TSNode){0};
        bool self = member && (node_is(obj, "this") ||
                               (node_is(obj, "identifier") && node_text_eq(f, obj, "self")));
        if (imports_ref(sc->im, f, callee, &ir) && (!member || ir.member))
            ref = (struct entry_callref){
                name, ir.b, ir.member ? arena_strndup(f->arena, ir.member, ir.member_len) : NULL,
                a, b, bound_text(f, ci)};
        else if (!member || self)
            ref = (struct entry_callref){name, NULL, NULL, a, b, bound_text(f, ci)};
    }
    for (size_t d = 0; d < depth; d++) {
        struct entry_fn *fn = &sc->fns.v[stack[d]];
        if (reach)
            add_site(&fn->s, reach, a, b);
        if (limit && !fn->s.limited) {
            fn->s.limited = true;
            fn->s.limit_at = (struct entry_site){a, b, -1, true};
        }
        if (enforce > fn->s.auth) {
            fn->s.auth = enforce;
            fn->s.auth_at = (struct entry_site){a, b, -1, true};
        }
        if (source) {
            struct entry_cand c = {a, b, bound, source};
            VEC_PUSH(fn->cands, c);
        }
        if (ref.name)
            add_callref(fn, ref);
    }
}

/* exit[i]: the subtree at index i holds a return, throw, raise or an exit call; one pass
 * from the last node up (a child follows its parent in pre-order). */
static bool *exits_of(struct entry_scan *sc)
{
    const struct node_table *t = sc->f->nodes;
    bool *exit = arena_alloc(sc->f->arena, t->n * sizeof(bool));
    memset(exit, 0, t->n * sizeof(bool));
    for (uint32_t k = t->n; k-- > 0;) {
        const char *type = ts_node_type(t->v[k].node);
        if (strcmp(type, "return_statement") == 0 || strcmp(type, "throw_statement") == 0 ||
            strcmp(type, "raise_statement") == 0)
            exit[k] = true;
        else if (t->v[k].sym == sc->db.sym->call || t->v[k].sym == sc->db.sym->call_expression) {
            char *n = syntax_callee_name(sc->f, t->v[k].node);
            if (n && str_in(n, exit_calls))
                exit[k] = true;
        }
        if (exit[k] && t->v[k].parent != NODE_NONE)
            exit[t->v[k].parent] = true;
    }
    return exit;
}

static void visit_if(struct entry_scan *sc, uint32_t i, const bool *exit,
                     const uint32_t *stack, size_t depth)
{
    TSNode n = sc->f->nodes->v[i].node;
    TSNode cond = node_field(n, "condition"), cons = node_field(n, "consequence");
    if (ts_node_is_null(cond) || ts_node_is_null(cons))
        return;
    uint32_t ci = nodes_find(sc->f->nodes, cons);
    if (ci == NODE_NONE || !exit[ci])
        return;
    struct entry_guard g = {ts_node_start_byte(n), ts_node_start_byte(cond),
                            ts_node_end_byte(cond)};
    for (size_t d = 0; d < depth; d++)
        VEC_PUSH(sc->fns.v[stack[d]].guards, g);
}

void entry_scan_run(struct entry_scan *sc, struct check_file *f, const struct entry_config *cfg)
{
    memset(sc, 0, sizeof(*sc));
    sc->f = f;
    sc->cfg = cfg;
    sc->py = f->lang == LANG_PYTHON;
    dbcall_init(&sc->db, f);
    sc->im = imports_scan(f);
    llm_file_init(&sc->lf, f);
    struct entry_fn top = {0};
    VEC_PUSH(sc->fns, top);
    const struct node_table *t = f->nodes;
    if (!t || !t->n)
        return;
    /* 'use server' as the module's first statement */
    TSNode first = ts_node_named_child(f->root, 0);
    if (!sc->py && node_is(first, "expression_statement")) {
        char *s = node_text(f, first);
        sc->use_server = strstr(s, "use server") && (s[0] == '\'' || s[0] == '"');
    }
    for (uint32_t i = 0; i < t->n; i++)
        if (syntax_is_function(t->v[i].node)) {
            uint32_t p = t->v[i].parent;
            const char *nm = syntax_function_name_at(f, t->v[i].node,
                                                     p == NODE_NONE ? (TSNode){0} : t->v[p].node);
            if (nm)
                VEC_PUSH(sc->local_names, nm);
        }
    bool *exit = exits_of(sc);
    VEC(uint32_t) stack = {0};
    VEC(uint32_t) ends = {0};
    VEC_PUSH(stack, 0);
    VEC_PUSH(ends, t->n);
    for (uint32_t i = 0; i < t->n; i++) {
        while (ends.n > 1 && i >= ends.v[ends.n - 1]) {
            stack.n--;
            ends.n--;
        }
        TSNode n = t->v[i].node;
        if (ts_node_is_error(n) || ts_node_is_missing(n)) {
            i = t->v[i].end - 1;
            continue;
        }
        if (syntax_is_function(n)) {
            uint32_t p = t->v[i].parent;
            struct entry_fn fn = {0};
            fn.idx = i;
            fn.name = syntax_function_name_at(f, n, p == NODE_NONE ? (TSNode){0} : t->v[p].node);
            VEC_PUSH(sc->fns, fn);
            VEC_PUSH(stack, (uint32_t)(sc->fns.n - 1));
            VEC_PUSH(ends, t->v[i].end);
            continue;
        }
        if (t->v[i].sym == sc->db.sym->call || t->v[i].sym == sc->db.sym->call_expression)
            visit_call(sc, i, stack.v, stack.n);
        else if (strcmp(ts_node_type(n), "if_statement") == 0)
            visit_if(sc, i, exit, stack.v, stack.n);
    }
    VEC_FREE(stack);
    VEC_FREE(ends);
    for (size_t i = 0; i < sc->fns.n; i++)
        entry_judge(sc, &sc->fns.v[i]);
    entry_fold(sc);
}

void entry_scan_release(struct entry_scan *sc)
{
    for (size_t i = 0; i < sc->fns.n; i++) {
        VEC_FREE(sc->fns.v[i].cands);
        VEC_FREE(sc->fns.v[i].guards);
        VEC_FREE(sc->fns.v[i].calls);
    }
    VEC_FREE(sc->fns);
    VEC_FREE(sc->local_names);
    llm_file_release(&sc->lf);
    dbcall_release(&sc->db);
}

struct entry_fn *entry_scan_fn_at(struct entry_scan *sc, uint32_t idx)
{
    for (size_t i = 1; i < sc->fns.n; i++)
        if (sc->fns.v[i].idx == idx)
            return &sc->fns.v[i];
    return NULL;
}

struct entry_fn *entry_scan_fn_named(struct entry_scan *sc, const char *name, uint32_t len)
{
    for (size_t i = 1; i < sc->fns.n; i++)
        if (sc->fns.v[i].name && name_is(name, len, sc->fns.v[i].name))
            return &sc->fns.v[i];
    return NULL;
}

/* The hops of fn and of the same-file helpers it calls (a few calls deep): a helper that
 * calls an imported function is as good as calling it. */
static void export_hops(struct entry_scan *sc, const struct entry_fn *fn, struct entry_hops *hops,
                        int depth, bool *seen)
{
    size_t self = (size_t)(fn - sc->fns.v);
    if (seen[self])
        return;
    seen[self] = true;
    for (size_t k = 0; k < fn->calls.n; k++) {
        const struct entry_callref *r = &fn->calls.v[k];
        if (!r->imp) {
            const struct entry_fn *h = r->callee >= 0 ? &sc->fns.v[r->callee] : NULL;
            if (h && h != fn && depth < 3)
                export_hops(sc, h, hops, depth + 1, seen);
            continue;
        }
        struct entry_hop h = {xstrndup(r->imp->spec, r->imp->spec_len),
                              xstrndup(r->imp->name, r->imp->name_len),
                              r->member ? xstrdup(r->member) : NULL, r->start, r->end,
                              entry_guarded(sc, fn, r->start, r->end, r->bound)};
        VEC_PUSH(*hops, h);
    }
}

void entry_scan_export(struct entry_scan *sc, const struct entry_fn *fn,
                       struct entry_summary *out, struct entry_hops *hops)
{
    *out = fn->s;
    bool *seen = xcalloc(sc->fns.n, sizeof(bool));
    export_hops(sc, fn, hops, 0, seen);
    free(seen);
}
