// The AI clients of the web app. The chat UI wanted to "fail fast", so the OpenAI client was
// built with its retries turned off; every route that imports it inherits that.
import OpenAI from 'openai'
import { GoogleGenerativeAI } from '@google/generative-ai'

export const openai = new OpenAI({
  apiKey: process.env.OPENAI_API_KEY,
  timeout: 15_000,
  // ruleid: reliability-missing-retry
  maxRetries: 0,
})

// ok: reliability-missing-retry
export const openaiDefault = new OpenAI({ apiKey: process.env.OPENAI_API_KEY })

const genAI = new GoogleGenerativeAI(process.env.GEMINI_API_KEY ?? '')
export const gemini = genAI.getGenerativeModel({ model: 'gemini-1.5-flash' })

export async function embed(input: string): Promise<number[]> {
  // ok: reliability-missing-retry
  const res = await openaiDefault.embeddings.create({ model: 'text-embedding-3-small', input })
  return res.data[0].embedding
}
