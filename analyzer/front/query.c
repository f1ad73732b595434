/* query.c — tree-sitter queries with their text predicates evaluated.
 *
 * The C runtime parses predicates but leaves them to the caller; we compile them once per
 * query (regexes included) and check them for every match.
 */
#include <regex.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

enum pred_kind { PRED_EQ, PRED_MATCH, PRED_ANY_OF };

struct predicate {
    enum pred_kind kind;
    bool negate;
    uint32_t capture;
    uint32_t other_capture; /* #eq? @a @b: UINT32_MAX when comparing with a string */
    const char *value;      /* borrowed from the query */
    const char **values;    /* #any-of? (owned array) */
    uint32_t nvalues;
    regex_t re;
};

struct query {
    TSQuery *ts;
    struct predicate ***preds; /* per pattern: a NULL-terminated array (owned) */
};

static void free_pred(struct predicate *p)
{
    if (p->kind == PRED_MATCH)
        regfree(&p->re);
    free(p->values);
    free(p);
}

void query_delete(struct query *q)
{
    if (!q)
        return;
    uint32_t n = ts_query_pattern_count(q->ts);
    for (uint32_t i = 0; i < n; i++) {
        for (struct predicate **p = q->preds[i]; p && *p; p++)
            free_pred(*p);
        free(q->preds[i]);
    }
    free(q->preds);
    ts_query_delete(q->ts);
    free(q);
}

static const char *error_name(TSQueryError e)
{
    switch (e) {
    case TSQueryErrorSyntax: return "syntax error";
    case TSQueryErrorNodeType: return "unknown node type";
    case TSQueryErrorField: return "unknown field";
    case TSQueryErrorCapture: return "unknown capture";
    case TSQueryErrorStructure: return "impossible pattern";
    case TSQueryErrorLanguage: return "language mismatch";
    default: return "error";
    }
}

struct query *query_new(const TSLanguage *language, const char *source, char **err)
{
    uint32_t offset;
    TSQueryError qe;
    TSQuery *ts = ts_query_new(language, source, (uint32_t)strlen(source), &offset, &qe);
    if (!ts) {
        *err = xasprintf("query %s at offset %u: '%.40s'", error_name(qe), offset,
                         source + offset);
        return NULL;
    }
    struct query *q = xcalloc(1, sizeof(*q));
    q->ts = ts;
    uint32_t npatterns = ts_query_pattern_count(ts);
    q->preds = xcalloc(npatterns ? npatterns : 1, sizeof(*q->preds));
    for (uint32_t i = 0; i < npatterns; i++) {
        uint32_t nsteps;
        const TSQueryPredicateStep *steps = ts_query_predicates_for_pattern(ts, i, &nsteps);
        VEC(struct predicate *) list = {0};
        for (uint32_t s = 0; s < nsteps;) {
            uint32_t e = s;
            while (e < nsteps && steps[e].type != TSQueryPredicateStepTypeDone)
                e++;
            /* steps[s..e): name, then arguments */
            uint32_t len;
            const char *name = ts_query_string_value_for_id(ts, steps[s].value_id, &len);
            struct predicate *p = xcalloc(1, sizeof(*p));
            p->other_capture = UINT32_MAX;
            bool ok = e - s >= 3 && steps[s + 1].type == TSQueryPredicateStepTypeCapture;
            if (ok) {
                p->capture = steps[s + 1].value_id;
                if (strcmp(name, "eq?") == 0 || strcmp(name, "not-eq?") == 0) {
                    p->kind = PRED_EQ;
                    p->negate = name[0] == 'n';
                    if (steps[s + 2].type == TSQueryPredicateStepTypeCapture)
                        p->other_capture = steps[s + 2].value_id;
                    else
                        p->value = ts_query_string_value_for_id(ts, steps[s + 2].value_id, &len);
                } else if (strcmp(name, "match?") == 0 || strcmp(name, "not-match?") == 0) {
                    p->kind = PRED_MATCH;
                    p->negate = name[0] == 'n';
                    const char *re = ts_query_string_value_for_id(ts, steps[s + 2].value_id, &len);
                    ok = steps[s + 2].type == TSQueryPredicateStepTypeString &&
                         regcomp(&p->re, re, REG_EXTENDED | REG_NOSUB) == 0;
                    if (!ok)
                        p->kind = PRED_EQ; /* nothing to regfree */
                } else if (strcmp(name, "any-of?") == 0 || strcmp(name, "not-any-of?") == 0) {
                    p->kind = PRED_ANY_OF;
                    p->negate = name[0] == 'n';
                    p->nvalues = e - s - 2;
                    p->values = xcalloc(p->nvalues, sizeof(*p->values));
                    for (uint32_t k = 0; k < p->nvalues; k++)
                        p->values[k] = ts_query_string_value_for_id(ts, steps[s + 2 + k].value_id,
                                                                    &len);
                } else {
                    ok = false;
                }
            }
            if (!ok) {
                *err = xasprintf("query pattern %u: unsupported predicate '#%s'", i, name);
                free_pred(p);
                for (size_t k = 0; k < list.n; k++)
                    free_pred(list.v[k]);
                VEC_FREE(list);
                query_delete(q);
                return NULL;
            }
            VEC_PUSH(list, p);
            s = e + 1;
        }
        VEC_PUSH(list, NULL);
        q->preds[i] = list.v;
    }
    return q;
}

