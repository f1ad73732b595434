// Dynamic route params (this file stands for app/api/leads/[id]/route.ts), new URL(req.url),
// PostgREST filter strings and reassignment.
import { NextResponse } from 'next/server'
import { createClient } from '@/lib/supabase/server'

type Ctx = { params: Promise<{ id: string }> }

export async function GET(req: Request, { params }: Ctx) {
  const supabase = await createClient()
  const { id } = await params
  const { data } = await supabase
    .from('leads')
    .select('*')
    // ruleid: security-unvalidated-input-to-query
    .or(`id.eq.${id},external_id.eq.${id}`)
  return NextResponse.json(data)
}

// ruleid: security-missing-auth
export async function DELETE(req: Request, context: Ctx) {
  const supabase = await createClient()
  const leadId = (await context.params).id
  // ruleid: security-unvalidated-input-to-query
  await supabase.from('leads').delete().eq('id', leadId)
  return new NextResponse(null, { status: 204 })
}

export async function POST(req: Request) {
  const supabase = await createClient()
  const url = new URL(req.url)
  const q = url.searchParams.get('q')
  const filter = 'name.ilike.%' + q + '%'
  // ruleid: security-unvalidated-input-to-query
  const { data } = await supabase.from('leads').select('id').or(filter)
  // The same filter built from a constant stays clean.
  const fixed = 'status.eq.new,status.eq.contacted'
  // ok: security-unvalidated-input-to-query
  const { data: fresh } = await supabase.from('leads').select('id').or(fixed)
  return NextResponse.json({ data, fresh })
}

// ruleid: security-missing-auth
export async function PUT(req: Request) {
  const supabase = await createClient()
  let status = (await req.json()).status
  status = 'archived' // reassigned to a constant: the taint is gone
  // ok: security-unvalidated-input-to-query
  await supabase.from('leads').update({ status }).eq('status', status)
  return NextResponse.json({ ok: true })
}

// An arrow function exported as the handler, with the params typed inline.
// ruleid: security-missing-auth
export const PATCH = async (req: Request, { params }: { params: Promise<{ id: string }> }) => {
  const supabase = await createClient()
  const { id } = await params
  const leadId = Number(id)
  if (!Number.isInteger(leadId)) return NextResponse.json({ error: 'bad id' }, { status: 400 })
  // ok: security-unvalidated-input-to-query
  await supabase.from('leads').update({ touched: true }).eq('id', leadId)
  // ruleid: security-unvalidated-input-to-query
  await supabase.from('lead_events').insert({ lead_ref: id, kind: 'touch' })
  return NextResponse.json({ ok: true })
}
