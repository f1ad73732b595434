import { NextResponse } from 'next/server'
import { cookies } from 'next/headers'
import { createClient } from '@/lib/supabase/factory'

// ruleid: security-missing-auth
export async function POST(req: Request) {
  const body = await req.json()
  // the anon key: the caller did not ask for the service role
  const supabase = createClient(await cookies())
  // ruleid: security-unvalidated-input-to-query @warning
  await supabase.from('leads').insert(body)
  const admin = createClient(undefined, true)
  // ruleid: security-unvalidated-input-to-query @error
  await admin.from('leads').insert(body)
  return NextResponse.json({ ok: true })
}
