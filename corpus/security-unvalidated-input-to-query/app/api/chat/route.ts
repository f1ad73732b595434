// Request data that goes to an LLM, not to the database: an OpenAI client named `client`
// is not a database client. The conversation is stored after validation.
import { NextRequest, NextResponse } from 'next/server'
import OpenAI from 'openai'
import { z } from 'zod'
import { createClient } from '@/lib/supabase/server'

const client = new OpenAI()
const Message = z.object({ role: z.enum(['user', 'assistant']), content: z.string().max(4000) })
const ChatBody = z.object({ threadId: z.string().uuid(), messages: z.array(Message).max(50) })

// ruleid: security-missing-auth
// ruleid: security-missing-rate-limit
export async function POST(req: NextRequest) {
  const { messages, threadId } = await req.json()
  // ok: security-unvalidated-input-to-query
  const completion = await client.chat.completions.create({ model: 'gpt-4o-mini', messages })
  const supabase = await createClient()
  const reply = completion.choices[0]?.message?.content ?? ''
  // ruleid: security-unvalidated-input-to-query
  await supabase.from('chat_messages').insert({ thread_id: threadId, role: 'assistant', content: reply })
  return NextResponse.json({ reply })
}

// ruleid: security-missing-auth
// ruleid: security-missing-rate-limit
export async function PUT(req: NextRequest) {
  const body = ChatBody.parse(await req.json())
  const completion = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: body.messages })
  const supabase = await createClient()
  // ok: security-unvalidated-input-to-query
  await supabase.from('chat_messages').insert({
    thread_id: body.threadId,
    role: 'assistant',
    content: completion.choices[0]?.message?.content ?? '',
  })
  return NextResponse.json({ ok: true })
}
