// @google/genai, the newer Gemini SDK, has its own retry options (httpOptions.retryOptions):
// not reported. The same method names without any Gemini import are other APIs.
import { GoogleGenAI } from '@google/genai'

const ai = new GoogleGenAI({ apiKey: process.env.GEMINI_API_KEY })

export async function caption(prompt: string) {
  // ok: reliability-missing-retry
  const res = await ai.models.generateContent({ model: 'gemini-2.0-flash', contents: prompt })
  return res.text
}

export async function embedText(text: string) {
  // ok: reliability-missing-retry
  return ai.models.embedContent({ model: 'text-embedding-004', contents: text })
}
