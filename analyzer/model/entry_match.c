/* entry_match.c — Next.js middleware matchers: path-to-regexp sources ('/api/:path*') turned
 * into a small regular expression and run by a Pike VM, which has lookaheads (the usual
 * '/((?!api|_next/static|.*\\.png$).*)') and never backtracks, so no matcher costs more than
 * its length times the path's.
 */
#include <stdlib.h>
#include <string.h>

#include "model/entry.h"

#define RX_MAX 1024   /* regex bytes; longer matchers are not read */
#define PROG_MAX 4096 /* instructions */
#define NEST_MAX 24   /* groups inside groups */
#define LOOK_MAX 4    /* lookaheads inside lookaheads */

enum op { OP_CHAR, OP_ANY, OP_CLASS, OP_SPLIT, OP_JMP, OP_MATCH, OP_NLA, OP_PLA, OP_BOL, OP_EOL };

struct inst {
    enum op op;
    unsigned char c;
    int x, y;               /* SPLIT: both; JMP: x; NLA/PLA: x = after the sub-program */
    unsigned char set[32];  /* CLASS */
};

struct prog {
    struct inst *v;
    int n;
    bool bad;
};

struct rx {
    const char *s;
    size_t i, n;
    int depth;
    struct prog *p;
};

static int emit(struct prog *p, enum op op)
{
    if (p->n >= PROG_MAX) {
        p->bad = true;
        return p->n - 1;
    }
    memset(&p->v[p->n], 0, sizeof(p->v[p->n]));
    p->v[p->n].op = op;
    return p->n++;
}

static void set_add(unsigned char *set, unsigned char c)
{
    set[c >> 3] |= (unsigned char)(1u << (c & 7));
}

static bool set_has(const unsigned char *set, unsigned char c)
{
    return set[c >> 3] & (1u << (c & 7));
}

static void alt(struct rx *r);

/* One atom at r->i, emitted; false at the end of a sequence. */
static bool atom(struct rx *r)
{
    struct prog *p = r->p;
    if (r->i >= r->n || r->s[r->i] == '|' || r->s[r->i] == ')')
        return false;
    char c = r->s[r->i++];
    if (c == '(') {
        if (++r->depth > NEST_MAX) {
            p->bad = true;
            return false;
        }
        int look = -1;
        if (r->i + 1 < r->n && r->s[r->i] == '?') {
            char k = r->s[r->i + 1];
            r->i += 2;
            if (k == '!')
                look = emit(p, OP_NLA);
            else if (k == '=')
                look = emit(p, OP_PLA);
            else if (k != ':')
                p->bad = true;
        }
        alt(r);
        if (r->i >= r->n || r->s[r->i] != ')')
            p->bad = true;
        r->i++;
        r->depth--;
        if (look >= 0) {
            emit(p, OP_MATCH);
            p->v[look].x = p->n;
        }
    } else if (c == '.') {
        emit(p, OP_ANY);
    } else if (c == '^') {
        emit(p, OP_BOL);
    } else if (c == '$') {
        emit(p, OP_EOL);
    } else if (c == '[') {
        int k = emit(p, OP_CLASS);
        bool neg = r->i < r->n && r->s[r->i] == '^';
        unsigned char set[32] = {0};
        if (neg)
            r->i++;
        for (bool first = true; r->i < r->n && (first || r->s[r->i] != ']'); first = false) {
            unsigned char a = (unsigned char)r->s[r->i++];
            if (a == '\\' && r->i < r->n)
                a = (unsigned char)r->s[r->i++];
            unsigned char b = a;
            if (r->i + 1 < r->n && r->s[r->i] == '-' && r->s[r->i + 1] != ']') {
                b = (unsigned char)r->s[r->i + 1];
                r->i += 2;
            }
            for (unsigned x = a; x <= b; x++)
                set_add(set, (unsigned char)x);
        }
        if (r->i >= r->n)
            p->bad = true;
        r->i++;
        for (int x = 0; x < 32; x++)
            p->v[k].set[x] = neg ? (unsigned char)~set[x] : set[x];
    } else {
        if (c == '\\' && r->i < r->n) {
            char e = r->s[r->i++];
            if (e == 'd' || e == 'w' || e == 's') {
                int k = emit(p, OP_CLASS);
                for (unsigned x = 0; x < 256; x++)
                    if ((e == 'd' && x >= '0' && x <= '9') ||
                        (e == 'w' && (x == '_' || (x >= '0' && x <= '9') ||
                                      ((x | 0x20) >= 'a' && (x | 0x20) <= 'z'))) ||
                        (e == 's' && (x == ' ' || x == '\t')))
                        set_add(p->v[k].set, (unsigned char)x);
                return true;
            }
            c = e;
        }
        p->v[emit(p, OP_CHAR)].c = (unsigned char)c;
    }
    return true;
}

