-- A cleanup migration drops indexes it thinks unused: the one that covered agents.org_id goes.
-- ruleid: performance-unindexed-foreign-key
drop index if exists public.agents_org_id_idx;

-- dropping an index that covered nothing is fine
create index leads_email_idx on public.leads (email);
-- ok: performance-unindexed-foreign-key
drop index leads_email_idx;

-- dropping an index while another still covers the key is fine
create index leads_property_created_idx on public.leads (property_id, created_at);
-- ok: performance-unindexed-foreign-key
drop index concurrently leads_property_created_idx;

-- a renamed index is still the index
alter index public.messages_conversation_idx rename to messages_conversation_id_idx;
-- ok: performance-unindexed-foreign-key
drop index if exists messages_conversation_idx;
