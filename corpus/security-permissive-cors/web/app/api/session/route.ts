// Route handlers that set CORS headers themselves.
import { NextRequest, NextResponse } from 'next/server'
import { cookies } from 'next/headers'

const ALLOWED = ['https://app.example.com']

export async function GET(request: NextRequest) {
  const origin = request.headers.get('origin')
  const store = await cookies()
  return NextResponse.json({ user: store.get('sid')?.value }, {
    headers: {
      // ruleid: security-permissive-cors @error
      'Access-Control-Allow-Origin': origin ?? '*',
      'Access-Control-Allow-Credentials': 'true',
    },
  })
}

export async function POST(request: NextRequest) {
  const res = NextResponse.json({ ok: true })
  // ruleid: security-permissive-cors @warning
  res.headers.set('Access-Control-Allow-Origin', '*')
  res.headers.set('Access-Control-Allow-Credentials', 'true')
  return res
}

export async function PUT(request: NextRequest) {
  const origin = request.headers.get('origin') ?? ''
  // ok: security-permissive-cors
  const allow = ALLOWED.includes(origin) ? origin : ALLOWED[0]
  const res = NextResponse.json({ ok: true })
  // ok: security-permissive-cors
  res.headers.set('Access-Control-Allow-Origin', allow)
  res.headers.set('Access-Control-Allow-Credentials', 'true')
  return res
}

export async function PATCH(request: NextRequest) {
  const sid = request.cookies.get('sid')
  // ruleid: security-permissive-cors @warning
  return new Response(JSON.stringify({ sid }), { headers: { 'Access-Control-Allow-Origin': '*' } })
}
