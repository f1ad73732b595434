/* constval.c — whether an expression's value is fixed by the program text: a worklist over the
 * sub-expressions a value is made of, following local names to their reaching definitions. */
#include "constval.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "localdefs.h"
#include "front/syntax.h"

/* Sub-expressions examined per question; past it the answer is "fixed" (no report). */
#define BUDGET 4000

struct item {
    TSNode node;
    TSNode witness; /* what to name when node varies: node itself, or the member chain it ends */
};

struct eval {
    struct check_file *f;
    struct localdefs_memo *memo;
    bool py;
    VEC(struct item) todo;
    VEC(const void *) seen; /* definitions already followed */
    unsigned spent;
};

static void add(struct eval *e, TSNode n, TSNode witness)
{
    if (ts_node_is_null(n))
        return;
    struct item it = {n, ts_node_is_null(witness) ? n : witness};
    VEC_PUSH(e->todo, it);
}

/* The named children of n: from the file's node table when n is in it, since
 * ts_node_named_child(n, i) is linear in i and a literal may have thousands of elements.
 * *count receives their number; the array comes from the arena. */
static TSNode *named_kids(struct check_file *f, TSNode n, uint32_t *count)
{
    uint32_t i = nodes_find(f->nodes, n);
    TSNode *out;
    if (i == NODE_NONE) {
        *count = ts_node_named_child_count(n);
        out = arena_alloc(f->arena, (*count ? *count : 1) * sizeof(*out));
        for (uint32_t k = 0; k < *count; k++)
            out[k] = ts_node_named_child(n, k);
        return out;
    }
    const struct node_entry *v = f->nodes->v;
    uint32_t k = 0;
    for (uint32_t j = i + 1; j < v[i].end; j = v[j].end)
        k++;
    out = arena_alloc(f->arena, (k ? k : 1) * sizeof(*out));
    k = 0;
    for (uint32_t j = i + 1; j < v[i].end; j = v[j].end)
        out[k++] = v[j].node;
    *count = k;
    return out;
}

static void add_children(struct eval *e, TSNode n)
{
    uint32_t count;
    TSNode *kids = named_kids(e->f, n, &count);
    for (uint32_t i = 0; i < count; i++)
        if (!node_is(kids[i], "comment"))
            add(e, kids[i], (TSNode){0});
}

/* true the first time a definition is followed */
static bool first_visit(struct eval *e, TSNode at)
{
    if (ts_node_is_null(at))
        return true;
    for (size_t i = 0; i < e->seen.n; i++)
        if (e->seen.v[i] == at.id)
            return false;
    VEC_PUSH(e->seen, at.id);
    return true;
}

bool constval_is_upper(const char *s, size_t n)
{
    bool letter = false;
    for (size_t i = 0; i < n; i++) {
        if (islower((unsigned char)s[i]))
            return false;
        if (isupper((unsigned char)s[i]))
            letter = true;
    }
    return letter;
}

static bool upper_node(struct check_file *f, TSNode n)
{
    uint32_t a = ts_node_start_byte(n), b = ts_node_end_byte(n);
    return !ts_node_is_null(n) && constval_is_upper(f->src->text + a, b - a);
}

static bool same_text(struct check_file *f, TSNode a, TSNode b)
{
    uint32_t as = ts_node_start_byte(a), ae = ts_node_end_byte(a);
    uint32_t bs = ts_node_start_byte(b), be = ts_node_end_byte(b);
    return ae - as == be - bs && memcmp(f->src->text + as, f->src->text + bs, ae - as) == 0;
}

