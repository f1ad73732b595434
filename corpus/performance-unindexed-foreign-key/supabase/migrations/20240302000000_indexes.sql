-- A later migration adds the index leads.property_id was missing: the key is covered.
create index concurrently if not exists leads_property_id_idx on public.leads (property_id);

-- Partial, expression and GIN indexes.
-- ruleid: security-permissive-rls-policy @note
create table public.messages (
  id uuid primary key default gen_random_uuid(),
  -- ok: performance-unindexed-foreign-key
  conversation_id uuid references public.conversations (id),
  -- ruleid: performance-unindexed-foreign-key
  reply_to uuid references public.messages (id),
  -- ruleid: performance-unindexed-foreign-key
  author_id uuid references public.agents (id),
  -- ruleid: performance-unindexed-foreign-key
  lead_id uuid references public.leads (id),
  body text,
  deleted_at timestamptz
);
-- "col IS NOT NULL" holds every row a foreign key check looks for: it covers
create index messages_conversation_idx on public.messages (conversation_id)
  where conversation_id is not null;
-- any other predicate leaves rows out: no cover
create index messages_reply_to_live_idx on public.messages (reply_to) where deleted_at is null;
-- an expression is not the column
create index messages_author_text_idx on public.messages ((author_id::text));
-- GIN does not serve equality lookups of a uuid
create index messages_lead_gin_idx on public.messages using gin (lead_id, body);

alter table public.messages enable row level security;
