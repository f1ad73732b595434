/* cstr.c — string building in C and C++: the builders' table, format strings, and each
 * variable's value event by event (see cstr.h). */
#include "cstr.h"

#include <string.h>

#include "base/util.h"

/* A call that writes text: into its argument dst (or returns it, dst < 0) from the format at
 * fmt (or, fmt < 0, from the operand at src), keeping what dst held when it appends. */
struct builder {
    const char *name;
    int dst, fmt, src;
    bool append;
    bool sqlite_format; /* %q, %Q, %w quote; %z is a string */
    bool va_list_args;  /* the values come in a va_list: what they are is not known */
};

static const struct builder builders[] = {
    {"sprintf", 0, 1, -1, false, false, false},
    {"snprintf", 0, 2, -1, false, false, false},
    {"__builtin___sprintf_chk", 0, 3, -1, false, false, false},
    {"__builtin___snprintf_chk", 0, 4, -1, false, false, false},
    {"vsprintf", 0, 1, -1, false, false, true},
    {"vsnprintf", 0, 2, -1, false, false, true},
    {"asprintf", 0, 1, -1, false, false, false},
    {"vasprintf", 0, 1, -1, false, false, true},
    {"sqlite3_mprintf", -1, 0, -1, false, true, false},
    {"sqlite3_vmprintf", -1, 0, -1, false, true, true},
    {"sqlite3_snprintf", 1, 2, -1, false, true, false},
    {"sqlite3_vsnprintf", 1, 2, -1, false, true, true},
    {"g_strdup_printf", -1, 0, -1, false, false, false},
    {"strcpy", 0, -1, 1, false, false, false},
    {"strncpy", 0, -1, 1, false, false, false},
    {"strlcpy", 0, -1, 1, false, false, false},
    {"stpcpy", 0, -1, 1, false, false, false},
    {"strcat", 0, -1, 1, true, false, false},
    {"strncat", 0, -1, 1, true, false, false},
    {"strlcat", 0, -1, 1, true, false, false},
    {"strdup", -1, -1, 0, false, false, false},
    {"strndup", -1, -1, 0, false, false, false},
};

static const struct builder *builder_of(const struct cx_expr *call)
{
    if (call->kind != CX_CALL || call->method)
        return NULL;
    for (size_t i = 0; i < ARRAY_SIZE(builders); i++)
        if (strcmp(call->name, builders[i].name) == 0)
            return &builders[i];
    return NULL;
}

struct slot {
    uint64_t var; /* 0: empty */
    struct cstr_value value;
};

struct cstr_flow {
    struct arena *arena;
    const struct source *src;
    const struct cx_function *fn;
    struct slot *slots;
    size_t cap; /* a power of two, at least twice the variables written */
};

struct cstr_flow *cstr_flow_new(struct arena *arena, const struct source *src,
                                const struct cx_function *fn)
{
    struct cstr_flow *flow = arena_alloc(arena, sizeof(*flow));
    flow->arena = arena;
    flow->src = src;
    flow->fn = fn;
    flow->cap = 16;
    while (flow->cap < 2 * fn->nevents + 2)
        flow->cap *= 2;
    flow->slots = arena_alloc(arena, flow->cap * sizeof(*flow->slots));
    memset(flow->slots, 0, flow->cap * sizeof(*flow->slots));
    return flow;
}

/* The slot of var: the one that holds it, or the empty one where it goes. */
static struct slot *slot_of(const struct cstr_flow *flow, uint64_t var)
{
    size_t mask = flow->cap - 1;
    for (size_t i = (size_t)(var * 0x9E3779B97F4A7C15ull) & mask;; i = (i + 1) & mask)
        if (flow->slots[i].var == var || !flow->slots[i].var)
            return &flow->slots[i];
}

static struct cstr_value constant(void)
{
    return (struct cstr_value){.origin = CSTR_CONSTANT};
}

static struct cstr_value unknown(void)
{
    return (struct cstr_value){.origin = CSTR_UNKNOWN};
}

static const char *text_of(const struct cstr_flow *flow, const struct cx_expr *e)
{
    if (e->name && (e->kind == CX_VAR))
        return e->name;
    if (e->end > e->start && e->end <= flow->src->len) {
        size_t n = e->end - e->start;
        if (n > 60)
            return e->kind == CX_CALL && e->name ? arena_printf(flow->arena, "%s()", e->name)
                                                 : "an expression";
        return arena_strndup(flow->arena, flow->src->text + e->start, n);
    }
    return e->name ? e->name : "an expression";
}

