-- What Supabase's advisor asks for, one function at a time.
alter function public.full_name_of(uuid) set search_path = '';
alter function public.is_admin set search_path = public;
alter function public.is_admin() reset search_path;
alter function public.clamp(integer, integer) set search_path = '';
drop function if exists public.old_helper(int);
