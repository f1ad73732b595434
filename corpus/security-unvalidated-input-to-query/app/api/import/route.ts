// Propagation through the shapes real handlers use: formData, text + JSON.parse, spread,
// Object.assign, structuredClone, ternaries, ??, loops, array callbacks, try/catch, switch.
import { NextRequest, NextResponse } from 'next/server'
import { createClient } from '@/lib/supabase/server'

// ruleid: security-missing-auth
export async function POST(req: NextRequest) {
  const supabase = await createClient()
  const form = await req.formData()
  const email = form.get('email')
  // ruleid: security-unvalidated-input-to-query
  await supabase.from('subscribers').upsert({ email, source: 'form' })
  return NextResponse.json({ ok: true })
}

// ruleid: security-missing-auth
export async function PUT(req: NextRequest) {
  const supabase = await createClient()
  const raw = await req.text()
  const rows = JSON.parse(raw)
  for (const row of rows) {
    // ruleid: security-unvalidated-input-to-query
    // ruleid: performance-n-plus-one
    await supabase.from('units').insert({ ...row, imported: true })
  }
  await Promise.all(
    rows.map(async (r: { id: string }) => {
      // ruleid: security-unvalidated-input-to-query
      // ruleid: performance-n-plus-one
      await supabase.from('units').update({ imported: true }).eq('id', r.id)
    }),
  )
  // Array.from is not a query builder, and filtering an array is not a query.
  const ids = Array.from(rows).filter((r) => r !== null)
  // ruleid: security-unvalidated-input-to-query
  await supabase.from('units').select('id').in('id', ids)
  return NextResponse.json({ ok: true })
}

// ruleid: security-missing-auth
export async function PATCH(req: NextRequest) {
  const supabase = await createClient()
  const body = await req.json()
  const merged = Object.assign({}, { status: 'new' }, body)
  // ruleid: security-unvalidated-input-to-query
  await supabase.from('leads').insert(merged)
  const copy = structuredClone(body.contact)
  // ruleid: security-unvalidated-input-to-query
  await supabase.from('contacts').insert(copy)
  const status = body.archived ? 'archived' : body.status ?? 'new'
  // ruleid: security-unvalidated-input-to-query
  await supabase.from('leads').update({ status }).eq('id', 42)
  const flag = body.archived ? 'archived' : 'active'
  // ok: security-unvalidated-input-to-query
  await supabase.from('leads').update({ flag }).eq('id', 42)
  return NextResponse.json({ ok: true })
}

// ruleid: security-missing-auth
export async function DELETE(req: NextRequest) {
  const supabase = await createClient()
  let target: string | null = null
  try {
    const body = await req.json()
    target = body.id
  } catch {
    return NextResponse.json({ error: 'bad json' }, { status: 400 })
  }
  // ruleid: security-unvalidated-input-to-query
  await supabase.from('units').delete().eq('id', target)
  return NextResponse.json({ ok: true })
}

export async function GET(req: NextRequest) {
  const supabase = await createClient()
  const kind = req.nextUrl.searchParams.get('kind')
  let column = 'created_at'
  switch (kind) {
    case 'name':
      column = 'name'
      break
    default:
      column = kind ?? 'created_at'
  }
  // ruleid: security-unvalidated-input-to-query
  const { data } = await supabase.from('units').select('*').order(column)
  let sort = 'created_at'
  if (kind === 'name') {
    sort = 'name'
  }
  // ok: security-unvalidated-input-to-query
  const { data: sorted } = await supabase.from('units').select('*').order(sort)
  return NextResponse.json({ data, sorted })
}