int query_capture_index(const struct query *q, const char *name)
{
    uint32_t n = ts_query_capture_count(q->ts);
    for (uint32_t i = 0; i < n; i++) {
        uint32_t len;
        const char *c = ts_query_capture_name_for_id(q->ts, i, &len);
        if (strlen(name) == len && memcmp(c, name, len) == 0)
            return (int)i;
    }
    return -1;
}

TSNode query_match_capture(const TSQueryMatch *m, int cap)
{
    for (uint16_t i = 0; i < m->capture_count; i++)
        if ((int)m->captures[i].index == cap)
            return m->captures[i].node;
    TSNode null = {0};
    return null;
}

static bool text_is(const struct check_file *f, TSNode n, const char *s)
{
    return node_text_eq(f, n, s);
}

static bool holds(const struct predicate *p, struct check_file *f, const TSQueryMatch *m)
{
    TSNode n = query_match_capture(m, (int)p->capture);
    if (ts_node_is_null(n))
        return true; /* optional capture absent: nothing to test */
    bool r;
    switch (p->kind) {
    case PRED_EQ:
        if (p->other_capture != UINT32_MAX) {
            TSNode o = query_match_capture(m, (int)p->other_capture);
            uint32_t a = ts_node_end_byte(n) - ts_node_start_byte(n);
            uint32_t b = ts_node_end_byte(o) - ts_node_start_byte(o);
            r = !ts_node_is_null(o) && a == b &&
                memcmp(f->src->text + ts_node_start_byte(n),
                       f->src->text + ts_node_start_byte(o), a) == 0;
        } else {
            r = text_is(f, n, p->value);
        }
        break;
    case PRED_MATCH: {
        char *t = node_text(f, n);
        r = regexec(&p->re, t, 0, NULL, 0) == 0;
        break;
    }
    case PRED_ANY_OF:
        r = false;
        for (uint32_t k = 0; k < p->nvalues && !r; k++)
            r = text_is(f, n, p->values[k]);
        break;
    default:
        r = false;
    }
    return r != p->negate;
}

void query_run(const struct query *q, struct check_file *f, TSNode node, query_match_fn fn,
               void *data)
{
    if (ts_node_is_null(node))
        return; /* an absent node matches nothing */
    TSQueryCursor *cur = ts_query_cursor_new();
    ts_query_cursor_exec(cur, q->ts, node);
    TSQueryMatch m;
    while (ts_query_cursor_next_match(cur, &m)) {
        bool ok = true;
        for (struct predicate **p = q->preds[m.pattern_index]; ok && *p; p++)
            ok = holds(*p, f, &m);
        if (ok && !fn(f, &m, data))
            break;
    }
    ts_query_cursor_delete(cur);
}
