// openai-node v3 (OpenAIApi) predates the SDK's retries.
const { Configuration, OpenAIApi } = require('openai')

const openai = new OpenAIApi(new Configuration({ apiKey: process.env.OPENAI_API_KEY }))

async function summarize(text) {
  // ruleid: reliability-missing-retry
  const res = await openai.createChatCompletion({ model: 'gpt-3.5-turbo', messages: [{ role: 'user', content: text }] })
  return res.data.choices[0].message.content
}

async function embed(text) {
  // ruleid: reliability-missing-retry
  const res = await openai.createEmbedding({ model: 'text-embedding-ada-002', input: text })
  return res.data.data[0].embedding
}

module.exports = { summarize, embed }

// openai v4's streaming helper has a static method of the same name: not the v3 API
const { ChatCompletionStream } = require('openai/lib/ChatCompletionStream')

function streamChat(client, body) {
  // ok: reliability-missing-retry
  return ChatCompletionStream.createChatCompletion(client, body)
}

module.exports.streamChat = streamChat
