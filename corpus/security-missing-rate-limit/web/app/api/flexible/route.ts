// rate-limiter-flexible's consume() throws when the budget is spent.
import { RateLimiterMemory } from 'rate-limiter-flexible'
import Anthropic from '@anthropic-ai/sdk'

const limiter = new RateLimiterMemory({ points: 5, duration: 60 })
const anthropic = new Anthropic()

// ok: security-missing-rate-limit
// ruleid: security-missing-auth
export async function POST(req: Request) {
  await limiter.consume(req.headers.get('x-real-ip') ?? 'anon')
  const msg = await anthropic.messages.create({ model: 'claude-3-5-haiku-latest', max_tokens: 64, messages: [] })
  return Response.json(msg)
}
