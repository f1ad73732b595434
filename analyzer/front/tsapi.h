/* tsapi.h — the tree-sitter API as the analyzer uses it: every node accessor takes a null
 * node (an optional field that is absent, a child past the end) and answers "absent".
 *
 * The runtime dereferences a null node in most accessors: `new X` without parentheses has no
 * `arguments` field, and ts_node_named_child_count() of that null node crashed the whole run.
 * Rather than trust every caller to test ts_node_is_null() first, this header (the only one
 * that may include <tree_sitter/api.h>: tools/check-layout keeps it so) replaces the
 * accessors with versions that give a null node's answer:
 *
 *   type ""          symbol 0 (no real node has it)    language NULL
 *   counts 0         children, parent, siblings null   flags false
 *   bytes 0          points {0, 0}                     field names NULL
 *
 * Each wrapper is one test before the runtime's call. The macros come after the wrappers,
 * so the wrappers themselves call the runtime. */
#ifndef PREFLIGHT_TSAPI_H
#define PREFLIGHT_TSAPI_H

#include <tree_sitter/api.h>

#define TSAPI_NULL_NODE ((TSNode){{0, 0, 0, 0}, NULL, NULL})

#define TSAPI_WRAP(ret, name, absent)                                                          \
    static inline ret tsapi_##name(TSNode self)                                                \
    {                                                                                          \
        return ts_node_is_null(self) ? (absent) : ts_##name(self);                             \
    }
#define TSAPI_WRAP_U(ret, name, absent)                                                        \
    static inline ret tsapi_##name(TSNode self, uint32_t i)                                    \
    {                                                                                          \
        return ts_node_is_null(self) ? (absent) : ts_##name(self, i);                          \
    }

TSAPI_WRAP(const char *, node_type, "")
TSAPI_WRAP(const char *, node_grammar_type, "")
TSAPI_WRAP(TSSymbol, node_symbol, 0)
TSAPI_WRAP(TSSymbol, node_grammar_symbol, 0)
TSAPI_WRAP(const TSLanguage *, node_language, NULL)
TSAPI_WRAP(uint32_t, node_end_byte, 0)
TSAPI_WRAP(TSPoint, node_end_point, ((TSPoint){0, 0}))
TSAPI_WRAP(bool, node_is_named, false)
TSAPI_WRAP(bool, node_is_missing, false)
TSAPI_WRAP(bool, node_is_extra, false)
TSAPI_WRAP(bool, node_has_changes, false)
TSAPI_WRAP(bool, node_has_error, false)
TSAPI_WRAP(bool, node_is_error, false)
TSAPI_WRAP(TSStateId, node_parse_state, 0)
TSAPI_WRAP(TSStateId, node_next_parse_state, 0)
TSAPI_WRAP(TSNode, node_parent, TSAPI_NULL_NODE)
TSAPI_WRAP(uint32_t, node_child_count, 0)
TSAPI_WRAP(uint32_t, node_named_child_count, 0)
TSAPI_WRAP(uint32_t, node_descendant_count, 0)
TSAPI_WRAP(TSNode, node_next_sibling, TSAPI_NULL_NODE)
TSAPI_WRAP(TSNode, node_prev_sibling, TSAPI_NULL_NODE)
TSAPI_WRAP(TSNode, node_next_named_sibling, TSAPI_NULL_NODE)
TSAPI_WRAP(TSNode, node_prev_named_sibling, TSAPI_NULL_NODE)
TSAPI_WRAP_U(TSNode, node_child, TSAPI_NULL_NODE)
TSAPI_WRAP_U(TSNode, node_named_child, TSAPI_NULL_NODE)
TSAPI_WRAP_U(TSNode, node_first_child_for_byte, TSAPI_NULL_NODE)
TSAPI_WRAP_U(TSNode, node_first_named_child_for_byte, TSAPI_NULL_NODE)
TSAPI_WRAP_U(const char *, node_field_name_for_child, NULL)
TSAPI_WRAP_U(const char *, node_field_name_for_named_child, NULL)

static inline TSNode tsapi_node_child_by_field_id(TSNode self, TSFieldId id)
{
    return ts_node_is_null(self) ? TSAPI_NULL_NODE : ts_node_child_by_field_id(self, id);
}

static inline TSNode tsapi_node_child_by_field_name(TSNode self, const char *name, uint32_t len)
{
    return ts_node_is_null(self) ? TSAPI_NULL_NODE : ts_node_child_by_field_name(self, name, len);
}

static inline TSNode tsapi_node_child_with_descendant(TSNode self, TSNode descendant)
{
    return ts_node_is_null(self) || ts_node_is_null(descendant)
               ? TSAPI_NULL_NODE
               : ts_node_child_with_descendant(self, descendant);
}

static inline TSNode tsapi_node_descendant_for_byte_range(TSNode self, uint32_t a, uint32_t b)
{
    return ts_node_is_null(self) ? TSAPI_NULL_NODE : ts_node_descendant_for_byte_range(self, a, b);
}

static inline TSNode tsapi_node_named_descendant_for_byte_range(TSNode self, uint32_t a,
                                                                uint32_t b)
{
    return ts_node_is_null(self) ? TSAPI_NULL_NODE
                                 : ts_node_named_descendant_for_byte_range(self, a, b);
}

#undef TSAPI_WRAP
#undef TSAPI_WRAP_U

#define ts_node_type tsapi_node_type
#define ts_node_grammar_type tsapi_node_grammar_type
#define ts_node_symbol tsapi_node_symbol
#define ts_node_grammar_symbol tsapi_node_grammar_symbol
#define ts_node_language tsapi_node_language
#define ts_node_end_byte tsapi_node_end_byte
#define ts_node_end_point tsapi_node_end_point
#define ts_node_is_named tsapi_node_is_named
#define ts_node_is_missing tsapi_node_is_missing
#define ts_node_is_extra tsapi_node_is_extra
#define ts_node_has_changes tsapi_node_has_changes
#define ts_node_has_error tsapi_node_has_error
#define ts_node_is_error tsapi_node_is_error
#define ts_node_parse_state tsapi_node_parse_state
#define ts_node_next_parse_state tsapi_node_next_parse_state
#define ts_node_parent tsapi_node_parent
#define ts_node_child_count tsapi_node_child_count
#define ts_node_named_child_count tsapi_node_named_child_count
#define ts_node_descendant_count tsapi_node_descendant_count
#define ts_node_next_sibling tsapi_node_next_sibling
#define ts_node_prev_sibling tsapi_node_prev_sibling
#define ts_node_next_named_sibling tsapi_node_next_named_sibling
#define ts_node_prev_named_sibling tsapi_node_prev_named_sibling
#define ts_node_child tsapi_node_child
#define ts_node_named_child tsapi_node_named_child
#define ts_node_first_child_for_byte tsapi_node_first_child_for_byte
#define ts_node_first_named_child_for_byte tsapi_node_first_named_child_for_byte
#define ts_node_field_name_for_child tsapi_node_field_name_for_child
#define ts_node_field_name_for_named_child tsapi_node_field_name_for_named_child
#define ts_node_child_by_field_id tsapi_node_child_by_field_id
#define ts_node_child_by_field_name tsapi_node_child_by_field_name
#define ts_node_child_with_descendant tsapi_node_child_with_descendant
#define ts_node_descendant_for_byte_range tsapi_node_descendant_for_byte_range
#define ts_node_named_descendant_for_byte_range tsapi_node_named_descendant_for_byte_range

#endif
