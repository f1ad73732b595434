import OpenAI from 'openai'

const openai = new OpenAI()

export async function embed(text: string) {
  return openai.embeddings.create({ model: 'text-embedding-3-small', input: text })
}
