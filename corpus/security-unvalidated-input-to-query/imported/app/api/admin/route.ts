import { NextResponse } from 'next/server'
import { supabase } from '@/lib/supabase/admin'
import { getServiceClient } from '@/lib/supabase/admin'
import { audit } from '@/lib/leads'

// ruleid: security-missing-auth
export async function POST(req: Request) {
  const body = await req.json()
  // the client is made with the service-role key in lib/supabase/admin.ts
  // ruleid: security-unvalidated-input-to-query @error
  await supabase.from('leads').insert(body)
  const service = getServiceClient()
  // ruleid: security-unvalidated-input-to-query @error
  await service.from('leads').update(body).eq('id', 'x')
  // ruleid: security-unvalidated-input-to-query @warning
  await audit(body)
  return NextResponse.json({ ok: true })
}
