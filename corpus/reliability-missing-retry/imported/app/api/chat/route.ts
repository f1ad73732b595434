import { NextResponse } from 'next/server'
import { model } from '@/lib/gemini'

export async function POST(req: Request) {
  const { history, message } = await req.json()
  const chat = model.startChat({ history })
  // ruleid: reliability-missing-retry
  const reply = await chat.sendMessage(message)
  // a local that shadows nothing imported: its own object
  const local = { sendMessage: async (m: string) => m }
  // ok: reliability-missing-retry
  await local.sendMessage(message)
  return NextResponse.json({ text: reply.response.text() })
}
