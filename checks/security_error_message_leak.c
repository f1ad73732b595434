/* security_error_message_leak.c — a caught error, or the error a supabase-style call returned
 * next to its data, whose message, stack or whole object reaches an HTTP response (CWE-209).
 *
 * A rule over two models, in one walk of the file in source order: the errors in reach and
 * what of them an expression carries (model/errors.h: caught errors, supabase results and
 * their copies) and the responses (model/response.h); a response whose payload carries an
 * error's detail is reported. Helpers that build a response from a parameter are matched
 * with their callers after the walk.
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "front/syntax.h"
#include "model/entry.h"
#include "model/errors.h"
#include "model/response.h"

/* What a top-level function does with parameter param: builds a response from it, which it
 * returns (NextResponse.json, JSONResponse: the caller must return it too), or sends it
 * (res.json, HTTPException). */
struct helper_sink {
    const char *helper;
    int param;
    bool returns;
    const char *what;    /* the sink's name */
    uint32_t start, end; /* the payload in the helper */
};

/* A call of a function by name with an error's text among its arguments, matched with the
 * helper sinks after the walk. */
struct helper_call {
    const char *callee;
    int arg;
    bool returned;       /* the call's value is returned (or is an arrow's body) */
    uint32_t start, end; /* the argument's part that carries the error */
    const char *text, *what;
    const struct err_origin *origin;
    const char *alias;   /* the copy it went through, or NULL */
    uint32_t alias_start, alias_end;
};

/* The walk's state: the errors in reach, and what the helpers need. */
struct scope {
    struct errors e;
    /* node-table indices of the functions around the walk's node, innermost last: kept as the
     * walk goes, so a sink finds its function in constant time (listing its ancestors at each
     * sink took time and memory with the square of the nesting: 16,000 nested try blocks
     * took 8 GB) */
    VEC(uint32_t) fns;
    VEC(struct helper_sink) helper_sinks;
    VEC(struct helper_call) helper_calls;
};

/* The innermost function around the walk's node: its table index, or NODE_NONE. */
static uint32_t enclosing_fn(const struct scope *s)
{
    return s->fns.n ? s->fns.v[s->fns.n - 1] : NODE_NONE;
}

static void report(struct scope *s, const struct response *k, struct err_leak l)
{
    struct check_file *f = s->e.f;
    const struct err_origin *o = l.via->origin;
    struct finding *fd = check_report(
        f, l.node,
        "'%s' (%s, from %s) reaches the client through %s: log the error server-side and "
        "send a generic message with an error id",
        syntax_short_text(f, l.node), l.what ? l.what : "the error's text", o->what, k->what);
    finding_step(fd, o->start, o->end, "%s", o->what);
    if (l.via->alias)
        finding_step(fd, l.via->start, l.via->end, "copied into '%s'", l.via->name);
    finding_step(fd, ts_node_start_byte(l.node), ts_node_end_byte(l.node), "sent to the client");
}

static bool is_function_symbol(const struct syntax_syms *y, TSSymbol t)
{
    return t && (t == y->arrow_function || t == y->function_expression ||
                 t == y->function_declaration || t == y->function ||
                 t == y->method_definition || t == y->generator_function_declaration ||
                 t == y->generator_function || t == y->function_definition || t == y->lambda);
}

/* Helpers that build the response ---------------------------------------------------------
 *
 * function fail(message) { return NextResponse.json({ error: message }, { status: 500 }) }
 * called as `return fail(e.message)` leaks e.message. The parameters of every top-level
 * function that may build a response are watched like errors (origin.param); a payload they
 * reach is noted as a helper sink instead of reported. Calls by name with an error's text
 * in an argument are noted too, and matched with those sinks after the walk: a response the
 * helper returns leaks when the caller returns it as well (built and dropped it sends
 * nothing), one it sends (res.json, HTTPException) whenever it is called. */

static TSNode table_node(const struct node_table *t, uint32_t i)
{
    return i == NODE_NONE ? (TSNode){0} : t->v[i].node;
}

static uint32_t table_parent(const struct node_table *t, uint32_t i)
{
    return i == NODE_NONE ? NODE_NONE : t->v[i].parent;
}

/* The name of the function the walk stands on when it is a top-level one (a declaration, or
 * a const it is assigned to, exported or not; Python: decorated or not), else NULL. */
