// POST /api/chat/summarize — summarizes a conversation with the shared "fail fast" client and a
// raw request to the Gemini REST API.
import { NextRequest, NextResponse } from 'next/server'
import { z } from 'zod'
import { openai } from '@/lib/ai'

const SummarizeRequest = z.object({ transcript: z.string().min(1).max(20000) })
const GEMINI_URL =
  'https://generativelanguage.googleapis.com/v1beta/models/gemini-1.5-flash:generateContent'

// ruleid: security-missing-auth
// ruleid: security-missing-rate-limit
export async function POST(req: NextRequest) {
  try {
    const { transcript } = SummarizeRequest.parse(await req.json())
    // lib/ai.ts turned the retries of this client off; the finding is there, where it is built.
    // ok: reliability-missing-retry
    const completion = await openai.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: `Summarize:\n${transcript}` }],
    })
    // ruleid: reliability-missing-retry
    const res = await fetch(`${GEMINI_URL}?key=${process.env.GEMINI_API_KEY}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ contents: [{ parts: [{ text: `Key facts:\n${transcript}` }] }] }),
    })
    const facts = await res.json()
    return NextResponse.json({ summary: completion.choices[0].message.content, facts })
  } catch (error) {
    const message = error instanceof Error ? error.message : 'Unknown error'
    console.error('summarize failed:', message)
    // ruleid: security-error-message-leak
    return NextResponse.json({ success: false, error: message }, { status: 500 })
  }
}