/* One top-level statement: does it bind name? *value gets the value bound, if any. */
static bool top_binds(struct check_file *f, TSNode st, TSNode name, TSNode *value)
{
    *value = (TSNode){0};
    if (node_is(st, "export_statement"))
        st = node_field(st, "declaration");
    if (node_is(st, "decorated_definition"))
        st = node_field(st, "definition");
    if (ts_node_is_null(st))
        return false;
    if (node_is(st, "expression_statement")) {
        for (TSNode a = ts_node_named_child(st, 0); node_is(a, "assignment");
             a = node_field(a, "right")) {
            TSNode left = node_field(a, "left");
            if (node_is(left, "identifier") && same_text(f, left, name)) {
                for (*value = node_field(a, "right"); node_is(*value, "assignment");)
                    *value = node_field(*value, "right");
                return true;
            }
        }
    } else if (node_is(st, "lexical_declaration") || node_is(st, "variable_declaration")) {
        uint32_t nd = ts_node_named_child_count(st);
        for (uint32_t j = 0; j < nd; j++) {
            TSNode d = ts_node_named_child(st, j);
            TSNode left = node_field(d, "name");
            if (node_is(left, "identifier") && same_text(f, left, name)) {
                *value = node_field(d, "value");
                return true;
            }
        }
    } else if (syntax_is_function(st) || node_is(st, "class_definition") ||
               node_is(st, "class_declaration")) {
        TSNode left = node_field(st, "name");
        return !ts_node_is_null(left) && same_text(f, left, name);
    }
    return false;
}

/* The first top-level statement binding name; *value as top_binds. */
static bool module_binding(struct check_file *f, TSNode name, TSNode *value)
{
    const struct node_table *t = f->nodes;
    if (t && t->n > 0 && ts_node_eq(t->v[0].node, f->root)) {
        /* the root's named children, from the node table */
        for (uint32_t j = 1; j < t->v[0].end; j = t->v[j].end)
            if (top_binds(f, t->v[j].node, name, value))
                return true;
        return false;
    }
    /* a cursor: ts_node_named_child(root, i) is linear in i */
    bool found = false;
    TSTreeCursor c = ts_tree_cursor_new(f->root);
    if (ts_tree_cursor_goto_first_child(&c)) {
        do {
            TSNode st = ts_tree_cursor_current_node(&c);
            found = ts_node_is_named(st) && top_binds(f, st, name, value);
        } while (!found && ts_tree_cursor_goto_next_sibling(&c));
    }
    ts_tree_cursor_delete(&c);
    return found;
}

bool constval_module_binds(struct check_file *f, TSNode name)
{
    TSNode value;
    return module_binding(f, name, &value);
}

TSNode constval_module_value(struct check_file *f, TSNode name)
{
    TSNode value;
    return module_binding(f, name, &value) ? value : (TSNode){0};
}

/* The values a callback passed to map()/Array.from() returns: its expression body or the
 * expressions of its return statements. false when it is not a function literal. */
static bool add_returns(struct eval *e, TSNode fn)
{
    fn = syntax_strip(fn);
    if (!node_is(fn, "arrow_function") && !node_is(fn, "function_expression") &&
        !node_is(fn, "function"))
        return false;
    TSNode body = node_field(fn, "body");
    if (!node_is(body, "statement_block")) {
        add(e, body, (TSNode){0});
        return true;
    }
    struct walk w;
    walk_init(&w, e->f, body);
    for (TSNode n; walk_next(&w, &n);) {
        if (syntax_is_function(n)) {
            walk_skip(&w);
        } else if (node_is(n, "return_statement")) {
            add(e, ts_node_named_child(n, 0), (TSNode){0});
            walk_skip(&w);
        }
    }
    return true;
}

static const char *const numeric_calls_py[] = {"int", "float", "len", "bool", "round", "abs",
                                               "ord", "hash", "id", "range", NULL};
static const char *const passing_calls_py[] = {"str", "min", "max", "sorted", "list", "tuple",
                                               "set", "reversed", "frozenset", NULL};
static const char *const same_methods_py[] = {"upper", "lower", "strip", "lstrip", "rstrip",
                                              "title", "capitalize", "casefold", "copy", NULL};
static const char *const numeric_methods_py[] = {"count", "index", "find", "rfind",
                                                 "isdigit", "isnumeric", "isalnum",
                                                 "startswith", "endswith", NULL};
