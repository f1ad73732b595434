/* exec.c — the statement machine of the taint core: a task stack walks a function's
 * statements with branches (copied, then joined), loops (two passes), try/catch/finally,
 * switch, guards that validate (`if (!schema.safeParse(x).success) return`), and closures. */
#include "core_p.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

void df_task_push(struct unit *u, struct task t)
{
    VEC_PUSH(u->tasks, t);
}

/* Guards ---------------------------------------------------------------------------------- */

static void kills_add(struct unit *u, struct task *t, const char *name)
{
    for (uint32_t i = 0; i < t->nkills; i++)
        if (strcmp(t->kills[i], name) == 0)
            return;
    const char **nk = arena_alloc(u->fc->in->arena, (t->nkills + 1) * sizeof(*nk));
    if (t->nkills)
        memcpy(nk, t->kills, t->nkills * sizeof(*nk));
    nk[t->nkills++] = name;
    t->kills = nk;
}

/* The callee of a call as written (name and receiver text), for matching against the spec's
 * sanitizer and no-return tables; its receiver's value is not evaluated, only marked present. */
static struct callee syntactic_callee(struct fctx *fc, TSNode fn)
{
    struct df_view cv;
    df_view_of(fc, fn, false, &cv);
    struct callee c = {0};
    if (cv.role == R_MEMBER) {
        c.name = df_text(fc, cv.b);
        char *rt = df_short_text(fc, cv.a);
        c.recv_text = rt && df_plain_chain(rt) ? rt : "?";
        c.recv = (const struct ev *)1; /* only tested for presence */
    } else if (cv.role == R_IDENT) {
        c.name = df_text(fc, fn);
    }
    return c;
}

/* The names a condition validates: arguments of sanitizer and NaN-check calls in it, and
 * what the validation results it reads were computed from. */
static void guard_collect(struct unit *u, TSNode cond, struct task *t)
{
    struct fctx *fc = u->fc;
    VEC(TSNode) st = {0};
    VEC_PUSH(st, cond);
    while (st.n) {
        TSNode n = st.v[--st.n];
        struct df_view v;
        df_view_of(fc, n, false, &v);
        if (v.role == R_FUNC)
            continue;
        if (v.role == R_IDENT) {
            struct val x = df_env_get(&u->env, df_text(fc, n), NULL);
            if ((x.flags & V_VRES) && x.vres)
                kills_add(u, t, x.vres);
            continue;
        }
        if (v.role == R_CALL && !ts_node_is_null(v.a)) {
            struct callee c = syntactic_callee(fc, v.a);
            if (c.name && (df_sanitizer_match(fc, &c, DF_SAN_GUARD | DF_SAN_RESULT) ||
                           df_patterns_match(fc, fc->spec->nan_checks, df_recv_key(&c), c.name))) {
                uint32_t na;
                TSNode *as = df_kids(fc, v.b, &na);
                for (uint32_t i = 0; i < na; i++) {
                    TSNode a = as[i];
                    struct df_view av;
                    df_view_of(fc, a, false, &av);
                    if (av.role == R_AWAIT && !ts_node_is_null(av.a)) {
                        a = av.a;
                        df_view_of(fc, a, false, &av);
                    }
                    if (av.role == R_IDENT)
                        kills_add(u, t, df_text(fc, a));
                }
            }
        }
        uint32_t count;
        TSNode *ks = df_kids(fc, n, &count);
        for (uint32_t i = count; i-- > 0;)
            VEC_PUSH(st, ks[i]);
    }
    VEC_FREE(st);
}

static bool negated(struct unit *u, TSNode cond)
{
    for (int guard = 0; guard < 16 && !ts_node_is_null(cond); guard++) {
        struct df_view v;
        df_view_of(u->fc, cond, false, &v);
        if (v.role == R_NOT)
            return true;
        if (v.role != R_OTHER || ts_node_named_child_count(cond) != 1)
            return false;
        cond = ts_node_named_child(cond, 0); /* parentheses */
    }
    return false;
}

static void apply_kills(struct unit *u, struct env *e, const char **kills, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++) {
        bool found;
        df_env_get(e, kills[i], &found);
        if (found)
            df_env_set(u->fc->in->arena, e, kills[i], (struct val){0});
    }
}

/* `schema.parse(x);` throws on bad input: x is valid afterwards. The same holds when the
 * statement keeps the result: `const y = schema.parse(x)`, `y = await schema.parseAsync(x)`. */
