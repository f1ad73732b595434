-- the revert of the previous migration's mistakes
alter table public.leads add column email text;
create table public.flags (id bigint primary key, name text, enabled boolean);
alter table public.flags enable row level security;
create policy "r7" on public.flags for select to authenticated using (auth.uid() is not null);
-- statements inside DO blocks are read too
do $$
begin
  -- ruleid: reliability-destructive-migration
  delete from public.lead_events;
end $$;
