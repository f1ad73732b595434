/* snippet.h — a small program parsed into the check_file a model reads, for the unit tests of
 * the models (test_loops.c, test_retry.c, test_dataflow.c): one parse, its node table, its
 * source and an arena, released together. Header-only: each test is its own executable. */
#ifndef PREFLIGHT_TEST_SNIPPET_H
#define PREFLIGHT_TEST_SNIPPET_H

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/base/util.h"
#include "analyzer/front/nodes.h"
#include "analyzer/front/source.h"
#include "check.h"

struct snippet {
    TSParser *parser;
    TSTree *tree;
    struct arena arena;
    struct node_table nodes;
    struct source src;
    struct check_file f; /* what a model is given: src, lang, tree, root, nodes, arena */
};

/* Parses text as lang into s (path: the file's path, or NULL). */
static inline void snippet_open(struct snippet *s, enum lang lang, const char *path,
                                const char *text)
{
    memset(s, 0, sizeof(*s));
    s->parser = ts_parser_new();
    cr_assert(ts_parser_set_language(s->parser, lang_grammar(lang)));
    s->tree = ts_parser_parse_string(s->parser, NULL, text, (uint32_t)strlen(text));
    arena_init(&s->arena);
    nodes_build(&s->nodes, ts_tree_root_node(s->tree));
    char *why = NULL;
    cr_assert_eq(source_from_bytes(&s->src, text, strlen(text), &why), SOURCE_OK);
    if (path) {
        s->src.uri = strdup(path);
        s->src.path = strdup(path);
    }
    s->f = (struct check_file){.src = &s->src, .lang = lang, .tree = s->tree,
                               .root = ts_tree_root_node(s->tree), .nodes = &s->nodes,
                               .arena = &s->arena};
}

static inline void snippet_close(struct snippet *s)
{
    source_release(&s->src);
    nodes_release(&s->nodes);
    arena_release(&s->arena);
    ts_tree_delete(s->tree);
    ts_parser_delete(s->parser);
}

/* The 1-based line of byte in text. */
static inline unsigned snippet_line(const char *text, uint32_t byte)
{
    unsigned line = 1;
    for (uint32_t i = 0; i < byte && text[i]; i++)
        line += text[i] == '\n';
    return line;
}

#endif
