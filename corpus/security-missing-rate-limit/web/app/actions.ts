'use server'
import OpenAI from 'openai'

const openai = new OpenAI()

// ruleid: security-missing-rate-limit
// ruleid: security-missing-auth
export async function suggestTitle(draft: string) {
  const res = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: draft }] })
  return res.choices[0].message.content
}
