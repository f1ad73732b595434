import { NextResponse } from 'next/server'
import pRetry from 'p-retry'
import { genAI, model } from '@/lib/gemini'
import gemini from '../../../lib/gemini'
import * as llm from '@/lib/gemini'
import { model as fake } from '@/lib/fake-llm'

export async function POST(req: Request) {
  const { prompt } = await req.json()
  const pro = genAI.getGenerativeModel({ model: 'gemini-1.5-pro' })
  // ruleid: reliability-missing-retry
  const a = await pro.generateContent(prompt)
  // ruleid: reliability-missing-retry
  const b = await model.generateContent(prompt)
  // ruleid: reliability-missing-retry
  const c = await gemini.getGenerativeModel({ model: 'gemini-1.5-flash' }).generateContent(prompt)
  // ruleid: reliability-missing-retry
  const d = await llm.model.generateContent(prompt)
  // retried by the wrapper
  // ok: reliability-missing-retry
  const e = await pRetry(() => model.generateContent(prompt), { retries: 3 })
  // a module that does not use the SDK
  // ok: reliability-missing-retry
  const g = await fake.generateContent(prompt)
  return NextResponse.json({ a, b, c, d, e, g })
}