/* Moves the instructions [from, n) up by one to make room for a SPLIT at from. */
static void insert_at(struct prog *p, int from)
{
    if (p->n >= PROG_MAX) {
        p->bad = true;
        return;
    }
    memmove(&p->v[from + 1], &p->v[from], (size_t)(p->n - from) * sizeof(*p->v));
    p->n++;
    for (int i = from + 1; i < p->n; i++) {
        struct inst *in = &p->v[i];
        if (in->op == OP_SPLIT || in->op == OP_JMP || in->op == OP_NLA || in->op == OP_PLA) {
            if (in->x > from)
                in->x++;
            if (in->op == OP_SPLIT && in->y > from)
                in->y++;
        }
    }
    memset(&p->v[from], 0, sizeof(p->v[from]));
}

static void seq(struct rx *r)
{
    for (;;) {
        int start = r->p->n;
        if (!atom(r) || r->p->bad)
            return;
        if (r->i >= r->n)
            continue;
        char q = r->s[r->i];
        if (q != '*' && q != '+' && q != '?')
            continue;
        r->i++;
        if (r->i < r->n && r->s[r->i] == '?') /* lazy: the same language */
            r->i++;
        struct prog *p = r->p;
        if (q == '+') {
            int k = emit(p, OP_SPLIT);
            p->v[k].x = start;
            p->v[k].y = k + 1;
            continue;
        }
        insert_at(p, start);
        if (p->bad)
            return;
        p->v[start].op = OP_SPLIT;
        p->v[start].x = start + 1;
        if (q == '*') {
            int j = emit(p, OP_JMP);
            p->v[j].x = start;
        }
        p->v[start].y = p->n;
    }
}

static void alt(struct rx *r)
{
    struct prog *p = r->p;
    int start = p->n;
    seq(r);
    while (!p->bad && r->i < r->n && r->s[r->i] == '|') {
        r->i++;
        /* SPLIT start+1, next; [first branch]; JMP end; next: [second branch] */
        insert_at(p, start);
        if (p->bad)
            return;
        p->v[start].op = OP_SPLIT;
        p->v[start].x = start + 1;
        int j = emit(p, OP_JMP);
        p->v[start].y = p->n;
        seq(r);
        p->v[j].x = p->n;
    }
}

struct threads {
    int *pc;
    int n;
    unsigned *mark; /* generation each pc was last added in */
};

static bool run(const struct prog *p, int pc0, const char *s, size_t len, size_t at,
                bool prefix, int look);

/* Adds pc and what it reaches without reading a byte. */
static void add(const struct prog *p, struct threads *t, unsigned gen, int pc0, const char *s,
                size_t len, size_t at, int look, int *stack)
{
    int sp = 0;
    stack[sp++] = pc0;
    while (sp) {
        int pc = stack[--sp];
        if (pc < 0 || pc >= p->n || t->mark[pc] == gen)
            continue;
        t->mark[pc] = gen;
        const struct inst *in = &p->v[pc];
        switch (in->op) {
        case OP_JMP:
            stack[sp++] = in->x;
            break;
        case OP_SPLIT:
            stack[sp++] = in->y;
            stack[sp++] = in->x;
            break;
        case OP_BOL:
            if (at == 0)
                stack[sp++] = pc + 1;
            break;
        case OP_EOL:
            if (at == len)
                stack[sp++] = pc + 1;
            break;
        case OP_NLA:
        case OP_PLA: {
            bool m = look < LOOK_MAX && run(p, pc + 1, s, len, at, true, look + 1);
            if (m == (in->op == OP_PLA))
                stack[sp++] = in->x;
            break;
        }
        default:
            t->pc[t->n++] = pc;
        }
    }
}

/* Runs the program from pc0 on s[at..]: prefix, any MATCH counts (a lookahead); else only a
 * MATCH at the end of s. */
