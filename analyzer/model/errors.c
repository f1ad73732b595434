/* errors.c — where errors are caught and in reach, as bindings visible in regions of the
 * file (errors.h). */
#include "errors_p.h"

#include <string.h>

#include "front/syntax.h"
#include "model/entry.h"
#include "model/response.h"

/* Calls returning { data, error } where error is a validation result meant for the client. */
static const char *const validation_calls[] = {"safeParse", "safeParseAsync", "spa", "validate",
                                               NULL};

static struct err_bound *err_push(struct errors *s)
{
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 16;
        struct err_bound *v = arena_alloc(s->f->arena, cap * sizeof(*v));
        if (s->n)
            memcpy(v, s->v, s->n * sizeof(*v));
        s->v = v;
        s->cap = cap;
    }
    return &s->v[s->n++];
}

void errors_bind(struct errors *s, TSNode name, enum err_kind kind, bool alias, uint32_t from,
                 uint32_t to, const struct err_origin *origin)
{
    *err_push(s) = (struct err_bound){.name = node_text(s->f, name), .kind = kind,
                                      .start = ts_node_start_byte(name),
                                      .end = ts_node_end_byte(name), .from = from, .to = to,
                                      .alias = alias, .origin = origin};
}

const struct err_origin *errors_origin(struct errors *s, const char *what, uint32_t start,
                                       uint32_t end)
{
    struct err_origin *o = arena_alloc(s->f->arena, sizeof(*o));
    *o = (struct err_origin){what, start, end, -1, NULL};
    return o;
}

struct err_bound *errors_find(struct errors *s, TSNode name)
{
    uint32_t at = ts_node_start_byte(name);
    for (size_t i = s->n; i-- > 0;) {
        struct err_bound *b = &s->v[i];
        if (b->name && b->from <= at && at < b->to && node_text_eq(s->f, name, b->name))
            return b;
    }
    return NULL;
}

struct err_bound *errors_marker(struct errors *s, uint32_t at)
{
    for (size_t i = s->n; i-- > 0;)
        if (!s->v[i].name && s->v[i].from <= at && at < s->v[i].to)
            return &s->v[i];
    return NULL;
}

/* Binds the error of a region: visible in [from, to), coming from origin node. */
static void bind_error(struct errors *s, TSNode name, enum err_kind kind, const char *what,
                       TSNode origin, TSNode region_from, TSNode region_to)
{
    const struct err_origin *o =
        errors_origin(s, what, ts_node_start_byte(origin), ts_node_end_byte(origin));
    errors_bind(s, name, kind, false, ts_node_start_byte(region_from),
               ts_node_end_byte(region_to), o);
}

/* catch (e) { ... }, catch ({ message }) { ... } */
static void ts_catch(struct errors *s, TSNode clause)
{
    struct check_file *f = s->f;
    TSNode param = node_field(clause, "parameter");
    TSNode body = node_field(clause, "body");
    if (ts_node_is_null(param) || ts_node_is_null(body))
        return;
    if (node_is(param, "identifier")) {
        bind_error(s, param, ERR_ERROR, "the caught error", param, body, body);
    } else if (node_is(param, "object_pattern")) {
        uint32_t count = ts_node_named_child_count(param);
        for (uint32_t i = 0; i < count; i++) {
            TSNode p = ts_node_named_child(param, i);
            if (node_is(p, "shorthand_property_identifier_pattern") &&
                str_in(node_text(f, p), err_ts_leak_props)) {
                bind_error(s, p, ERR_TEXT, "the caught error", param, body, body);
                s->v[s->n - 1].leaks = err_prop_what(node_text(f, p), false);
            }
        }
    }
}

/* promise.catch((err) => res.status(500).json({ error: err.message })) */
static void ts_catch_callback(struct errors *s, const struct walk *w, TSNode call)
{
    /* Every call the walk stands on comes here: the cheap tests first. The function field
     * (required, always named: an expression or `import`) is the call's first child, and no
     * extra starts a node, so it is the next entry of the table. */
    const struct node_entry *v = w->t->v;
    if (w->i + 1 >= v[w->i].end)
        return;
    TSSymbol member = s->sym->member_expression;
    TSNode callee = v[w->i + 1].node;
    if (ts_node_symbol(callee) != member) {
        callee = syntax_strip(callee);
        if (ts_node_is_null(callee) || ts_node_symbol(callee) != member)
            return;
    }
    uint32_t end = ts_node_end_byte(callee); /* the property ends the member expression */
    if (end < 5 || memcmp(s->f->src->text + end - 5, "catch", 5) != 0 ||
        !node_text_eq(s->f, node_field(callee, "property"), "catch"))
        return;
    TSNode fn = syntax_arg(call, 0);
    if (!node_is(fn, "arrow_function") && !node_is(fn, "function_expression") &&
        !node_is(fn, "function"))
        return;
    TSNode param = node_field(fn, "parameter");
    if (ts_node_is_null(param)) {
        TSNode params = node_field(fn, "parameters");
        TSNode first = ts_node_named_child(params, 0);
        if (!ts_node_is_null(first))
            param = node_field(first, "pattern");
    }
    TSNode body = node_field(fn, "body");
    if (node_is(param, "identifier") && !ts_node_is_null(body))
        bind_error(s, param, ERR_ERROR, "the rejection error", param, body, body);
}

