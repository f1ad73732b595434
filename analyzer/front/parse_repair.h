/* parse_repair.h — what a parse could not read: where a tree's first syntax error is, and JSX
 * text that React accepts and tree-sitter-tsx does not: a bare `&` ("Q&A",
 * "Tom & Jerry") is not a character reference, so the grammar makes it an ERROR, and checks then
 * skip the enclosing function. The repair finds each such `&` inside an ERROR under a JSX
 * element and returns a copy of the text with a space in its place, to be parsed instead:
 * same length, so every byte offset of the tree still points into the original text. */
#ifndef PREFLIGHT_PARSE_REPAIR_H
#define PREFLIGHT_PARSE_REPAIR_H

#include <stdint.h>
#include "tsapi.h"

/* A copy of text (len bytes, NUL-terminated; caller frees) with the bare ampersands of the
 * JSX text that root's ERROR nodes hold replaced by spaces, or NULL when there are none. */
char *jsx_repair_ampersands(TSNode root, const char *text, uint32_t len);

/* The first ERROR or MISSING node of the tree in document order, or a null node. */
TSNode parse_first_error(TSNode root);

#endif
