/* strbuild.c — follows a string value back to the places where it is built by formatting,
 * and keeps those where a piece put in varies. */
#include "strbuild.h"

#include <stdlib.h>
#include <string.h>

#include "constval.h"
#include "front/syntax.h"

/* Values followed per question; past it what was found is what is reported. */
#define BUDGET 256

struct trace {
    struct check_file *f;
    struct localdefs_memo *memo;
    bool py;
    bool (*text)(const char *s, size_t n);
    struct strbuild *out;
    int depth;  /* 1 inside a same-file helper: no further hop */
    TSNode via; /* the helper's call, when depth is 1 */
    VEC(TSNode) todo;
    VEC(const void *) seen; /* definitions already followed */
};

/* Asks the caller about the literal text under n. */
static void scan_text(struct trace *t, TSNode n)
{
    if (!t->text || t->out->text_seen || ts_node_is_null(n))
        return;
    struct walk w;
    walk_init(&w, t->f, n);
    for (TSNode c; !t->out->text_seen && walk_next(&w, &c);) {
        if (syntax_is_function(c)) {
            walk_skip(&w);
        } else if (node_is(c, "string_content") || node_is(c, "string_fragment")) {
            uint32_t a = ts_node_start_byte(c), b = ts_node_end_byte(c);
            t->out->text_seen = t->text(t->f->src->text + a, b - a);
        }
    }
}

static void follow(struct trace *t, TSNode n)
{
    if (!ts_node_is_null(n))
        VEC_PUSH(t->todo, n);
}

/* Keeps a place where the text is built, once. */
static void record(struct trace *t, TSNode at, enum strbuild_how how, TSNode piece)
{
    /* `q += f"...{x}"` is one build, not two: keep the first of nested ones */
    uint32_t a = ts_node_start_byte(at), b = ts_node_end_byte(at);
    for (size_t i = 0; i < t->out->n; i++) {
        uint32_t s = ts_node_start_byte(t->out->sites[i].at);
        uint32_t e = ts_node_end_byte(t->out->sites[i].at);
        if ((a <= s && e <= b) || (s <= a && b <= e))
            return;
    }
    if (t->out->n < STRBUILD_MAX)
        t->out->sites[t->out->n++] = (struct strbuild_site){at, how, piece, t->via};
}

static bool is_string_node(TSNode n)
{
    return node_is(n, "string") || node_is(n, "template_string") ||
           node_is(n, "concatenated_string");
}

/* A string literal, or a name whose definitions include one: the left of % or the receiver
 * of format() is text, not a number or a psycopg.sql object. */
static bool stringish(struct trace *t, TSNode n)
{
    n = syntax_strip(n);
    if (is_string_node(n))
        return true;
    if (node_is(n, "binary_operator") || node_is(n, "binary_expression"))
        return is_string_node(syntax_strip(node_field(n, "left"))) ||
               is_string_node(syntax_strip(node_field(n, "right")));
    if (!node_is(n, "identifier"))
        return false;
    struct localdef *defs;
    size_t count = localdefs_find(t->f, t->memo, n, &defs);
    for (size_t i = 0; i < count; i++) {
        TSNode v = syntax_strip(defs[i].value);
        /* a module-level QUERY % x: module constants used so are text */
        if (defs[i].kind == LOCALDEF_GLOBAL &&
            (constval_is_upper(t->f->src->text + ts_node_start_byte(n),
                               ts_node_end_byte(n) - ts_node_start_byte(n)) ||
             constval_module_binds(t->f, n)))
            return true;
        if ((defs[i].kind == LOCALDEF_ASSIGN || defs[i].kind == LOCALDEF_AUGMENT) &&
            (is_string_node(v) || node_is(v, "binary_operator") ||
             node_is(v, "binary_expression")))
            return true;
    }
    return false;
}

/* The first of the pieces that varies, or a null node. */
static TSNode varying(struct trace *t, TSNode piece)
{
    return ts_node_is_null(piece) ? piece : constval_variable_part(t->f, t->memo, piece);
}

/* What to name when value varies: the interpolation of an f-string or template literal that
 * varies, else the value itself; a null node when it does not vary. */
static TSNode varying_piece(struct trace *t, TSNode value)
{
    TSNode v = syntax_strip(value);
    if (node_is(v, "string") || node_is(v, "template_string")) {
        uint32_t count = ts_node_named_child_count(v);
        for (uint32_t i = 0; i < count; i++) {
            TSNode c = ts_node_named_child(v, i);
            TSNode e = node_is(c, "interpolation") ? node_field(c, "expression")
                       : node_is(c, "template_substitution") ? ts_node_named_child(c, 0)
                                                              : (TSNode){0};
            if (!ts_node_is_null(e) && !ts_node_is_null(varying(t, e)))
                return e;
        }
        return (TSNode){0};
    }
    return ts_node_is_null(varying(t, v)) ? (TSNode){0} : v;
}

