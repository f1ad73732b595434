// Next.js App Router handlers: caught errors and supabase result errors sent to the client.
import { NextRequest, NextResponse } from 'next/server'
import { createClient } from '@/utils/supabase/server'
import { z } from 'zod'

export async function GET(req: NextRequest) {
  try {
    const supabase = await createClient()
    const { data } = await supabase.from('leads').select('*').throwOnError()
    return NextResponse.json({ data })
  } catch (error: any) {
    console.error('Error:', error)
    // ruleid: security-error-message-leak
    return NextResponse.json({ error: error.message }, { status: 500 })
  }
}

export async function POST(req: NextRequest) {
  try {
    const body = await req.json()
    return NextResponse.json({ ok: true, body })
  } catch (error) {
    // ruleid: security-error-message-leak
    return NextResponse.json({ error: (error as Error).message }, { status: 500 })
  }
}

export async function PUT(req: NextRequest) {
  try {
    await req.json()
    return NextResponse.json({ ok: true })
  } catch (e) {
    const err = e as Error
    return NextResponse.json(
      // ruleid: security-error-message-leak
      { error: 'Update failed', details: err.stack },
      { status: 500 },
    )
  }
}

export async function PATCH(req: NextRequest) {
  try {
    await req.json()
    return NextResponse.json({ ok: true })
  } catch (error) {
    const message = error instanceof Error ? error.message : 'Unknown error'
    // ruleid: security-error-message-leak
    return NextResponse.json({ success: false, error: message }, { status: 500 })
  }
}

export async function DELETE(req: NextRequest) {
  const supabase = await createClient()
  const id = z.string().uuid().parse(req.nextUrl.searchParams.get('id'))
  const { error } = await supabase.from('leads').delete().eq('id', id)
  if (error) {
    // ruleid: security-error-message-leak
    return NextResponse.json({ error: error.message }, { status: 500 })
  }
  return NextResponse.json({ ok: true })
}

export async function HEAD(req: NextRequest) {
  const supabase = await createClient()
  const { data: tours, error: toursError } = await supabase.from('tours').select('id')
  if (toursError) {
    // ruleid: security-error-message-leak
    return NextResponse.json({ error: 'Query failed', hint: toursError.hint }, { status: 400 })
  }
  return NextResponse.json({ tours })
}

export async function OPTIONS() {
  try {
    return NextResponse.json({ ok: true })
  } catch (error) {
    // ruleid: security-error-message-leak
    return new Response(JSON.stringify({ error: String(error) }), { status: 500 })
  }
}

export async function listWithResult(req: NextRequest) {
  const supabase = await createClient()
  const result = await supabase.from('leads').select('id, name')
  if (result.error) {
    // ruleid: security-error-message-leak
    return NextResponse.json({ error: result.error.message }, { status: 500 })
  }
  const { data: userData } = await supabase.auth.getUser()
  const auth = await supabase.auth.getUser()
  if (auth.error) {
    // supabase auth errors ("Invalid login credentials") are written for the user
    // ok: security-error-message-leak
    return NextResponse.json({ error: auth.error.message }, { status: 401 })
  }
  const { error: signInError } = await supabase.auth.signInWithPassword({ email: 'a@b.c', password: 'x' })
  if (signInError) {
    // ok: security-error-message-leak
    return NextResponse.json({ error: signInError.message }, { status: 401 })
  }
  const { error: uploadError } = await supabase.storage.from('docs').upload('a.pdf', new Blob())
  if (uploadError) {
    // ruleid: security-error-message-leak
    return NextResponse.json({ error: uploadError.message }, { status: 500 })
  }
  const body = await req.json()
  // ok: security-error-message-leak
  return NextResponse.json({ error: body.error ?? null, data: result.data, user: userData.user?.id })
}

export async function validateThenSave(req: NextRequest) {
  const supabase = await createClient()
  const { data: existing, error } = await supabase.from('leads').select('id').limit(1)
  if (error) {
    console.error(error)
  }
  {
    const error = existing?.length ? null : 'No leads yet'
    // ok: security-error-message-leak
    if (error) return NextResponse.json({ error }, { status: 404 })
  }
  let problem = z.object({ problem: z.string().max(500) }).parse(await req.json()).problem
  try {
    await supabase.from('leads').insert({ problem }).throwOnError()
  } catch (e) {
    problem = (e as Error).message
    console.error(problem)
    problem = 'Could not save the lead'
    // ok: security-error-message-leak
    return NextResponse.json({ error: problem }, { status: 500 })
  }
  return NextResponse.json({ ok: true })
}
