/* test_entry.c — the entry-point model: Next.js matchers (path-to-regexp with lookaheads),
 * route paths from file paths, and the entry points and protection one file's facts hold. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/check.h"
#include "analyzer/front/nodes.h"
#include "analyzer/model/entry.h"

Test(entry, matcher)
{
    const char *neg = "/((?!_next/static|_next/image|favicon.ico|.*\\.(?:svg|png|jpg)$).*)";
    cr_expect(entry_matcher_match(neg, "/api/chat"));
    cr_expect(entry_matcher_match(neg, "/"));
    cr_expect(!entry_matcher_match(neg, "/_next/static/x.js"));
    cr_expect(!entry_matcher_match(neg, "/logo.png"));
    cr_expect(!entry_matcher_match("/((?!api|_next/static).*)", "/api/chat"));
    cr_expect(entry_matcher_match("/((?!api|_next/static).*)", "/dashboard"));
    cr_expect(entry_matcher_match("/api/:path*", "/api"));
    cr_expect(entry_matcher_match("/api/:path*", "/api/a/b"));
    cr_expect(!entry_matcher_match("/api/:path*", "/apix"));
    cr_expect(entry_matcher_match("/api/:path+", "/api/a"));
    cr_expect(!entry_matcher_match("/api/:path+", "/api"));
    cr_expect(entry_matcher_match("/dashboard/:id", "/dashboard/[id]"));
    cr_expect(!entry_matcher_match("/dashboard/:id", "/dashboard/a/b"));
    cr_expect(entry_matcher_match("/dashboard(.*)", "/dashboard/settings"));
    cr_expect(entry_matcher_match("/user/:id(\\d+)", "/user/12"));
    cr_expect(!entry_matcher_match("/user/:id(\\d+)", "/user/ab"));
    /* unreadable matchers match nothing, and cost nothing */
    cr_expect(!entry_matcher_match("/((?!api", "/x"));
    cr_expect(!entry_matcher_match("/(a[", "/a"));
    char big[400];
    memset(big, '(', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    cr_expect(!entry_matcher_match(big, "/x"));
    cr_expect(entry_matcher_match("/((a*)*)*b", "/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab"));
}

Test(entry, path_of_file)
{
    enum entry_kind k;
    char *root, *p;
    p = entry_path_of_file("src/app/api/(ai)/chat/route.ts", &k, &root);
    cr_expect_str_eq(p, "/api/chat");
    cr_expect_str_eq(root, "src/");
    cr_expect_eq(k, ENTRY_ROUTE);
    free(p), free(root);
    p = entry_path_of_file("apps/web/app/api/items/[id]/route.js", &k, &root);
    cr_expect_str_eq(p, "/api/items/[id]");
    cr_expect_str_eq(root, "apps/web/");
    free(p), free(root);
    p = entry_path_of_file("pages/api/users/index.ts", &k, &root);
    cr_expect_str_eq(p, "/api/users");
    cr_expect_eq(k, ENTRY_PAGES_API);
    free(p), free(root);
    cr_expect_null(entry_path_of_file("app/dashboard/page.tsx", &k, &root));
    cr_expect_null(entry_path_of_file("pages/index.tsx", &k, &root));
    cr_expect_null(entry_path_of_file("lib/route.ts", &k, &root));
}

/* The facts of one file, built as the driver would give it to a check. */
static struct entry_file *facts(enum lang lang, const char *uri, const char *text)
{
    static struct source src;
    static struct arena a;
    static struct node_table nodes;
    static TSTree *tree;
    char *why = NULL;
    cr_assert_eq(source_from_bytes(&src, text, strlen(text), &why), SOURCE_OK);
    src.uri = strdup(uri);
    src.path = strdup(uri);
    TSParser *p = ts_parser_new();
    cr_assert(ts_parser_set_language(p, lang_grammar(lang)));
    tree = ts_parser_parse_string(p, NULL, src.text, src.len);
    arena_init(&a);
    memset(&nodes, 0, sizeof nodes);
    nodes_build(&nodes, ts_tree_root_node(tree));
    struct check_file f = {.src = &src, .lang = lang, .tree = tree,
                           .root = ts_tree_root_node(tree), .nodes = &nodes, .arena = &a};
    struct entry_config cfg = {0};
    struct entry_file *ef = entry_file_build(&f, &cfg);
    nodes_release(&nodes);
    arena_release(&a);
    ts_tree_delete(tree);
    ts_parser_delete(p);
    source_release(&src);
    return ef;
}