static const char *const numeric_calls_ts[] = {"Number", "parseInt", "parseFloat", "Boolean",
                                               "BigInt", "isNaN", "isFinite", NULL};
static const char *const same_methods_ts[] = {"toString", "toUpperCase", "toLowerCase", "trim",
                                              "trimStart", "trimEnd", "padStart", "padEnd",
                                              "slice", "filter", "reverse", "sort", "concat",
                                              "join", "flat", NULL};
static const char *const numeric_methods_ts[] = {"toFixed", "toPrecision", "indexOf",
                                                 "findIndex", "lastIndexOf", "includes",
                                                 "some", "every", "startsWith", "endsWith",
                                                 "getTime", "valueOf", NULL};
static const char *const index_callbacks_ts[] = {"map", "flatMap", "forEach", "filter", NULL};

/* A call: true when its value is fixed given the items it queued. */
static bool eval_call(struct eval *e, TSNode call)
{
    struct check_file *f = e->f;
    TSNode fn = syntax_strip(node_field(call, "function"));
    TSNode args = node_field(call, "arguments");
    if (!e->py && node_is(args, "template_string"))
        return false; /* a tagged template: whatever the tag returns */
    if (node_is(fn, "identifier")) {
        char *name = node_text(f, fn);
        if (str_in(name, e->py ? numeric_calls_py : numeric_calls_ts))
            return true;
        if (str_in(name, e->py ? passing_calls_py : (const char *const[]){"String", NULL})) {
            add_children(e, args);
            return true;
        }
        return false;
    }
    if (!node_is(fn, e->py ? "attribute" : "member_expression"))
        return false;
    TSNode obj = syntax_strip(node_field(fn, "object"));
    char *m = node_text(f, node_field(fn, e->py ? "attribute" : "property"));
    if (e->py) {
        if (str_in(m, numeric_methods_py))
            return true;
        if (str_in(m, same_methods_py)) {
            add(e, obj, (TSNode){0});
            return true;
        }
        if (strcmp(m, "join") == 0 || strcmp(m, "format") == 0 || strcmp(m, "replace") == 0) {
            add(e, obj, (TSNode){0});
            if (node_is(args, "generator_expression")) /* "".join(x for x in xs) */
                add(e, args, (TSNode){0});
            else
                add_children(e, args);
            return true;
        }
        if (strcmp(m, "get") == 0) { /* TABLE.get(key, default): a value of the table */
            add(e, obj, (TSNode){0});
            add(e, syntax_arg(call, 1), (TSNode){0});
            return true;
        }
        return false;
    }
    if (node_is(obj, "identifier") && node_text_eq(f, obj, "Math"))
        return true;
    if (str_in(m, numeric_methods_ts))
        return true;
    if (str_in(m, same_methods_ts)) {
        add(e, obj, (TSNode){0});
        if (strcmp(m, "join") == 0 || strcmp(m, "concat") == 0 || strcmp(m, "padStart") == 0 ||
            strcmp(m, "padEnd") == 0)
            add_children(e, args);
        return true;
    }
    if (strcmp(m, "map") == 0 || strcmp(m, "flatMap") == 0)
        return add_returns(e, syntax_arg(call, 0));
    if (strcmp(m, "from") == 0 && node_is(obj, "identifier") && node_text_eq(f, obj, "Array")) {
        if (!ts_node_is_null(syntax_arg(call, 1)))
            return add_returns(e, syntax_arg(call, 1));
        add(e, syntax_arg(call, 0), (TSNode){0});
        return true;
    }
    if (strcmp(m, "get") == 0 && !ts_node_is_null(syntax_arg(call, 1))) {
        add(e, obj, (TSNode){0});
        add(e, syntax_arg(call, 1), (TSNode){0});
        return true;
    }
    return false;
}

