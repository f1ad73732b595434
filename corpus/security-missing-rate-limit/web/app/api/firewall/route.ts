// @vercel/firewall's checkRateLimit.
import { checkRateLimit } from '@vercel/firewall'
import { GoogleGenerativeAI } from '@google/generative-ai'

const model = new GoogleGenerativeAI(process.env.GEMINI_API_KEY!).getGenerativeModel({ model: 'gemini-1.5-flash' })

// ok: security-missing-rate-limit
// ruleid: security-missing-auth
export async function POST(req: Request) {
  const { rateLimited } = await checkRateLimit('chat', { request: req })
  if (rateLimited) return new Response(null, { status: 429 })
  // ruleid: reliability-missing-retry
  const out = await model.generateContent('hello')
  return Response.json({ text: out.response.text() })
}
