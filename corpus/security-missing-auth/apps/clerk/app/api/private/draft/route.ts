// the matcher lists /api/private(.*): auth.protect() runs here
import OpenAI from 'openai'

const openai = new OpenAI()

// ok: security-missing-auth
// ruleid: security-missing-rate-limit
export async function POST(req: Request) {
  const { prompt } = await req.json()
  const out = await openai.responses.create({ model: 'gpt-4o-mini', input: String(prompt) })
  return Response.json({ text: out.output_text })
}
