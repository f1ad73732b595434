// Look-alikes that must stay clean: generic messages, error ids, logging, validation errors
// built for the client, rethrows and values that are not the error's text.
import { NextRequest, NextResponse } from 'next/server'
import * as Sentry from '@sentry/nextjs'
import { z, ZodError } from 'zod'
import { AppError } from '@/utils/errors'
import { createClient } from '@/utils/supabase/server'

const LeadSchema = z.object({ name: z.string(), email: z.string().email() })

export async function GET() {
  try {
    return NextResponse.json({ ok: true })
  } catch (error) {
    console.error('[API Error]', error)
    Sentry.captureException(error)
    // ok: security-error-message-leak
    return NextResponse.json({ error: 'An unexpected error occurred' }, { status: 500 })
  }
}

export async function POST(req: NextRequest) {
  try {
    const body = await req.json()
    return NextResponse.json(LeadSchema.parse(body))
  } catch (error) {
    if (error instanceof ZodError) {
      // ok: security-error-message-leak
      return NextResponse.json({ error: 'Invalid input', issues: error.issues }, { status: 400 })
    }
    if (error instanceof AppError) {
      // ok: security-error-message-leak
      return NextResponse.json({ error: error.userMessage, code: error.code }, { status: error.statusCode })
    }
    const errorId = crypto.randomUUID()
    console.error(errorId, (error as Error).message)
    // ok: security-error-message-leak
    return NextResponse.json({ error: 'Internal server error', errorId }, { status: 500 })
  }
}

export async function PUT(req: NextRequest) {
  const parsed = LeadSchema.safeParse(await req.json())
  if (!parsed.success) {
    // ok: security-error-message-leak
    return NextResponse.json({ error: parsed.error.flatten() }, { status: 400 })
  }
  const { data, error } = await LeadSchema.safeParseAsync(parsed.data)
  if (error) {
    // ok: security-error-message-leak
    return NextResponse.json({ errors: error.message }, { status: 400 })
  }
  return NextResponse.json({ data })
}

export async function PATCH(req: NextRequest) {
  try {
    await req.json()
    return NextResponse.json({ ok: true })
  } catch (error) {
    const isDuplicate = (error as { code?: string }).code === '23505'
    // ok: security-error-message-leak
    return NextResponse.json({ error: isDuplicate ? 'Already exists' : 'Save failed' }, { status: 409 })
  }
}

export async function DELETE() {
  try {
    return NextResponse.json({ ok: true })
  } catch (e) {
    // ok: security-error-message-leak
    return NextResponse.json({ error: (e as Error).message.includes('JWT') ? 'Unauthorized' : 'Server error' }, { status: 500 })
  }
}

export async function HEAD() {
  const supabase = await createClient()
  const { data, error } = await supabase.from('leads').select('id')
  if (error) {
    console.error('load leads', error.message)
    // ok: security-error-message-leak
    return NextResponse.json({ error: 'Could not load leads' }, { status: 500 })
  }
  return NextResponse.json({ data })
}

export async function OPTIONS() {
  try {
    return NextResponse.json({ ok: true })
  } catch (error) {
    // ok: security-error-message-leak
    throw error
  }
}

export function notFound() {
  const error = 'Lead not found'
  const message = { code: 404 }
  // ok: security-error-message-leak
  return NextResponse.json({ error, message }, { status: 404 })
}

export async function loadSummary(res: { json(body: unknown): void }) {
  try {
    res.json({ ok: true })
  } catch (err) {
    // ok: security-error-message-leak
    res.json({ error: 'Summary unavailable', retryable: err instanceof TypeError })
  }
}
