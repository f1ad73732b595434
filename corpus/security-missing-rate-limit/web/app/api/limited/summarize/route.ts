// Covered by the middleware's matcher, which rate-limits.
import OpenAI from 'openai'

const openai = new OpenAI()

// ok: security-missing-rate-limit
// ruleid: security-missing-auth
export async function POST(req: Request) {
  const out = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [] })
  return Response.json(out)
}
