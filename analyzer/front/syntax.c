/* syntax.c — syntactic helpers shared by checks over TypeScript/JavaScript and Python trees.
 * Node type names are those of tree-sitter-typescript (tsx parses JavaScript too) and
 * tree-sitter-python; the two grammars never share a type name with different meanings here. */
#include "syntax.h"

#include <string.h>
#include <strings.h>

void walk_init(struct walk *w, const struct check_file *f, TSNode root)
{
    *w = (struct walk){.t = f->nodes, .f = f};
    uint32_t i = nodes_find(f->nodes, root);
    if (i != NODE_NONE) {
        w->root = i;
        w->limit = f->nodes->v[i].end;
    }
}

bool walk_next(struct walk *w, TSNode *out)
{
    if (!w->started) {
        w->started = true;
        w->i = w->root;
    } else {
        w->i = w->skip ? w->t->v[w->i].end : w->i + 1;
    }
    w->skip = false;
    if (w->i >= w->limit || check_out_of_time(w->f))
        return false;
    *out = w->t->v[w->i].node;
    return true;
}

void walk_skip(struct walk *w)
{
    w->skip = true;
}

TSNode *walk_ancestors(const struct walk *w, struct arena *arena, size_t *n)
{
    const struct node_entry *v = w->t->v;
    size_t k = 0;
    for (uint32_t p = v[w->i].parent; p != NODE_NONE && p >= w->root; p = v[p].parent)
        k++;
    TSNode *up = arena_alloc(arena, (k + 1) * sizeof(*up));
    k = 0;
    for (uint32_t p = v[w->i].parent; p != NODE_NONE && p >= w->root; p = v[p].parent)
        up[k++] = v[p].node;
    *n = k;
    return up;
}

TSNode syntax_strip(TSNode node)
{
    while (!ts_node_is_null(node)) {
        const char *t = ts_node_type(node);
        if (strcmp(t, "parenthesized_expression") == 0 || strcmp(t, "as_expression") == 0 ||
            strcmp(t, "satisfies_expression") == 0 || strcmp(t, "non_null_expression") == 0 ||
            strcmp(t, "type_assertion") == 0) {
            /* the expression comes first in as/satisfies; a type assertion <T>e puts it last */
            TSNode next = strcmp(t, "type_assertion") == 0
                              ? ts_node_named_child(node, ts_node_named_child_count(node) - 1)
                              : ts_node_named_child(node, 0);
            if (ts_node_is_null(next))
                break;
            node = next;
        } else {
            break;
        }
    }
    return node;
}

TSNode syntax_callee(TSNode call)
{
    if (node_is(call, "call_expression") || node_is(call, "call"))
        return node_field(call, "function");
    if (node_is(call, "new_expression"))
        return node_field(call, "constructor");
    return (TSNode){0};
}

/* The name node at the end of a member access, or the node itself when it is a name. */
static TSNode last_name(TSNode n)
{
    n = syntax_strip(n);
    if (node_is(n, "member_expression"))
        return node_field(n, "property");
    if (node_is(n, "attribute"))
        return node_field(n, "attribute");
    if (node_is(n, "identifier") || node_is(n, "property_identifier") ||
        node_is(n, "type_identifier"))
        return n;
    return (TSNode){0};
}

char *syntax_callee_name(struct check_file *f, TSNode call)
{
    TSNode callee = syntax_callee(call);
    if (ts_node_is_null(callee))
        return NULL;
    TSNode name = last_name(callee);
    return ts_node_is_null(name) ? NULL : node_text(f, name);
}

const char *syntax_short_text(struct check_file *f, TSNode n)
{
    char *t = node_text(f, n);
    size_t len = strcspn(t, "\r\n");
    if (len > 40) {
        len = 37;
        while (len && ((unsigned char)t[len] & 0xC0) == 0x80)
            len--; /* never cut a UTF-8 sequence */
        t[len++] = '.';
        t[len++] = '.';
        t[len++] = '.';
    }
    t[len] = '\0';
    return t;
}

char *syntax_dotted(struct check_file *f, TSNode node)
{
    /* collect the names from the last to the first, then join them in source order */
    TSNode parts[32];
    size_t n = 0, len = 0;
    TSNode cur = syntax_strip(node);
    for (;;) {
        if (n == ARRAY_SIZE(parts))
            return NULL;
        if (node_is(cur, "member_expression") || node_is(cur, "attribute")) {
            parts[n++] = last_name(cur);
            cur = syntax_strip(ts_node_named_child(cur, 0));
            continue;
        }
        if (node_is(cur, "identifier") || node_is(cur, "this")) {
            parts[n++] = cur;
            break;
        }
        return NULL;
    }
    for (size_t i = 0; i < n; i++) {
        if (ts_node_is_null(parts[i]))
            return NULL;
        len += ts_node_end_byte(parts[i]) - ts_node_start_byte(parts[i]) + 1;
    }
    char *out = arena_alloc(f->arena, len + 1), *p = out;
    for (size_t i = n; i-- > 0;) {
        uint32_t s = ts_node_start_byte(parts[i]), e = ts_node_end_byte(parts[i]);
        memcpy(p, f->src->text + s, e - s);
        p += e - s;
        if (i)
            *p++ = '.';
    }
    *p = '\0';
    return out;
}

