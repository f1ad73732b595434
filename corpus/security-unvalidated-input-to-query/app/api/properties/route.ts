// Next.js App Router route handlers: request bodies and search params reaching supabase-js.
import { NextRequest, NextResponse } from 'next/server'
import { z } from 'zod'
import { createClient } from '@/lib/supabase/server'

const PropertySchema = z.object({
  propertyId: z.string().uuid(),
  notes: z.string().max(500).optional(),
})

// The audit's example, as written.
export async function POST(req: NextRequest) {
  const supabase = await createClient()
  const { propertyId } = await req.json()
  // ruleid: security-unvalidated-input-to-query
  const { data } = await supabase.from('properties').select('*').eq('id', propertyId)
  return NextResponse.json(data)
}

// The audit's fix: the schema parses the body first.
export async function PUT(req: NextRequest) {
  const supabase = await createClient()
  const validated = PropertySchema.parse(await req.json())
  const { data } = await supabase
    .from('properties')
    .select('*')
    // ok: security-unvalidated-input-to-query
    .eq('id', validated.propertyId)
  return NextResponse.json(data)
}

// Nested destructuring with a default and a rest element.
// ruleid: security-missing-auth
export async function PATCH(request: NextRequest) {
  const supabase = await createClient()
  const {
    property: { id: propertyId, owner = 'me' },
    ...changes
  } = await request.json()
  await supabase
    .from('properties')
    // ruleid: security-unvalidated-input-to-query
    .update(changes)
    // ruleid: security-unvalidated-input-to-query
    .eq('id', propertyId)
  // ruleid: security-unvalidated-input-to-query
  await supabase.from('audit_log').insert({ actor: owner, action: 'patch' })
  return NextResponse.json({ ok: true })
}

// searchParams from the URL, through a variable and an await-free chain.
export async function GET(request: NextRequest) {
  const supabase = await createClient()
  const searchParams = request.nextUrl.searchParams
  const status = searchParams.get('status') ?? 'active'
  const limit = Number(searchParams.get('limit') || '20')
  let query = supabase.from('leads').select('id, name, status')
  // ruleid: security-unvalidated-input-to-query
  query = query.eq('status', status)
  // ruleid: security-unvalidated-input-to-query
  const { data } = await query.limit(limit)
  return NextResponse.json(data)
}
