// @google/generative-ai does not retry; neither do raw requests to LLM hosts.
import { GoogleGenerativeAI } from '@google/generative-ai'
import axios from 'axios'

const genAI = new GoogleGenerativeAI(process.env.GEMINI_API_KEY!)
const model = genAI.getGenerativeModel({ model: 'gemini-1.5-flash' })
const OPENAI_URL = 'https://api.openai.com/v1/chat/completions'
const GEMINI_BASE = 'https://generativelanguage.googleapis.com/v1beta'
const SITE_URL = 'https://example.com/api/leads'

export async function describeProperty(prompt: string) {
  // ruleid: reliability-missing-retry
  const result = await model.generateContent(prompt)
  return result.response.text()
}

export async function embedListing(text: string) {
  const embedder = genAI.getGenerativeModel({ model: 'text-embedding-004' })
  // ruleid: reliability-missing-retry
  const { embedding } = await embedder.embedContent(text)
  return embedding.values
}

export async function chatTurn(history: { role: string; parts: { text: string }[] }[], msg: string) {
  const chat = model.startChat({ history })
  // ruleid: reliability-missing-retry
  const reply = await chat.sendMessage(msg)
  return reply.response.text()
}

export async function rawCompletion(body: unknown) {
  // ruleid: reliability-missing-retry
  const res = await fetch('https://api.openai.com/v1/chat/completions', {
    method: 'POST',
    headers: { Authorization: `Bearer ${process.env.OPENAI_API_KEY}` },
    body: JSON.stringify(body),
  })
  return res.json()
}

export async function rawViaConstant(body: unknown) {
  // ruleid: reliability-missing-retry
  const res = await fetch(OPENAI_URL, { method: 'POST', body: JSON.stringify(body) })
  return res.json()
}

export async function rawGemini(prompt: string) {
  // ruleid: reliability-missing-retry
  const { data } = await axios.post(`${GEMINI_BASE}/models/gemini-1.5-flash:generateContent`, {
    contents: [{ parts: [{ text: prompt }] }],
  })
  return data
}

export async function rawAnthropic(body: unknown) {
  // ruleid: reliability-missing-retry
  return axios({ url: 'https://api.anthropic.com/v1/messages', method: 'post', data: body })
}

export async function siteLeads() {
  // ok: reliability-missing-retry
  const res = await fetch(SITE_URL)
  return res.json()
}

const openaiHttp = axios.create({ baseURL: 'https://api.openai.com/v1', timeout: 30_000 })
const crm = axios.create({ baseURL: 'https://crm.example.com/api' })

export async function moderate(input: string) {
  // ruleid: reliability-missing-retry
  const { data } = await openaiHttp.post('/moderations', { input })
  // ok: reliability-missing-retry
  await crm.post('/moderation-log', { input, flagged: data.results[0].flagged })
  return data
}
