/* typing-explicit-any — `any` written in the type of a TypeScript parameter.
 *
 * Every `any` (a predefined_type) of the file's node table is looked at from below: its
 * nearest enclosing parameter decides, and it counts when it lies in that parameter's type
 * annotation. One finding per `any`, on the `any` itself: `x: any`, `any[]`, `Array<any>`,
 * `Record<string, any>`, `cb: (e: any) => void`. Default values, return types, casts, catch
 * clauses and variable annotations are not parameter types. An `any` under an ERROR node is
 * skipped rather than guessed about.
 */
#include <string.h>

#include "check.h"

/* The grammar's symbols, resolved once per run: comparing them is cheaper than the type
 * names. Zero for a grammar that lacks one (nothing matches it). */
struct any_symbols {
    TSSymbol predefined_type, required_parameter, optional_parameter;
};

struct any_state {
    bool ignore_rest_args;
    struct any_symbols sym[LANG_COUNT];
};

static const struct check_option any_options[] = {
    {"ignore-rest-args", OPTION_BOOL,
     "do not report `...args: any[]` (rest parameters that forward anything)"},
    {NULL, 0, NULL},
};

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
    static const enum lang langs[] = {LANG_TYPESCRIPT, LANG_TSX};
    for (size_t i = 0; i < sizeof(langs) / sizeof(*langs); i++) {
        const TSLanguage *l = lang_grammar(langs[i]);
        s->sym[langs[i]] = (struct any_symbols){
            .predefined_type = node_symbol(l, "predefined_type"),
            .required_parameter = node_symbol(l, "required_parameter"),
            .optional_parameter = node_symbol(l, "optional_parameter"),
        };
    }
    return s;
}

static void any_fini(void *state)
{
    free(state);
}

/* The `any` at index i of the table: reported when its nearest enclosing parameter has it in
 * its type annotation and no ancestor is an ERROR node. */
static void any_at(struct check_file *f, const struct any_symbols *sym, uint32_t i)
{
    const struct any_state *s = f->state;
    const struct node_entry *v = f->nodes->v;
    TSNode param = {0};
    bool in_type = false, decided = false;
    for (uint32_t c = i, p = v[i].parent; p != NODE_NONE; c = p, p = v[p].parent) {
        TSNode pn = v[p].node;
        if (ts_node_is_error(pn))
            return;
        TSSymbol ps = v[p].sym;
        if (!decided && (ps == sym->required_parameter || ps == sym->optional_parameter)) {
            decided = true;
            in_type = ts_node_eq(node_field(pn, "type"), v[c].node);
            param = pn;
        }
    }
    if (!in_type)
        return;
    if (s->ignore_rest_args && is_rest_parameter(param))
        return;
    TSNode node = v[i].node;
    char *name = parameter_name(f, param);
    if (name)
        check_report(f, node, "'any' in the type of parameter '%s': use a precise type, or "
                              "'unknown' and narrow it", name);
    else
        check_report(f, node, "'any' in the type of a parameter: use a precise type, or "
                              "'unknown' and narrow it");
}

static void any_file(struct check_file *f)
{
    const struct any_state *s = f->state;
    const struct any_symbols *sym = &s->sym[f->lang];
    const struct node_table *t = f->nodes;
    const char *text = f->src->text;
    if (!t || !sym->predefined_type)
        return;
    for (uint32_t i = 0; i < t->n; i++) {
        TSNode n = t->v[i].node;
        if (t->v[i].sym != sym->predefined_type)
            continue;
        uint32_t a = ts_node_start_byte(n);
        if (ts_node_end_byte(n) - a == 3 && memcmp(text + a, "any", 3) == 0)
            any_at(f, sym, i);
    }
}

/* Every finding is on the text `any`. */
static const char *const any_prefilter[] = {"any", NULL};

const struct check check_typing_explicit_any = {
    .id = "typing-explicit-any",
    .title = "Parameter typed 'any'",
    .level = LEVEL_WARNING,
    .langs = LANGS_TS,
    .tags = (const char *const[]){"maintainability", "typing", NULL},
    .precision = "very-high",
    .options = any_options,
    .prefilter = any_prefilter,
    .init = any_init,
    .fini = any_fini,
    .file = any_file,
};
