-- A pg_dump-style seed: COPY ... FROM stdin data rows are data up to the \. line. An
-- apostrophe in a row (O'Brien) used to open a quote that swallowed every statement after it,
-- and rows that read like SQL became tables.
-- ruleid: security-permissive-rls-policy
create table public.authors (id bigint primary key, name text);
alter table public.authors enable row level security;

COPY public.authors (id, name) FROM stdin;
1	O'Brien
2	create table public.ghost (id bigint primary key, author_id bigint references public.authors (id));
3	$$ never closed
4	it's; drop table public.authors;
\.

-- ruleid: security-permissive-rls-policy
create table public.snippets (id bigint primary key, body text);
alter table public.snippets enable row level security;
COPY public.snippets (body) FROM stdin;
create table public.ghost (id bigint primary key, author_id bigint references public.authors (id));
select 'unclosed
\.

-- ruleid: security-permissive-rls-policy
create table public.books (
  id bigint primary key,
  -- ruleid: performance-unindexed-foreign-key
  author_id bigint references public.authors (id)
);
alter table public.books enable row level security;

copy public.books (id, author_id) from STDIN with (format text);
10	1
\.
-- ruleid: security-permissive-rls-policy
create table public.reviews (
  id bigint primary key,
  -- ruleid: performance-unindexed-foreign-key
  book_id bigint references public.books (id),
  -- ok: performance-unindexed-foreign-key
  note text default E'it\'s fine'
);
alter table public.reviews enable row level security;

-- COPY to stdout has no data rows: what follows is SQL
copy (select 1) to stdout;
-- ruleid: security-permissive-rls-policy
create table public.shelves (
  id bigint primary key,
  -- ruleid: performance-unindexed-foreign-key
  book_id bigint references public.books (id)
);
alter table public.shelves enable row level security;
