-- A Postgres database that no Supabase API serves: nothing is exposed
create table accounts (id int primary key, balance numeric);
-- ok: security-definer-exposed
create function transfer(a int, b int, amount numeric) returns void
language sql security definer set search_path = public
as $$ update accounts set balance = balance - amount where id = a $$;
