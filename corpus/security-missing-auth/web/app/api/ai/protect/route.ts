// Clerk's auth.protect() stops the request itself; the Vercel AI SDK call is an LLM call.
import { generateText } from 'ai'
import { openai } from '@ai-sdk/openai'
import { auth } from '@clerk/nextjs/server'

// ok: security-missing-auth
// ruleid: security-missing-rate-limit
export async function POST(req: Request) {
  await auth.protect()
  const { text } = await generateText({ model: openai('gpt-4o-mini'), prompt: 'hi' })
  return Response.json({ text })
}

// ruleid: security-missing-auth
// ruleid: security-missing-rate-limit
export async function PUT(req: Request) {
  const { prompt } = await req.json()
  const { text } = await generateText({ model: openai('gpt-4o-mini'), prompt })
  return Response.json({ text })
}
