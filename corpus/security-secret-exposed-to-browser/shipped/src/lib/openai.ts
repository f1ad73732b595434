// Imported by default, with a relative path, from a client component.
import OpenAI from 'openai'

export default async function ask(prompt: string) {
  // ruleid: security-secret-exposed-to-browser @warning
  const client = new OpenAI({ apiKey: process.env.OPENAI_API_KEY })
  return client.responses.create({ model: 'gpt-4o-mini', input: prompt })
}
