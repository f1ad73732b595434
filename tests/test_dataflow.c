/* test_dataflow.c — the taint engine's transfer rules, on small programs with a small spec:
 * destructuring, reassignment, joins, guards, sanitizers, summaries, loops, paths, Python
 * entry points, deep nesting and determinism. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/model/dataflow/dataflow.h"
#include "analyzer/front/nodes.h"
#include "analyzer/front/source.h"
#include "analyzer/model/entry.h"
#include "analyzer/base/util.h"
#include "snippet.h"

static const struct df_source sources[] = {
    {"*.json", DF_SRC_CALL}, {"*.body", DF_SRC_MEMBER}, {"*.args", DF_SRC_MEMBER}, {NULL, 0}};
static const struct df_sanitizer sanitizers[] = {
    {"*.parse", DF_SAN_RESULT | DF_SAN_ASSERTS},
    {"*.safeParse", DF_SAN_RESULT | DF_SAN_GUARD},
    {NULL, 0}};
static const struct df_sink sinks[] = {
    {"*.eq", DF_ON_QUERY, -1, "filter"},
    {"*.insert", DF_ON_QUERY, 0, "payload"},
    {"*.query", DF_ON_CLIENT, DF_ARGS_REST, "values"},
    {NULL, 0, 0, NULL}};
static const char *const propagators[] = {"JSON.parse", "Object.assign", "Number", "String",
                                          NULL};
static const char *const nan_checks[] = {"Number.isNaN", NULL};
static const char *const noreturn[] = {"abort", NULL};
static const char *const query_starts[] = {"*.from", "*.table", NULL};
static const char *const clients[] = {"pool", NULL};
static const char *const request_names[] = {"req", "request", NULL};
static const char *const request_types[] = {"Request", NULL};
static const char *const request_modules[] = {"flask", NULL};

static const struct df_spec spec = {
    .sources = sources, .sanitizers = sanitizers, .sinks = sinks, .propagators = propagators,
    .nan_checks = nan_checks, .noreturn = noreturn, .query_starts = query_starts, .clients = clients,
    .request_names = request_names, .request_types = request_types,
    .request_modules = request_modules, .route_params = true, .server_actions = true,
    .fastapi_bodies = true,
};

/* What a run found: "line:sink:nsteps" per flow, and the last flow's steps. */
struct found {
    const char *text;
    char lines[64][64];
    size_t n;
    char steps[32][128];
    size_t nsteps;
    bool complete;
};


static void on_flow(void *data, const struct df_flow *fl)
{
    struct found *f = data;
    cr_assert_lt(f->n, 64);
    snprintf(f->lines[f->n++], sizeof(f->lines[0]), "%u:%s", snippet_line(f->text, fl->start),
             fl->sink_label);
    f->nsteps = 0;
    for (size_t i = 0; i < fl->nsteps && i < 32; i++)
        snprintf(f->steps[f->nsteps++], sizeof(f->steps[0]), "%u %s",
                 snippet_line(f->text, fl->steps[i].start), fl->steps[i].msg);
}

static void run(enum lang lang, const char *path, const char *text, struct found *out)
{
    memset(out, 0, sizeof(*out));
    out->text = text;
    struct snippet sn;
    snippet_open(&sn, lang, path, text);
    /* the entry points as the driver's entry model gives them to the checks */
    struct entry_config cfg = {0};
    struct entry_file *ef = entry_file_build(&sn.f, &cfg);
    struct df_input in = {lang, sn.f.root, text, (uint32_t)strlen(text), path, &sn.arena,
                          &sn.nodes};
    in.entries = ef;
    out->complete = df_run(&spec, &in, on_flow, out);
    entry_file_free(ef);
    snippet_close(&sn);
}

static bool has(const struct found *f, const char *line)
{
    for (size_t i = 0; i < f->n; i++)
        if (strcmp(f->lines[i], line) == 0)
            return true;
    return false;
}

#define TS(text, f) run(LANG_TYPESCRIPT, "app/api/x/route.ts", text, f)
#define PY(text, f) run(LANG_PYTHON, "engine/routes.py", text, f)

