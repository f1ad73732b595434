/* arena.c — a linked list of blocks; large requests get a block of their own. */
#include "arena.h"

#include <stdio.h>
#include <stdlib.h>

/* Blocks start small and double: many arenas hold a few hundred bytes (the facts a check keeps
 * per file live as long as the run), and a 64 KiB first block each made 1,000 migrations cost
 * 128 MB. */
#define ARENA_FIRST_BLOCK 1024
#define ARENA_BLOCK 65536

struct arena_block {
    struct arena_block *next;
    size_t used, cap;
    _Alignas(max_align_t) unsigned char data[];
};

void arena_init(struct arena *a)
{
    a->head = NULL;
    a->next_block = ARENA_FIRST_BLOCK;
}

void *arena_alloc(struct arena *a, size_t n)
{
    const size_t align = _Alignof(max_align_t);
    n = (n + align - 1) & ~(align - 1);
    struct arena_block *b = a->head;
    if (!b || b->cap - b->used < n) {
        if (a->next_block < ARENA_FIRST_BLOCK) /* a zeroed struct arena is an empty one too */
            a->next_block = ARENA_FIRST_BLOCK;
        bool big = n > a->next_block / 4;
        size_t cap = big ? n : a->next_block;
        struct arena_block *nb = xmalloc(sizeof(*nb) + cap);
        nb->used = 0;
        nb->cap = cap;
        if (!big && a->next_block < ARENA_BLOCK)
            a->next_block *= 2;
        if (b && big) {
            /* keep the current block for small requests: put the big one behind it */
            nb->next = b->next;
            b->next = nb;
        } else {
            nb->next = b;
            a->head = nb;
        }
        b = nb;
    }
    void *p = b->data + b->used;
    b->used += n;
    memset(p, 0, n);
    return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
    char *p = arena_alloc(a, n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *tmp = xvasprintf(fmt, ap);
    va_end(ap);
    char *p = arena_strndup(a, tmp, strlen(tmp));
    free(tmp);
    return p;
}

void arena_release(struct arena *a)
{
    struct arena_block *b = a->head;
    while (b) {
        struct arena_block *next = b->next;
        free(b);
        b = next;
    }
    a->head = NULL;
}
