-- A plain schema file outside any migrations directory forms a set of its own; its grants to
-- Supabase's API roles say the tables are served to them.
-- ruleid: security-rls-disabled
create table public.settings (key text primary key, value jsonb);
grant select on public.settings to anon, authenticated;

-- ok: security-rls-disabled
create table internal.settings_history (id bigint primary key, key text, value jsonb);
