// /dashboard/export: protected by the middleware in both apps
import OpenAI from 'openai'

const openai = new OpenAI()

// ok: security-missing-auth
// ruleid: security-missing-rate-limit
export async function PUT() {
  await openai.embeddings.create({ model: 'text-embedding-3-small', input: 'x' })
  return new Response(null, { status: 204 })
}
