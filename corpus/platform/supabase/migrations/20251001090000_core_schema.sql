-- Core schema: properties, who manages them, their floor plans, units and leads.

create table public.properties (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  address text,
  timezone text not null default 'America/Chicago',
  created_at timestamptz not null default now()
);

create table public.property_members (
  property_id uuid not null references public.properties (id) on delete cascade,
  -- ok: performance-unindexed-foreign-key
  user_id uuid not null references auth.users (id) on delete cascade,
  role text not null default 'agent' check (role in ('owner', 'manager', 'agent')),
  primary key (property_id, user_id)
);
create index property_members_user_id_idx on public.property_members (user_id);

create table public.floor_plans (
  id uuid primary key default gen_random_uuid(),
  -- ok: performance-unindexed-foreign-key
  property_id uuid not null references public.properties (id) on delete cascade,
  name text not null,
  bedrooms int not null default 1
);
create index floor_plans_property_id_idx on public.floor_plans (property_id);

create table public.units (
  id uuid primary key default gen_random_uuid(),
  -- ok: performance-unindexed-foreign-key
  property_id uuid not null references public.properties (id) on delete cascade,
  floor_plan_id uuid references public.floor_plans (id),
  unit_number text not null,
  status text not null default 'vacant',
  unique (property_id, unit_number)
);
create index units_floor_plan_id_idx on public.units (floor_plan_id);

-- The audit: leads.property_id is joined on every dashboard load and has no index.
create table public.leads (
  id uuid primary key default gen_random_uuid(),
  -- ruleid: performance-unindexed-foreign-key
  property_id uuid not null references public.properties (id) on delete cascade,
  first_name text,
  last_name text,
  email text,
  phone text,
  source text,
  status text not null default 'new',
  score int,
  created_at timestamptz not null default now()
);
create index leads_created_at_idx on public.leads (created_at desc);

create table public.lead_events (
  -- ok: performance-unindexed-foreign-key
  lead_id uuid not null references public.leads (id) on delete cascade,
  at timestamptz not null default now(),
  kind text not null,
  payload jsonb not null default '{}'::jsonb,
  primary key (lead_id, at)
);

-- Row level security: members see the rows of their properties.
-- ruleid: security-definer-exposed @warning
create or replace function public.is_property_member(p uuid)
returns boolean
language sql stable security definer set search_path = ''
as $$
  select exists (
    select 1 from public.property_members m
    where m.property_id = p and m.user_id = (select auth.uid())
  );
$$;

alter table public.properties enable row level security;
alter table public.property_members enable row level security;
alter table public.floor_plans enable row level security;
alter table public.units enable row level security;
alter table public.leads enable row level security;
alter table public.lead_events enable row level security;

create policy "members read their properties" on public.properties
  for select to authenticated using (public.is_property_member(id));
create policy "members read their membership" on public.property_members
  for select to authenticated using (user_id = (select auth.uid()));
create policy "members read floor plans" on public.floor_plans
  for select to authenticated using (public.is_property_member(property_id));
create policy "members read units" on public.units
  for select to authenticated using (public.is_property_member(property_id));
create policy "members manage leads" on public.leads
  for all to authenticated
  using (public.is_property_member(property_id))
  with check (public.is_property_member(property_id));
create policy "members read lead events" on public.lead_events
  for select to authenticated
  using (exists (select 1 from public.leads l
                 where l.id = lead_id and public.is_property_member(l.property_id)));