static bool run(const struct prog *p, int pc0, const char *s, size_t len, size_t at,
                bool prefix, int look)
{
    size_t cells = (size_t)p->n;
    int *mem = xmalloc(sizeof(int) * (cells * 4 + 2)); /* two thread lists, a stack */
    unsigned *mark = xcalloc(cells, sizeof(unsigned));
    struct threads cur = {mem, 0, mark}, next = {mem + cells, 0, mark};
    int *stack = mem + 2 * cells;
    unsigned gen = 1;
    bool matched = false;
    add(p, &cur, gen, pc0, s, len, at, look, stack);
    for (size_t i = at;; i++) {
        for (int k = 0; k < cur.n; k++)
            if (p->v[cur.pc[k]].op == OP_MATCH && (prefix || i == len))
                matched = true;
        if (matched || i == len || !cur.n)
            break;
        next.n = 0;
        gen++;
        unsigned char c = (unsigned char)s[i];
        for (int k = 0; k < cur.n; k++) {
            const struct inst *in = &p->v[cur.pc[k]];
            bool ok = (in->op == OP_CHAR && in->c == c) || (in->op == OP_ANY && c != '\n') ||
                      (in->op == OP_CLASS && set_has(in->set, c));
            if (ok)
                add(p, &next, gen, cur.pc[k] + 1, s, len, i + 1, look, stack);
        }
        struct threads tmp = cur;
        cur = next;
        next = tmp;
    }
    free(mark);
    free(mem);
    return matched;
}

/* The index of the ')' that closes the group opening at m[i], or n. */
static size_t group_end(const char *m, size_t n, size_t i)
{
    size_t depth = 0;
    for (size_t k = i; k < n; k++) {
        if (m[k] == '\\' && k + 1 < n)
            k++;
        else if (m[k] == '(')
            depth++;
        else if (m[k] == ')' && --depth == 0)
            return k;
    }
    return n;
}

/* Appends the regex of a path-to-regexp source to out; false when it cannot be read. */
static bool to_regex(const char *m, char *out, size_t cap)
{
    size_t o = 0, n = strlen(m);
#define PUT(str)                                                                            \
    do {                                                                                    \
        size_t l_ = strlen(str);                                                            \
        if (o + l_ + 1 > cap)                                                               \
            return false;                                                                   \
        memcpy(out + o, str, l_);                                                           \
        o += l_;                                                                            \
    } while (0)
    PUT("^");
    for (size_t i = 0; i < n;) {
        char c = m[i];
        bool slash_param = c == '/' && i + 1 < n && m[i + 1] == ':';
        if (slash_param || c == ':') {
            size_t j = i + (slash_param ? 2 : 1);
            while (j < n && (m[j] == '_' || (m[j] >= '0' && m[j] <= '9') ||
                             ((m[j] | 0x20) >= 'a' && (m[j] | 0x20) <= 'z')))
                j++;
            const char *one = "[^/]+";
            char custom[RX_MAX];
            if (j < n && m[j] == '(') { /* :id(\\d+) */
                size_t k = group_end(m, n, j);
                if (k >= n || k - j + 1 >= sizeof custom)
                    return false;
                memcpy(custom, m + j, k - j + 1);
                custom[k - j + 1] = '\0';
                one = custom;
                j = k + 1;
            }
            char mod = j < n && (m[j] == '*' || m[j] == '+' || m[j] == '?') ? m[j] : 0;
            if (mod)
                j++;
            if (slash_param && mod) {
                PUT("(?:/");
                PUT(one);
                PUT(")");
                char q[2] = {mod, 0};
                PUT(q);
            } else {
                if (slash_param)
                    PUT("/");
                PUT(one);
                if (mod) {
                    char q[2] = {mod, 0};
                    PUT(q);
                }
            }
            i = j;
        } else if (c == '(') { /* a regex group, copied */
            size_t k = group_end(m, n, i);
            if (k >= n || o + (k - i + 1) + 1 > cap)
                return false;
            memcpy(out + o, m + i, k - i + 1);
            o += k - i + 1;
            i = k + 1;
        } else if (c == '{' || c == '}') {
            PUT(c == '{' ? "(?:" : ")");
            i++;
        } else if (c == '*') {
            PUT(".*");
            i++;
        } else {
            if (strchr(".+?$^[]|\\)", c))
                PUT("\\");
            char lit[2] = {c, 0};
            PUT(lit);
            i++;
        }
    }
    PUT("/?$");
    out[o] = '\0';
    return true;
#undef PUT
}

bool entry_matcher_match(const char *m, const char *path)
{
    if (!m || !path || strlen(m) > RX_MAX / 2)
        return false;
    char re[RX_MAX];
    if (!to_regex(m, re, sizeof re))
        return false;
    struct prog p = {xmalloc(sizeof(struct inst) * PROG_MAX), 0, false};
    struct rx r = {re, 0, strlen(re), 0, &p};
    alt(&r);
    bool ok = false;
    if (!p.bad && r.i == r.n) {
        emit(&p, OP_MATCH);
        ok = !p.bad && run(&p, 0, path, strlen(path), 0, false, 0);
    }
    free(p.v);
    return ok;
}
