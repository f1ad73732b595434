// The LLM call is one module away.
import { embed } from '@/lib/llm'

// ruleid: security-missing-rate-limit
// ruleid: security-missing-auth
export async function POST(req: Request) {
  const { text } = await req.json()
  return Response.json(await embed(text))
}
