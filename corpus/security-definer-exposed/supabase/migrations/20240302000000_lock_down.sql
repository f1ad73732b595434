alter function public.order_stats() security invoker;
revoke execute on all functions in schema public from public;
revoke execute on all functions in schema public from anon, authenticated;
grant execute on function public.order_totals() to anon;
grant execute on function public.delete_order(bigint) to anon, authenticated;
grant execute on function public.my_order_count to authenticated;
alter view public.recent_orders set (security_invoker = true);

-- functions made after ALTER DEFAULT PRIVILEGES revokes the defaults are not executable by
-- the API roles
alter default privileges in schema public revoke execute on functions from public;
alter default privileges in schema public revoke execute on functions from anon, authenticated;
-- ok: security-definer-exposed
create function public.purge_orders() returns void
language sql security definer set search_path = ''
as $$ delete from public.orders where total = 0 $$;
