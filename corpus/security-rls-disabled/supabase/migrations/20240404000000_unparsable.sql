-- A statement Postgres rejects in the middle of a file does not derail the rest.
-- ruleid: security-rls-disabled
create table public.showings (id uuid primary key, at timestamptz);

select {{ templated_column }} from public.showings;

-- ok: security-rls-disabled
create table public.showing_feedback (id uuid primary key, score int);
alter table public.showing_feedback enable row level security;
