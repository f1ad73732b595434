create function f() returns int as $$ select 1 $$ language sql;
create function g() returns int as $$ begin return 1; end $$ language plpgsql oops oops;