static char *top_level_name(struct scope *s, struct walk *w, TSNode fn)
{
    const struct node_table *t = w->t;
    uint32_t parent = t->v[w->i].parent, up = parent;
    if (node_is(table_node(t, up), "variable_declarator"))
        up = table_parent(t, table_parent(t, up)); /* the declaration, then what holds it */
    if (node_is(table_node(t, up), "export_statement") ||
        node_is(table_node(t, up), "decorated_definition"))
        up = table_parent(t, up);
    TSNode top = table_node(t, up);
    if (!node_is(top, "program") && !node_is(top, "module"))
        return NULL;
    return syntax_function_name_at(s->e.f, fn, table_node(t, parent));
}

/* true when the name of node n is bound at byte at already. */
static bool bound_in(struct scope *s, TSNode n, uint32_t at)
{
    for (size_t i = s->e.n; i-- > 0;)
        if (s->e.v[i].name && s->e.v[i].from <= at && at < s->e.v[i].to &&
            node_text_eq(s->e.f, n, s->e.v[i].name))
            return true;
    return false;
}

/* Watches the plain parameters of a top-level function that may build a response. */
static void helper_params(struct scope *s, struct walk *w, TSNode fn, const struct err_params *ps)
{
    TSNode body = node_field(fn, "body");
    if (ts_node_is_null(body))
        return;
    uint32_t a = ts_node_start_byte(body), b = ts_node_end_byte(body);
    if (!response_may_build(s->e.f, body))
        return;
    char *name = top_level_name(s, w, fn);
    if (!name)
        return;
    for (uint32_t i = 0; i < ps->count && i < 8; i++) {
        TSNode p = errors_param_name(s->e.sym, ps, i);
        if (ts_node_is_null(p) || bound_in(s, p, a))
            continue; /* an exception handler's error (bound at its decorator) */
        struct err_origin *o = (struct err_origin *)errors_origin(
            &s->e,
            arena_printf(s->e.f->arena, "parameter '%s' of %s()", node_text(s->e.f, p), name),
            ts_node_start_byte(p), ts_node_end_byte(p));
        o->param = (int)i;
        o->helper = name;
        errors_bind(&s->e, p, ERR_TEXT, false, a, b, o);
    }
}

/* A payload of sink k that a watched parameter reaches: what the helper does with it. */
static void helper_sink_note(struct scope *s, const struct response *k, const struct err_leak *l)
{
    const struct err_origin *o = l->via->origin;
    for (size_t i = 0; i < s->helper_sinks.n; i++)
        if (s->helper_sinks.v[i].param == o->param &&
            strcmp(s->helper_sinks.v[i].helper, o->helper) == 0)
            return;
    VEC_PUSH(s->helper_sinks, ((struct helper_sink){o->helper, o->param, k->returns, k->what,
                                                    ts_node_start_byte(l->node),
                                                    ts_node_end_byte(l->node)}));
}

/* true when the value of the call at the walk's node is returned: `return fail(e)`,
 * `return await fail(e)`, an arrow's body. */
static bool call_returned(const struct walk *w)
{
    const struct node_table *t = w->t;
    uint32_t up = t->v[w->i].parent;
    for (int guard = 0; guard < 8 && up != NODE_NONE; guard++) {
        TSNode n = t->v[up].node;
        if (node_is(n, "await_expression") || node_is(n, "await") ||
            node_is(n, "parenthesized_expression")) {
            up = t->v[up].parent;
            continue;
        }
        return node_is(n, "return_statement") || node_is(n, "arrow_function");
    }
    return false;
}

/* A call by name with an error's text among its positional arguments. */
static void helper_call_note(struct scope *s, struct walk *w, TSNode call)
{
    TSNode callee = syntax_strip(syntax_callee(call));
    TSNode args = node_field(call, "arguments");
    if (!node_is(callee, "identifier") || ts_node_is_null(args) || node_has_error(args))
        return;
    uint32_t count = ts_node_named_child_count(args);
    int pos = 0;
    for (uint32_t i = 0; i < count && pos < 8; i++) {
        TSNode a = ts_node_named_child(args, i);
        if (node_is(a, "comment"))
            continue;
        if (node_is(a, "keyword_argument") || node_is(a, "dictionary_splat") ||
            node_is(a, "list_splat") || node_is(a, "spread_element"))
            break; /* not matched to parameters */
        struct err_leak l = errors_leak(&s->e, a);
        if (!ts_node_is_null(l.node) && l.via->origin->param < 0) {
            struct helper_call c = {
                .callee = node_text(s->e.f, callee), .arg = pos, .returned = call_returned(w),
                .start = ts_node_start_byte(l.node), .end = ts_node_end_byte(l.node),
                .text = syntax_short_text(s->e.f, l.node), .what = l.what, .origin = l.via->origin,
                .alias = l.via->alias ? l.via->name : NULL, .alias_start = l.via->start,
                .alias_end = l.via->end};
            VEC_PUSH(s->helper_calls, c);
        }
        pos++;
    }
}

