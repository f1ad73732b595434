-- Core tables, in the style of `supabase migration new`: foreign keys written three ways
-- (column REFERENCES, table-level FOREIGN KEY, ALTER TABLE ... ADD CONSTRAINT).

create extension if not exists "uuid-ossp";

-- ruleid: security-permissive-rls-policy @note
create table public.organizations (
  id uuid primary key default gen_random_uuid(),
  name text not null
);

-- ruleid: security-permissive-rls-policy @note
create table public.properties (
  id uuid primary key default gen_random_uuid(),
  -- ruleid: performance-unindexed-foreign-key
  org_id uuid not null references public.organizations (id) on delete cascade,
  name text not null,
  created_at timestamptz not null default now()
);

-- ruleid: security-permissive-rls-policy @note
create table public.agents (
  id uuid primary key default gen_random_uuid(),
  -- ok: performance-unindexed-foreign-key
  org_id uuid not null references organizations,
  email text not null
);
-- index written before the constraint it covers is added elsewhere: still an index
create index agents_org_id_idx on public.agents using btree (org_id);

-- ruleid: security-permissive-rls-policy @note
create table public.leads (
  id uuid primary key default gen_random_uuid(),
  -- ok: performance-unindexed-foreign-key
  property_id uuid not null references public.properties (id) on delete cascade,
  -- ruleid: performance-unindexed-foreign-key
  agent_id uuid references public.agents (id) on delete set null,
  email text,
  created_at timestamptz not null default now()
);

-- the primary key leads with lead_id: the foreign key is covered
-- ruleid: security-permissive-rls-policy @note
create table public.lead_events (
  -- ok: performance-unindexed-foreign-key
  lead_id uuid not null references public.leads (id) on delete cascade,
  at timestamptz not null default now(),
  kind text not null,
  primary key (lead_id, at)
);

-- a unique column is an index
-- ruleid: security-permissive-rls-policy @note
create table public.lead_profiles (
  id bigint generated always as identity primary key,
  -- ok: performance-unindexed-foreign-key
  lead_id uuid not null unique references public.leads (id),
  notes text
);

-- a composite key; a wider index that leads with its columns in another order does not
-- cover it (Supabase's advisor compares them in order)
-- ruleid: security-permissive-rls-policy @note
create table public.units (
  property_id uuid not null references public.properties (id),
  unit_no text not null,
  primary key (property_id, unit_no)
);
-- ruleid: security-permissive-rls-policy @note
create table public.unit_photos (
  id uuid primary key default gen_random_uuid(),
  property_id uuid not null,
  unit_no text not null,
  url text not null,
  -- ruleid: performance-unindexed-foreign-key
  constraint unit_photos_unit_fkey foreign key (property_id, unit_no)
    references public.units (property_id, unit_no) on delete cascade
);
create index unit_photos_unit_idx on public.unit_photos (unit_no, property_id, url);
-- ruleid: security-permissive-rls-policy @note
create table public.unit_videos (
  id uuid primary key default gen_random_uuid(),
  property_id uuid not null,
  unit_no text not null,
  -- ok: performance-unindexed-foreign-key
  constraint unit_videos_unit_fkey foreign key (property_id, unit_no)
    references public.units (property_id, unit_no) on delete cascade
);
create index unit_videos_unit_idx on public.unit_videos (property_id, unit_no, id);
alter table public.unit_videos enable row level security;

-- the same key with only half of it indexed: not covered
-- ruleid: security-permissive-rls-policy @note
create table public.unit_notes (
  id uuid primary key default gen_random_uuid(),
  property_id uuid not null,
  unit_no text not null,
  body text,
  -- ruleid: performance-unindexed-foreign-key
  foreign key (property_id, unit_no) references public.units (property_id, unit_no)
);
create index unit_notes_unit_no_idx on public.unit_notes (unit_no);

-- ruleid: security-permissive-rls-policy @note
create table public.conversations (
  id uuid primary key default gen_random_uuid(),
  lead_id uuid not null,
  channel text not null default 'chat'
);
alter table public.conversations
  -- ruleid: performance-unindexed-foreign-key
  add constraint conversations_lead_id_fkey foreign key (lead_id) references public.leads (id) on delete cascade;

alter table public.organizations enable row level security;
alter table public.properties enable row level security;
alter table public.agents enable row level security;
alter table public.leads enable row level security;
alter table public.lead_events enable row level security;
alter table public.lead_profiles enable row level security;
alter table public.units enable row level security;
alter table public.unit_photos enable row level security;
alter table public.unit_notes enable row level security;
alter table public.conversations enable row level security;
