/* schema_sets.c — which migrations make one set (schema_set_key: the folder that holds them,
 * Prisma's and drizzle's layouts included), in which order a set replays (file order; Alembic's
 * revision graph), and the project pass's replay of each set for the schema checks
 * (schema_replay_project). See schema.h. */
#include "schema.h"

#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "schema_p.h"

char *schema_set_key(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return xstrdup(".");
    /* the last directory component named "migrations" */
    const char *key_end = NULL;
    for (const char *p = path; p < slash; ) {
        const char *e = strchr(p, '/');
        if ((size_t)(e - p) == strlen("migrations") && memcmp(p, "migrations", (size_t)(e - p)) == 0)
            key_end = e;
        p = e + 1;
    }
    return xstrndup(path, (size_t)((key_end ? key_end : slash) - path));
}

/* Does path have a directory component named dir? */
static bool path_has_dir(const char *path, const char *dir)
{
    size_t n = strlen(dir);
    for (const char *p = path; (p = strstr(p, dir)); p += n)
        if ((p == path || p[-1] == '/') && p[n] == '/')
            return true;
    return false;
}

/* The project pass ---------------------------------------------------------------------------- */

struct set_member {
    char *key;
    size_t file;
};

/* By set, then by path (the project's files are sorted by path: file order is path order). */
static int member_cmp(const void *a, const void *b)
{
    const struct set_member *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    return c ? c : (x->file > y->file) - (x->file < y->file);
}

/* By first file: sets are reported in the order of their first path. */
static int set_cmp(const void *a, const void *b)
{
    const struct set_member *const *x = a, *const *y = b;
    return ((*x)->file > (*y)->file) - ((*x)->file < (*y)->file);
}

/* true when the comma-separated list has the revision rev. */
static bool revision_listed(const char *list, const char *rev)
{
    size_t n = strlen(rev);
    for (const char *p = list; n && *p;) {
        const char *e = strchr(p, ',');
        size_t k = e ? (size_t)(e - p) : strlen(p);
        if (k == n && memcmp(p, rev, n) == 0)
            return true;
        p += k + (e != NULL);
    }
    return false;
}

/* Alembic's revisions name their parents, their paths say nothing of the order: a file goes
 * after every file of the set it names as a parent (the first such file in path order
 * otherwise; a cycle is broken at the first file left). */
static void order_revisions(struct check_project *p, struct set_member *v, size_t n)
{
    bool any = false;
    for (size_t i = 0; i < n && !any; i++)
        any = project_file_schema(p, v[i].file)->revision != NULL;
    if (!any || n < 2)
        return;
    struct set_member *out = xcalloc(n, sizeof(*out));
    bool *placed = xcalloc(n, sizeof(*placed));
    for (size_t k = 0; k < n; k++) {
        size_t pick = n;
        for (size_t i = 0; i < n && pick == n; i++) {
            if (placed[i])
                continue;
            const char *down = project_file_schema(p, v[i].file)->down_revision;
            bool ready = true;
            for (size_t j = 0; j < n && ready && down && *down; j++) {
                const char *rev = project_file_schema(p, v[j].file)->revision;
                ready = placed[j] || j == i || !rev || !revision_listed(down, rev);
            }
            if (ready)
                pick = i;
        }
        for (size_t i = 0; i < n && pick == n; i++)
            if (!placed[i])
                pick = i;
        placed[pick] = true;
        out[k] = v[pick];
    }
    memcpy(v, out, n * sizeof(*v));
    free(out);
    free(placed);
}

void schema_replay_project(struct check_project *p, schema_set_fn fn, void *data)
{
    size_t n = project_file_count(p), m = 0, nsets = 0;
    struct set_member *members = xcalloc(n ? n : 1, sizeof(*members));
    for (size_t i = 0; i < n; i++)
        if (project_file_schema(p, i))
            members[m++] = (struct set_member){schema_set_key(project_file_path(p, i)), i};
    qsort(members, m, sizeof(*members), member_cmp);
    struct set_member **sets = xcalloc(m ? m : 1, sizeof(*sets));
    for (size_t i = 0; i < m; i++)
        if (i == 0 || strcmp(members[i].key, members[i - 1].key) != 0)
            sets[nsets++] = &members[i];
    qsort(sets, nsets, sizeof(*sets), set_cmp);

    for (size_t i = 0; i < nsets; i++) {
        struct set_member *first = sets[i], *end = first;
        while (end < members + m && strcmp(end->key, first->key) == 0)
            end++;
        order_revisions(p, first, (size_t)(end - first));
        struct schema *s = schema_new();
        s->set = first->key;
        /* what the set is written for decides how it replays: a Supabase project's set is
         * Postgres even when a stray MySQL or SQLite statement sits in it */
        bool other = false;
        for (const struct set_member *f = first; f < end; f++) {
            const struct schema_facts *facts = project_file_schema(p, f->file);
            other |= facts->other_dialect;
            s->alembic |= facts->revision != NULL;
            s->supabase |= facts->supabase_marks ||
                           path_has_dir(project_file_path(p, f->file), "supabase");
        }
        s->other_dialect = other && !s->supabase;
        for (const struct set_member *f = first; f < end; f++) {
            schema_apply_facts(s, f->file, project_file_schema(p, f->file));
        }
        fn(p, s, data);
        schema_free(s);
    }
    for (size_t i = 0; i < m; i++)
        free(members[i].key);
    free(members);
    free(sets);
}
