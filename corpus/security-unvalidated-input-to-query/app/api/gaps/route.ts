// Objects built up field by field, and the known gaps of the analysis (todoruleid / todook).
import { NextRequest, NextResponse } from 'next/server'
import { createClient } from '@/lib/supabase/server'

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

export async function POST(req: NextRequest) {
  const supabase = await createClient()
  const body = await req.json()
  // Known gap: a closure that is not an array callback is analysed on its own, without the
  // variables of the function around it.
  const save = async () => {
    // todoruleid: security-unvalidated-input-to-query
    await supabase.from('leads').insert(body)
  }
  await save()
  return NextResponse.json({ ok: true })
}
