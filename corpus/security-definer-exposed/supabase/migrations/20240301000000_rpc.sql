-- Functions and views the API serves, as Supabase CLI migrations write them.

create table public.orders (
  id bigint generated always as identity primary key,
  user_id uuid not null,
  total numeric not null
);
create index orders_user_id_idx on public.orders (user_id);
alter table public.orders enable row level security;
create policy "own orders" on public.orders for select to authenticated
  using ((select auth.uid()) = user_id);

-- callable by anon through /rest/v1/rpc/order_totals, and it skips row level security
-- ruleid: security-definer-exposed @warning
create function public.order_totals() returns numeric
language sql stable security definer set search_path = ''
as $$ select sum(total) from public.orders $$;

-- revoked from PUBLIC only: Supabase's default privileges still grant anon and authenticated
-- ruleid: security-definer-exposed @warning
create function public.delete_order(p_id bigint) returns void
language sql security definer set search_path = ''
as $$ delete from public.orders where id = p_id $$;
revoke execute on function public.delete_order(bigint) from public;

-- revoked from PUBLIC and anon, granted to authenticated on purpose: a warning
-- ruleid: security-definer-exposed @note
create function public.my_order_count() returns bigint
language sql stable security definer set search_path = ''
as $$ select count(*) from public.orders where user_id = auth.uid() $$;
revoke execute on function public.my_order_count() from public, anon;

-- revoked from every API role: only the service role (or a grant later) may call it
-- ok: security-definer-exposed
create function public.refund_all(p_user uuid) returns void
language sql security definer set search_path = ''
as $$ update public.orders set total = 0 where user_id = p_user $$;
revoke execute on function public.refund_all(uuid) from public, anon, authenticated;
grant execute on function public.refund_all(uuid) to service_role;

-- a helper for policies, in a schema the API does not expose
create schema if not exists private;
-- ok: security-definer-exposed
create function private.is_member(p_org uuid) returns boolean
language sql stable security definer set search_path = ''
as $$ select true $$;

-- invoker functions respect row level security
-- ok: security-definer-exposed
create function public.order_count() returns bigint
language sql stable set search_path = ''
as $$ select count(*) from public.orders $$;

-- trigger functions cannot be called through the API
-- ok: security-definer-exposed
create function public.orders_audit() returns trigger
language plpgsql security definer set search_path = ''
as $$ begin return new; end $$;

-- made invoker later by ALTER FUNCTION
-- ok: security-definer-exposed
create function public.order_stats() returns numeric
language sql stable security definer set search_path = ''
as $$ select avg(total) from public.orders $$;

-- revoked later by ALL FUNCTIONS IN SCHEMA
-- ok: security-definer-exposed
create function public.export_orders() returns setof public.orders
language sql security definer set search_path = ''
as $$ select * from public.orders $$;

-- a view reads with its owner's rights: past the policy above
-- ruleid: security-definer-exposed @warning
create view public.order_summaries as
  select o.user_id, sum(o.total) as total from public.orders o group by o.user_id;

-- ok: security-definer-exposed
create view public.my_orders with (security_invoker = true) as
  select * from public.orders;

-- made invoker by ALTER VIEW later
-- ok: security-definer-exposed
create view public.recent_orders as
  select * from public.orders order by id desc limit 50;

-- revoked from the API roles
-- ok: security-definer-exposed
create view public.order_export as select * from public.orders;
revoke select on public.order_export from anon, authenticated;

-- over a table without row level security: security-rls-disabled's finding, not this one
-- ruleid: security-rls-disabled
create table public.currencies (code text primary key);
-- ok: security-definer-exposed
create view public.currency_codes as select code from public.currencies;

-- auth.users through a view in public
-- ruleid: security-definer-exposed @error
create view public.user_directory as
  select u.id, u.email, u.raw_user_meta_data ->> 'full_name' as name from auth.users u;

-- even with security_invoker the grants make auth.users readable where its own grants allow;
-- invoker views of auth.users fail for anon (no grant on auth.users): not reported
-- ok: security-definer-exposed
create view public.me with (security_invoker = on) as select id, email from auth.users where id = auth.uid();

-- CREATE OR REPLACE VIEW without the option drops it again
-- ruleid: security-definer-exposed @warning
create or replace view public.my_orders as
  select id, user_id, total from public.orders;
