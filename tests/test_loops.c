/* test_loops.c — the loop model (model/loops.h): which calls of a file run once per item, and
 * how the model says so. Each case lists every call of a small program with the loop that
 * repeats it ("-" when none), so a call that moves in or out of a loop fails the whole line. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/model/loops.h"
#include "snippet.h"

/* Walks text and writes one line per call: "LINE CALLEE: PER[, gathered][, retry]". */
static void calls_in_loops(enum lang lang, const char *text, char *out, size_t cap)
{
    struct snippet sn;
    snippet_open(&sn, lang, NULL, text);
    struct check_file *f = &sn.f;
    const struct node_table *t = f->nodes;
    struct dbcall db;
    dbcall_init(&db, f);
    struct loops l;
    loops_init(&l, f, &db);
    size_t n = 0;
    out[0] = '\0';
    for (uint32_t i = 0; i < t->n;) {
        unsigned kind;
        if (!loops_enter(&l, i, &kind)) {
            i = t->v[i].end;
            continue;
        }
        if (kind & LK_CALL) {
            TSNode call = t->v[i].node, fn = node_field(call, "function");
            const struct loop_scope *sc = loops_innermost(&l);
            uint32_t from, to;
            const char *per = sc ? loops_describe(&l, sc, &from, &to) : "-";
            n += (size_t)snprintf(out + n, cap - n, "%u %s: %s%s%s\n",
                                  snippet_line(text, ts_node_start_byte(call)),
                                  node_text(f, fn), per,
                                  sc && loops_gathered(&l, sc) ? ", gathered" : "",
                                  sc && loops_in_retry_block(&l, t->v[i].depth, sc)
                                      ? ", retry" : "");
            struct loop_scope each;
            TSNode cb = loops_named_callback(&l, call, fn, NODE_NONE, i, t->v[i].depth, &each);
            if (!ts_node_is_null(cb))
                n += (size_t)snprintf(out + n, cap - n, "%u %s: %s\n",
                                      snippet_line(text, ts_node_start_byte(cb)), node_text(f, cb),
                                      loops_describe(&l, &each, &from, &to));
            cr_assert_lt(n, cap);
        }
        i++;
    }
    loops_release(&l);
    dbcall_release(&db);
    snippet_close(&sn);
}

#define EXPECT_CALLS(lang, text, want)                                                       \
    do {                                                                                     \
        char got[4096];                                                                      \
        calls_in_loops(lang, text, got, sizeof got);                                         \
        cr_expect_str_eq(got, want);                                                         \
    } while (0)

Test(loops, typescript_statements)
{
    EXPECT_CALLS(LANG_TYPESCRIPT,
                 "for (const id of ids) load(id)\n"
                 "for (const s of ['a', 'b']) load(s)\n"
                 "const STATES = ['new', 'won'] as const\n"
                 "for (const s of STATES) load(s)\n"
                 "for (const batch of chunk(ids, 100)) load(batch)\n"
                 "for (let i = 0; i < 3; i++) load(i)\n"
                 "for (let i = 0; i < n; i += size) load(i)\n"
                 "for (let i = 0; i < n; i++) load(i)\n"
                 "while (true) { poll(); await sleep(1000) }\n"
                 "while (more) { more = next() }\n"
                 "do { step() } while (again)\n",
                 "1 load: loop iteration\n"
                 "2 load: -\n"
                 "4 load: -\n"
                 "5 chunk: -\n"
                 "5 load: -\n"
                 "6 load: -\n"
                 "7 load: -\n"
                 "8 load: loop iteration\n"
                 "9 poll: -\n"
                 "9 sleep: -\n"
                 "10 next: loop iteration\n"
                 "11 step: loop iteration\n");
}

Test(loops, typescript_callbacks)
{
    EXPECT_CALLS(LANG_TYPESCRIPT,
                 "ids.forEach((id) => load(id))\n"
                 "await Promise.all(ids.map(async (id) => load(id)));\n"
                 "['a', 'b'].map((s) => load(s))\n"
                 "for (const id of ids) setTimeout(() => later(id), 10)\n"
                 "for (const id of ids) (async () => { await now(id) })()\n"
                 "for (const id of ids) { const f = () => never(id) }\n"
                 "ids.map(loadLead)\n"
                 "await pMap(ids, (id) => load(id))\n"
                 "Array.from(ids, (id) => load(id))\n"
                 "for (const id of ids) { try { await q(id); return } catch (e) {} }\n",
                 "1 ids.forEach: -\n"
                 "1 load: item of .forEach()\n"
                 "2 Promise.all: -\n"
                 "2 ids.map: -\n"
                 "2 load: item of .map(), gathered\n"
                 "3 ['a', 'b'].map: -\n"
                 "3 load: -\n"
                 "4 setTimeout: loop iteration\n"
                 "4 later: -\n"
                 "5 (async () => { await now(id) }): loop iteration\n"
                 "5 now: loop iteration\n"
                 "6 never: -\n"
                 "7 ids.map: -\n"
                 "7 loadLead: item of .map()\n"
                 "8 pMap: -\n"
                 "8 load: item of pMap()\n"
                 "9 Array.from: -\n"
                 "9 load: item of .from()\n"
                 "10 q: loop iteration, retry\n");
}

Test(loops, python)
{
    EXPECT_CALLS(LANG_PYTHON,
                 "for lead in leads:\n"
                 "    load(lead)\n"
                 "for i in range(3):\n"
                 "    load(i)\n"
                 "for status in CaseStatus:\n"
                 "    load(status)\n"
                 "for batch in itertools.batched(rows, 500):\n"
                 "    save(batch)\n"
                 "xs = [load(x) for x in fetch_all()]\n"
                 "ys = await asyncio.gather(*(load(x) for x in xs))\n"
                 "zs = list(executor.map(load, xs))\n"
                 "while True:\n"
                 "    poll()\n"
                 "    time.sleep(5)\n",
                 "2 load: loop iteration\n"
                 "3 range: -\n"
                 "4 load: -\n"
                 "6 load: -\n"
                 "7 itertools.batched: -\n"
                 "8 save: -\n"
                 "9 load: item of the comprehension\n"
                 "9 fetch_all: -\n"
                 "10 asyncio.gather: -\n"
                 "10 load: item of the comprehension, gathered\n"
                 "11 list: -\n"
                 "11 executor.map: -\n"
                 "11 load: item of map()\n"
                 "13 poll: -\n"
                 "14 time.sleep: -\n");
}
