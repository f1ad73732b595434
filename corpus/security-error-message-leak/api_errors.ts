// The central error helpers every route calls: the caught error arrives as a parameter.
import { NextResponse } from 'next/server'
import { randomUUID } from 'crypto'

export function handleApiError(error: unknown) {
  console.error('[API Error]', error)
  // ruleid: security-error-message-leak
  return NextResponse.json({ error: error instanceof Error ? error.message : 'Internal error' }, { status: 500 })
}

export const toErrorResponse = (err: Error, status = 500) =>
  // ruleid: security-error-message-leak
  NextResponse.json({ error: err.message, name: err.name }, { status })

export function respond(e: unknown) {
  // ruleid: security-error-message-leak
  return new Response(`Request failed: ${e}`, { status: 500 })
}

export function safeErrorResponse(error: unknown) {
  const errorId = randomUUID()
  console.error(errorId, error)
  // ok: security-error-message-leak
  return NextResponse.json({ error: 'An unexpected error occurred', errorId }, { status: 500 })
}

export function errorResponse(message: string, status = 400) {
  // ok: security-error-message-leak
  return NextResponse.json({ error: message }, { status })
}

export function render(e: { id: string; message: string }) {
  // an untyped-for-errors parameter of a function that is not about errors
  // ok: security-error-message-leak
  return NextResponse.json({ id: e.id, message: e.message })
}
