// Responses built in a helper of the same file: what the handler passes leaks when the
// helper puts it in a response that reaches the client.
import { NextResponse } from 'next/server'

function jsonError(message: string, status = 500) {
  return NextResponse.json({ error: message }, { status })
}

const problem = (detail: unknown) => new Response(JSON.stringify({ detail }), { status: 500 })

function ok(data: unknown) {
  return NextResponse.json({ data })
}

function logOnly(message: string) {
  console.error(message)
  return NextResponse.json({ error: 'internal error' }, { status: 500 })
}

export async function GET() {
  try {
    return ok(await load())
  } catch (e: any) {
    // ruleid: security-error-message-leak
    return jsonError(e.message)
  }
}

export async function POST() {
  try {
    return ok(await load())
  } catch (err) {
    // an arrow helper, awaited form of the handler
    // ruleid: security-error-message-leak
    return problem(err)
  }
}

export async function PUT() {
  try {
    return ok(await load())
  } catch (e: any) {
    // the helper logs its argument and sends a generic message
    // ok: security-error-message-leak
    return logOnly(e.message)
  }
}

export async function PATCH() {
  try {
    return ok(await load())
  } catch (e: any) {
    // built and dropped: the response the helper made is never returned
    // ok: security-error-message-leak
    jsonError(e.message)
    return NextResponse.json({ error: 'internal error' }, { status: 500 })
  }
}

export async function DELETE() {
  try {
    return ok(await load())
  } catch (e: any) {
    // a generic message through the same helper
    // ok: security-error-message-leak
    return jsonError('could not delete')
  }
}

export async function HEAD() {
  try {
    return ok(await load())
  } catch (e: any) {
    // a copy of the message, passed second: the helper's status parameter is no payload
    const msg = e.message
    // ok: security-error-message-leak
    return jsonError('failed', msg.length)
  }
}

async function load() {
  return []
}