Test(dataflow, pattern_match)
{
    cr_expect(df_pattern_match("*.eq", "q", "eq"));
    cr_expect(!df_pattern_match("*.eq", NULL, "eq"));
    cr_expect(df_pattern_match("JSON.parse", "JSON", "parse"));
    cr_expect(!df_pattern_match("JSON.parse", "schema", "parse"));
    cr_expect(df_pattern_match("parseInt", NULL, "parseInt"));
    cr_expect(df_pattern_match("queries.*", "queries", "get_lead"));
    cr_expect(!df_pattern_match("queries.*", "db", "get_lead"));
    cr_expect(!df_pattern_match("queries.*", NULL, "get_lead"));
    cr_expect(!df_pattern_match("parseInt", "Number", "parseInt"));
}

Test(dataflow, destructuring_nested_defaults_rest)
{
    struct found f;
    TS("export async function POST(req: Request) {\n"
       "  const { a: { b }, c = 1, ...rest } = await req.json()\n"
       "  const [first, , third = 0] = rest.items\n"
       "  await db.from('t').select().eq('b', b)\n"
       "  await db.from('t').select().eq('c', c)\n"
       "  await db.from('t').insert(rest)\n"
       "  await db.from('t').select().eq('x', third)\n"
       "  await db.from('t').select().eq('x', 'const')\n"
       "}\n",
       &f);
    cr_expect(has(&f, "4:.eq()"));
    cr_expect(has(&f, "5:.eq()"));
    cr_expect(has(&f, "6:.insert()"));
    cr_expect(has(&f, "7:.eq()"));
    cr_expect_eq(f.n, 4);
}

Test(dataflow, path_starts_at_source_and_ends_at_sink)
{
    struct found f;
    TS("export async function POST(req: Request) {\n"
       "  const body = await req.json()\n"
       "  const { id } = body\n"
       "  await db.from('t').select().eq('id', id)\n"
       "}\n",
       &f);
    cr_assert_eq(f.n, 1);
    cr_assert_eq(f.nsteps, 4);
    cr_expect_str_eq(f.steps[0], "2 request data from req.json()");
    cr_expect_str_eq(f.steps[1], "2 flows into 'body'");
    cr_expect_str_eq(f.steps[2], "3 flows into 'id'");
    cr_expect_str_eq(f.steps[3], "4 reaches .eq() (filter)");
}

Test(dataflow, reassignment_kills_and_branches_join)
{
    struct found f;
    TS("export async function POST(req: Request) {\n"
       "  let x = (await req.json()).x\n"
       "  x = 'fixed'\n"
       "  await db.from('t').select().eq('x', x)\n"
       "  let y = 'fixed'\n"
       "  if (cond) { y = (await req.json()).y } else { y = 'other' }\n"
       "  await db.from('t').select().eq('y', y)\n"
       "  let z = (await req.json()).z\n"
       "  if (cond) { z = 'a' } else { z = 'b' }\n"
       "  await db.from('t').select().eq('z', z)\n"
       "}\n",
       &f);
    cr_expect(!has(&f, "4:.eq()"), "a constant reassignment kills the taint");
    cr_expect(has(&f, "7:.eq()"), "tainted on one branch is tainted after the join");
    cr_expect(!has(&f, "10:.eq()"), "clean on both branches is clean after the join");
}

Test(dataflow, sanitizers_guards_and_asserts)
{
    struct found f;
    TS("export async function POST(req: Request) {\n"
       "  const a = S.parse(await req.json())\n"
       "  await db.from('t').insert(a)\n"
       "  const b = await req.json()\n"
       "  if (!S.safeParse(b).success) return bad()\n"
       "  await db.from('t').insert(b)\n"
       "  const c = await req.json()\n"
       "  const r = S.safeParse(c)\n"
       "  if (!r.success) { return bad() }\n"
       "  await db.from('t').insert(c)\n"
       "  const d = await req.json()\n"
       "  S.parse(d)\n"
       "  await db.from('t').insert(d)\n"
       "  await db.from('t').insert(Object.assign({}, await req.json()))\n"
       "  const g = JSON.parse(String(await req.json()))\n"
       "  await db.from('t').insert(g)\n"
       "  const h = await req.json()\n"
       "  if (!S.safeParse(h).success) { log('bad') }\n"
       "  await db.from('t').insert(h)\n"
       "}\n",
       &f);
    cr_expect(!has(&f, "3:.insert()"));
    cr_expect(!has(&f, "6:.insert()"), "guard that returns");
    cr_expect(!has(&f, "10:.insert()"), "guard through the result variable");
    cr_expect(!has(&f, "13:.insert()"), "a parse statement asserts");
    cr_expect(has(&f, "14:.insert()"), "Object.assign propagates");
    cr_expect(has(&f, "16:.insert()"), "JSON.parse is not validation");
    cr_expect(has(&f, "19:.insert()"), "a guard that does not leave validates nothing");
}

