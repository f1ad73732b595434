/* node.c — small helpers over tree-sitter nodes for checks. */
#include <string.h>

#include "check.h"

char *node_text(struct check_file *f, TSNode node)
{
    uint32_t start = ts_node_start_byte(node), end = ts_node_end_byte(node);
    if (end > f->src->len)
        end = f->src->len;
    if (start > end)
        start = end;
    return arena_strndup(f->arena, f->src->text + start, end - start);
}

bool node_text_eq(const struct check_file *f, TSNode node, const char *s)
{
    uint32_t start = ts_node_start_byte(node), end = ts_node_end_byte(node);
    size_t n = strlen(s);
    return end >= start && end - start == n && end <= f->src->len &&
           memcmp(f->src->text + start, s, n) == 0;
}

/* ts_node_child_by_field_name looks the name up among the grammar's field names on every
 * call (4-5% of a run, bench/RESULTS.md): remember the id per grammar and name. Names are
 * the callers' string literals, so their addresses are keys; each thread has its own cache. */
struct field_slot {
    const TSLanguage *lang;
    const char *name;
    TSFieldId id;
};

static _Thread_local struct field_slot field_cache[512];

TSNode node_field(TSNode node, const char *name)
{
    if (ts_node_is_null(node))
        return node; /* the field of an absent node is absent */
    const TSLanguage *lang = ts_node_language(node);
    uintptr_t key = (uintptr_t)name ^ ((uintptr_t)lang >> 4);
    struct field_slot *slot = &field_cache[(key * UINT64_C(0x9e3779b97f4a7c15)) >> 55];
    if (slot->lang != lang || slot->name != name) {
        slot->lang = lang;
        slot->name = name;
        slot->id = ts_language_field_id_for_name(lang, name, (uint32_t)strlen(name));
    }
    if (!slot->id) {
        TSNode null = {0};
        return null; /* a field this grammar does not have */
    }
    return ts_node_child_by_field_id(node, slot->id);
}

bool node_is(TSNode node, const char *type)
{
    return !ts_node_is_null(node) && strcmp(ts_node_type(node), type) == 0;
}

TSSymbol node_symbol(const TSLanguage *lang, const char *type)
{
    return lang ? ts_language_symbol_for_name(lang, type, (uint32_t)strlen(type), true) : 0;
}

bool node_has_error(TSNode node)
{
    return !ts_node_is_null(node) && (ts_node_has_error(node) || ts_node_is_missing(node));
}
