/* typing-explicit-any — `any` written in the type of a TypeScript parameter.
 *
 * One walk over the tree with a cursor (no recursion: nesting depth is the input's choice),
 * carrying down whether we are inside the type annotation of a parameter. Every `any` there
 * is one finding, on the `any` itself: `x: any`, `any[]`, `Array<any>`, `Record<string, any>`,
 * `cb: (e: any) => void`. Default values, return types, casts, catch clauses and variable
 * annotations are not parameter types.
 */
#include <string.h>

#include "analyzer/check.h"

struct any_state {
    bool ignore_rest_args;
};

/* What the walk knows about the node it is in. */
enum context { CTX_NONE, CTX_PARAM_TYPE, CTX_REST_PARAM_TYPE };

static const struct check_option any_options[] = {
    {"ignore-rest-args", OPTION_BOOL,
     "do not report `...args: any[]` (rest parameters that forward anything)"},
    {NULL, 0, NULL},
};

static bool is_parameter(TSNode n)
{
    const char *t = ts_node_type(n);
    return strcmp(t, "required_parameter") == 0 || strcmp(t, "optional_parameter") == 0;
}

static bool is_rest_parameter(TSNode param)
{
    TSNode pattern = node_field(param, "pattern");
    if (ts_node_is_null(pattern))
        pattern = node_field(param, "name");
    return node_is(pattern, "rest_pattern");
}

/* The parameter's name for the message: its identifier, or its pattern's text if short. */
static char *parameter_name(struct check_file *f, TSNode param)
{
    TSNode pattern = node_field(param, "pattern");
    if (ts_node_is_null(pattern))
        pattern = node_field(param, "name");
    if (ts_node_is_null(pattern))
        return NULL;
    if (node_is(pattern, "rest_pattern") && ts_node_named_child_count(pattern) == 1)
        pattern = ts_node_named_child(pattern, 0);
    if (ts_node_end_byte(pattern) - ts_node_start_byte(pattern) > 40)
        return NULL;
    return node_text(f, pattern);
}

static void *any_init(const struct check_options *opts, char **err)
{
    (void)err;
    struct any_state *s = xcalloc(1, sizeof(*s));
    s->ignore_rest_args = options_bool(opts, "ignore-rest-args", false);
    return s;
}

static void any_fini(void *state)
{
    free(state);
}

/* Where the walk is: a node, whether it lies in a parameter's type, and which parameter. */
struct frame {
    TSNode node;
    enum context ctx;
    TSNode param;
};

/* The frame of the cursor's current node, given its parent's frame. */
static struct frame enter(const struct frame *parent, TSTreeCursor *cur)
{
    struct frame f = {.node = ts_tree_cursor_current_node(cur), .ctx = parent->ctx,
                      .param = parent->param};
    if (is_parameter(parent->node)) {
        const char *field = ts_tree_cursor_current_field_name(cur);
        if (field && strcmp(field, "type") == 0) {
            f.ctx = is_rest_parameter(parent->node) ? CTX_REST_PARAM_TYPE : CTX_PARAM_TYPE;
            f.param = parent->node;
        } else {
            f.ctx = CTX_NONE; /* the pattern or the default value */
        }
    }
    return f;
}

static void any_report(struct check_file *f, const struct frame *fr)
{
    const struct any_state *s = f->state;
    if (fr->ctx == CTX_NONE || !node_is(fr->node, "predefined_type") ||
        !node_text_eq(f, fr->node, "any"))
        return;
    if (fr->ctx == CTX_REST_PARAM_TYPE && s->ignore_rest_args)
        return;
    char *name = parameter_name(f, fr->param);
    if (name)
        check_report(f, fr->node, "'any' in the type of parameter '%s': use a precise type, or "
                                  "'unknown' and narrow it", name);
    else
        check_report(f, fr->node, "'any' in the type of a parameter: use a precise type, or "
                                  "'unknown' and narrow it");
}

static void any_file(struct check_file *f)
{
    TSTreeCursor cur = ts_tree_cursor_new(f->root);
    VEC(struct frame) stack = {0};
    struct frame root = {.node = f->root, .ctx = CTX_NONE, .param = f->root};
    VEC_PUSH(stack, root);
    for (;;) {
        struct frame *top = &stack.v[stack.n - 1];
        any_report(f, top);
        /* descend, unless the subtree is broken: skip it rather than guess */
        if (!ts_node_is_error(top->node) && ts_tree_cursor_goto_first_child(&cur)) {
            struct frame child = enter(&stack.v[stack.n - 1], &cur);
            VEC_PUSH(stack, child);
            continue;
        }
        while (!ts_tree_cursor_goto_next_sibling(&cur)) {
            if (!ts_tree_cursor_goto_parent(&cur))
                goto done;
            stack.n--;
        }
        stack.v[stack.n - 1] = enter(&stack.v[stack.n - 2], &cur);
    }
done:
    ts_tree_cursor_delete(&cur);
    VEC_FREE(stack);
}

const struct check check_typing_explicit_any = {
    .id = "typing-explicit-any",
    .title = "Parameter typed 'any'",
    .level = LEVEL_WARNING,
    .langs = LANGS_TS,
    .tags = (const char *const[]){"maintainability", "typing", NULL},
    .precision = "very-high",
    .options = any_options,
    .init = any_init,
    .fini = any_fini,
    .file = any_file,
};