static void statement_asserts(struct unit *u, TSNode expr)
{
    struct fctx *fc = u->fc;
    struct df_view v;
    if (ts_node_is_null(expr))
        return;
    df_view_of(fc, expr, false, &v);
    if (v.role == R_ASSIGN && !ts_node_is_null(v.b)) {
        expr = v.b;
        df_view_of(fc, expr, false, &v);
    }
    if (v.role == R_AWAIT && !ts_node_is_null(v.a)) {
        expr = v.a;
        df_view_of(fc, expr, false, &v);
    }
    if (v.role != R_CALL || ts_node_is_null(v.a))
        return;
    struct callee c = syntactic_callee(fc, v.a);
    if (!c.name)
        return;
    if (df_patterns_match(fc, fc->spec->noreturn, df_recv_key(&c), c.name)) {
        u->env.dead = true;
        return;
    }
    /* pydantic: Model(**data) on its own raises on bad data */
    bool model = !c.recv && isupper((unsigned char)c.name[0]);
    if (!model && !df_sanitizer_match(fc, &c, DF_SAN_ASSERTS))
        return;
    uint32_t na;
    TSNode *as = df_kids(fc, v.b, &na);
    for (uint32_t i = 0; i < na; i++) {
        TSNode a = as[i];
        struct df_view av;
        df_view_of(fc, a, false, &av);
        if (model) {
            if (av.role != R_SPLAT_KW || ts_node_is_null(av.a))
                continue;
            a = av.a;
            df_view_of(fc, a, false, &av);
        }
        if (av.role == R_IDENT)
            df_env_set(fc->in->arena, &u->env, df_text(fc, a), (struct val){0});
    }
}

/* The statement machine ----------------------------------------------------------------- */

static void flush_closures(struct unit *u)
{
    for (size_t i = u->pending.n; i-- > 0;)
        df_task_push(u, (struct task){.k = T_CLOSURE, .n = u->pending.v[i].fn,
                                      .v = u->pending.v[i].v});
    u->pending.n = 0;
}

static void record_return(struct unit *u, struct val v)
{
    if (u->closure_depth == 0 && v.t && !u->ret)
        u->ret = v.t;
}

static struct task block_task(struct unit *u, TSNode n, TSNode skip)
{
    struct task t = {.k = T_BLOCK, .n = n, .skip = skip};
    t.kids = df_kids(u->fc, n, &t.nkids);
    return t;
}

