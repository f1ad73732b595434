// '/((?!api|...).*)' leaves /api out: the middleware does not run here.
import OpenAI from 'openai'

const client = new OpenAI()

// ruleid: security-missing-auth
// ruleid: security-missing-rate-limit
export async function POST(req: Request) {
  const { messages } = await req.json()
  const res = await client.chat.completions.create({ model: 'gpt-4o-mini', messages })
  return Response.json(res)
}