static enum strbuild_how how_of(TSNode n)
{
    n = syntax_strip(n);
    if (node_is(n, "template_string"))
        return STRBUILD_TEMPLATE;
    if (node_is(n, "string"))
        return STRBUILD_FSTRING;
    return STRBUILD_CONCAT;
}

/* An f-string or template literal: a build when one of its interpolations varies. */
static void trace_interpolated(struct trace *t, TSNode s)
{
    scan_text(t, s);
    TSNode piece = varying_piece(t, s);
    if (ts_node_is_null(piece))
        return;
    record(t, s, t->py ? STRBUILD_FSTRING : STRBUILD_TEMPLATE, piece);
    /* a local put in (`{where}`) may itself be built earlier: show that place too */
    if (node_is(piece, "identifier"))
        follow(t, piece);
}

/* a + b + c: the operands of one chain of the same operator, left to right. */
static size_t flatten(struct trace *t, TSNode n, const char *op, TSNode *out, size_t max)
{
    TSNode stack[64];
    size_t sp = 0, k = 0;
    stack[sp++] = n;
    while (sp > 0 && k < max) {
        TSNode c = syntax_strip(stack[--sp]);
        if ((node_is(c, "binary_operator") || node_is(c, "binary_expression")) &&
            node_text_eq(t->f, node_field(c, "operator"), op) && sp + 2 <= ARRAY_SIZE(stack)) {
            stack[sp++] = node_field(c, "right");
            stack[sp++] = node_field(c, "left");
        } else {
            out[k++] = c;
        }
    }
    return k;
}

/* The function a top-level statement of the file defines under the name of id (function
 * q() {}, const q = () => ..., export ..., def q(): ...), or a null node. */
static TSNode top_function(struct check_file *f, TSNode id)
{
    uint32_t count = ts_node_named_child_count(f->root);
    for (uint32_t i = 0; i < count; i++) {
        TSNode st = ts_node_named_child(f->root, i);
        if (node_is(st, "export_statement"))
            st = node_field(st, "declaration");
        else if (node_is(st, "decorated_definition"))
            st = node_field(st, "definition");
        if (node_is(st, "function_declaration") || node_is(st, "function_definition")) {
            if (node_text_eq(f, node_field(st, "name"), node_text(f, id)))
                return st;
        } else if (node_is(st, "lexical_declaration") || node_is(st, "variable_declaration")) {
            uint32_t nd = ts_node_named_child_count(st);
            for (uint32_t k = 0; k < nd; k++) {
                TSNode d = ts_node_named_child(st, k);
                TSNode v = syntax_strip(node_field(d, "value"));
                if (node_is(d, "variable_declarator") &&
                    node_text_eq(f, node_field(d, "name"), node_text(f, id)) &&
                    (node_is(v, "arrow_function") || node_is(v, "function_expression") ||
                     node_is(v, "function")))
                    return v;
            }
        }
    }
    return (TSNode){0};
}

/* The values fn returns (an arrow's expression body, the return statements outside nested
 * functions), at most max of them; how many. */
static size_t returned(struct check_file *f, TSNode fn, TSNode *out, size_t max)
{
    TSNode body = node_field(fn, "body");
    if (ts_node_is_null(body) || max == 0)
        return 0;
    if (node_is(fn, "arrow_function") && !node_is(body, "statement_block")) {
        out[0] = body;
        return 1;
    }
    size_t n = 0;
    struct walk w;
    walk_init(&w, f, body);
    for (TSNode c; n < max && walk_next(&w, &c);) {
        if (syntax_is_function(c))
            walk_skip(&w);
        else if (node_is(c, "return_statement") && ts_node_named_child_count(c) > 0)
            out[n++] = ts_node_named_child(c, 0);
    }
    return n;
}

/* util.format(fmt, ...): fmt's text is asked about, the values after it are the pieces. */
static void trace_util_format(struct trace *t, TSNode call)
{
    TSNode fmt = syntax_arg(call, 0);
    if (!is_string_node(syntax_strip(fmt)))
        return;
    follow(t, fmt);
    for (uint32_t i = 1; !ts_node_is_null(syntax_arg(call, i)); i++) {
        TSNode piece = syntax_arg(call, i);
        if (!ts_node_is_null(varying(t, piece))) {
            record(t, call, STRBUILD_UTIL_FORMAT, piece);
            break;
        }
    }
}

