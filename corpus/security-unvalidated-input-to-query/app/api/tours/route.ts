// Helper functions in the same file: the request body reaches the query inside them.
import { NextRequest, NextResponse } from 'next/server'
import type { SupabaseClient } from '@supabase/supabase-js'
import { createClient } from '@/lib/supabase/server'

async function findTour(supabase: SupabaseClient, tourId: string) {
  return supabase
    .from('tours')
    .select('*')
    // ruleid: security-unvalidated-input-to-query
    .eq('id', tourId)
    .single()
}

const scheduleTour = async (supabase: SupabaseClient, payload: { leadId: string; slot: string }) => {
  const row = { lead_id: payload.leadId, slot: payload.slot, status: 'scheduled' }
  // ruleid: security-unvalidated-input-to-query
  return supabase.from('tours').insert(row).select().single()
}

function normalise(slot: string) {
  return slot.trim().toLowerCase()
}

function constantSlot(_slot: string) {
  return 'morning'
}

async function readBody(req: Request) {
  return await req.json()
}

export async function GET(req: NextRequest) {
  const supabase = await createClient()
  const tourId = req.nextUrl.searchParams.get('tourId') as string
  const { data } = await findTour(supabase, tourId)
  return NextResponse.json(data)
}

// ruleid: security-missing-auth
export async function POST(req: NextRequest) {
  const supabase = await createClient()
  const body = await req.json()
  const { data } = await scheduleTour(supabase, { leadId: body.leadId, slot: body.slot })
  return NextResponse.json(data)
}

// ruleid: security-missing-auth
export async function PATCH(req: NextRequest) {
  const supabase = await createClient()
  const { slot, tourId } = await readBody(req)
  const clean = constantSlot(slot)
  // ok: security-unvalidated-input-to-query
  await supabase.from('tours').update({ slot: clean }).eq('status', 'scheduled')
  // ruleid: security-unvalidated-input-to-query
  await supabase.from('tours').update({ slot: normalise(slot) }).eq('status', 'draft')
  // ruleid: security-unvalidated-input-to-query
  await supabase.from('tours').update({ slot: 'evening' }).eq('id', tourId)
  return NextResponse.json({ ok: true })
}
