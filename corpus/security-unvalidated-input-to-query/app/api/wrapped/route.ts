// Handlers wrapped by an auth helper, parse results kept in a variable, and typed parameters
// that merely share the name `request`.
import { NextResponse } from 'next/server'
import { z } from 'zod'
import { withAuth } from '@/lib/auth'
import { createClient } from '@/lib/supabase/server'

const Invite = z.object({ email: z.string().email(), role: z.enum(['agent', 'manager']) })

export const POST = withAuth(async (req, { user }) => {
  const supabase = await createClient()
  const body = await req.json()
  // ruleid: security-unvalidated-input-to-query
  await supabase.from('invites').insert({ ...body, invited_by: user.id })
  return NextResponse.json({ ok: true })
})

export const PUT = withAuth(async (req, { user }) => {
  const supabase = await createClient()
  const body = await req.json()
  const invite = Invite.parse(body)
  // parse threw on anything else: body has the schema's shape from here on
  // ok: security-unvalidated-input-to-query
  await supabase.from('invites').update({ role: body.role }).eq('email', invite.email)
  // ok: security-unvalidated-input-to-query
  await supabase.from('invites').update({ invited_by: user.id }).eq('email', body.email)
  return NextResponse.json({ ok: true })
})

export const PATCH = withAuth(async (req) => {
  const supabase = await createClient()
  const { data: checked, error } = Invite.safeParse(await req.json())
  if (error) return NextResponse.json({ error: 'invalid' }, { status: 400 })
  // ok: security-unvalidated-input-to-query
  await supabase.from('invites').update(checked).eq('email', checked.email)
  return NextResponse.json({ ok: true })
})

type ChatRequest = { body: string; threadId: string }

// `request` here is a typed value of the app, not an HTTP request.
export async function saveChat(request: ChatRequest) {
  const supabase = await createClient()
  // ok: security-unvalidated-input-to-query
  await supabase.from('messages').insert({ body: request.body, thread_id: request.threadId })
}
