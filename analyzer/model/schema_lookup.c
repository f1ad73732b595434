/* schema_lookup.c — the schema model's name lookups (see schema_p.h): tables by (schema, name)
 * and indexes by (schema, name) -> their table, kept in step with every change: a migration set
 * of thousands of tables must not be replayed in quadratic time. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "schema_p.h"

struct name_entry {
    uint64_t h;
    const char *schema, *name;
    struct schema_table *t;
};
typedef VEC(struct name_entry) name_bucket;
struct name_map {
    name_bucket *b;
    size_t nb, n;
};
struct schema_lookup {
    struct name_map tables, indexes;
};

static uint64_t name_hash(const char *schema, const char *name)
{
    return fnv64(fnv64(FNV64_INIT, schema, strlen(schema) + 1), name, strlen(name));
}

static void map_put(struct name_map *m, const char *schema, const char *name,
                    struct schema_table *t)
{
    if (m->n >= m->nb * 2) {
        size_t nb = m->nb ? m->nb * 4 : 64;
        name_bucket *b = xcalloc(nb, sizeof(*b));
        for (size_t i = 0; i < m->nb; i++) {
            for (size_t k = 0; k < m->b[i].n; k++)
                VEC_PUSH(b[m->b[i].v[k].h % nb], m->b[i].v[k]);
            VEC_FREE(m->b[i]);
        }
        free(m->b);
        m->b = b;
        m->nb = nb;
    }
    struct name_entry e = {name_hash(schema, name), schema, name, t};
    VEC_PUSH(m->b[e.h % m->nb], e);
    m->n++;
}

static struct schema_table *map_get(const struct name_map *m, const char *schema,
                                    const char *name)
{
    if (!m->nb || !name)
        return NULL;
    uint64_t h = name_hash(schema, name);
    const name_bucket *b = &m->b[h % m->nb];
    for (size_t k = 0; k < b->n; k++)
        if (b->v[k].h == h && name_eq(b->v[k].name, name) && name_eq(b->v[k].schema, schema))
            return b->v[k].t;
    return NULL;
}

static void map_del(struct name_map *m, const char *schema, const char *name,
                    const struct schema_table *t)
{
    if (!m->nb || !name)
        return;
    uint64_t h = name_hash(schema, name);
    name_bucket *b = &m->b[h % m->nb];
    for (size_t k = 0; k < b->n; k++)
        if (b->v[k].t == t && name_eq(b->v[k].name, name) && name_eq(b->v[k].schema, schema)) {
            b->v[k] = b->v[--b->n];
            m->n--;
            return;
        }
}

static void map_release(struct name_map *m)
{
    for (size_t i = 0; i < m->nb; i++)
        VEC_FREE(m->b[i]);
    free(m->b);
}

struct schema_lookup *schema_lookup_new(void)
{
    return xcalloc(1, sizeof(struct schema_lookup));
}

void schema_lookup_free(struct schema_lookup *l)
{
    map_release(&l->tables);
    map_release(&l->indexes);
    free(l);
}

struct schema_table *schema_lookup_table(const struct schema *s, const char *schema,
                                         const char *name)
{
    return map_get(&s->lookup->tables, schema, name);
}

struct schema_table *schema_lookup_index_owner(const struct schema *s, const char *schema,
                                               const char *name)
{
    return map_get(&s->lookup->indexes, schema, name);
}

void schema_lookup_add_table(struct schema *s, struct schema_table *t)
{
    map_put(&s->lookup->tables, t->schema, t->name, t);
}

void schema_index_push(struct schema *s, struct schema_table *t, struct schema_index ix)
{
    VEC_PUSH(t->indexes, ix);
    map_put(&s->lookup->indexes, t->schema, ix.name, t);
}

void schema_index_remove(struct schema *s, struct schema_table *t, size_t i)
{
    map_del(&s->lookup->indexes, t->schema, t->indexes.v[i].name, t);
    memmove(&t->indexes.v[i], &t->indexes.v[i + 1],
            (t->indexes.n - i - 1) * sizeof(t->indexes.v[0]));
    t->indexes.n--;
}

void schema_index_rename(struct schema *s, struct schema_table *t, struct schema_index *ix,
                         const char *name)
{
    map_del(&s->lookup->indexes, t->schema, ix->name, t);
    ix->name = name;
    map_put(&s->lookup->indexes, t->schema, ix->name, t);
}

void schema_table_reindex(struct schema *s, struct schema_table *t, bool add)
{
    if (add)
        map_put(&s->lookup->tables, t->schema, t->name, t);
    else
        map_del(&s->lookup->tables, t->schema, t->name, t);
    for (size_t i = 0; i < t->indexes.n; i++)
        if (add)
            map_put(&s->lookup->indexes, t->schema, t->indexes.v[i].name, t);
        else
            map_del(&s->lookup->indexes, t->schema, t->indexes.v[i].name, t);
}
