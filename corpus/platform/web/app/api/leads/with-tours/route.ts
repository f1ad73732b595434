// GET /api/leads/with-tours — the leads of a property with their scheduled tours, for the
// leasing dashboard. The audit's "N+1 Query Pattern" as it was written, then fixed.
import { NextRequest, NextResponse } from 'next/server'
import { z } from 'zod'
import { createClient } from '@/lib/supabase/server'

const Query = z.object({ propertyId: z.string().uuid() })

export async function GET(request: NextRequest) {
  const parsed = Query.safeParse(Object.fromEntries(request.nextUrl.searchParams))
  if (!parsed.success) {
    return NextResponse.json({ error: 'Invalid query' }, { status: 400 })
  }
  const supabase = await createClient()

  const leads = await supabase.from('leads').select('*').eq('property_id', parsed.data.propertyId)
  if (leads.error) {
    return NextResponse.json({ error: 'Could not load leads' }, { status: 500 })
  }

  const result = []
  for (const lead of leads.data) {
    // ruleid: performance-n-plus-one
    const tours = await supabase.from('tours').select('*').eq('lead_id', lead.id)
    result.push({ ...lead, tours: tours.data ?? [] })
  }
  return NextResponse.json({ data: result })
}

// The fix from the audit: one query, the tours embedded through the foreign key.
export async function POST(request: NextRequest) {
  const body = Query.safeParse(await request.json())
  if (!body.success) {
    return NextResponse.json({ error: 'Invalid body' }, { status: 400 })
  }
  const supabase = await createClient()
  // ok: performance-n-plus-one
  const { data, error } = await supabase
    .from('leads')
    .select('*, tours(*)')
    .eq('property_id', body.data.propertyId)
  if (error) {
    return NextResponse.json({ error: 'Could not load leads' }, { status: 500 })
  }
  return NextResponse.json({ data })
}
