-- A quote that is never closed, then more statements
-- ruleid: security-permissive-rls-policy
create table public.users (id bigint primary key);
alter table public.users enable row level security;
comment on table public.users is 'the people who sign in;
-- ruleid: security-permissive-rls-policy
create table public.sessions (
  id bigint primary key,
  -- ruleid: performance-unindexed-foreign-key
  user_id bigint references public.users (id)
);
alter table public.sessions enable row level security;