/* What a supabase-js call chain reaches: its database or storage (supabase.from('t')...,
 * .rpc(...), .storage..., .functions...), its auth API (.auth...), or neither. */
enum supabase_api { SUPABASE_NONE, SUPABASE_DATA, SUPABASE_AUTH };

static enum supabase_api supabase_chain(struct check_file *f, TSNode call)
{
    static const char *const calls[] = {"from", "rpc", NULL};
    static const char *const props[] = {"storage", "functions", NULL};
    enum supabase_api api = SUPABASE_NONE;
    TSNode n = call;
    for (;;) {
        n = syntax_strip(n);
        if (node_is(n, "call_expression")) {
            char *name = syntax_callee_name(f, n);
            if (name && str_in(name, calls))
                api = SUPABASE_DATA;
            n = syntax_callee(n);
        } else if (node_is(n, "member_expression")) {
            TSNode prop = node_field(n, "property");
            if (!ts_node_is_null(prop) && node_text_eq(f, prop, "auth"))
                return SUPABASE_AUTH;
            if (!ts_node_is_null(prop) && str_in(node_text(f, prop), props))
                api = SUPABASE_DATA;
            n = ts_node_named_child(n, 0);
        } else {
            return api;
        }
    }
}

/* const { data, error } = await supabase.from('leads').insert(row): the rest of the block. */
static void ts_result_error(struct errors *s, TSNode decl, TSNode value)
{
    struct check_file *f = s->f;
    TSNode pattern = node_field(decl, "name");
    if (!node_is(pattern, "object_pattern"))
        return;
    TSNode call = syntax_strip(ts_node_named_child(value, 0));
    if (!node_is(call, "call_expression"))
        return;
    /* validation results and supabase auth errors ("Invalid login credentials") are written
     * for the user */
    char *callee = syntax_callee_name(f, call);
    if ((callee && str_in(callee, validation_calls)) || supabase_chain(f, call) == SUPABASE_AUTH)
        return;
    TSNode name = {0};
    uint32_t count = ts_node_named_child_count(pattern);
    for (uint32_t i = 0; i < count; i++) {
        TSNode p = ts_node_named_child(pattern, i);
        if (node_is(p, "shorthand_property_identifier_pattern") && node_text_eq(f, p, "error")) {
            name = p;
        } else if (node_is(p, "pair_pattern")) {
            TSNode key = node_field(p, "key");
            TSNode val = node_field(p, "value");
            if (node_text_eq(f, key, "error") && node_is(val, "identifier"))
                name = val;
        }
    }
    TSNode stmt = ts_node_parent(decl);
    TSNode block = ts_node_parent(stmt);
    if (ts_node_is_null(name) || ts_node_is_null(block))
        return;
    const struct err_origin *o = errors_origin(s, "the error returned with the data",
                                        ts_node_start_byte(name), ts_node_end_byte(name));
    errors_bind(s, name, ERR_ERROR, false, ts_node_end_byte(stmt), ts_node_end_byte(block), o);
}

/* const result = await supabase.from('leads').select(): result.error, the rest of the block. */
static void ts_result(struct errors *s, TSNode decl, TSNode value)
{
    TSNode name = node_field(decl, "name");
    if (!node_is(name, "identifier"))
        return;
    TSNode call = syntax_strip(ts_node_named_child(value, 0));
    if (!node_is(call, "call_expression") || supabase_chain(s->f, call) != SUPABASE_DATA)
        return;
    TSNode stmt = ts_node_parent(decl);
    TSNode block = ts_node_parent(stmt);
    if (ts_node_is_null(block))
        return;
    const struct err_origin *o = errors_origin(s, "the error of the supabase result",
                                        ts_node_start_byte(name), ts_node_end_byte(name));
    errors_bind(s, name, ERR_RESULT, false, ts_node_end_byte(stmt), ts_node_end_byte(block), o);
}

