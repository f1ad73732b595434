/* schema_p.h — what schema.c and schema_objects.c share. Not for checks (see schema.h). */
#ifndef PREFLIGHT_SCHEMA_P_H
#define PREFLIGHT_SCHEMA_P_H

#include "schema.h"

/* Replays an operation after SQL_OP_DROP_SCHEMA (policies, functions, grants, views, TRUNCATE,
 * DELETE and UPDATE without WHERE). */
void schema_objects_apply(struct schema *s, const struct sql_op *op, struct schema_loc at);
/* Called with each table operation before schema.c replays it: notes what it loses or
 * restores (schema.losses) and what it removes of the objects (DROP SCHEMA). */
void schema_objects_note(struct schema *s, const struct sql_op *op, struct schema_loc at);
/* Frees the functions, views, losses and the private state. */
void schema_objects_release(struct schema *s);

#endif
