// @upstash/ratelimit in the handler.
import { Ratelimit } from '@upstash/ratelimit'
import { Redis } from '@upstash/redis'
import { streamText } from 'ai'
import { openai } from '@ai-sdk/openai'

const ratelimit = new Ratelimit({ redis: Redis.fromEnv(), limiter: Ratelimit.fixedWindow(5, '10 s') })

// ok: security-missing-rate-limit
// ruleid: security-missing-auth
export async function POST(req: Request) {
  const ip = req.headers.get('x-forwarded-for') ?? 'anon'
  const { success } = await ratelimit.limit(ip)
  if (!success) return new Response('slow down', { status: 429 })
  const result = streamText({ model: openai('gpt-4o-mini'), prompt: await req.text() })
  return result.toTextStreamResponse()
}

// ruleid: security-missing-rate-limit
// ruleid: security-missing-auth
export async function PUT(req: Request) {
  const result = streamText({ model: openai('gpt-4o-mini'), prompt: await req.text() })
  return result.toTextStreamResponse()
}
