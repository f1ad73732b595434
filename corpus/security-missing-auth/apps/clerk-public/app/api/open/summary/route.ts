// a public path of the middleware: nothing protects it
import OpenAI from 'openai'

const openai = new OpenAI()

// ruleid: security-missing-auth
// ruleid: security-missing-rate-limit
export async function POST(req: Request) {
  const { text } = await req.json()
  const out = await openai.responses.create({ model: 'gpt-4o-mini', input: String(text) })
  return Response.json({ summary: out.output_text })
}
