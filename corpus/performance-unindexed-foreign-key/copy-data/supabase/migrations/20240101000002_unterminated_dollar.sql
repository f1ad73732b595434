-- A dollar quote that is never closed: the function is not read (a notice names the line),
-- and reading resumes at the next statement instead of dropping the rest of the file.
-- ruleid: security-permissive-rls-policy
create table public.orders (id bigint primary key);
alter table public.orders enable row level security;
create function public.touch() returns trigger language plpgsql as $body$
begin
  new.updated_at = now();
  return new;
end;
-- ruleid: security-permissive-rls-policy
create table public.order_items (
  id bigint primary key,
  -- ruleid: performance-unindexed-foreign-key
  order_id bigint references public.orders (id)
);
alter table public.order_items enable row level security;