static void trace_run(struct trace *t);

/* A call of a top-level function of the file: what its return statements build. */
static void trace_helper(struct trace *t, TSNode call, TSNode callee)
{
    if (t->depth > 0)
        return;
    TSNode fn = top_function(t->f, callee);
    if (ts_node_is_null(fn))
        return;
    TSNode rets[8];
    size_t nrets = returned(t->f, fn, rets, ARRAY_SIZE(rets));
    for (size_t r = 0; r < nrets; r++) {
        struct strbuild inner;
        struct trace h = {.f = t->f, .memo = t->memo, .py = t->py, .text = t->text,
                          .out = &inner, .depth = 1, .via = call};
        memset(&inner, 0, sizeof(inner));
        inner.text_seen = t->out->text_seen;
        follow(&h, rets[r]);
        trace_run(&h);
        t->out->text_seen = t->out->text_seen || inner.text_seen;
        for (size_t i = 0; i < inner.n; i++) {
            const struct strbuild_site *s = &inner.sites[i];
            /* a parameter put in varies only as much as what this call passes for it */
            TSNode piece = syntax_strip(s->piece);
            struct localdef *defs;
            size_t count = node_is(piece, "identifier")
                               ? localdefs_find(t->f, t->memo, piece, &defs) : 0;
            bool from_param = count > 0;
            bool passed = false;
            for (size_t k = 0; k < count; k++) {
                if (defs[k].kind != LOCALDEF_PARAM || !ts_node_eq(defs[k].scope, fn)) {
                    from_param = false;
                    break;
                }
                TSNode arg = syntax_arg(call, (uint32_t)defs[k].index);
                passed = passed || (!ts_node_is_null(arg) && !ts_node_is_null(varying(t, arg)));
            }
            if (from_param && !passed)
                continue;
            TSNode via = t->via;
            t->via = call;
            record(t, s->at, s->how, s->piece);
            t->via = via;
        }
    }
}

static void trace_call(struct trace *t, TSNode call)
{
    struct check_file *f = t->f;
    TSNode fn = syntax_strip(node_field(call, "function"));
    TSNode args = node_field(call, "arguments");
    if (node_is(args, "template_string"))
        return;
    if (node_is(fn, "identifier")) {
        /* format() as imported from Node's util takes a format string first */
        if (!t->py && node_text_eq(f, fn, "format"))
            trace_util_format(t, call);
        else
            trace_helper(t, call, fn);
        return;
    }
    if (!node_is(fn, t->py ? "attribute" : "member_expression"))
        return;
    TSNode obj = syntax_strip(node_field(fn, "object"));
    TSNode prop = node_field(fn, t->py ? "attribute" : "property");
    if (!t->py && node_text_eq(f, prop, "format") && node_text_eq(f, obj, "util")) {
        trace_util_format(t, call);
    } else if (!t->py && node_text_eq(f, prop, "concat") && stringish(t, obj)) {
        /* "select ... ".concat(x, y) */
        follow(t, obj);
        for (uint32_t i = 0; !ts_node_is_null(syntax_arg(call, i)); i++) {
            TSNode piece = syntax_arg(call, i);
            follow(t, piece);
            if (!ts_node_is_null(varying(t, piece))) {
                record(t, call, STRBUILD_CONCAT, piece);
                break;
            }
        }
    } else if (t->py && node_text_eq(f, prop, "format") && stringish(t, obj)) {
        follow(t, obj);
        uint32_t count = ts_node_named_child_count(args);
        for (uint32_t i = 0; i < count; i++) {
            TSNode a = ts_node_named_child(args, i);
            TSNode piece = node_is(a, "keyword_argument") ? node_field(a, "value") : a;
            if (!ts_node_is_null(varying(t, piece))) {
                record(t, call, STRBUILD_FORMAT, piece);
                break;
            }
        }
    } else if (t->py && node_text_eq(f, prop, "join") && stringish(t, obj)) {
        scan_text(t, call);
        TSNode parts = syntax_arg(call, 0);
        if (node_is(args, "generator_expression"))
            parts = args;
        if (!ts_node_is_null(varying(t, parts)))
            record(t, call, STRBUILD_JOIN, parts);
    } else if (!t->py && node_text_eq(f, prop, "join")) {
        scan_text(t, call);
        if (!ts_node_is_null(varying(t, obj)))
            record(t, call, STRBUILD_JOIN, obj);
    }
}

