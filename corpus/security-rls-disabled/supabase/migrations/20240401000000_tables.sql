-- Tables of the public schema, the one Supabase's API serves to the anon key.

create table public.properties (
  id uuid primary key default gen_random_uuid(),
  name text not null
);
alter table public.properties enable row level security;
-- ruleid: security-permissive-rls-policy @note
create policy "members read properties" on public.properties
  for select to authenticated using (true);

-- ruleid: security-rls-disabled
create table public.leads (
  id uuid primary key default gen_random_uuid(),
  email text not null
);

-- unqualified means public
-- ruleid: security-rls-disabled
create table if not exists lead_notes (
  id bigint generated always as identity primary key,
  body text
);

-- enabled in a later migration: fine
-- ok: security-rls-disabled
-- ruleid: security-permissive-rls-policy @note
create table public.conversations (
  id uuid primary key default gen_random_uuid(),
  started_at timestamptz not null default now()
);

-- a schema the API does not expose
create schema if not exists private;
-- ok: security-rls-disabled
create table private.audit_log (
  id bigint generated always as identity primary key,
  event jsonb not null
);

-- temporary tables are not part of the schema
-- ok: security-rls-disabled
create temporary table import_buffer (line text);

-- dropped in a later migration: fine
-- ok: security-rls-disabled
create table public.legacy_contacts (id uuid primary key, email text);

-- FORCE alone does not enable it
-- ruleid: security-rls-disabled
create table public.api_keys (id uuid primary key, key_hash text not null);
alter table public.api_keys force row level security;

-- quoted names keep their case: enabling "leadsources" is another table
-- ruleid: security-rls-disabled
create table public."LeadSources" (id uuid primary key, label text);
alter table if exists public.LeadSources enable row level security;

-- ok: security-rls-disabled
-- ruleid: security-permissive-rls-policy @note
create table public."Campaigns" (id uuid primary key, label text);
alter table public."Campaigns" enable row level security;

-- CREATE TABLE AS makes a table too
-- ruleid: security-rls-disabled
create table public.lead_snapshot as select id, email from public.leads;

-- a view is not a table
-- ok: security-rls-disabled
create view public.lead_emails as select email from public.leads;
