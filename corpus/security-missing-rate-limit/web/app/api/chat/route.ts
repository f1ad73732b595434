// Anyone can call this in a loop: every call is a paid completion.
import OpenAI from 'openai'
import { auth } from '@/auth'

const openai = new OpenAI()

// ruleid: security-missing-rate-limit
export async function POST(req: Request) {
  const session = await auth()
  if (!session) return new Response(null, { status: 401 })
  const { messages } = await req.json()
  const completion = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages })
  return Response.json(completion)
}

// no LLM call: nothing to limit for this check
// ok: security-missing-rate-limit
export async function GET() {
  return Response.json({ ok: true })
}
