/* test_nodes.c — the node table (analyzer/nodes.h) and the walks over it (analyzer/syntax.h):
 * pre-order, parents, subtree ends and depths against what tree-sitter's own API says of the
 * same tree; lookups; skipping; ancestors; reuse of one table for several trees. */
#include <criterion/criterion.h>
#include <string.h>

#include "analyzer/check.h"
#include "analyzer/front/nodes.h"
#include "analyzer/front/syntax.h"

struct parsed {
    TSParser *parser;
    TSTree *tree;
    struct node_table t;
    struct arena arena;
    struct check_file f;
};

static void parse(struct parsed *p, enum lang lang, const char *text)
{
    memset(p, 0, sizeof(*p));
    p->parser = ts_parser_new();
    cr_assert(ts_parser_set_language(p->parser, lang_grammar(lang)));
    p->tree = ts_parser_parse_string(p->parser, NULL, text, (uint32_t)strlen(text));
    nodes_build(&p->t, ts_tree_root_node(p->tree));
    arena_init(&p->arena);
    p->f = (struct check_file){.lang = lang, .tree = p->tree, .root = ts_tree_root_node(p->tree),
                               .nodes = &p->t, .arena = &p->arena};
}

static void done(struct parsed *p)
{
    arena_release(&p->arena);
    nodes_release(&p->t);
    ts_tree_delete(p->tree);
    ts_parser_delete(p->parser);
}

/* The named nodes of the tree in pre-order, by recursion over tree-sitter's child API (test
 * inputs are small), with each one's named parent, depth and named-descendant count. */
struct expect {
    TSNode node[512];
    uint32_t parent[512], depth[512], end[512];
    uint32_t n;
};

static void expect_from(struct expect *e, TSNode x, uint32_t parent, uint32_t depth)
{
    uint32_t self = parent;
    if (ts_node_is_named(x)) {
        cr_assert_lt(e->n, 512);
        self = e->n++;
        e->node[self] = x;
        e->parent[self] = parent;
        e->depth[self] = depth++;
    }
    for (uint32_t i = 0; i < ts_node_child_count(x); i++)
        expect_from(e, ts_node_child(x, i), self, depth);
    if (ts_node_is_named(x))
        e->end[self] = e->n;
}

static void check_table(enum lang lang, const char *text)
{
    struct parsed p;
    parse(&p, lang, text);
    static struct expect e;
    memset(&e, 0, sizeof(e));
    expect_from(&e, ts_tree_root_node(p.tree), NODE_NONE, 0);
    cr_assert_eq(p.t.n, e.n, "%u nodes, expected %u", p.t.n, e.n);
    for (uint32_t i = 0; i < e.n; i++) {
        cr_expect(ts_node_eq(p.t.v[i].node, e.node[i]), "node %u: %s, expected %s", i,
                  ts_node_type(p.t.v[i].node), ts_node_type(e.node[i]));
        cr_expect_eq(p.t.v[i].parent, e.parent[i], "parent of node %u", i);
        cr_expect_eq(p.t.v[i].end, e.end[i], "end of node %u", i);
        cr_expect_eq(p.t.v[i].depth, e.depth[i], "depth of node %u", i);
        cr_expect_eq(p.t.v[i].sym, ts_node_symbol(e.node[i]), "symbol of node %u", i);
        cr_expect_eq(nodes_find(&p.t, e.node[i]), i, "nodes_find of node %u", i);
    }
    done(&p);
}

Test(nodes, typescript_matches_the_tree)
{
    check_table(LANG_TYPESCRIPT,
                "import { z } from 'zod';\n"
                "export async function POST(req: Request) {\n"
                "  const { a, b: [c, ...d] } = await req.json();\n"
                "  for (const x of d) await db.from('t').select(`${x}`);\n"
                "  return a ? c : (b as any)!;\n"
                "}\n");
}

Test(nodes, tsx_and_errors_match_the_tree)
{
    check_table(LANG_TSX, "const A = () => <div a={1}>{xs.map((x) => <B key={x} />)}</div>;\n"
                          "function broken( { return ) ;\n");
}

Test(nodes, python_matches_the_tree)
{
    check_table(LANG_PYTHON, "@app.post('/x')\n"
                             "async def f(body: Body, db=Depends(get_db)):\n"
                             "    try:\n"
                             "        rows = [r for r in db.execute(f\"SELECT {body.id}\")]\n"
                             "    except Exception as e:\n"
                             "        raise HTTPException(500, str(e))\n");
}

Test(nodes, empty_file)
{
    check_table(LANG_TYPESCRIPT, "");
    check_table(LANG_PYTHON, "\n\n");
}

