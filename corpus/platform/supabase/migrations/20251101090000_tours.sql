-- Tour scheduling, and the data engine's import batches.

-- ruleid: security-rls-disabled
create table public.tours (
  id uuid primary key default gen_random_uuid(),
  -- ok: performance-unindexed-foreign-key
  lead_id uuid not null references public.leads (id) on delete cascade,
  -- ok: performance-unindexed-foreign-key
  property_id uuid not null references public.properties (id) on delete cascade,
  -- ok: performance-unindexed-foreign-key
  unit_id uuid references public.units (id) on delete set null,
  scheduled_at timestamptz not null,
  status text not null default 'scheduled'
);
create index tours_lead_id_idx on public.tours (lead_id);
create index tours_property_scheduled_idx on public.tours (property_id, scheduled_at);
create index tours_unit_id_idx on public.tours (unit_id) where unit_id is not null;

-- ok: security-rls-disabled
create table public.imports (
  id uuid primary key default gen_random_uuid(),
  -- ok: performance-unindexed-foreign-key
  property_id uuid not null references public.properties (id),
  source text not null,
  status text not null default 'pending',
  created_at timestamptz not null default now()
);
create index imports_property_id_idx on public.imports (property_id);
alter table public.imports enable row level security;

-- Internal bookkeeping lives outside the exposed schema.
create schema if not exists internal;
-- ok: security-rls-disabled
create table internal.scrape_runs (
  id bigint generated always as identity primary key,
  import_id uuid references public.imports (id),
  started_at timestamptz not null default now(),
  finished_at timestamptz
);
create index scrape_runs_import_id_idx on internal.scrape_runs (import_id);