Test(dataflow, nan_check_validates_a_number)
{
    struct found f;
    TS("export async function GET(req: Request) {\n"
       "  const n = Number((await req.json()).n)\n"
       "  await db.from('t').select().eq('n', n)\n"
       "  if (Number.isNaN(n)) return bad()\n"
       "  await db.from('t').select().eq('n', n)\n"
       "}\n",
       &f);
    cr_expect(has(&f, "3:.eq()"));
    cr_expect(!has(&f, "5:.eq()"));
}

Test(dataflow, helper_summaries)
{
    struct found f;
    TS("function find(q: Q, id: string) {\n"
       "  return q.from('t').select().eq('id', id)\n"
       "}\n"
       "function wrap(x: string) { return { value: x } }\n"
       "function ignore(x: string) { return 'k' }\n"
       "async function body(req: Request) { return await req.json() }\n"
       "export async function POST(req: Request) {\n"
       "  const b = await body(req)\n"
       "  await find(db, b.id)\n"
       "  const w = wrap(b.name)\n"
       "  await db.from('t').insert(w)\n"
       "  const k = ignore(b.name)\n"
       "  await db.from('t').insert(k)\n"
       "}\n",
       &f);
    cr_expect(has(&f, "2:.eq()"), "the sink inside the helper, reached from the caller");
    cr_expect(has(&f, "11:.insert()"), "a parameter that reaches the return value");
    cr_expect(!has(&f, "13:.insert()"), "a parameter that does not");
}

/* Functions without a source of their own are not run, unless they call a helper that has
 * one: its returned request data is theirs, through helpers written after them too. */
Test(dataflow, helper_sources_reach_functions_without_one)
{
    struct found f;
    TS("async function h() {\n"
       "  const x = await body(null)\n"
       "  await db.from('t').insert(x)\n"
       "}\n"
       "function none(v: string) { return db.from('t').select().eq('a', v) }\n"
       "function body(req: Request) { return req.json() }\n",
       &f);
    cr_expect(has(&f, "3:.insert()"), "a helper's request data");
    cr_expect_eq(f.n, 1);
    PY("from flask import request\n"
       "def handler():\n"
       "    data = get_body()\n"
       "    db.table('t').insert(data)\n"
       "def get_body():\n"
       "    return outer_body()\n"
       "def outer_body():\n"
       "    return request.args\n"
       "def clean():\n"
       "    db.table('t').insert(other())\n",
       &f);
    cr_expect(has(&f, "4:.insert()"), "through two helpers, both written after the caller");
    cr_expect_eq(f.n, 1);
}

Test(dataflow, loops_and_callbacks)
{
    struct found f;
    TS("export async function POST(req: Request) {\n"
       "  const rows = (await req.json()).rows\n"
       "  for (const row of rows) {\n"
       "    await db.from('t').insert(row)\n"
       "  }\n"
       "  await Promise.all(rows.map(async (r) => db.from('t').select().eq('id', r.id)))\n"
       "  let last = 'none'\n"
       "  while (more()) {\n"
       "    await db.from('t').select().eq('id', last)\n"
       "    last = rows.pop()\n"
       "  }\n"
       "}\n",
       &f);
    cr_expect(has(&f, "4:.insert()"));
    cr_expect(has(&f, "6:.eq()"));
    cr_expect(has(&f, "9:.eq()"), "loop-carried: the second pass sees the assignment");
}

Test(dataflow, route_params_and_server_actions)
{
    struct found f;
    TS("export async function GET(req: Request, { params }: Ctx) {\n"
       "  const { id } = await params\n"
       "  await db.from('t').select().or(`id.eq.${id}`).eq('id', id)\n"
       "}\n"
       "export async function helper(a: Ctx, b: Ctx) {\n"
       "  await db.from('t').select().eq('id', b)\n"
       "}\n",
       &f);
    cr_expect(has(&f, "3:.eq()"));
    cr_expect(!has(&f, "6:.eq()"), "not an HTTP method handler");
    run(LANG_TYPESCRIPT, "app/actions.ts",
        "'use server'\n"
        "export async function save(name: string) {\n"
        "  await db.from('t').insert({ name })\n"
        "}\n",
        &f);
    cr_expect(has(&f, "3:.insert()"));
}

