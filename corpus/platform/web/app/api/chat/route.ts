// POST /api/chat — the property assistant: retrieves matching documents (RAG) and answers with
// Gemini, falling back to OpenAI. The audit: no retry logic for OpenAI or Gemini, and error
// messages returned to the client.
import { NextRequest, NextResponse } from 'next/server'
import { z } from 'zod'
import { GoogleGenerativeAI } from '@google/generative-ai'
import OpenAI from 'openai'
import { createClient } from '@/lib/supabase/server'
import { retry } from '@/utils/retry'

const ChatRequest = z.object({
  propertyId: z.string().uuid(),
  message: z.string().min(1).max(4000),
})

const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY })
const model = new GoogleGenerativeAI(process.env.GEMINI_API_KEY ?? '').getGenerativeModel({
  model: 'gemini-1.5-flash',
})

interface DocumentMatch {
  content: string
  similarity: number
}

async function retrieve(propertyId: string, question: string): Promise<DocumentMatch[]> {
  // The default OpenAI client retries twice on its own.
  // ok: reliability-missing-retry
  const emb = await openai.embeddings.create({ model: 'text-embedding-3-small', input: question })
  const supabase = await createClient()
  const { data, error } = await supabase.rpc('match_documents', {
    query_embedding: emb.data[0].embedding,
    property_id: propertyId,
    match_count: 5,
  })
  if (error) throw error
  return (data ?? []) as DocumentMatch[]
}

// ruleid: security-missing-auth
// ruleid: security-missing-rate-limit
export async function POST(req: NextRequest) {
  try {
    const parsed = ChatRequest.safeParse(await req.json())
    if (!parsed.success) {
      // ok: security-error-message-leak
      return NextResponse.json({ error: parsed.error.flatten() }, { status: 400 })
    }
    const { propertyId, message } = parsed.data
    const docs = await retrieve(propertyId, message)
    const prompt = `Answer from these documents:\n${docs.map((d) => d.content).join('\n---\n')}\n\nQuestion: ${message}`

    try {
      // ruleid: reliability-missing-retry
      const result = await model.generateContent(prompt)
      return NextResponse.json({ answer: result.response.text(), sources: docs.length })
    } catch (geminiError) {
      console.error('Gemini failed, falling back to OpenAI:', geminiError)
      // ok: reliability-missing-retry
      const completion = await retry(() =>
        openai.chat.completions.create({
          model: 'gpt-4o-mini',
          messages: [{ role: 'user', content: prompt }],
        }),
      )
      return NextResponse.json({ answer: completion.choices[0].message.content, sources: docs.length })
    }
  } catch (error: any) {
    console.error('Error:', error)
    // ruleid: security-error-message-leak
    return NextResponse.json({ error: error.message }, { status: 500 })
  }
}
