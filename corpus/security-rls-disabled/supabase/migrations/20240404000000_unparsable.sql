-- A statement Postgres rejects in the middle of a file does not derail the rest.
-- ruleid: security-rls-disabled
create table public.showings (id uuid primary key, at timestamptz);

select {{ templated_column }} from public.showings;

-- ok: security-rls-disabled
-- ruleid: security-permissive-rls-policy @note
create table public.showing_feedback (id uuid primary key, score int);
alter table public.showing_feedback enable row level security;

-- A stray MySQL statement (pasted from an old dump) does not make the set MySQL's: the Supabase
-- tables around it are still checked, and the MySQL table itself has no RLS to enable.
-- ok: security-rls-disabled
CREATE TABLE `legacy_import` (`id` int NOT NULL AUTO_INCREMENT, PRIMARY KEY (`id`)) ENGINE=InnoDB;

-- ruleid: security-rls-disabled
create table public.showing_slots (id uuid primary key, starts_at timestamptz);
