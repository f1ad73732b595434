// The error helpers the API routes share. AppError is the audit's recommended shape; the
// catch-all below it still returns the raw message, so every route that calls it leaks.
import { NextResponse } from 'next/server'

export class AppError extends Error {
  constructor(
    public userMessage: string,
    public code: string,
    public statusCode = 400,
  ) {
    super(userMessage)
  }
}

export function handleApiError(error: unknown) {
  if (error instanceof AppError) {
    // ok: security-error-message-leak
    return NextResponse.json({ error: error.userMessage, code: error.code }, { status: error.statusCode })
  }
  console.error('[API Error]', error)
  // ruleid: security-error-message-leak
  return NextResponse.json({ error: error instanceof Error ? error.message : 'Unknown error' }, { status: 500 })
}
