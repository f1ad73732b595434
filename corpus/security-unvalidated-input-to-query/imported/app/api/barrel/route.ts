// Clients and helpers imported through barrels (lib/supabase/index.ts, lib/index.ts) are
// the ones the barrels re-export.
import { NextResponse } from 'next/server'
import { dataClient, getServiceClient, createClient, SCHEMA } from '@/lib/supabase'
import { createLead, describeLead } from '@/lib'

// ruleid: security-missing-auth
export async function POST(req: Request) {
  const body = await req.json()
  // export { supabase as dataClient } from './admin': the service-role client
  // ruleid: security-unvalidated-input-to-query @error
  await dataClient.from('leads').insert(body)
  const service = getServiceClient()
  // ruleid: security-unvalidated-input-to-query @error
  await service.from('leads').update(body).eq('id', 'x')
  // export * from './server': the RLS-scoped client stays a warning
  const supabase = await createClient()
  // ruleid: security-unvalidated-input-to-query @warning
  await supabase.from('leads').insert(body)
  // export * from './leads': the helper writes its parameter
  // ruleid: security-unvalidated-input-to-query @warning
  await createLead(body)
  // ok: security-unvalidated-input-to-query
  const text = describeLead(body)
  return NextResponse.json({ ok: true, text, schema: SCHEMA })
}