Test(dataflow, python_flask_and_fastapi)
{
    struct found f;
    PY("from flask import request\n"
       "def view():\n"
       "    q = request.args.get('q')\n"
       "    sb.table('t').select('*').eq('q', q).execute()\n"
       "    pool.query('select 1 where x = %s', (q,))\n"
       "@router.post('/x')\n"
       "async def create(item: Item, body: dict, n: int):\n"
       "    sb.table('t').insert(item.model_dump()).execute()\n"
       "    sb.table('t').insert(body).execute()\n"
       "    sb.table('t').select('*').eq('n', n).execute()\n"
       "    ok = Item(**body)\n"
       "    sb.table('t').insert(ok).execute()\n"
       "@router.get('/y')\n"
       "async def get(request: Request):\n"
       "    data = await request.json()\n"
       "    if data:\n"
       "        sb.table('t').select('*').eq('id', data['id']).execute()\n"
       "        pool.query('select * from t where id = ' + data['id'])\n",
       &f);
    cr_expect(has(&f, "4:.eq()"));
    cr_expect(has(&f, "5:.query()"));
    cr_expect(!has(&f, "8:.insert()"), "pydantic model parameter");
    cr_expect(has(&f, "9:.insert()"), "dict parameter");
    cr_expect(!has(&f, "10:.eq()"), "scalar parameter");
    cr_expect(!has(&f, "12:.insert()"), "Model(**data)");
    cr_expect(has(&f, "17:.eq()"));
    cr_expect(!has(&f, "18:.query()"), "the SQL text is not a value");
}

Test(dataflow, pydantic_in_try_and_noreturn_calls)
{
    struct found f;
    PY("from flask import request\n"
       "def view():\n"
       "    body = request.args\n"
       "    try:\n"
       "        Item(**body)\n"
       "    except ValidationError:\n"
       "        abort(400)\n"
       "    sb.table('t').insert(body).execute()\n"
       "    other = request.args\n"
       "    try:\n"
       "        Item(**other)\n"
       "    except ValidationError:\n"
       "        log('bad')\n"
       "    sb.table('t').insert(other).execute()\n",
       &f);
    cr_expect(!has(&f, "8:.insert()"), "validated in try, the handler aborts");
    cr_expect(has(&f, "14:.insert()"), "the handler goes on with the bad data");
}

Test(dataflow, typed_parameters_and_kept_parse_results)
{
    struct found f;
    TS("type Msg = { body: string }\n"
       "export async function save(request: Msg, req) {\n"
       "  await db.from('t').insert(request.body)\n"
       "  await db.from('t').insert(req.body)\n"
       "  const b = await req.json()\n"
       "  const ok = S.parse(b)\n"
       "  await db.from('t').select().eq('id', b.id)\n"
       "}\n",
       &f);
    cr_expect(!has(&f, "3:.insert()"), "typed, and not as a request");
    cr_expect(has(&f, "4:.insert()"), "untyped, named req");
    cr_expect(!has(&f, "7:.eq()"), "const ok = S.parse(b) throws on bad b");
}

Test(dataflow, try_catch_finally_and_switch)
{
    struct found f;
    TS("export async function POST(req: Request) {\n"
       "  let x = 'a'\n"
       "  try { x = (await req.json()).x } catch { x = 'b' } finally { log(x) }\n"
       "  await db.from('t').insert(x)\n"
       "  let y = 'a'\n"
       "  try { y = (await req.json()).y } catch { return bad() } finally { y = 'c' }\n"
       "  await db.from('t').insert(y)\n"
       "  let z = 'a'\n"
       "  switch (mode) { case 1: z = (await req.json()).z; break; default: z = 'd' }\n"
       "  await db.from('t').insert(z)\n"
       "  let w = (await req.json()).w\n"
       "  switch (mode) { case 1: w = 'e'; break; default: w = 'f' }\n"
       "  await db.from('t').insert(w)\n"
       "  let v = (await req.json()).v\n"
       "  switch (mode) { case 1: v = 'e'; break }\n"
       "  await db.from('t').insert(v)\n"
       "}\n",
       &f);
    cr_expect(has(&f, "4:.insert()"));
    cr_expect(!has(&f, "7:.insert()"), "finally reassigns a constant");
    cr_expect(has(&f, "10:.insert()"), "a case that taints, then break");
    cr_expect(!has(&f, "13:.insert()"), "with a default, some case always runs");
    cr_expect(has(&f, "16:.insert()"), "without one, no case may match");
}

