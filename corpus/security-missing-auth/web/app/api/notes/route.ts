// /api/notes: outside the middleware's matcher, so each handler must check the user itself.
import { NextResponse } from 'next/server'
import { createClient } from '@/lib/supabase'

// ruleid: security-missing-auth
export async function POST(req: Request) {
  const supabase = await createClient()
  const body = await req.json()
  // ruleid: security-unvalidated-input-to-query
  await supabase.from('notes').insert({ body: body.text })
  return NextResponse.json({ ok: true })
}

// getUser() with an early return: authenticated
// ok: security-missing-auth
export async function PUT(req: Request) {
  const supabase = await createClient()
  const {
    data: { user },
    error,
  } = await supabase.auth.getUser()
  if (error || !user) {
    return NextResponse.json({ error: 'unauthorized' }, { status: 401 })
  }
  await supabase.from('notes').update({ body: 'y' }).eq('user_id', user.id)
  return NextResponse.json({ ok: true })
}

// the user is read but nothing stops a request without one
// ruleid: security-missing-auth
export async function DELETE(req: Request) {
  const supabase = await createClient()
  const { data } = await supabase.auth.getUser()
  console.log('deleting for', data.user?.id)
  await supabase.from('notes').delete().eq('id', 1)
  return NextResponse.json({ ok: true })
}

// getSession() trusts the cookie: a note
// ruleid: security-missing-auth @note
export async function PATCH(req: Request) {
  const supabase = await createClient()
  const { data: { session } } = await supabase.auth.getSession()
  if (!session) return new Response(null, { status: 401 })
  await supabase.from('notes').update({ pinned: true }).eq('id', 1)
  return NextResponse.json({ ok: true })
}

// a read changes nothing
// ok: security-missing-auth
export async function GET() {
  const supabase = await createClient()
  const { data } = await supabase.from('notes').select('*')
  return NextResponse.json(data)
}
