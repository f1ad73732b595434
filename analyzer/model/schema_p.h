/* schema_p.h — what schema.c, schema_lookup.c and schema_objects.c share. Not for checks (see
 * schema.h). */
#ifndef PREFLIGHT_SCHEMA_P_H
#define PREFLIGHT_SCHEMA_P_H

#include <string.h>

#include "schema.h"

static inline bool name_eq(const char *a, const char *b)
{
    return a && b && strcmp(a, b) == 0;
}

/* schema_lookup.c: tables and indexes by (schema, name), kept in step with every change (the
 * schema is given; schema.c defaults it). */
struct schema_lookup *schema_lookup_new(void);
void schema_lookup_free(struct schema_lookup *l);
/* The table named so, or the one holding the index named so; NULL if none. */
struct schema_table *schema_lookup_table(const struct schema *s, const char *schema,
                                         const char *name);
struct schema_table *schema_lookup_index_owner(const struct schema *s, const char *schema,
                                               const char *name);
/* Adds t under its name alone: its indexes are added as they are pushed. */
void schema_lookup_add_table(struct schema *s, struct schema_table *t);
/* Adds ix to t, removes t's i-th index, renames ix to name (already in s->arena). */
void schema_index_push(struct schema *s, struct schema_table *t, struct schema_index ix);
void schema_index_remove(struct schema *s, struct schema_table *t, size_t i);
void schema_index_rename(struct schema *s, struct schema_table *t, struct schema_index *ix,
                         const char *name);
/* Adds or removes t and its indexes to or from the lookups, under their current names. */
void schema_table_reindex(struct schema *s, struct schema_table *t, bool add);

/* Replays an operation after SQL_OP_DROP_SCHEMA (policies, functions, grants, views, TRUNCATE,
 * DELETE and UPDATE without WHERE). */
void schema_objects_apply(struct schema *s, const struct sql_op *op, struct schema_loc at);
/* Called with each table operation before schema.c replays it: notes what it loses or
 * restores (schema.losses) and what it removes of the objects (DROP SCHEMA). */
void schema_objects_note(struct schema *s, const struct sql_op *op, struct schema_loc at);
/* Frees the functions, views, losses and the private state. */
void schema_objects_release(struct schema *s);

#endif