/* The value of text that a builder put `piece` into. */
static struct cstr_value built_from(struct cstr_flow *flow, const struct cx_expr *at,
                                    const char *how, const struct cx_expr *piece,
                                    struct cstr_value pv)
{
    if (pv.origin == CSTR_CONSTANT)
        return pv;
    if (pv.origin == CSTR_BUILT)
        return pv; /* where the varying piece first went in is the place to fix */
    return (struct cstr_value){.origin = CSTR_BUILT, .start = at->start, .end = at->end,
                               .how = how, .from = text_of(flow, piece)};
}

/* BUILT wins, then UNKNOWN: a value is constant only when every part is. */
static struct cstr_value join(struct cstr_value a, struct cstr_value b)
{
    if (a.origin == CSTR_BUILT)
        return a;
    if (b.origin == CSTR_BUILT)
        return b;
    if (a.origin == CSTR_UNKNOWN)
        return a;
    return b;
}

/* The constant text of e, when e is a literal (the only format strings read). */
static const char *literal(const struct cx_expr *e)
{
    return e && e->kind == CX_STRING ? e->value : NULL;
}

static bool is_length(char c)
{
    return c == 'h' || c == 'l' || c == 'j' || c == 'z' || c == 't' || c == 'L' || c == 'q';
}

/* Skips a conversion's width or precision: digits, or '*', which takes an argument. */
static const char *skip_count(const char *p, size_t *arg)
{
    if (*p == '*') {
        (*arg)++;
        return p + 1;
    }
    while (*p >= '0' && *p <= '9')
        p++;
    return p;
}

/* Reads the format of call (a builder) and the values its string conversions put in. */
static struct cstr_value format_value(struct cstr_flow *flow, const struct cx_expr *call,
                                      const struct builder *b)
{
    if ((size_t)b->fmt >= call->nargs)
        return unknown();
    const struct cx_expr *fmt_expr = call->args[b->fmt];
    const char *fmt = literal(fmt_expr);
    if (!fmt) {
        struct cstr_value fv = cstr_eval(flow, fmt_expr);
        if (fv.origin == CSTR_BUILT)
            return fv;
        /* a format that is not a literal: what it converts cannot be read */
        return fv.origin == CSTR_CONSTANT ? constant() : unknown();
    }
    struct cstr_value v = constant();
    size_t arg = (size_t)b->fmt + 1;
    for (const char *p = fmt; *p; p++) {
        if (*p != '%')
            continue;
        p++;
        if (*p == '%')
            continue;
        while (*p && strchr("-+ #0'!", *p))
            p++;
        p = skip_count(p, &arg); /* width */
        if (*p == '.')
            p = skip_count(p + 1, &arg); /* precision */
        char conv = *p;
        /* sqlite's %z is a string; elsewhere z is a length (%zu) */
        bool sqlite_z = b->sqlite_format && conv == 'z' && !strchr("diouxX", p[1]);
        while (!sqlite_z && is_length(*p))
            p++;
        conv = sqlite_z ? 's' : *p;
        if (!conv)
            break;
        bool string = conv == 's' || conv == 'S';
        if (string) {
            if (b->va_list_args) {
                v = join(v, (struct cstr_value){.origin = CSTR_BUILT, .start = call->start,
                                                .end = call->end, .how = call->name,
                                                .from = "a va_list"});
            } else if (arg < call->nargs) {
                const struct cx_expr *piece = call->args[arg];
                v = join(v, built_from(flow, call, call->name, piece, cstr_eval(flow, piece)));
            }
        }
        /* quoted (%q) and numeric conversions put nothing SQL can be made of */
        arg++;
    }
    return v;
}

/* std::string's + and friends: constant when both sides are. */
static struct cstr_value concat(struct cstr_flow *flow, const struct cx_expr *at,
                                const char *how, const struct cx_expr *a, const struct cx_expr *b)
{
    struct cstr_value va = a ? cstr_eval(flow, a) : constant();
    struct cstr_value vb = cstr_eval(flow, b);
    return join(built_from(flow, at, how, a, va), built_from(flow, at, how, b, vb));
}

