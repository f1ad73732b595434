-- A statement Postgres rejects in the middle of a file does not derail the rest.
-- ruleid: security-permissive-rls-policy @note
create table public.showings (
  id uuid primary key default gen_random_uuid(),
  -- ruleid: performance-unindexed-foreign-key
  lead_id uuid not null references public.leads (id),
  at timestamptz
);

-- ruleid: security-permissive-rls-policy @note
create table public.broken (id uuid primary key, {{ extra_columns }});

-- ruleid: security-permissive-rls-policy @note
create table public.showing_feedback (
  id uuid primary key default gen_random_uuid(),
  -- ruleid: performance-unindexed-foreign-key
  showing_id uuid references public.showings (id),
  score int
);
alter table public.broken enable row level security;
alter table public.showings enable row level security;
alter table public.showing_feedback enable row level security;