/* except Exception as e: ... (and a marker for traceback.format_exc(), named or not) */
static void py_except(struct errors *s, TSNode clause)
{
    TSNode body = {0}, id = {0};
    uint32_t count = ts_node_named_child_count(clause);
    for (uint32_t i = 0; i < count; i++) {
        TSNode c = ts_node_named_child(clause, i);
        if (node_is(c, "as_pattern")) {
            TSNode target = node_field(c, "alias");
            TSNode t = ts_node_named_child(target, 0);
            if (node_is(t, "identifier"))
                id = t;
        } else if (node_is(c, "block")) {
            body = c;
        }
    }
    if (ts_node_is_null(body))
        return;
    uint32_t start = ts_node_start_byte(clause);
    const struct err_origin *o = ts_node_is_null(id)
        ? errors_origin(s, "the caught exception", start, start + 6) /* the `except` keyword */
        : errors_origin(s, "the caught exception", ts_node_start_byte(id), ts_node_end_byte(id));
    *err_push(s) = (struct err_bound){.kind = ERR_TEXT, .start = o->start, .end = o->end,
                                      .from = ts_node_start_byte(body),
                                      .to = ts_node_end_byte(body), .origin = o};
    if (!ts_node_is_null(id))
        errors_bind(s, id, ERR_ERROR, false, ts_node_start_byte(body), ts_node_end_byte(body),
                   o);
}

/* The table index of child, a named child of the node at index i, or NODE_NONE. */
static uint32_t child_index(const struct node_table *t, uint32_t i, TSNode child)
{
    for (uint32_t j = i + 1; !ts_node_is_null(child) && j < t->v[i].end; j = t->v[j].end)
        if (ts_node_eq(t->v[j].node, child))
            return j;
    return NODE_NONE;
}

struct err_params errors_params(const struct node_table *t, uint32_t fn)
{
    struct err_params ps = {.t = t, .at = NODE_NONE};
    if (fn == NODE_NONE)
        return ps;
    ps.list = node_field(t->v[fn].node, "parameters");
    ps.at = child_index(t, fn, ps.list);
    if (ps.at != NODE_NONE)
        ps.count = ts_node_named_child_count(ps.list);
    return ps;
}

TSNode errors_param_name(const struct syntax_syms *y, const struct err_params *ps, uint32_t i)
{
    if (i >= ps->count)
        return (TSNode){0};
    const struct node_entry *v = ps->t->v;
    uint32_t j = ps->at + 1, end = v[ps->at].end;
    for (uint32_t k = 0; k < i && j < end; k++)
        j = v[j].end;
    if (j >= end)
        return (TSNode){0};
    TSNode p = v[j].node;
    TSSymbol t = ts_node_symbol(p);
    if (t == y->required_parameter || t == y->optional_parameter)
        p = node_field(p, "pattern");
    else if (t == y->typed_parameter) /* the name is its first named child */
        p = j + 1 < v[j].end ? v[j + 1].node : (TSNode){0};
    return !ts_node_is_null(p) && ts_node_symbol(p) == y->identifier ? p : (TSNode){0};
}

/* true when the node's text is one of the NULL-terminated list (without copying it). */
static bool text_in(const struct check_file *f, TSNode n, const char *const *list)
{
    for (; *list; list++)
        if (node_text_eq(f, n, *list))
            return true;
    return false;
}

/* Express error middleware: (err, req, res, next) => res.status(500).json(...) */
static void ts_error_middleware(struct errors *s, TSNode fn, const struct err_params *ps)
{
    if (ps->count != 4)
        return;
    TSNode err = errors_param_name(s->sym, ps, 0);
    TSNode res = errors_param_name(s->sym, ps, 2);
    if (ts_node_is_null(err) || ts_node_is_null(res) || !response_object_name(s->f, res))
        return;
    TSNode body = node_field(fn, "body");
    if (!ts_node_is_null(body))
        bind_error(s, err, ERR_ERROR, "the error given to the error middleware", err, body,
                   body);
}

/* FastAPI/Starlette @app.exception_handler(Exception) async def h(request, exc): ...,
 * Flask @app.errorhandler(500) def h(error): ... */
static void py_exception_handler(struct errors *s, const struct walk *w, TSNode dd)
{
    TSNode fn = node_field(dd, "definition");
    if (!node_is(fn, "function_definition"))
        return;
    bool handler = false;
    uint32_t count = ts_node_named_child_count(dd);
    for (uint32_t i = 0; i < count && !handler; i++) {
        TSNode d = ts_node_named_child(dd, i);
        TSNode call = ts_node_named_child(d, 0);
        char *name = node_is(d, "decorator") && node_is(call, "call")
                         ? syntax_callee_name(s->f, call) : NULL;
        handler = name && (strcmp(name, "exception_handler") == 0 ||
                           strcmp(name, "errorhandler") == 0);
    }
    if (!handler)
        return;
    struct err_params ps = errors_params(w->t, child_index(w->t, w->i, fn));
    TSNode exc = errors_param_name(s->sym, &ps, ps.count == 1 ? 0 : 1);
    TSNode body = node_field(fn, "body");
    if (!ts_node_is_null(exc) && !ts_node_is_null(body))
        bind_error(s, exc, ERR_ERROR, "the exception given to the handler", exc, body, body);
}