Test(dataflow, closures_capture_the_variables_where_they_are_written)
{
    struct found f;
    TS("export async function POST(req: Request) {\n"
       "  const body = await req.json()\n"
       "  const save = async () => { await db.from('t').insert(body) }\n"
       "  const clean = 'k'\n"
       "  setTimeout(() => db.from('t').insert(clean), 10)\n"
       "  const inner = async () => { const b2 = await req.json(); await db.from('t').insert(b2) }\n"
       "}\n",
       &f);
    cr_expect(has(&f, "3:.insert()"));
    cr_expect(!has(&f, "5:.insert()"));
    cr_expect(has(&f, "6:.insert()"), "the request object is captured too");
}

/* Deep nesting must not reach the C stack: a 20000-term expression and 2000 nested ifs. */
Test(dataflow, deep_nesting_uses_explicit_stacks)
{
    struct strbuf sb;
    strbuf_init(&sb);
    strbuf_addstr(&sb, "export async function POST(req: Request) {\n  const b = await req.json()\n"
                       "  const s = b.x");
    for (int i = 0; i < 20000; i++)
        strbuf_addstr(&sb, " + 'a'");
    strbuf_addstr(&sb, "\n");
    for (int i = 0; i < 2000; i++)
        strbuf_addstr(&sb, "if (c) {\n");
    strbuf_addstr(&sb, "await db.from('t').insert(s)\n");
    for (int i = 0; i < 2000; i++)
        strbuf_addstr(&sb, "}\n");
    strbuf_addstr(&sb, "}\n");
    struct found f;
    TS(sb.buf, &f);
    cr_expect_eq(f.n, 1);
    strbuf_release(&sb);
}

/* Nesting that once cost the square of its depth (3000 closures) or 2^depth (30 loops). */
Test(dataflow, nested_closures_and_loops_stay_linear)
{
    struct strbuf sb;
    strbuf_init(&sb);
    strbuf_addstr(&sb, "export async function POST(req: Request) {\n  const b = await req.json()\n");
    for (int i = 0; i < 3000; i++)
        strbuf_addstr(&sb, "run(() => {\n");
    strbuf_addstr(&sb, "db.from('t').insert(b)\n");
    for (int i = 0; i < 3000; i++)
        strbuf_addstr(&sb, "})\n");
    for (int i = 0; i < 30; i++)
        strbuf_addf(&sb, "for (const x%d of items) {\n", i);
    strbuf_addstr(&sb, "db.from('t').insert(x0)\n");
    for (int i = 0; i < 30; i++)
        strbuf_addstr(&sb, "}\n");
    strbuf_addstr(&sb, "}\n");
    struct found f;
    TS(sb.buf, &f);
    cr_expect(f.complete);
    cr_expect_eq(f.n, 1);
    strbuf_release(&sb);
}

/* 1500 tainted variables and 1500 branches: the work budget ends the analysis, quickly. */
Test(dataflow, work_budget_stops_pathological_functions)
{
    struct strbuf sb;
    strbuf_init(&sb);
    strbuf_addstr(&sb, "export async function POST(req: Request) {\n  const b = await req.json()\n");
    for (int i = 0; i < 1500; i++)
        strbuf_addf(&sb, "  let v%d = b.f%d\n", i, i);
    for (int i = 0; i < 1500; i++)
        strbuf_addf(&sb, "  if (c%d) { v%d = 'k' }\n", i, i);
    strbuf_addstr(&sb, "}\n");
    struct found f;
    TS(sb.buf, &f);
    cr_expect(!f.complete);
    TS("export async function POST(req: Request) { await db.from('t').insert(await req.json()) }\n",
       &f);
    cr_expect(f.complete);
    cr_expect_eq(f.n, 1);
    strbuf_release(&sb);
}

Test(dataflow, deterministic)
{
    const char *text = "export async function POST(req: Request) {\n"
                       "  const { a, b } = await req.json()\n"
                       "  await db.from('t').select().eq('a', a).eq('b', b)\n"
                       "  await db.from('t').insert({ a, b })\n"
                       "}\n";
    struct found f1, f2;
    TS(text, &f1);
    TS(text, &f2);
    cr_assert_eq(f1.n, 3);
    cr_assert_eq(f1.n, f2.n);
    for (size_t i = 0; i < f1.n; i++)
        cr_expect_str_eq(f1.lines[i], f2.lines[i]);
}
