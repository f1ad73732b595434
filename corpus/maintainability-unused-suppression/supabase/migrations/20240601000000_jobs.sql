-- Suppression comments in a Supabase migration, used and stale.
-- ok: maintainability-unused-suppression
-- preflight-ignore-file[security-rls-disabled]: internal tables, never exposed through the API

-- ok: security-rls-disabled
create table public.job_runs (
  id bigint generated always as identity primary key,
  started_at timestamptz not null default now()
);

create table public.job_logs (
  id bigint generated always as identity primary key,
  -- ok: performance-unindexed-foreign-key, maintainability-unused-suppression
  run_id bigint not null references public.job_runs (id) -- preflight-ignore[performance-unindexed-foreign-key]: logs are pruned daily, never joined
);

create table public.job_tags (
  id bigint generated always as identity primary key,
  -- ok: maintainability-unused-suppression
  /* preflight-ignore-next-line[performance-unindexed-foreign-key]: a handful of rows */
  -- ok: performance-unindexed-foreign-key
  run_id bigint references public.job_runs (id),
  -- ruleid: maintainability-unused-suppression
  label text not null -- preflight-ignore[performance-unindexed-foreign-key]: no foreign key here
);

-- ruleid: maintainability-unused-suppression
-- preflight-ignore-next-line[security-sql-string-formatting]: not a SQL-file check
create index job_tags_label_idx on public.job_tags (label);
