-- Row level security for tables an earlier migration created.
alter table only public.conversations enable row level security;

-- ruleid: reliability-destructive-migration
drop table if exists public.legacy_contacts;

-- a renamed table keeps its row level security, under its new name
-- ok: security-rls-disabled
-- ruleid: security-permissive-rls-policy @note
create table public.msgs (id uuid primary key, body text);
alter table public.msgs rename to messages;
alter table public.messages enable row level security;

-- moved out of the exposed schema
-- ok: security-rls-disabled
create table public.job_queue (id bigint primary key, payload jsonb);
alter table public.job_queue set schema private;

-- tours: enabled, then disabled by a later migration: reported at the DISABLE
-- ok: security-rls-disabled
create table public.tours (id uuid primary key, at timestamptz);
alter table public.tours enable row level security;

-- a table in the exposed schema moved out, then its new schema dropped with everything in it
create schema if not exists staging;
-- ok: security-rls-disabled
create table public.staging_rows (id bigint primary key, raw jsonb);
alter table public.staging_rows set schema staging;
drop schema staging cascade;
