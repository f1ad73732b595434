/* typing-explicit-any — `any` written in the type of a TypeScript parameter.
 *
 * Every `any` (a predefined_type) of the file's node table is looked at from below: its
 * nearest enclosing parameter decides, and it counts when it lies in that parameter's type
 * annotation. One finding per `any`, on the `any` itself: `x: any`, `any[]`, `Array<any>`,
 * `Record<string, any>`, `cb: (e: any) => void`. Default values, return types, casts, catch
 * clauses and variable annotations are not parameter types. An `any` under an ERROR node is
 * skipped rather than guessed about. A parameter the function's body never names (a callback
 * shape kept for its position) and files a tool generated are left alone: nobody types them.
 */
#include <string.h>

#include "check.h"
#include "front/kinds.h"

/* The grammar's symbols, resolved once per run: comparing them is cheaper than the type
 * names. Zero for a grammar that lacks one (nothing matches it). */
struct any_symbols {
    TSSymbol predefined_type, required_parameter, optional_parameter, identifier;
};

struct any_state {
    bool ignore_rest_args;
};

/* The symbols of f's grammar the walk compares (front/kinds.h); all 0 outside TypeScript. */
static struct any_symbols symbols_of(const struct check_file *f)
{
    if (!f->tree || (f->lang != LANG_TYPESCRIPT && f->lang != LANG_TSX))
        return (struct any_symbols){0};
    const struct syntax_syms *k = syntax_syms(ts_tree_language(f->tree));
    return (struct any_symbols){
        .predefined_type = k->predefined_type,
        .required_parameter = k->required_parameter,
        .optional_parameter = k->optional_parameter,
        .identifier = k->identifier,
    };
}

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
    return s;
}

static void any_fini(void *state)
{
    free(state);
}

/* true when the parameter at index p of the table belongs to a function with a body that
 * never names it: `(_req: any, res) => res.end()`. A pattern other than a plain name, and a
 * parameter of a function type or a signature (no body), count as used. */
static bool unused_parameter(const struct check_file *f, const struct any_symbols *sym, uint32_t p)
{
    const struct node_entry *v = f->nodes->v;
    TSNode pattern = node_field(v[p].node, "pattern");
    if (ts_node_is_null(pattern) || ts_node_symbol(pattern) != sym->identifier)
        return false;
    /* a decorator or a modifier before the name (`private readonly db: any`): a parameter
     * property or an injected one, used beyond the body */
    if (ts_node_start_byte(pattern) != ts_node_start_byte(v[p].node))
        return false;
    uint32_t params = v[p].parent;
    uint32_t fn = params == NODE_NONE ? NODE_NONE : v[params].parent;
    if (fn == NODE_NONE)
        return false;
    TSNode body = node_field(v[fn].node, "body");
    if (ts_node_is_null(body))
        return false;
    uint32_t from = ts_node_start_byte(body), to = ts_node_end_byte(body);
    uint32_t ns = ts_node_start_byte(pattern), nlen = ts_node_end_byte(pattern) - ns;
    const char *name = f->src->text + ns;
    for (uint32_t k = fn + 1; k < v[fn].end; k++) {
        if (v[k].sym != sym->identifier)
            continue;
        uint32_t a = ts_node_start_byte(v[k].node), b = ts_node_end_byte(v[k].node);
        if (a >= from && b <= to && b - a == nlen && memcmp(f->src->text + a, name, nlen) == 0)
            return false;
    }
    return true;
}

/* Files a tool wrote: by name (*.gen.ts, *.generated.ts) or by a marker in their first
 * lines (@generated, "DO NOT EDIT", "auto-generated", "This file was generated"). */
static bool generated_file(const struct source *src)
{
    static const char *const suffixes[] = {".gen.ts", ".gen.tsx", ".generated.ts",
                                           ".generated.tsx", ".gen.d.ts", ".generated.d.ts"};
    for (size_t i = 0; i < ARRAY_SIZE(suffixes); i++)
        if (str_ends_with(src->path, suffixes[i]))
            return true;
    static const char *const markers[] = {"@generated", "DO NOT EDIT", "Do not edit",
                                          "do not edit", "auto-generated", "autogenerated",
                                          "Auto-generated", "Autogenerated",
                                          "This file was generated",
                                          "This file was automatically generated",
                                          "generated by", "Generated by"};
    /* the header: the comments the file opens with, up to the first code (2 KiB at most) */
    const char *t = src->text;
    size_t n = src->len < 2048 ? src->len : 2048, i = 0, head_end = 0;
    for (;;) {
        while (i < n && (t[i] == ' ' || t[i] == '\n' || t[i] == '\r' || t[i] == '\t'))
            i++;
        if (i + 1 < n && t[i] == '/' && t[i + 1] == '/') {
            while (i < n && t[i] != '\n')
                i++;
        } else if (i + 1 < n && t[i] == '/' && t[i + 1] == '*') {
            i += 2;
            while (i + 1 < n && !(t[i] == '*' && t[i + 1] == '/'))
                i++;
            i = i + 2 < n ? i + 2 : n;
        } else {
            break;
        }
        head_end = i;
    }
    char head[2049];
    memcpy(head, t, head_end);
    head[head_end] = '\0';
    for (size_t k = 0; k < ARRAY_SIZE(markers); k++)
        if (strstr(head, markers[k]))
            return true;
    return false;
}

/* The `any` at index i of the table: reported when its nearest enclosing parameter has it in
 * its type annotation, the function uses that parameter, and no ancestor is an ERROR node. */
static void any_at(struct check_file *f, const struct any_symbols *sym, uint32_t i)
{
    const struct any_state *s = f->state;
    const struct node_entry *v = f->nodes->v;
    TSNode param = {0};
    bool in_type = false, decided = false;
    uint32_t param_index = NODE_NONE;
    for (uint32_t c = i, p = v[i].parent; p != NODE_NONE; c = p, p = v[p].parent) {
        TSNode pn = v[p].node;
        if (ts_node_is_error(pn))
            return;
        TSSymbol ps = v[p].sym;
        if (!decided && (ps == sym->required_parameter || ps == sym->optional_parameter)) {
            decided = true;
            in_type = ts_node_eq(node_field(pn, "type"), v[c].node);
            param = pn;
            param_index = p;
        }
    }
    if (!in_type || unused_parameter(f, sym, param_index))
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
    const struct any_symbols symbols = symbols_of(f), *sym = &symbols;
    const struct node_table *t = f->nodes;
    const char *text = f->src->text;
    if (!t || !sym->predefined_type || generated_file(f->src))
        return;
    for (uint32_t i = 0; i < t->n && !check_out_of_time(f); i++) {
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
    .level = LEVEL_NOTE, /* a type to tighten, not a defect: it costs review time, not safety */
    .langs = LANGS_TS,
    .tags = (const char *const[]){"maintainability", "typing", NULL},
    .precision = "very-high",
    .options = any_options,
    .prefilter = any_prefilter,
    .init = any_init,
    .fini = any_fini,
    .file = any_file,
};
