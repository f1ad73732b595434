/* dbcall_args.c — the arguments of a database call: the call an argument is in, whether the
 * filter it is given to binds it as a parameter (PostgREST's .eq() and kin, drizzle-orm's
 * where(eq(table.column, value))), and which properties of an rpc arguments object a flow's
 * data went into. See dbcall.h. */
#include "model/dbcall.h"

#include <ctype.h>
#include <string.h>

#include "front/syntax.h"
#include "model/dataflow/dataflow.h"

TSNode dbcall_arg_call(const struct check_file *f, uint32_t start, uint32_t end, int *index)
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

/* Filters whose value PostgREST sends as a bound parameter: a request value there selects
 * rows, it cannot change the query. */
static const char *const bound_filters[] = {".eq()", ".neq()", ".gt()", ".gte()", ".lt()",
                                            ".lte()", ".is()", ".is_()", ".in()", ".in_()",
                                            ".match()", ".contains()", ".containedBy()",
                                            ".contained_by()", ".overlaps()", ".range()",
                                            ".limit()", NULL};

bool dbcall_postgrest_bound(const char *label, int index)
{
    return str_in(label, bound_filters) && (index != 0 || strcmp(label, ".match()") == 0);
}

/* drizzle-orm's comparison operators: eq(column, value) binds the value; and()/or()/not()
 * combine them. */
static const char *const drizzle_compare[] = {
    "eq", "ne", "gt", "gte", "lt", "lte", "inArray", "notInArray", "like", "ilike", "notLike",
    "notIlike", "between", "notBetween", "isNull", "isNotNull", "arrayContains",
    "arrayContained", "arrayOverlaps", NULL,
};
static const char *const drizzle_combine[] = {"and", "or", "not", NULL};

bool dbcall_drizzle_bound_where(struct check_file *f, uint32_t start, uint32_t end,
                                const char *const *request_names)
{
    TSNode todo[16];
    size_t n = 0;
    TSNode top = ts_node_named_descendant_for_byte_range(f->root, start, end);
    if (ts_node_is_null(top) || ts_node_start_byte(top) != start || ts_node_end_byte(top) != end)
        return false;
    todo[n++] = top;
    while (n > 0) {
        TSNode c = syntax_strip(todo[--n]);
        if (!node_is(c, "call_expression"))
            return false;
        TSNode fn = node_field(c, "function"), args = node_field(c, "arguments");
        const char *name = node_is(fn, "identifier") ? node_text(f, fn) : "";
        uint32_t count = ts_node_named_child_count(args);
        if (str_in(name, drizzle_compare)) {
            TSNode col = count ? syntax_strip(ts_node_named_child(args, 0)) : (TSNode){0};
            if (!node_is(col, "member_expression") ||
                !node_is(node_field(col, "object"), "identifier") ||
                str_in(node_text(f, node_field(col, "object")), request_names))
                return false;
        } else if (str_in(name, drizzle_combine)) {
            for (uint32_t i = 0; i < count; i++) {
                if (n == sizeof todo / sizeof *todo)
                    return false;
                todo[n++] = ts_node_named_child(args, i);
            }
        } else {
            return false;
        }
    }
    return true;
}

/* true when value names one of the flow's earlier steps (`body` in body.id after `const body
 * = await req.json()`): the property the tainted data went into. */
static bool names_a_step(const struct check_file *f, const struct df_flow *fl, TSNode value)
{
    const char *text = f->src->text;
    uint32_t vs = ts_node_start_byte(value), ve = ts_node_end_byte(value);
    for (size_t i = 0; i + 1 < fl->nsteps; i++) {
        uint32_t a = fl->steps[i].start, n = fl->steps[i].end - a;
        if (n == 0 || n > 64)
            continue;
        for (uint32_t p = vs; p + n <= ve; p++) {
            bool left = p == vs || !(isalnum((unsigned char)text[p - 1]) || text[p - 1] == '_' ||
                                     text[p - 1] == '.');
            bool right = p + n == ve || !(isalnum((unsigned char)text[p + n]) ||
                                          text[p + n] == '_');
            if (left && right && memcmp(text + p, text + a, n) == 0)
                return true;
        }
    }
    return false;
}

bool dbcall_rpc_properties(struct check_file *f, const struct df_flow *fl, const char **what,
                           uint32_t *start, uint32_t *end)
{
    TSNode obj = ts_node_named_descendant_for_byte_range(f->root, fl->start, fl->end);
    if (!node_is(obj, "object") && !node_is(obj, "dictionary"))
        return false;
    struct strbuf names;
    strbuf_init(&names);
    unsigned count = 0;
    uint32_t n = ts_node_named_child_count(obj);
    for (uint32_t i = 0; i < n; i++) {
        TSNode c = ts_node_named_child(obj, i), key = {0};
        if (node_is(c, "pair") && names_a_step(f, fl, node_field(c, "value")))
            key = node_field(c, "key");
        else if (node_is(c, "shorthand_property_identifier") && names_a_step(f, fl, c))
            key = c;
        if (ts_node_is_null(key))
            continue;
        const char *k = node_text(f, key);
        size_t kl = strlen(k);
        if (kl >= 2 && (k[0] == '"' || k[0] == '\'') && k[kl - 1] == k[0]) {
            k++;
            kl -= 2;
        }
        strbuf_addf(&names, "%s'%.*s'", count ? ", " : "", (int)kl, k);
        if (!count++) {
            *start = ts_node_start_byte(c);
            *end = ts_node_end_byte(c);
        }
    }
    if (count)
        *what = arena_printf(f->arena, "rpc argument%s %s", count > 1 ? "s" : "", names.buf);
    strbuf_release(&names);
    return count > 0;
}
