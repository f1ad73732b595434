-- Functions as the Supabase CLI's migrations write them.

create table public.profiles (
  id uuid primary key references auth.users (id) on delete cascade,
  full_name text
);
alter table public.profiles enable row level security;
create policy "own profile" on public.profiles for select to authenticated
  using ((select auth.uid()) = id);

-- the trigger function of Supabase's user-management quickstart, as first written
-- ruleid: security-function-search-path @warning
create function public.handle_new_user()
returns trigger
language plpgsql
security definer
as $$
begin
  insert into public.profiles (id, full_name)
  values (new.id, new.raw_user_meta_data ->> 'full_name');
  return new;
end;
$$;

create trigger on_auth_user_created
  after insert on auth.users
  for each row execute procedure public.handle_new_user();

-- the quickstart as it is written today: fixed search_path, qualified names
-- ok: security-function-search-path
create or replace function public.handle_new_user_fixed()
returns trigger
language plpgsql
security definer set search_path = ''
as $$
begin
  insert into public.profiles (id, full_name) values (new.id, new.raw_user_meta_data ->> 'full_name');
  return new;
end;
$$;

-- an invoker function: its names resolve through the caller's path, with the caller's rights
-- ruleid: security-function-search-path @note
create or replace function public.set_updated_at() returns trigger language plpgsql as $$
begin
  new.updated_at = now();
  return new;
end $$;

-- an SQL function with arguments, fixed in a later migration by ALTER FUNCTION
-- ok: security-function-search-path
-- ruleid: security-definer-exposed @warning
create function public.full_name_of(p_id uuid) returns text
language sql stable security definer
as $$ select full_name from public.profiles where id = p_id $$;

-- a later migration sets it, then another RESETs it
-- ruleid: security-function-search-path @warning
-- ruleid: security-definer-exposed @warning
create function public.is_admin() returns boolean
language sql security definer
as $$ select false $$;

-- SET search_path FROM CURRENT fixes it too
-- ok: security-function-search-path
create function public.touch(p_id uuid, p_at timestamptz default now()) returns void
language sql set search_path from current
as $$ update public.profiles set full_name = full_name where id = p_id $$;

-- a procedure
-- ruleid: security-function-search-path @note
create procedure public.archive_profiles() language sql as $$ delete from public.profiles where false $$;

-- dropped later: nothing left to report
-- ok: security-function-search-path
create function public.old_helper(n int) returns int language sql as $$ select n $$;

-- overloads are different functions: only the one with two arguments is fixed later
-- ruleid: security-function-search-path @note
create function public.clamp(v int) returns int language sql immutable as $$ select greatest(v, 0) $$;
-- ok: security-function-search-path
create function public.clamp(v int, hi int) returns int language sql immutable as $$ select least(greatest(v, 0), hi) $$;
