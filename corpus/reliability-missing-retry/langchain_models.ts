// LangChain chat models retry (six times) unless maxRetries is 0.
import { ChatOpenAI, OpenAIEmbeddings } from '@langchain/openai'

const fastModel = new ChatOpenAI({ model: 'gpt-4o-mini', maxRetries: 0 })
const model = new ChatOpenAI({ model: 'gpt-4o-mini' })
const embeddings = new OpenAIEmbeddings({ maxRetries: 0 })

export async function tagline(name: string) {
  // ruleid: reliability-missing-retry
  const msg = await fastModel.invoke(`A tagline for ${name}`)
  // ok: reliability-missing-retry
  const alt = await model.invoke(`Another tagline for ${name}`)
  return [msg.content, alt.content]
}

export async function vectors(texts: string[]) {
  // ruleid: reliability-missing-retry
  return embeddings.embedDocuments(texts)
}
