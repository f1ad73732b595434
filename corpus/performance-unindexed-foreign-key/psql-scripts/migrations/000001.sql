-- Migrations run through psql name their schema with a variable (graphile-worker's style):
-- the variable is blanked out and the statements parse as Postgres.
create table :APP_SCHEMA.queues (
  id bigserial primary key,
  name text not null unique
);
create table :APP_SCHEMA.jobs (
  id bigserial primary key,
  -- ruleid: performance-unindexed-foreign-key
  queue_id bigint references :APP_SCHEMA.queues (id) on delete cascade,
  -- ok: performance-unindexed-foreign-key
  parent_id bigint references :APP_SCHEMA.jobs (id),
  payload json default :'default_payload'::json not null
);
create index jobs_parent_idx on :APP_SCHEMA.jobs (parent_id);