/* Parameter names and types that say "this is an error" in a function of its own. */
static const char *const error_param_names[] = {"error", "err", "e", "ex", "exc", "exception",
                                                NULL};
static const char *const error_param_types[] = {"unknown", "any", "Error", "Exception",
                                                "BaseException", NULL};

/* The type written for parameter i (`error: unknown`, `exc: Exception`), or NULL. */
static char *param_type(struct check_file *f, const struct err_params *ps, uint32_t i)
{
    TSNode p = ts_node_is_null(ps->list) ? ps->list : ts_node_named_child(ps->list, i);
    TSNode type = ts_node_is_null(p) ? p : node_field(p, "type");
    if (node_is(type, "type_annotation") || node_is(type, "type"))
        type = ts_node_named_child(type, 0);
    return ts_node_is_null(type) ? NULL : node_text(f, type);
}

/* A central error helper: handleApiError(error: unknown), error_response(exc: Exception),
 * function onError(err) { ... }: its error parameter, in its body. */
static void error_helper(struct errors *s, struct walk *w, TSNode fn, const struct err_params *ps)
{
    struct check_file *f = s->f;
    uint32_t i = 0;
    TSNode p = errors_param_name(s->sym, ps, 0);
    if (s->py && !ts_node_is_null(p) && (node_text_eq(f, p, "self") || node_text_eq(f, p, "cls")))
        p = errors_param_name(s->sym, ps, ++i);
    if (ts_node_is_null(p) || !text_in(f, p, error_param_names))
        return;
    TSNode body = node_field(fn, "body");
    if (ts_node_is_null(body))
        return;
    uint32_t parent = w->t->v[w->i].parent;
    char *name = syntax_function_name_at(f, fn, parent == NODE_NONE || parent < w->root
                                                    ? (TSNode){0}
                                                    : w->t->v[parent].node);
    char *type = param_type(f, ps, i);
    bool named = name && (str_icontains(name, "error") || str_icontains(name, "exception") ||
                          str_icontains(name, "fail"));
    if (!named && !(type && str_in(type, error_param_types)))
        return;
    const char *what = name ? arena_printf(f->arena, "the error given to '%s'", name)
                            : "the error parameter";
    bind_error(s, p, ERR_ERROR, what, p, body, body);
}


void errors_enter(struct errors *s, struct walk *w, TSNode n, TSSymbol t)
{
    const struct syntax_syms *y = s->sym;
    if (s->py) {
        if (t == y->except_clause || t == y->except_group_clause) {
            py_except(s, n);
        } else if (t == y->function_definition) {
            struct err_params ps = errors_params(w->t, w->i);
            if (ps.count) {
                error_helper(s, w, n, &ps);
            }
        } else if (t == y->decorated_definition) {
            py_exception_handler(s, w, n);
        } else if (s->n && t == y->assignment) {
            err_bind_copy(s, n, node_field(n, "left"), node_field(n, "right"));
        }
        return;
    }
    if (t == y->catch_clause) {
        ts_catch(s, n);
    } else if (t == y->call_expression) {
        ts_catch_callback(s, w, n);
    } else if (t == y->variable_declarator) {
        TSNode value = node_field(n, "value");
        if (s->n)
            err_bind_copy(s, n, node_field(n, "name"), value);
        if (!ts_node_is_null(value) && ts_node_symbol(value) == y->await_expression) {
            ts_result_error(s, n, value);
            ts_result(s, n, value);
        }
    } else if (t == y->assignment_expression) {
        if (s->n && !node_is(node_field(n, "left"), "member_expression"))
            err_bind_copy(s, n, node_field(n, "left"), node_field(n, "right"));
    } else if (t == y->arrow_function || t == y->function_expression ||
               t == y->function_declaration || t == y->function || t == y->method_definition) {
        struct err_params ps = errors_params(w->t, w->i);
        if (ps.count) {
            ts_error_middleware(s, n, &ps);
            error_helper(s, w, n, &ps);
        }
    }
}

void errors_init(struct errors *s, struct check_file *f)
{
    memset(s, 0, sizeof(*s));
    s->f = f;
    s->sym = syntax_syms(f->tree ? ts_tree_language(f->tree) : NULL);
    s->py = f->lang == LANG_PYTHON;
}

void errors_leave(struct errors *s, uint32_t at)
{
    while (s->n && s->v[s->n - 1].to <= at)
        s->n--;
}
