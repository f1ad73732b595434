// Objects built up field by field, closures, and the known gaps of the analysis (todoruleid).
import { NextRequest, NextResponse } from 'next/server'
import { createClient } from '@/lib/supabase/server'

// ruleid: security-missing-auth
export async function PATCH(req: NextRequest) {
  const supabase = await createClient()
  const body = await req.json()
  const updates: Record<string, unknown> = { updated_at: new Date().toISOString() }
  if (body.status) updates.status = body.status
  if (body.notes) updates['notes'] = body.notes
  // ruleid: security-unvalidated-input-to-query
  await supabase.from('leads').update(updates).eq('id', 7)
  const audit: Record<string, unknown> = {}
  audit.at = Date.now()
  // ok: security-unvalidated-input-to-query
  await supabase.from('audit').insert(audit)
  return NextResponse.json({ ok: true })
}

// ruleid: security-missing-auth
export async function POST(req: NextRequest) {
  const supabase = await createClient()
  const body = await req.json()
  // A closure sees the variables of the function around it, as they are where it is written.
  const save = async () => {
    // ruleid: security-unvalidated-input-to-query
    await supabase.from('leads').insert(body)
  }
  await save()
  setTimeout(async () => {
    // ruleid: security-unvalidated-input-to-query
    await supabase.from('leads').update({ seen: true }).eq('id', body.id)
  }, 1000)
  // Known gap: the closure runs where it is written, not where it is called; here it is
  // called after `target` was reassigned.
  let target = 'none'
  // todoruleid: security-unvalidated-input-to-query
  const later = () => supabase.from('leads').select('*').eq('id', target)
  target = body.id
  await later()
  return NextResponse.json({ ok: true })
}
