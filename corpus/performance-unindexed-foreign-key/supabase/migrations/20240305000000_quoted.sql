-- Quoted mixed-case identifiers keep their case; unquoted ones fold to lowercase.
-- ruleid: security-permissive-rls-policy @note
create table public."Tenants" (
  "Id" uuid primary key,
  -- ok: performance-unindexed-foreign-key
  "PropertyId" uuid not null references public.properties (id),
  -- ruleid: performance-unindexed-foreign-key
  "LeadId" uuid references public.leads (id)
);
create index "Tenants_PropertyId_idx" on public."Tenants" ("PropertyId");
-- LeadId unquoted is the column leadid, which "Tenants" does not have
create index tenants_leadid_idx on public."Tenants" (LeadId);
alter table public."Tenants" enable row level security;