/* The index parameter of an array callback: (_, i) => ... in xs.map(), Array.from(n, ...). */
static bool index_param(struct eval *e, const struct localdef *d)
{
    if (d->index != 1)
        return false;
    size_t n;
    TSNode *path = localdefs_path(e->f, e->f->root, d->scope, &n);
    if (n < 3)
        return false;
    TSNode args = path[n - 2], call = path[n - 3];
    if (!node_is(args, "arguments") || !node_is(call, "call_expression"))
        return false;
    TSNode fn = syntax_strip(node_field(call, "function"));
    if (!node_is(fn, "member_expression"))
        return false;
    char *m = node_text(e->f, node_field(fn, "property"));
    if (str_in(m, index_callbacks_ts))
        return true;
    return strcmp(m, "from") == 0 && node_text_eq(e->f, node_field(fn, "object"), "Array");
}

/* A parameter whose declared type lists its values: `dir: 'asc' | 'desc'` in TypeScript,
 * `dir: Literal["asc", "desc"]` in Python. The author says which texts can come in. */
static bool literal_typed(struct eval *e, TSNode param)
{
    TSNode type = ts_node_child_by_field_name(param, "type", 4);
    if (ts_node_is_null(type))
        return false;
    static const char *const ts_ok[] = {"type_annotation", "union_type", "literal_type",
                                        "parenthesized_type", "string", "string_fragment",
                                        "number", NULL};
    static const char *const py_ok[] = {"type", "generic_type", "type_parameter", "subscript",
                                        "attribute", "string", "string_start", "string_content",
                                        "string_end", "integer", NULL};
    static const char *const py_names[] = {"Literal", "typing", "typing_extensions", "t", NULL};
    bool literal = false, ok = true;
    struct walk w;
    walk_init(&w, e->f, type);
    for (TSNode n; ok && walk_next(&w, &n);) {
        const char *t = ts_node_type(n);
        if (e->py && strcmp(t, "identifier") == 0) {
            char *name = node_text(e->f, n);
            ok = str_in(name, py_names);
            literal = literal || strcmp(name, "Literal") == 0;
        } else {
            ok = str_in(t, e->py ? py_ok : ts_ok);
            literal = literal || (!e->py && strcmp(t, "literal_type") == 0);
        }
    }
    return ok && literal;
}

/* A name: true when every definition reaching it is fixed (the values are queued). */
static bool eval_name(struct eval *e, TSNode name)
{
    struct localdef *defs;
    size_t n = localdefs_find(e->f, e->memo, name, &defs);
    for (size_t i = 0; i < n; i++) {
        const struct localdef *d = &defs[i];
        if (!first_visit(e, d->at))
            continue;
        switch (d->kind) {
        case LOCALDEF_ASSIGN:
        case LOCALDEF_AUGMENT:
            add(e, d->value, (TSNode){0});
            break;
        case LOCALDEF_MUTATE:
            add_children(e, d->value);
            break;
        case LOCALDEF_UPDATE:
            break;
        case LOCALDEF_BIND:
            if (ts_node_is_null(d->value))
                return false;
            if (d->iter) {
                TSNode it = syntax_strip(d->value);
                TSNode fn = node_field(it, "function");
                if (e->py && node_is(it, "call") && node_text_eq(e->f, fn, "range"))
                    break;
                /* for i, x in enumerate(xs): i counts */
                TSNode target = node_field(d->at, "left");
                if (e->py && node_is(it, "call") && node_text_eq(e->f, fn, "enumerate") &&
                    (node_is(target, "pattern_list") || node_is(target, "tuple_pattern")) &&
                    same_text(e->f, ts_node_named_child(target, 0), name))
                    break;
            }
            add(e, d->value, (TSNode){0});
            break;
        case LOCALDEF_PARAM:
            if ((!e->py && index_param(e, d)) || literal_typed(e, d->at))
                break;
            return false;
        case LOCALDEF_GLOBAL:
            if (!upper_node(e->f, name) && !constval_module_binds(e->f, name))
                return false;
            break;
        }
    }
    return true;
}

/* self.table / this.table: fixed when the class sets it once, in its body, and no method
 * assigns it (the value is queued). */
