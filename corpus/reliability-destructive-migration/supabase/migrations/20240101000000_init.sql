-- The tables later migrations change.
create table public.leads (
  id uuid primary key default gen_random_uuid(),
  email text not null,
  phone varchar(32),
  score int,
  source text,
  legacy_notes text,
  created_at timestamptz not null default now()
);
create table public.lead_events (id bigint primary key, lead_id uuid, kind text);
create table public.audit_log (id bigint primary key, body text);
create table public.sessions (id uuid primary key, token text);
create table public.imports (id bigint primary key, raw jsonb);
create table public.old_contacts (id bigint primary key, email text);
create table public.flags (id bigint primary key, name text, enabled boolean);
alter table public.leads enable row level security;
alter table public.lead_events enable row level security;
alter table public.audit_log enable row level security;
alter table public.sessions enable row level security;
alter table public.imports enable row level security;
alter table public.old_contacts enable row level security;
alter table public.flags enable row level security;
create policy "r1" on public.leads for select to authenticated using (auth.uid() is not null);
create policy "r2" on public.lead_events for select to authenticated using (auth.uid() is not null);
create policy "r3" on public.audit_log for select to authenticated using (auth.uid() is not null);
create policy "r4" on public.sessions for select to authenticated using (auth.uid() is not null);
create policy "r5" on public.imports for select to authenticated using (auth.uid() is not null);
create policy "r6" on public.old_contacts for select to authenticated using (auth.uid() is not null);
create policy "r7" on public.flags for select to authenticated using (auth.uid() is not null);

-- a table made and dropped in the same file never held data
-- ok: reliability-destructive-migration
create table public.scratch (id int);
-- ok: reliability-destructive-migration
drop table public.scratch;
-- ok: reliability-destructive-migration
delete from public.leads;
