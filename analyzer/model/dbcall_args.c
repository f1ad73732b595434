/* dbcall_args.c — the arguments of a database call: the call an argument is in, whether the
 * filter it is given to binds it as a parameter (PostgREST's .eq() and kin, drizzle-orm's
 * where(eq(table.column, value))). See dbcall.h. */
#include "model/dbcall.h"

#include <string.h>

#include "front/syntax.h"

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