static void exec_node(struct unit *u, TSNode n)
{
    struct fctx *fc = u->fc;
    struct arena *a = fc->in->arena;
    if (u->env.dead || u->env.jumped || ts_node_is_null(n))
        return;
    struct df_view v;
    df_view_of(fc, n, false, &v);
    if (v.role != S_BLOCK && ts_node_has_error(n))
        return; /* do not guess inside a statement that failed to parse */
    switch (v.role) {
    case S_BLOCK:
        df_task_push(u, block_task(u, n, (TSNode){0}));
        break;
    case S_EXPR:
        df_eval(u, v.a);
        statement_asserts(u, v.a);
        break;
    case S_DECL: {
        uint32_t count;
        TSNode *ds = df_kids(fc, n, &count);
        for (uint32_t i = 0; i < count; i++) {
            TSNode d = ds[i];
            struct df_view dv;
            df_view_of(fc, d, false, &dv);
            if (dv.role == S_BIND) {
                df_bind(u, dv.a, df_eval(u, dv.b));
                statement_asserts(u, dv.b);
            }
        }
        break;
    }
    case S_IF: {
        df_eval(u, v.a);
        struct task t = {.k = T_IF_END, .n = n, .other = {0}, .i = 0};
        t.saved = df_env_copy(fc, &u->env);
        guard_collect(u, v.a, &t);
        if (t.nkills && !negated(u, v.a))
            apply_kills(u, &u->env, t.kills, t.nkills);
        t.v = (struct val){0};
        t.skip = v.c; /* the else part */
        df_task_push(u, t);
        df_task_push(u, (struct task){.k = T_EXEC, .n = v.b});
        break;
    }
    case S_ELSE:
        df_task_push(u, (struct task){.k = T_EXEC, .n = v.a});
        break;
    case S_FOREACH:
    case S_LOOP: {
        struct val it = {0};
        if (v.role == S_FOREACH)
            it = df_eval(u, v.b);
        struct env saved = df_env_copy(fc, &u->env);
        df_task_push(u, (struct task){.k = T_LOOP_END, .saved = saved});
        for (uint32_t pass = 2; pass-- > 0;) /* pass 1 is pushed first: it runs second */
            df_task_push(u, (struct task){.k = T_LOOP_BODY, .n = n, .saved = saved, .v = it,
                                          .i = pass,
                                          .skip = v.role == S_FOREACH ? v.c : v.a});
        if (v.role == S_LOOP) {
            /* initializer, condition, update: once, before the body */
            uint32_t count;
            TSNode *cs = df_kids(fc, n, &count);
            for (uint32_t i = count; i-- > 0;) {
                TSNode c = cs[i];
                if (!ts_node_eq(c, v.a))
                    df_task_push(u, (struct task){.k = T_EXEC, .n = c});
            }
        }
        break;
    }
    case S_RETURN:
        if (!ts_node_is_null(v.a))
            record_return(u, df_eval(u, v.a));
        u->env.dead = true;
        break;
    case S_EXIT:
        df_eval(u, v.a);
        u->env.dead = true;
        break;
    case S_JUMP:
        u->env.jumped = true;
        break;
    case S_TRY: {
        struct task t = {.k = T_TRY_MID, .n = n, .skip = v.a};
        t.saved = df_env_copy(fc, &u->env);
        df_task_push(u, t);
        df_task_push(u, (struct task){.k = T_EXEC, .n = v.a});
        break;
    }
    case S_HANDLER:
    case S_FINALLY:
        df_task_push(u, (struct task){.k = T_EXEC, .n = v.a});
        break;
    case S_SWITCH: {
        df_eval(u, v.a);
        struct branchset *bs = arena_alloc(a, sizeof(*bs));
        bs->start = df_env_copy(fc, &u->env);
        bs->acc = df_env_copy(fc, &u->env);
        df_task_push(u, (struct task){.k = T_BR_DONE, .bs = bs});
        uint32_t count;
        TSNode *cs = df_kids(fc, v.b, &count);
        for (uint32_t i = 0; i < count; i++) {
            struct df_view cv;
            df_view_of(fc, cs[i], false, &cv);
            if (cv.role == S_CASE && ts_node_is_null(cv.a))
                bs->acc.dead = true; /* a default case: some case always runs */
        }
        for (uint32_t i = count; i-- > 0;) {
            TSNode c = cs[i];
            df_task_push(u, (struct task){.k = T_BR_END, .bs = bs});
            df_task_push(u, (struct task){.k = T_EXEC, .n = c});
            df_task_push(u, (struct task){.k = T_BR_BEGIN, .bs = bs});
        }
        break;
    }
    case S_CASE:
        df_task_push(u, block_task(u, n, v.a));
        break;
    case S_SKIP:
        break;
    case S_BIND:
        df_bind(u, v.a, df_eval(u, v.b));
        break;
    default: {
        /* an expression in statement position: an arrow's body, a loop condition */
        struct val r = df_eval(u, n);
        if (ts_node_eq(n, u->body))
            record_return(u, r);
        break;
    }
    }
    flush_closures(u);
}

/* Runs the callback fn of an array method now, as a unit of its own over a copy of u's
 * variables, its first parameter holding elem: what it returns (.map(x => ({ ... }))).
 * Sinks it reaches are reported (or recorded in u's summary) as in its closure run. */
struct val df_run_callback(struct unit *u, TSNode fn, struct val elem)
{
    struct fctx *fc = u->fc;
    struct unit sub = {.fc = fc, .sum = u->sum, .sum_param = u->sum_param, .fn = fn};
    sub.body = fc->ad->function_body(fn);
    if (ts_node_is_null(sub.body))
        return (struct val){0};
    sub.env = df_env_copy(fc, &u->env);
    sub.env.dead = sub.env.jumped = false;
    struct df_param ps[8];
    uint32_t np = fc->ad->function_params(fn, ps, 8);
    for (uint32_t i = 0; i < np && i < 8; i++) {
        struct val pv = {0};
        if (i == 0)
            pv = elem;
        else if (df_param_is_request(fc, &ps[i]))
            pv.flags = V_REQUEST;
        df_bind(&sub, ps[i].pattern, pv);
    }
    fc->callback_depth++;
    df_task_push(&sub, (struct task){.k = T_EXEC, .n = sub.body});
    df_run_tasks(&sub);
    fc->callback_depth--;
    VEC_FREE(sub.tasks);
    VEC_FREE(sub.pending);
    return (struct val){.t = sub.ret};
}