Test(entry, route_handlers)
{
    struct entry_file *ef = facts(LANG_TYPESCRIPT, "app/api/notes/route.ts",
        "import OpenAI from 'openai'\n"
        "const openai = new OpenAI()\n"
        "async function handler(req: Request) {\n"
        "  await openai.chat.completions.create({ model: 'm', messages: [] })\n"
        "}\n"
        "export { handler as GET }\n"
        "export async function POST(req: Request) {\n"
        "  const supabase = await createClient()\n"
        "  const { data: { user } } = await supabase.auth.getUser()\n"
        "  if (!user) return new Response(null, { status: 401 })\n"
        "  await supabase.from('notes').insert({ user_id: user.id })\n"
        "}\n"
        "export const DELETE = withAuth(async () => { await db.from('n').delete() })\n"
        "export async function PATCH() {\n"
        "  const { data: { session } } = await supabase.auth.getSession()\n"
        "  if (!session) return new Response(null, { status: 401 })\n"
        "  await supabase.from('notes').update({ a: 1 })\n"
        "}\n");
    cr_assert_not_null(ef);
    cr_assert_eq(ef->points.n, 4);
    const struct entry_point *get = &ef->points.v[0], *post = &ef->points.v[1],
                             *del = &ef->points.v[2], *patch = &ef->points.v[3];
    cr_expect_str_eq(post->method, "POST");
    cr_expect_str_eq(post->path, "/api/notes");
    cr_expect_str_eq(get->method, "GET");
    cr_expect(get->s.reach & REACH_LLM);
    cr_expect_eq(get->s.auth, AUTH_NONE);
    cr_expect(post->s.reach & REACH_DB_WRITE);
    cr_expect_eq(post->s.auth, AUTH_USER);
    cr_expect_eq(del->route_auth, AUTH_USER);
    cr_expect(del->s.reach & REACH_DB_WRITE);
    cr_expect_eq(patch->s.auth, AUTH_SESSION);
    entry_file_free(ef);
}

Test(entry, middleware_matcher)
{
    struct entry_file *ef = facts(LANG_TYPESCRIPT, "src/middleware.ts",
        "import { updateSession } from '@/utils/supabase/middleware'\n"
        "export async function middleware(request) { return await updateSession(request) }\n"
        "export const config = { matcher: ['/dashboard/:path*', { source: '/api/:path*' }] }\n");
    cr_assert_not_null(ef);
    cr_expect(ef->mw.present);
    cr_expect_str_eq(ef->mw.root, "src/");
    cr_assert_eq(ef->mw.n_matchers, 2);
    cr_expect_str_eq(ef->mw.matchers[1], "/api/:path*");
    cr_assert_eq(ef->mw.hops.n, 1);
    cr_expect_str_eq(ef->mw.hops.v[0].spec, "@/utils/supabase/middleware");
    cr_expect_str_eq(ef->mw.hops.v[0].name, "updateSession");
    entry_file_free(ef);
}

