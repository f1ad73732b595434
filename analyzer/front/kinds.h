/* kinds.h — node kinds by grammar symbol: the one way models and checks tell node types apart
 * in hot loops, by comparing tree-sitter symbols instead of type names.
 *
 *     const struct syntax_syms *k = syntax_syms(ts_tree_language(tree));
 *     if (ts_node_symbol(n) == k->call_expression) ...
 *
 *     static const struct node_kind loop_kinds[] = {{"for_statement", K_LOOP}, ..., {NULL, 0}};
 *     const uint8_t *kind = node_kinds(lang, &(struct node_kinds){loop_kinds, NULL});
 *     if (kind[sym] & K_LOOP) ...          // sym < NODE_KIND_SYMBOLS; node_kind_of() for any
 *
 * Both are built once per thread and grammar (files are analysed in parallel) and never
 * rebuilt: the pointers they return stay valid until the thread ends. A type the grammar
 * lacks is symbol 0 (which no node has) or kind 0.
 */
#ifndef PREFLIGHT_KINDS_H
#define PREFLIGHT_KINDS_H

#include <stdbool.h>
#include <stdint.h>

#include "tsapi.h"

/* The named node types the models and checks compare against: field, then type name. */
#define SYNTAX_SYMBOLS(X)                                                                  \
    X(call, "call") X(call_expression, "call_expression")                                  \
    X(member_expression, "member_expression") X(attribute, "attribute")                    \
    X(identifier, "identifier") X(this, "this") X(non_null_expression, "non_null_expression") \
    X(parenthesized_expression, "parenthesized_expression") X(as_expression, "as_expression") \
    X(satisfies_expression, "satisfies_expression") X(await_expression, "await_expression") \
    X(await, "await") X(template_string, "template_string") X(string, "string")            \
    X(comment, "comment") X(keyword_argument, "keyword_argument")                          \
    X(argument_list, "argument_list") X(arguments, "arguments")                            \
    X(variable_declarator, "variable_declarator")                                          \
    X(lexical_declaration, "lexical_declaration")                                          \
    X(assignment_expression, "assignment_expression") X(assignment, "assignment")          \
    X(expression_statement, "expression_statement") X(module, "module")                    \
    X(concatenated_string, "concatenated_string") X(binary_expression, "binary_expression") \
    X(binary_operator, "binary_operator") X(object, "object") X(pair, "pair")              \
    X(number, "number") X(integer, "integer") X(float_, "float") X(true_, "true")          \
    X(false_, "false") X(none, "none") X(null, "null") X(array, "array") X(list, "list")   \
    X(tuple, "tuple") X(set, "set") X(for_in_clause, "for_in_clause") X(slice, "slice")    \
    X(new_expression, "new_expression") X(try_statement, "try_statement")                  \
    X(return_statement, "return_statement") X(break_statement, "break_statement")          \
    X(empty_statement, "empty_statement")                                                  \
    X(augmented_assignment_expression, "augmented_assignment_expression")                  \
    X(property_identifier, "property_identifier") X(for_in_statement, "for_in_statement")  \
    X(for_statement, "for_statement") X(catch_clause, "catch_clause")                      \
    X(arrow_function, "arrow_function") X(function_expression, "function_expression")      \
    X(function_declaration, "function_declaration") X(function, "function")                \
    X(method_definition, "method_definition") X(required_parameter, "required_parameter")  \
    X(optional_parameter, "optional_parameter")                                            \
    X(generator_function_declaration, "generator_function_declaration")                    \
    X(generator_function, "generator_function") X(except_clause, "except_clause")          \
    X(except_group_clause, "except_group_clause")                                          \
    X(function_definition, "function_definition")                                          \
    X(decorated_definition, "decorated_definition") X(typed_parameter, "typed_parameter")  \
    X(lambda, "lambda") X(type_assertion, "type_assertion")                               \
    X(subscript_expression, "subscript_expression") X(predefined_type, "predefined_type")  \
    X(import_statement, "import_statement") X(import_from_statement, "import_from_statement")

struct syntax_syms {
#define SYNTAX_SYM_FIELD(field, name) TSSymbol field;
    SYNTAX_SYMBOLS(SYNTAX_SYM_FIELD)
#undef SYNTAX_SYM_FIELD
};

/* The symbols of lang's types in SYNTAX_SYMBOLS (all 0 for a NULL lang). */
const struct syntax_syms *syntax_syms(const TSLanguage *lang);

/* A list of types and the small number (an enum value or bits) each stands for, ended by a
 * NULL name; the first entry of a name wins. map, when set, turns an entry's kind into the
 * table's (one list serving two tables). */
struct node_kind {
    const char *name;
    uint8_t kind;
};
struct node_kinds {
    const struct node_kind *types;
    uint8_t (*map)(uint8_t kind);
};

/* Symbols at or past this (ERROR, and no grammar's named types) are not in the tables. */
#define NODE_KIND_SYMBOLS 1024

/* The table of list for lang, indexed by ts_node_symbol() below NODE_KIND_SYMBOLS. */
const uint8_t *node_kinds(const TSLanguage *lang, const struct node_kinds *list);
/* n's kind in list (by its type's name when its symbol is past the table; 0 for a null n). */
uint8_t node_kind_of(TSNode n, const struct node_kinds *list);

#endif
