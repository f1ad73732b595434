-- ruleid: reliability-destructive-migration
drop table public.audit_log;

-- ruleid: reliability-destructive-migration
drop table if exists public.old_contacts cascade;

-- ruleid: reliability-destructive-migration
alter table public.leads drop column legacy_notes;

-- ruleid: reliability-destructive-migration
truncate table public.sessions;

-- ruleid: reliability-destructive-migration
delete from public.imports;

-- a WHERE clause selects the rows meant
-- ok: reliability-destructive-migration
delete from public.lead_events where kind = 'test';
-- ok: reliability-destructive-migration
update public.leads set score = 0 where score is null;
-- `where true` says every row is meant
-- ok: reliability-destructive-migration
update public.flags set enabled = false where true;

-- ruleid: reliability-destructive-migration
update public.leads set source = 'web';

-- a backfill of a column this file adds overwrites nothing
alter table public.leads add column status text;
-- ok: reliability-destructive-migration
update public.leads set status = 'new';
-- a column added in this file and dropped again held nothing
alter table public.leads add column tmp_rank int;
-- ok: reliability-destructive-migration
alter table public.leads drop column tmp_rank;

-- a type change that rewrites the table
-- ruleid: reliability-destructive-migration
alter table public.leads alter column score type numeric(5, 2);
-- to text or varchar nothing is lost
-- ok: reliability-destructive-migration
alter table public.leads alter column phone type text;
-- ruleid: reliability-destructive-migration
alter table public.leads alter column created_at set data type date using created_at::date;

-- dropped here, and created again by a later migration: restored
-- ok: reliability-destructive-migration
alter table public.leads drop column email;
-- ok: reliability-destructive-migration
drop table public.flags;

-- a table the set never creates is unknown: not reported
-- ok: reliability-destructive-migration
drop table if exists public.never_made;
-- ok: reliability-destructive-migration
truncate auth.audit_log_entries;
