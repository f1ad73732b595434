// /api/leads/notes — notes the leasing team adds to a lead. The insert goes through a helper;
// the audit's `leadId` example: the id and the note text come straight from the client.
import { NextRequest, NextResponse } from 'next/server'
import type { SupabaseClient } from '@supabase/supabase-js'
import { z } from 'zod'
import { createClient } from '@/lib/supabase/server'

const NoteInput = z.object({ leadId: z.string().uuid(), body: z.string().min(1).max(2000) })

async function addNote(supabase: SupabaseClient, leadId: string, body: string, authorId: string) {
  return supabase
    .from('lead_notes')
    // ruleid: security-unvalidated-input-to-query
    .insert({ lead_id: leadId, body, author_id: authorId })
    .select()
    .single()
}

export async function POST(req: NextRequest) {
  const supabase = await createClient()
  const { data: { user } } = await supabase.auth.getUser()
  if (!user) return NextResponse.json({ error: 'Unauthorized' }, { status: 401 })
  const { leadId, note } = await req.json()
  const { data, error } = await addNote(supabase, leadId, note, user.id)
  if (error) return NextResponse.json({ error: 'Could not save the note' }, { status: 500 })
  return NextResponse.json(data, { status: 201 })
}

// The same helper, called with what the schema returned.
export async function PUT(req: NextRequest) {
  const supabase = await createClient()
  const { data: { user } } = await supabase.auth.getUser()
  if (!user) return NextResponse.json({ error: 'Unauthorized' }, { status: 401 })
  const parsed = NoteInput.safeParse(await req.json())
  if (!parsed.success) return NextResponse.json({ error: 'Invalid note' }, { status: 400 })
  const { data, error } = await addNote(supabase, parsed.data.leadId, parsed.data.body, user.id)
  if (error) return NextResponse.json({ error: 'Could not save the note' }, { status: 500 })
  return NextResponse.json(data, { status: 201 })
}

// Listing the notes of the signed-in user's own leads: nothing from the request.
export async function GET() {
  const supabase = await createClient()
  const { data: { user } } = await supabase.auth.getUser()
  if (!user) return NextResponse.json({ error: 'Unauthorized' }, { status: 401 })
  // ok: security-unvalidated-input-to-query
  const { data } = await supabase.from('lead_notes').select('*').eq('author_id', user.id)
  return NextResponse.json(data)
}
