-- A plain schema file outside any migrations directory forms a set of its own.
-- ruleid: security-rls-disabled
create table public.settings (key text primary key, value jsonb);

-- ok: security-rls-disabled
create table internal.settings_history (id bigint primary key, key text, value jsonb);