static bool view_method(const char *name)
{
    return strcmp(name, "c_str") == 0 || strcmp(name, "data") == 0 || strcmp(name, "str") == 0 ||
           strcmp(name, "substr") == 0;
}

struct cstr_value cstr_eval(struct cstr_flow *flow, const struct cx_expr *e)
{
    if (!e)
        return unknown();
    switch (e->kind) {
    case CX_STRING:
    case CX_NUMBER:
        return constant();
    case CX_VAR: {
        struct slot *s = e->var ? slot_of(flow, e->var) : NULL;
        if (s && s->var)
            return s->value;
        return e->var_const ? constant() : unknown();
    }
    case CX_ADDR:
        return e->nargs ? cstr_eval(flow, e->args[0]) : unknown();
    case CX_CALL: {
        const struct builder *b = builder_of(e);
        if (b && b->dst < 0)
            return b->fmt >= 0 ? format_value(flow, e, b)
                               : ((size_t)b->src < e->nargs ? cstr_eval(flow, e->args[b->src])
                                                             : unknown());
        if (e->construct)
            return e->nargs ? cstr_eval(flow, e->args[e->method ? 1 : 0]) : constant();
        if (strcmp(e->name, "operator+") == 0 && e->nargs == 2)
            return concat(flow, e, "+", e->args[0], e->args[1]);
        if (e->method && e->nargs && view_method(e->name))
            return cstr_eval(flow, e->args[0]);
        if (!e->method && (strcmp(e->name, "to_string") == 0 || strcmp(e->name, "atoi") == 0 ||
                           strcmp(e->name, "strlen") == 0))
            return constant(); /* digits */
        return unknown();
    }
    case CX_OTHER: {
        /* ?:, pointer arithmetic, subscripts: constant when every operand is */
        struct cstr_value v = e->nargs ? constant() : unknown();
        for (uint32_t i = 0; i < e->nargs; i++)
            v = join(v, cstr_eval(flow, e->args[i]));
        return v;
    }
    }
    return unknown();
}

static void set(struct cstr_flow *flow, uint64_t var, struct cstr_value v, bool conditional)
{
    if (!var)
        return;
    struct slot *s = slot_of(flow, var);
    if (s->var && conditional)
        v = join(s->value, v); /* the other path keeps what it held */
    s->var = var;
    s->value = v;
}

/* The variable a builder writes: its dst argument, through & for asprintf. */
static const struct cx_expr *dst_var(const struct cx_expr *call, int dst)
{
    if (dst < 0 || (size_t)dst >= call->nargs)
        return NULL;
    const struct cx_expr *d = call->args[dst];
    if (d->kind == CX_ADDR && d->nargs)
        d = d->args[0];
    return d->kind == CX_VAR && d->var ? d : NULL;
}

void cstr_flow_step(struct cstr_flow *flow, size_t k)
{
    const struct cx_event *ev = &flow->fn->events[k];
    switch (ev->kind) {
    case CX_EV_INIT:
        /* declared without a value: empty, as far as text from elsewhere goes */
        set(flow, ev->var, ev->expr ? cstr_eval(flow, ev->expr) : constant(), ev->conditional);
        break;
    case CX_EV_ASSIGN:
        set(flow, ev->var, cstr_eval(flow, ev->expr), ev->conditional);
        break;
    case CX_EV_APPEND: {
        struct slot *s = slot_of(flow, ev->var);
        struct cstr_value before = s->var ? s->value : constant();
        struct cstr_value add = built_from(flow, ev->expr, ev->how, ev->expr,
                                           cstr_eval(flow, ev->expr));
        set(flow, ev->var, join(before, add), ev->conditional);
        break;
    }
    case CX_EV_CALL: {
        const struct builder *b = builder_of(ev->expr);
        const struct cx_expr *d = b ? dst_var(ev->expr, b->dst) : NULL;
        if (!d)
            break;
        struct cstr_value v;
        if (b->fmt >= 0) {
            v = format_value(flow, ev->expr, b);
        } else if ((size_t)b->src < ev->expr->nargs) {
            const struct cx_expr *piece = ev->expr->args[b->src];
            v = built_from(flow, ev->expr, b->name, piece, cstr_eval(flow, piece));
        } else {
            v = unknown();
        }
        if (b->append) {
            struct slot *s = slot_of(flow, d->var);
            v = join(s->var ? s->value : constant(), v);
        }
        set(flow, d->var, v, ev->conditional);
        break;
    }
    }
}
