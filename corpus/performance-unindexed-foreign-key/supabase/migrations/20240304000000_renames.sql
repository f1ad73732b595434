-- Renames keep the model in step: the index follows its column and its table.
-- ruleid: security-permissive-rls-policy @note
create table public.tours (
  id uuid primary key default gen_random_uuid(),
  -- ok: performance-unindexed-foreign-key
  lead uuid not null references public.leads (id),
  scheduled_at timestamptz not null
);
create index tours_lead_idx on public.tours (lead);
alter table public.tours rename column lead to lead_id;
alter table public.tours rename to property_tours;
alter table public.property_tours enable row level security;

-- a key whose table is dropped later is not reported
create table public.tmp_imports (
  id uuid primary key default gen_random_uuid(),
  -- ok: performance-unindexed-foreign-key
  property_id uuid references public.properties (id)
);
alter table public.tmp_imports enable row level security;
drop table public.tmp_imports;

-- a key whose column is dropped later is not reported
alter table public.leads
  -- ok: performance-unindexed-foreign-key
  add column referrer_id uuid references public.leads (id);
alter table public.leads drop column referrer_id;

-- a key dropped by name is not reported, a key added with ADD COLUMN is
alter table public.conversations
  -- ok: performance-unindexed-foreign-key
  add constraint conversations_agent_fkey foreign key (lead_id) references public.leads (id);
alter table public.conversations drop constraint conversations_agent_fkey;
alter table public.conversations
  -- ruleid: performance-unindexed-foreign-key
  add column assigned_agent uuid references public.agents (id);

-- Supabase's profiles pattern: the key is the primary key, which covers it
-- ruleid: security-permissive-rls-policy @note
create table public.profiles (
  -- ok: performance-unindexed-foreign-key
  id uuid not null references auth.users on delete cascade primary key,
  full_name text,
  -- ruleid: performance-unindexed-foreign-key
  invited_by uuid references auth.users (id)
);
alter table public.profiles enable row level security;
