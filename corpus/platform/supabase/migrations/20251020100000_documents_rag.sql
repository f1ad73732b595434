-- Knowledge base for the RAG chat: property documents split into embedded chunks.

create extension if not exists vector with schema extensions;

-- The audit: documents.property_id is filtered on by every RAG query, without an index;
-- and the table was never given row level security.
-- ruleid: security-rls-disabled
create table public.documents (
  id uuid primary key default gen_random_uuid(),
  -- ruleid: performance-unindexed-foreign-key
  property_id uuid not null references public.properties (id) on delete cascade,
  title text not null,
  content text not null,
  embedding extensions.vector(1536),
  created_at timestamptz not null default now()
);
-- an HNSW index serves similarity search, not the foreign key
create index documents_embedding_idx on public.documents
  using hnsw (embedding extensions.vector_cosine_ops);

-- ruleid: security-function-search-path @note
create or replace function public.match_documents(
  query_embedding extensions.vector(1536), p_property_id uuid, match_count int default 5)
returns table (id uuid, title text, content text, similarity float)
language plpgsql stable
as $$
begin
  return query
  select d.id, d.title, d.content, 1 - (d.embedding <=> query_embedding) as similarity
  from public.documents d
  where d.property_id = p_property_id
  order by d.embedding <=> query_embedding
  limit match_count;
end;
$$;
