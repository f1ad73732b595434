-- LumaLeasing: the website chat widget's conversations with prospects.

create table public.conversations (
  id uuid primary key default gen_random_uuid(),
  -- ok: performance-unindexed-foreign-key
  property_id uuid not null references public.properties (id) on delete cascade,
  -- ruleid: performance-unindexed-foreign-key
  lead_id uuid references public.leads (id) on delete set null,
  visitor_id text not null,
  started_at timestamptz not null default now(),
  closed_at timestamptz
);
create index conversations_property_started_idx
  on public.conversations (property_id, started_at desc);

create table public.messages (
  id bigint generated always as identity primary key,
  -- ruleid: performance-unindexed-foreign-key
  conversation_id uuid not null references public.conversations (id) on delete cascade,
  role text not null check (role in ('user', 'assistant', 'system')),
  content text not null,
  tokens int,
  created_at timestamptz not null default now()
);
-- sorts by time, but does not lead with the foreign key
create index messages_created_at_idx on public.messages (created_at, conversation_id);

alter table public.conversations enable row level security;
alter table public.messages enable row level security;

create policy "members read conversations" on public.conversations
  for select to authenticated using (public.is_property_member(property_id));
create policy "members read messages" on public.messages
  for select to authenticated
  using (exists (select 1 from public.conversations c
                 where c.id = conversation_id and public.is_property_member(c.property_id)));