/* One value that reaches the sink unchanged, or a definition of it. */
static void trace_one(struct trace *t, TSNode n)
{
    struct check_file *f = t->f;
    n = syntax_strip(n);
    const char *type = ts_node_type(n);

    if (strcmp(type, "identifier") == 0 || strcmp(type, "shorthand_property_identifier") == 0) {
        struct localdef *defs;
        size_t count = localdefs_find(f, t->memo, n, &defs);
        for (size_t i = 0; i < count; i++) {
            const struct localdef *d = &defs[i];
            if (d->kind == LOCALDEF_GLOBAL) /* QUERY % x: the SQL words are up there */
                scan_text(t, constval_module_value(f, n));
            if (ts_node_is_null(d->at))
                continue;
            bool again = false;
            for (size_t j = 0; j < t->seen.n && !again; j++)
                again = t->seen.v[j] == d->at.id;
            if (again)
                continue;
            VEC_PUSH(t->seen, d->at.id);
            if (d->kind == LOCALDEF_ASSIGN) {
                follow(t, d->value);
            } else if (d->kind == LOCALDEF_AUGMENT) {
                scan_text(t, d->value);
                TSNode piece = varying_piece(t, d->value);
                if (!ts_node_is_null(piece))
                    record(t, d->at, how_of(d->value), piece);
                follow(t, d->value);
            }
        }
    } else if (strcmp(type, "string") == 0 || strcmp(type, "template_string") == 0) {
        trace_interpolated(t, n);
    } else if (strcmp(type, "concatenated_string") == 0) {
        uint32_t count = ts_node_named_child_count(n);
        for (uint32_t i = 0; i < count; i++)
            follow(t, ts_node_named_child(n, i));
    } else if (strcmp(type, "conditional_expression") == 0) {
        follow(t, ts_node_named_child(n, 0));
        follow(t, ts_node_named_child(n, 2));
    } else if (strcmp(type, "ternary_expression") == 0) {
        follow(t, node_field(n, "consequence"));
        follow(t, node_field(n, "alternative"));
    } else if (strcmp(type, "boolean_operator") == 0) {
        follow(t, node_field(n, "left"));
        follow(t, node_field(n, "right"));
    } else if (strcmp(type, "binary_operator") == 0 || strcmp(type, "binary_expression") == 0) {
        char *op = node_text(f, node_field(n, "operator"));
        if (strcmp(op, "+") == 0) {
            TSNode parts[32];
            size_t k = flatten(t, n, "+", parts, ARRAY_SIZE(parts));
            bool text = false;
            for (size_t i = 0; i < k; i++) {
                follow(t, parts[i]);
                text = text || stringish(t, parts[i]);
            }
            for (size_t i = 0; text && i < k; i++) {
                if (!ts_node_is_null(varying(t, parts[i]))) {
                    record(t, n, STRBUILD_CONCAT, parts[i]);
                    break;
                }
            }
        } else if (strcmp(op, "%") == 0 && t->py && stringish(t, node_field(n, "left"))) {
            follow(t, node_field(n, "left"));
            TSNode right = node_field(n, "right");
            if (!ts_node_is_null(varying(t, right)))
                record(t, n, STRBUILD_PERCENT, right);
        } else if (strcmp(op, "||") == 0 || strcmp(op, "??") == 0) {
            follow(t, node_field(n, "left"));
            follow(t, node_field(n, "right"));
        }
    } else if (strcmp(type, "call") == 0 || strcmp(type, "call_expression") == 0) {
        trace_call(t, n);
    }
}

static void trace_run(struct trace *t)
{
    for (unsigned spent = 0; t->todo.n > 0 && spent < BUDGET; spent++)
        trace_one(t, t->todo.v[--t->todo.n]);
    VEC_FREE(t->todo);
    VEC_FREE(t->seen);
}

void strbuild_trace(struct check_file *f, struct localdefs_memo *memo, TSNode expr,
                    bool (*text)(const char *s, size_t n), struct strbuild *out)
{
    struct trace t = {.f = f, .memo = memo, .py = f->lang == LANG_PYTHON, .text = text,
                      .out = out};
    memset(out, 0, sizeof(*out));
    follow(&t, expr);
    trace_run(&t);
}

const char *strbuild_how_text(enum strbuild_how how)
{
    static const char *const text[] = {"an f-string", "% formatting", "str.format()",
                                       "concatenation", "join()", "a template literal",
                                       "util.format()"};
    return how < ARRAY_SIZE(text) ? text[how] : "formatting";
}