TSNode syntax_chain_root(TSNode node)
{
    TSNode n = syntax_strip(node);
    for (;;) {
        if (node_is(n, "member_expression") || node_is(n, "attribute")) {
            TSNode obj = syntax_strip(ts_node_named_child(n, 0));
            /* this.client.x and self.client.x start from the field, not from this/self */
            if (node_is(obj, "this"))
                return node_field(n, "property");
            n = obj;
        } else if (node_is(n, "call_expression") || node_is(n, "call")) {
            n = syntax_strip(node_field(n, "function"));
        } else if (node_is(n, "subscript_expression") || node_is(n, "subscript")) {
            n = syntax_strip(ts_node_named_child(n, 0));
        } else if (node_is(n, "await_expression") || node_is(n, "await")) {
            n = syntax_strip(ts_node_named_child(n, 0));
        } else {
            break;
        }
    }
    return node_is(n, "identifier") ? n : (TSNode){0};
}

TSNode syntax_arg(TSNode call, uint32_t n)
{
    TSNode args = node_field(call, "arguments");
    if (ts_node_is_null(args))
        return args;
    uint32_t count = ts_node_named_child_count(args), seen = 0;
    for (uint32_t i = 0; i < count; i++) {
        TSNode a = ts_node_named_child(args, i);
        if (node_is(a, "keyword_argument") || node_is(a, "comment") ||
            node_is(a, "dictionary_splat"))
            continue;
        if (seen++ == n)
            return a;
    }
    return (TSNode){0};
}

TSNode syntax_kwarg(struct check_file *f, TSNode call, const char *name)
{
    TSNode args = node_field(call, "arguments");
    if (ts_node_is_null(args))
        return args;
    uint32_t count = ts_node_named_child_count(args);
    for (uint32_t i = 0; i < count; i++) {
        TSNode a = ts_node_named_child(args, i);
        if (!node_is(a, "keyword_argument"))
            continue;
        TSNode key = node_field(a, "name");
        if (!ts_node_is_null(key) && node_text_eq(f, key, name))
            return node_field(a, "value");
    }
    return (TSNode){0};
}

TSNode syntax_prop(struct check_file *f, TSNode object, const char *key)
{
    object = syntax_strip(object);
    if (!node_is(object, "object"))
        return (TSNode){0};
    uint32_t count = ts_node_named_child_count(object);
    for (uint32_t i = 0; i < count; i++) {
        TSNode p = ts_node_named_child(object, i);
        if (node_is(p, "pair")) {
            TSNode k = node_field(p, "key");
            if (node_is(k, "string") && ts_node_named_child_count(k) == 1)
                k = ts_node_named_child(k, 0);
            if (node_text_eq(f, k, key))
                return node_field(p, "value");
        } else if (node_is(p, "shorthand_property_identifier") && node_text_eq(f, p, key)) {
            return p;
        }
    }
    return (TSNode){0};
}

static const char *const function_types[] = {
    "function_declaration", "function_expression", "function", "arrow_function",
    "method_definition", "generator_function_declaration", "generator_function",
    "function_definition", "lambda", NULL,
};

bool syntax_is_function(TSNode node)
{
    return !ts_node_is_null(node) && str_in(ts_node_type(node), function_types);
}

char *syntax_function_name_at(struct check_file *f, TSNode fn, TSNode parent)
{
    TSNode name = node_field(fn, "name");
    if (!ts_node_is_null(name))
        return node_text(f, name);
    /* const withRetry = async () => ..., { withRetry: () => ... }, x.withRetry = () => ... */
    if (node_is(parent, "variable_declarator") || node_is(parent, "public_field_definition")) {
        name = node_field(parent, "name");
    } else if (node_is(parent, "pair")) {
        name = node_field(parent, "key");
    } else if (node_is(parent, "assignment_expression") || node_is(parent, "assignment")) {
        name = last_name(node_field(parent, "left"));
    }
    if (ts_node_is_null(name) || !(node_is(name, "identifier") ||
                                   node_is(name, "property_identifier")))
        return NULL;
    return node_text(f, name);
}

bool str_icontains(const char *s, const char *needle)
{
    size_t n = strlen(needle);
    for (; *s; s++)
        if (strncasecmp(s, needle, n) == 0)
            return true;
    return n == 0;
}

bool str_in(const char *s, const char *const *list)
{
    for (; *list; list++)
        if (strcmp(s, *list) == 0)
            return true;
    return false;
}
