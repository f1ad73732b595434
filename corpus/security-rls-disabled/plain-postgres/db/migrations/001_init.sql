-- A Postgres application that no Supabase API serves (no policies, no row level security, no
-- grants to anon/authenticated, not under supabase/): there is no anon key to read its tables
-- with, so they are not reported (the check's all-projects option reports them too).
-- ok: security-rls-disabled
create table public.accounts (
  id bigserial primary key,
  email text not null unique
);

-- ok: security-rls-disabled
create table sessions (
  id text primary key,
  account_id bigint not null references public.accounts (id) on delete cascade,
  expires_at timestamptz not null
);
create index sessions_account_id_idx on sessions (account_id);