static bool eval_class_field(struct eval *e, TSNode member, TSNode prop)
{
    struct check_file *f = e->f;
    size_t depth;
    TSNode *path = localdefs_path(f, f->root, member, &depth);
    TSNode cls = {0};
    for (size_t i = depth; ts_node_is_null(cls) && i-- > 0;)
        if (node_is(path[i], "class_definition") || node_is(path[i], "class_declaration") ||
            node_is(path[i], "class"))
            cls = path[i];
    if (ts_node_is_null(cls))
        return false;
    TSNode value = {0};
    bool found = false, assigned = false;
    TSNode body = node_field(cls, "body");
    uint32_t count = 0;
    TSNode *kids = ts_node_is_null(body) ? NULL : named_kids(f, body, &count);
    for (uint32_t i = 0; i < count; i++) {
        TSNode st = kids[i];
        TSNode a = node_is(st, "expression_statement") ? ts_node_named_child(st, 0) : st;
        if (node_is(a, "assignment") && node_is(node_field(a, "left"), "identifier") &&
            same_text(f, node_field(a, "left"), prop)) {
            value = node_field(a, "right");
            found = true;
        } else if (node_is(a, "public_field_definition") && same_text(f, node_field(a, "name"), prop)) {
            value = node_field(a, "value");
            found = true;
        }
    }
    struct walk w;
    walk_init(&w, e->f, cls);
    for (TSNode n; !assigned && walk_next(&w, &n);) {
        if (!node_is(n, "assignment") && !node_is(n, "augmented_assignment") &&
            !node_is(n, "assignment_expression") && !node_is(n, "augmented_assignment_expression"))
            continue;
        TSNode left = node_field(n, "left");
        TSNode lp = node_field(left, e->py ? "attribute" : "property");
        assigned = (node_is(left, "attribute") || node_is(left, "member_expression")) &&
                   same_text(f, lp, prop);
    }
    if (!found || assigned || ts_node_is_null(value))
        return false;
    add(e, value, (TSNode){0});
    return true;
}

