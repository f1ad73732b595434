// /api/leads/search?q=&status= — the lead search box. The free-text query is interpolated into
// a PostgREST `or` filter string, so a `q` of `x,status.neq.lost` adds a condition of its own.
import { NextRequest, NextResponse } from 'next/server'
import { z } from 'zod'
import { createClient } from '@/lib/supabase/server'

const Status = z.enum(['new', 'contacted', 'toured', 'leased', 'lost'])

export async function GET(req: NextRequest) {
  const supabase = await createClient()
  const { searchParams } = new URL(req.url)
  const q = searchParams.get('q') ?? ''
  const status = Status.safeParse(searchParams.get('status'))
  let query = supabase
    .from('leads')
    .select('id, first_name, last_name, email, status')
    // ruleid: security-unvalidated-input-to-query
    .or(`first_name.ilike.%${q}%,last_name.ilike.%${q}%,email.ilike.%${q}%`)
  if (status.success) {
    // ok: security-unvalidated-input-to-query
    query = query.eq('status', status.data)
  }
  const { data, error } = await query.limit(50)
  if (error) return NextResponse.json({ error: 'Search failed' }, { status: 500 })
  return NextResponse.json(data)
}