/* The calls noted whose callee sends what they pass: reported at the argument. */
static void helper_calls_report(struct scope *s)
{
    for (size_t i = 0; i < s->helper_calls.n; i++) {
        const struct helper_call *c = &s->helper_calls.v[i];
        for (size_t j = 0; j < s->helper_sinks.n; j++) {
            const struct helper_sink *h = &s->helper_sinks.v[j];
            if (h->param != c->arg || strcmp(h->helper, c->callee) != 0 ||
                (h->returns && !c->returned))
                continue;
            struct finding *fd = check_report_range(
                s->e.f, c->start, c->end,
                "'%s' (%s, from %s) reaches the client through %s(), which puts it in %s: log "
                "the error server-side and send a generic message with an error id",
                c->text, c->what ? c->what : "the error's text", c->origin->what, c->callee,
                h->what);
            finding_step(fd, c->origin->start, c->origin->end, "%s", c->origin->what);
            if (c->alias)
                finding_step(fd, c->alias_start, c->alias_end, "copied into '%s'", c->alias);
            finding_step(fd, c->start, c->end, "passed to %s()", c->callee);
            finding_step(fd, h->start, h->end, "sent to the client through %s", h->what);
            finding_related(fd, h->start, h->end, "%s() puts its argument in %s here",
                            c->callee, h->what);
            break;
        }
    }
}

/* A response at node n whose payload holds an error in scope is reported. */
static void leak_at(struct scope *s, TSNode n, TSSymbol t)
{
    struct response k;
    uint32_t fn = enclosing_fn(s);
    if (!response_at(s->e.f, n, t, fn == NODE_NONE ? (TSNode){0} : s->e.f->nodes->v[fn].node, &k))
        return;
    for (size_t i = 0; i < k.n; i++) {
        if (node_has_error(k.payload[i]))
            continue;
        struct err_leak l = errors_leak(&s->e, k.payload[i]);
        if (!ts_node_is_null(l.node)) {
            if (l.via->origin->param >= 0)
                helper_sink_note(s, &k, &l);
            else
                report(s, &k, l);
            return;
        }
    }
}

static void leak_file(struct check_file *f)
{
    struct scope s = {0};
    errors_init(&s.e, f);
    bool broken = ts_node_has_error(f->root); /* else no node is ERROR or MISSING */
    struct walk w;
    walk_init(&w, f, f->root);
    for (TSNode n; walk_next(&w, &n);) {
        if (broken && (ts_node_is_error(n) || ts_node_is_missing(n))) {
            walk_skip(&w);
            continue;
        }
        /* bindings whose region is behind us are gone for good, and so are functions */
        uint32_t at = ts_node_start_byte(n);
        errors_leave(&s.e, at);
        while (s.fns.n && w.t->v[s.fns.v[s.fns.n - 1]].end <= w.i)
            s.fns.n--;
        TSSymbol t = walk_symbol(&w);
        if (is_function_symbol(s.e.sym, t) && t != s.e.sym->lambda &&
            t != s.e.sym->generator_function && t != s.e.sym->generator_function_declaration) {
            /* watched before errors_enter binds an error parameter, which then wins */
            struct err_params ps = errors_params(w.t, w.i);
            if (ps.count)
                helper_params(&s, &w, n, &ps);
        }
        errors_enter(&s.e, &w, n, t);
        if (s.e.n)
            leak_at(&s, n, t); /* else no error in sight: nothing can leak here */
        if (s.e.n && (t == s.e.sym->call_expression || t == s.e.sym->call))
            helper_call_note(&s, &w, n);
        /* a function encloses what comes after it, not itself */
        if (is_function_symbol(s.e.sym, t))
            VEC_PUSH(s.fns, w.i);
    }
    helper_calls_report(&s);
    VEC_FREE(s.fns);
    VEC_FREE(s.helper_sinks);
    VEC_FREE(s.helper_calls);
}

static const struct file_model *const leak_models[] = {&entry_model, NULL};
static const char *const leak_tags[] = {"security", "external/cwe/cwe-209", NULL};

const struct check check_security_error_message_leak = {
    .id = "security-error-message-leak",
    .title = "Error message, stack or object sent to the client",
    .level = LEVEL_WARNING,
    .langs = LANGS_JS_TS | LANG_BIT(LANG_PYTHON),
    .tags = leak_tags,
    .security_severity = "5.3",
    .precision = "high",
    .models = leak_models,
    .file = leak_file,
};
