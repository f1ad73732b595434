// Clerk: auth() with an early return on userId.
import Anthropic from '@anthropic-ai/sdk'
import { auth } from '@clerk/nextjs/server'

const anthropic = new Anthropic()

// ok: security-missing-auth
// ruleid: security-missing-rate-limit
export async function POST(req: Request) {
  const { userId } = await auth()
  if (!userId) return new Response('unauthorized', { status: 401 })
  const msg = await anthropic.messages.create({ model: 'claude-3-5-haiku-latest', max_tokens: 100, messages: [] })
  return Response.json(msg)
}

// auth() read without stopping the request
// ruleid: security-missing-auth
// ruleid: security-missing-rate-limit
export async function PUT(req: Request) {
  const { userId } = await auth()
  const msg = await anthropic.messages.create({ model: 'claude-3-5-haiku-latest', max_tokens: 100, messages: [{ role: 'user', content: String(userId) }] })
  return Response.json(msg)
}