/* One sub-expression: true when fixed given what it queued. */
static bool eval_one(struct eval *e, struct item it)
{
    struct check_file *f = e->f;
    TSNode n = it.node;
    const char *t = ts_node_type(n);

    static const char *const literal_types[] = {
        "integer", "float", "true", "false", "none", "ellipsis", "number", "null",
        "undefined", "regex", "string_fragment", "string_content", "escape_sequence",
        "comparison_operator", "not_operator", "lambda", "arrow_function",
        "function_expression", "update_expression", "comment", NULL};
    static const char *const container_types[] = {
        "parenthesized_expression", "tuple", "list", "set", "expression_list", "array",
        "concatenated_string", "dictionary", "pair", "object", "keyword_argument",
        "list_splat", "dictionary_splat", "spread_element", "as_expression",
        "satisfies_expression", "non_null_expression", "type_assertion", NULL};

    if (str_in(t, literal_types))
        return true;
    if (strcmp(t, "string") == 0 || strcmp(t, "template_string") == 0) {
        uint32_t count = ts_node_named_child_count(n);
        for (uint32_t i = 0; i < count; i++) {
            TSNode c = ts_node_named_child(n, i);
            if (node_is(c, "interpolation"))
                add(e, node_field(c, "expression"), (TSNode){0});
            else if (node_is(c, "template_substitution"))
                add(e, ts_node_named_child(c, 0), (TSNode){0});
        }
        return true;
    }
    if (str_in(t, container_types)) {
        if (strcmp(t, "pair") == 0 && !e->py) {
            add(e, node_field(n, "value"), (TSNode){0});
        } else if (strcmp(t, "as_expression") == 0 || strcmp(t, "satisfies_expression") == 0) {
            add(e, ts_node_named_child(n, 0), it.witness);
        } else {
            add_children(e, n);
        }
        return true;
    }
    if (strcmp(t, "identifier") == 0 || strcmp(t, "shorthand_property_identifier") == 0)
        return eval_name(e, n);
    if (strcmp(t, "attribute") == 0 || strcmp(t, "member_expression") == 0) {
        TSNode prop = node_field(n, e->py ? "attribute" : "property");
        if (upper_node(f, prop) || (!e->py && node_text_eq(f, prop, "length")))
            return true;
        TSNode obj = node_field(n, "object");
        if (node_is(obj, "this") ||
            (e->py && (node_text_eq(f, obj, "self") || node_text_eq(f, obj, "cls"))))
            return eval_class_field(e, n, prop);
        add(e, node_field(n, "object"), it.witness);
        return true;
    }
    if (strcmp(t, "subscript") == 0 || strcmp(t, "subscript_expression") == 0) {
        /* a lookup in a fixed table gives one of its fixed values, whatever the key */
        add(e, node_field(n, e->py ? "value" : "object"), (TSNode){0});
        return true;
    }
    if (strcmp(t, "call") == 0 || strcmp(t, "call_expression") == 0)
        return eval_call(e, n);
    if (strcmp(t, "binary_operator") == 0 || strcmp(t, "binary_expression") == 0) {
        TSNode op = node_field(n, "operator");
        TSNode l = node_field(n, "left"), r = node_field(n, "right");
        static const char *const joining_py[] = {"+", "%", NULL};
        static const char *const joining_ts[] = {"+", "||", "&&", "??", NULL};
        char *o = node_text(f, op);
        if (e->py && strcmp(o, "*") == 0) {
            /* ["%s"] * len(ids), "?, " * n: the count cannot put text in */
            static const char *const seq[] = {"list", "tuple", "string", "concatenated_string",
                                              NULL};
            bool ls = str_in(ts_node_type(l), seq), rs = str_in(ts_node_type(r), seq);
            if (ls || rs) {
                add(e, ls ? l : r, (TSNode){0});
                return true;
            }
        } else if (!str_in(o, e->py ? joining_py : joining_ts)) {
            return true; /* arithmetic, comparison, bitwise: a number or a boolean */
        }
        add(e, l, (TSNode){0});
        add(e, r, (TSNode){0});
        return true;
    }
    if (strcmp(t, "boolean_operator") == 0) {
        add(e, node_field(n, "left"), (TSNode){0});
        add(e, node_field(n, "right"), (TSNode){0});
        return true;
    }
    if (strcmp(t, "unary_operator") == 0) {
        add(e, node_field(n, "argument"), (TSNode){0});
        return true;
    }
    if (strcmp(t, "unary_expression") == 0)
        return true; /* -x, +x, !x, typeof x, void x: numbers, booleans, type names */
    if (strcmp(t, "conditional_expression") == 0) {
        add(e, ts_node_named_child(n, 0), (TSNode){0});
        add(e, ts_node_named_child(n, 2), (TSNode){0});
        return true;
    }
    if (strcmp(t, "ternary_expression") == 0) {
        add(e, node_field(n, "consequence"), (TSNode){0});
        add(e, node_field(n, "alternative"), (TSNode){0});
        return true;
    }
    if (strcmp(t, "list_comprehension") == 0 || strcmp(t, "set_comprehension") == 0 ||
        strcmp(t, "generator_expression") == 0 || strcmp(t, "dictionary_comprehension") == 0) {
        add(e, node_field(n, "body"), (TSNode){0});
        return true;
    }
    return false;
}

TSNode constval_variable_part(struct check_file *f, struct localdefs_memo *memo, TSNode expr)
{
    struct eval e = {.f = f, .memo = memo, .py = f->lang == LANG_PYTHON};
    TSNode found = {0};
    add(&e, expr, (TSNode){0});
    while (e.todo.n > 0) {
        struct item it = e.todo.v[--e.todo.n];
        if (++e.spent > BUDGET)
            break;
        if (!eval_one(&e, it)) {
            found = it.witness;
            break;
        }
    }
    VEC_FREE(e.todo);
    VEC_FREE(e.seen);
    return found;
}
