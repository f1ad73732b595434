// Errors inside errors: SDK errors wrap the upstream error (e.error), HTTP clients keep the
// upstream response on the error (err.response.data), and Error has a cause. What they hold
// leaks like e.message; their status and code are written for callers.
import { NextResponse } from 'next/server'
import axios from 'axios'
import OpenAI from 'openai'

const openai = new OpenAI()

export async function GET() {
  try {
    await openai.chat.completions.create({ model: 'gpt-4o', messages: [] })
  } catch (e: any) {
    // ruleid: security-error-message-leak
    return NextResponse.json({ error: e.error?.message }, { status: 502 })
  }
}

export async function POST() {
  try {
    await axios.post('https://api.example.com/charge', {})
  } catch (err: any) {
    // ruleid: security-error-message-leak
    return NextResponse.json({ error: err.response?.data }, { status: 502 })
  }
}

export async function PUT() {
  try {
    await axios.get('https://api.example.com/x')
  } catch (err: any) {
    // the status and the code of the nested error are meant for callers
    // ok: security-error-message-leak
    return NextResponse.json({ status: err.response?.status, code: err.error?.code }, { status: 502 })
  }
}

export async function PATCH() {
  try {
    await axios.get('https://api.example.com/x')
  } catch (e: any) {
    // deep: the upstream body's own error message
    // ruleid: security-error-message-leak
    return NextResponse.json({ error: e.response.data.error.message }, { status: 502 })
  }
}

export async function DELETE() {
  try {
    await fetch('https://api.example.com/x')
  } catch (error) {
    // ruleid: security-error-message-leak
    return NextResponse.json({ reason: (error as Error).cause }, { status: 500 })
  }
}

export async function HEAD() {
  try {
    await axios.get('https://api.example.com/x')
  } catch (e: any) {
    // destructured, then read
    const { response } = e
    // ruleid: security-error-message-leak
    return NextResponse.json({ detail: response?.data }, { status: 502 })
  }
}

export async function OPTIONS() {
  try {
    await axios.get('https://api.example.com/x')
  } catch (e: any) {
    // copied into a name, then only its status is sent
    const res = e.response
    // ok: security-error-message-leak
    return NextResponse.json({ upstream: res?.status }, { status: 502 })
  }
}

export async function handler() {
  try {
    await axios.get('https://api.example.com/x')
  } catch (e) {
    // the whole error spread into the body
    // ruleid: security-error-message-leak
    return NextResponse.json({ ...(e as object), ok: false }, { status: 500 })
  }
}

export async function report() {
  try {
    await fetch('https://api.example.com/x')
  } catch (e: any) {
    // the nested error object sent whole
    // ruleid: security-error-message-leak
    return NextResponse.json({ error: e.error }, { status: 500 })
  }
}

export async function body() {
  try {
    await fetch('https://api.example.com/x')
  } catch (err: any) {
    // the upstream response's body read with a method
    // ruleid: security-error-message-leak
    return new Response(await err.response.text(), { status: 502 })
  }
}

export async function labels() {
  try {
    await fetch('https://api.example.com/x')
  } catch (e) {
    // a template with the error in it: the error's text
    // ruleid: security-error-message-leak
    return NextResponse.json({ error: `upstream failed: ${e}` }, { status: 502 })
  }
}
