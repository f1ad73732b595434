// OpenAI and Anthropic Node SDK clients: retried by default, not with maxRetries: 0.
import OpenAI from 'openai'
import Anthropic from '@anthropic-ai/sdk'

const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY, maxRetries: 0 })
const defaultClient = new OpenAI()
const anthropic = new Anthropic({ maxRetries: 0, timeout: 20_000 })
const patientClient = new OpenAI({ maxRetries: 5 })

export async function embedQuestion(input: string) {
  // ruleid: reliability-missing-retry
  const res = await openai.embeddings.create({ model: 'text-embedding-3-small', input })
  return res.data[0].embedding
}

export async function answer(question: string) {
  // ruleid: reliability-missing-retry
  const completion = await openai.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: question }],
  })
  return completion.choices[0].message.content
}

export async function critique(text: string) {
  // ruleid: reliability-missing-retry
  const msg = await anthropic.messages.create({
    model: 'claude-3-5-sonnet-latest',
    max_tokens: 512,
    messages: [{ role: 'user', content: text }],
  })
  return msg.content
}

export async function quickLabel(text: string) {
  // ruleid: reliability-missing-retry
  return defaultClient.chat.completions.create(
    { model: 'gpt-4o-mini', messages: [{ role: 'user', content: text }] },
    { maxRetries: 0, timeout: 5_000 },
  )
}

export async function draftEmail(prompt: string) {
  // ok: reliability-missing-retry
  return defaultClient.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: prompt }] })
}

export async function longReport(prompt: string) {
  // ok: reliability-missing-retry
  return patientClient.responses.create({ model: 'gpt-4o', input: prompt })
}

export class LeadScorer {
  private client = new OpenAI({ maxRetries: 0 })

  async score(lead: string) {
    // ruleid: reliability-missing-retry
    const r = await this.client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: lead }] })
    return r.choices[0].message.content
  }
}