Test(entry, express_and_actions)
{
    struct entry_file *ef = facts(LANG_TYPESCRIPT, "server/index.ts",
        "const app = express()\n"
        "const limiter = rateLimit({ windowMs: 60000, max: 10 })\n"
        "app.use('/api', requireAuth)\n"
        "app.post('/api/chat', limiter, async (req, res) => { await openai.chat.completions.create({}) })\n"
        "app.post('/open', (req, res) => { db.from('t').insert({}) })\n"
        "axios.post('/api/x', body)\n");
    cr_assert_not_null(ef);
    cr_assert_eq(ef->points.n, 2);
    cr_expect_str_eq(ef->points.v[0].path, "/api/chat");
    cr_expect_eq(ef->points.v[0].route_auth, AUTH_USER);
    cr_expect(ef->points.v[0].route_limited);
    cr_expect_eq(ef->points.v[1].route_auth, AUTH_NONE);
    cr_expect(ef->points.v[1].s.reach & REACH_DB_WRITE);
    entry_file_free(ef);
    ef = facts(LANG_TYPESCRIPT, "app/actions.ts",
        "'use server'\n"
        "export async function createPost(fd: FormData) { await db.from('p').insert({}) }\n"
        "async function internal() {}\n");
    cr_assert_not_null(ef);
    cr_assert_eq(ef->points.n, 1);
    cr_expect_eq(ef->points.v[0].kind, ENTRY_SERVER_ACTION);
    cr_expect_str_eq(ef->points.v[0].name, "createPost");
    entry_file_free(ef);
}

Test(entry, fastapi_and_flask)
{
    struct entry_file *ef = facts(LANG_PYTHON, "engine/routers/chat.py",
        "from fastapi import APIRouter, Depends\n"
        "router = APIRouter(prefix='/chat')\n"
        "@router.post('/ask')\n"
        "async def ask(body: dict, user = Depends(get_current_user)):\n"
        "    return client.chat.completions.create(model='m', messages=[])\n"
        "@router.post('/open')\n"
        "@limiter.limit('5/minute')\n"
        "async def open_(body: dict, db = Depends(get_db)):\n"
        "    db.add(x)\n"
        "    db.commit()\n");
    cr_assert_not_null(ef);
    cr_assert_eq(ef->points.n, 2);
    cr_expect_str_eq(ef->points.v[0].path, "/chat/ask");
    cr_expect_str_eq(ef->points.v[0].method, "POST");
    cr_expect_eq(ef->points.v[0].route_auth, AUTH_USER);
    cr_expect_eq(ef->points.v[1].route_auth, AUTH_NONE);
    cr_expect(ef->points.v[1].route_limited);
    cr_expect(ef->points.v[1].s.reach & REACH_DB_WRITE);
    entry_file_free(ef);
    ef = facts(LANG_PYTHON, "web/app.py",
        "from flask import Flask, abort, session\n"
        "bp = Blueprint('admin', __name__, url_prefix='/admin')\n"
        "@bp.before_request\n"
        "def gate():\n"
        "    if 'user' not in session:\n"
        "        abort(401)\n"
        "@bp.route('/items', methods=['GET', 'POST'])\n"
        "def items():\n"
        "    Item.objects.create(name='x')\n");
    cr_assert_not_null(ef);
    cr_assert_eq(ef->points.n, 1);
    cr_expect_str_eq(ef->points.v[0].path, "/admin/items");
    cr_expect_str_eq(ef->points.v[0].method, "POST");
    cr_expect_eq(ef->points.v[0].route_auth, AUTH_USER);
    entry_file_free(ef);
}

Test(entry, bad_input)
{
    /* broken and empty files build no facts, or facts without points, and never crash */
    struct entry_file *ef = facts(LANG_TYPESCRIPT, "app/api/x/route.ts",
                                  "export async function POST( { if (\n");
    entry_file_free(ef);
    ef = facts(LANG_PYTHON, "views.py", "@app.post(\ndef (\n");
    entry_file_free(ef);
    ef = facts(LANG_TYPESCRIPT, "middleware.ts", "export const config = { matcher: x }\n");
    cr_assert_not_null(ef);
    cr_expect(ef->mw.matcher_unknown);
    entry_file_free(ef);
}