Test(nodes, anonymous_and_foreign_nodes_are_not_found)
{
    struct parsed p, q;
    parse(&p, LANG_TYPESCRIPT, "f(1, 2);\n");
    parse(&q, LANG_TYPESCRIPT, "f(1, 2);\n");
    TSNode call = ts_node_named_child(ts_node_named_child(p.f.root, 0), 0);
    cr_assert_str_eq(ts_node_type(call), "call_expression");
    TSNode paren = ts_node_child(ts_node_child_by_field_name(call, "arguments", 9), 0);
    cr_assert_str_eq(ts_node_type(paren), "(");
    cr_expect_eq(nodes_find(&p.t, paren), NODE_NONE);
    cr_expect_eq(nodes_find(&p.t, (TSNode){0}), NODE_NONE);
    /* the same text parsed again is another tree */
    cr_expect_eq(nodes_find(&p.t, ts_node_named_child(q.f.root, 0)), NODE_NONE);
    /* a walk from an anonymous node visits nothing */
    struct walk w;
    walk_init(&w, &p.f, paren);
    TSNode n;
    cr_expect_not(walk_next(&w, &n));
    done(&q);
    done(&p);
}

Test(nodes, walk_skip_and_ancestors)
{
    struct parsed p;
    parse(&p, LANG_TYPESCRIPT, "function f() { g(() => h(1)); k(); }\n");
    TSNode fn = ts_node_named_child(p.f.root, 0);
    TSNode body = ts_node_child_by_field_name(fn, "body", 4);
    struct walk w;
    walk_init(&w, &p.f, body);
    char seen[512] = "";
    for (TSNode n; walk_next(&w, &n);) {
        strcat(seen, ts_node_type(n));
        strcat(seen, " ");
        if (strcmp(ts_node_type(n), "arrow_function") == 0)
            walk_skip(&w);
        if (strcmp(ts_node_type(n), "identifier") == 0) {
            size_t k;
            TSNode *up = walk_ancestors(&w, &p.arena, &k);
            /* up to the walk's root, the body, and no further */
            cr_expect_gt(k, 0);
            cr_expect(ts_node_eq(up[k - 1], body));
            cr_expect(ts_node_eq(up[0], ts_node_parent(n)));
        }
    }
    cr_expect_str_eq(seen, "statement_block expression_statement call_expression identifier "
                           "arguments arrow_function expression_statement call_expression "
                           "identifier arguments ");
    /* the root's ancestors within its own walk: none */
    walk_init(&w, &p.f, body);
    TSNode n;
    cr_assert(walk_next(&w, &n));
    size_t k = 99;
    walk_ancestors(&w, &p.arena, &k);
    cr_expect_eq(k, 0);
    done(&p);
}

Test(nodes, one_table_rebuilt_for_several_trees)
{
    struct parsed p;
    parse(&p, LANG_TYPESCRIPT, "let a = [1, 2, 3].map((x) => x * 2);\n");
    uint32_t first = p.t.n;
    TSTree *small = ts_parser_parse_string(p.parser, NULL, "x;", 2);
    nodes_build(&p.t, ts_tree_root_node(small));
    cr_expect_lt(p.t.n, first);
    cr_expect_eq(p.t.v[0].end, p.t.n);
    cr_expect_eq(p.t.v[0].parent, NODE_NONE);
    nodes_done(&p.t);
    cr_expect_eq(p.t.n, 0);
    ts_tree_delete(small);
    done(&p);
}

/* `new X` has no `arguments` field: every accessor answers "absent" for the null node that
 * stands for it (analyzer/front/tsapi.h), where the runtime itself dereferences it. */
Test(tsapi, absent_field_is_absent_everywhere)
{
    struct parsed p;
    parse(&p, LANG_TYPESCRIPT, "const a = new Foo;\n");
    TSNode n = {{0}};
    for (uint32_t i = 0; i < p.t.n; i++)
        if (strcmp(ts_node_type(p.t.v[i].node), "new_expression") == 0)
            n = p.t.v[i].node;
    cr_assert(!ts_node_is_null(n));
    TSNode args = node_field(n, "arguments");
    cr_assert(ts_node_is_null(args));
    cr_assert_eq(ts_node_named_child_count(args), 0);
    cr_assert_eq(ts_node_child_count(args), 0);
    cr_assert(ts_node_is_null(ts_node_named_child(args, 0)));
    cr_assert(ts_node_is_null(ts_node_child(args, 0)));
    cr_assert(ts_node_is_null(ts_node_parent(args)));
    cr_assert(ts_node_is_null(ts_node_next_named_sibling(args)));
    cr_assert(ts_node_is_null(node_field(args, "arguments")));
    cr_assert(ts_node_is_null(ts_node_child_by_field_name(args, "x", 1)));
    cr_assert_str_eq(ts_node_type(args), "");
    cr_assert_eq(ts_node_symbol(args), 0);
    cr_assert(!ts_node_has_error(args) && !ts_node_is_error(args) && !ts_node_is_missing(args));
    cr_assert(!ts_node_is_named(args) && !node_is(args, "arguments"));
    cr_assert_eq(ts_node_end_byte(args), 0);
    cr_assert_null(ts_node_language(args));
    done(&p);
}
