// The request names the table, the columns or a payload's keys: supabase-js .from(x),
// .select(`...${x}`) and computed keys ({ [body.column]: value }) are sinks too.
import { NextRequest, NextResponse } from 'next/server'
import { z } from 'zod'
import { createClient } from '@/lib/supabase/server'

const TABLES = ['leads', 'tours'] as const
const Body = z.object({ column: z.enum(['name', 'email']), value: z.string() })

export async function GET(request: NextRequest) {
  const supabase = createClient()
  const { searchParams } = new URL(request.url)
  const table = searchParams.get('table') ?? 'leads'
  const fields = searchParams.get('fields')

  // ruleid: security-unvalidated-input-to-query @warning
  await supabase.from(table).select('*')
  // ruleid: security-unvalidated-input-to-query @warning
  await supabase.from('leads').select(`id, name, ${fields}`)
  // ruleid: security-unvalidated-input-to-query @warning
  await supabase.from('leads').select(fields ?? '*')
  // ok: security-unvalidated-input-to-query
  await supabase.from('leads').select('id, name')
  // a table from a fixed list, by a constant index
  // ok: security-unvalidated-input-to-query
  await supabase.from(TABLES[0]).select('*')
  // Array.from and Buffer.from are no tables
  // ok: security-unvalidated-input-to-query
  const ids = Array.from(searchParams.keys())
  // ok: security-unvalidated-input-to-query
  const raw = Buffer.from(fields ?? '', 'base64')
  return NextResponse.json({ ids, raw: raw.length })
}

const ALLOWED = ['leads', 'tours']
const COLUMNS = new Set(['id', 'name'])

export async function POST(request: NextRequest) {
  const supabase = createClient()
  const { table, select = '*' } = await request.json()
  if (!ALLOWED.includes(table)) {
    return NextResponse.json({ error: 'invalid table' }, { status: 400 })
  }
  // a table from an allowlist
  // ok: security-unvalidated-input-to-query
  const q = supabase.from(table)
  // the columns were not checked
  // ruleid: security-unvalidated-input-to-query @warning
  await q.select(select)
  if (!COLUMNS.has(select)) return NextResponse.json({ error: 'invalid column' }, { status: 400 })
  // ok: security-unvalidated-input-to-query
  await supabase.from('leads').select(select)
  return NextResponse.json({ ok: true })
}

// ruleid: security-missing-auth
export async function PATCH(request: NextRequest) {
  const supabase = createClient()
  const body = await request.json()
  // ruleid: security-unvalidated-input-to-query @warning
  await supabase.from('leads').update({ [body.column]: 'x' }).eq('id', 1)
  const key = body.column
  // ruleid: security-unvalidated-input-to-query @warning
  await supabase.from('leads').insert({ name: 'x', [key]: true })
  // a computed key that is a constant
  // ok: security-unvalidated-input-to-query
  await supabase.from('leads').update({ ['status']: 'seen' }).eq('id', 1)
  const parsed = Body.parse(body)
  // ok: security-unvalidated-input-to-query
  await supabase.from('leads').update({ [parsed.column]: parsed.value }).eq('id', 1)
  return NextResponse.json({ ok: true })
}
