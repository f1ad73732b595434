// next-auth v5 auth() and v4 getServerSession() with an early exit.
import OpenAI from 'openai'
import { auth } from '@/auth'
import { getServerSession } from 'next-auth'

const openai = new OpenAI()

// ok: security-missing-auth
// ruleid: security-missing-rate-limit
export async function POST(req: Request) {
  const session = await auth()
  if (!session?.user) return new Response('unauthorized', { status: 401 })
  const out = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [] })
  return Response.json(out)
}

// ok: security-missing-auth
// ruleid: security-missing-rate-limit
export async function PUT(req: Request) {
  const session = await getServerSession(authOptions)
  if (!session) {
    throw new Error('unauthorized')
  }
  const out = await openai.responses.create({ model: 'gpt-4o-mini', input: 'x' })
  return Response.json(out)
}
