#!/bin/sh
# ruleid: security-hardcoded-secret
export SUPABASE_ACCESS_TOKEN=@@fake:supabase-pat:sh@@
# ok: security-hardcoded-secret
curl -H "Authorization: Bearer $SUPABASE_ACCESS_TOKEN" https://api.supabase.com/v1/projects
# ruleid: security-hardcoded-secret
supabase link --password '@@fake:password:sh@@' --db-url "postgresql://postgres:@@fake:password:sh@@@db.fakeprojectref000000.supabase.co:5432/postgres"
# ok: security-hardcoded-secret
echo "#preflight-ignore is a word here, not a directive: sk-proj-..."
