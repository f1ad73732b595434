-- psql's \copy reads its rows from the lines after it, like COPY ... FROM stdin
-- ruleid: security-permissive-rls-policy
create table public.tags (id bigint primary key, label text);
alter table public.tags enable row level security;
\copy public.tags (id, label) from stdin
1	rock'n'roll
2	create table public.phantom (id bigint primary key);
\.
-- ruleid: security-permissive-rls-policy
create table public.book_tags (
  id bigint primary key,
  -- ruleid: performance-unindexed-foreign-key
  tag_id bigint references public.tags (id)
);
alter table public.book_tags enable row level security;