void df_run_tasks(struct unit *u)
{
    struct fctx *fc = u->fc;
    struct arena *a = fc->in->arena;
    while (u->tasks.n) {
        if (++fc->work > DF_WORK_BUDGET || check_out_of_time(fc->in->file)) {
            fc->exhausted = true;
            u->tasks.n = 0;
            break;
        }
        struct task t = u->tasks.v[--u->tasks.n];
        switch (t.k) {
        case T_EXEC:
            exec_node(u, t.n);
            break;
        case T_BLOCK: {
            if (u->env.dead || u->env.jumped)
                break;
            uint32_t i = t.i;
            while (i < t.nkids && ts_node_eq(t.kids[i], t.skip))
                i++;
            if (i >= t.nkids)
                break;
            TSNode next = t.kids[i];
            t.i = i + 1;
            df_task_push(u, t);
            df_task_push(u, (struct task){.k = T_EXEC, .n = next});
            break;
        }
        case T_IF_END:
            if (t.i == 0) {
                struct env then_env = u->env;
                bool exits = then_env.dead || then_env.jumped;
                u->env = t.saved; /* this task owns its copy: no need for another */
                if (!ts_node_is_null(t.skip)) {
                    t.i = 1;
                    t.other = then_env;
                    df_task_push(u, t);
                    df_task_push(u, (struct task){.k = T_EXEC, .n = t.skip});
                } else if (exits) {
                    /* if (!valid) return; — what the guard checked is valid below */
                    apply_kills(u, &u->env, t.kills, t.nkills);
                } else {
                    u->env = df_env_join(fc, &then_env, &t.saved);
                }
            } else {
                struct env else_env = u->env;
                u->env = df_env_join(fc, &t.other, &else_env);
            }
            break;
        case T_LOOP_BODY: {
            u->env = df_env_join(fc, &t.saved, &u->env);
            u->env.jumped = false;
            /* the second pass only matters when the first changed something (nested loops
             * would otherwise run their bodies 2^depth times) */
            if (t.i == 1 && df_env_same(&u->env, &t.saved))
                break;
            struct df_view v;
            df_view_of(fc, t.n, false, &v);
            if (v.role == S_FOREACH)
                df_bind(u, v.a, t.v);
            df_task_push(u, (struct task){.k = T_EXEC, .n = t.skip});
            break;
        }
        case T_LOOP_END:
            u->env = df_env_join(fc, &t.saved, &u->env);
            u->env.jumped = false;
            break;
        case T_TRY_MID: {
            /* handlers start from any point of the body: before or after it */
            struct branchset *bs = arena_alloc(a, sizeof(*bs));
            bs->start = df_env_join(fc, &t.saved, &u->env);
            bs->acc = df_env_copy(fc, &u->env);
            uint32_t count;
            TSNode *cs = df_kids(fc, t.n, &count);
            TSNode fin = {0};
            for (uint32_t i = 0; i < count; i++) {
                TSNode c = cs[i];
                struct df_view cv;
                df_view_of(fc, c, false, &cv);
                if (cv.role == S_FINALLY)
                    fin = c;
            }
            if (!ts_node_is_null(fin))
                df_task_push(u, (struct task){.k = T_EXEC, .n = fin});
            df_task_push(u, (struct task){.k = T_BR_DONE, .bs = bs});
            for (uint32_t i = count; i-- > 0;) {
                TSNode c = cs[i];
                if (ts_node_eq(c, t.skip) || ts_node_eq(c, fin))
                    continue;
                df_task_push(u, (struct task){.k = T_BR_END, .bs = bs});
                df_task_push(u, (struct task){.k = T_EXEC, .n = c});
                df_task_push(u, (struct task){.k = T_BR_BEGIN, .bs = bs});
            }
            break;
        }
        case T_BR_BEGIN:
            u->env = df_env_copy(fc, &t.bs->start);
            break;
        case T_BR_END:
            u->env.jumped = false;
            t.bs->acc = df_env_join(fc, &t.bs->acc, &u->env);
            break;
        case T_BR_DONE:
            u->env = t.bs->acc;
            break;
        case T_CLOSURE: {
            /* with nothing tainted to capture, its own unit finds all there is to find */
            if (!t.v.t && !df_env_captures(&u->env))
                break;
            struct env saved = u->env;
            u->env = df_env_copy(fc, &saved);
            u->env.dead = u->env.jumped = false;
            struct df_param ps[8];
            uint32_t np = fc->ad->function_params(t.n, ps, 8);
            for (uint32_t i = 0; i < np && i < 8; i++) {
                struct val pv = {0};
                if (i == 0 && t.v.t)
                    pv = t.v;
                else if (df_param_is_request(fc, &ps[i]))
                    pv.flags = V_REQUEST;
                df_bind(u, ps[i].pattern, pv);
            }
            u->closure_depth++;
            df_task_push(u, (struct task){.k = T_RESTORE, .saved = saved});
            df_task_push(u, (struct task){.k = T_EXEC, .n = fc->ad->function_body(t.n)});
            break;
        }
        case T_RESTORE:
            u->env = t.saved;
            u->closure_depth--;
            break;
        }
    }
}

