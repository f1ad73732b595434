// Other ways a handler builds the response: Response.json, template strings, helpers, shorthand.
import { NextResponse } from 'next/server'

function getErrorMessage(error: unknown): string {
  return error instanceof Error ? error.message : 'Unknown error'
}

export async function generate(prompt: string) {
  try {
    return Response.json({ text: prompt })
  } catch (err) {
    // ruleid: security-error-message-leak
    return Response.json({ error: `Generation failed: ${err}` }, { status: 502 })
  }
}

export async function summarize(prompt: string) {
  try {
    return NextResponse.json({ text: prompt })
  } catch (error) {
    // ruleid: security-error-message-leak
    return NextResponse.json({ error: getErrorMessage(error) }, { status: 500 })
  }
}

export async function classify(prompt: string) {
  try {
    return NextResponse.json({ label: prompt })
  } catch (error) {
    // ruleid: security-error-message-leak
    return NextResponse.json({ error }, { status: 500 })
  }
}

export async function translate(prompt: string) {
  try {
    return NextResponse.json({ text: prompt })
  } catch ({ message }) {
    // ruleid: security-error-message-leak
    return new NextResponse(message as string, { status: 500 })
  }
}

export async function embed(input: string) {
  try {
    return NextResponse.json({ input })
  } catch (error) {
    const payload = { error: 'Embedding failed', reason: (error as Error)?.message?.slice(0, 200) }
    // ruleid: security-error-message-leak
    return NextResponse.json(payload, { status: 500 })
  }
}
