// Look-alikes: methods with LLM-sounding names on other objects, other hosts.
import { Resend } from 'resend'

const resend = new Resend(process.env.RESEND_API_KEY)
const slack = { sendMessage: async (text: string) => text }
const db = { create: async (row: object) => row }

export async function notify(text: string) {
  // ok: reliability-missing-retry
  await slack.sendMessage(text)
  // ok: reliability-missing-retry
  await db.create({ text })
}

export async function generateContent(prompt: string) {
  // ok: reliability-missing-retry
  return fetch('https://internal.example.com/generate', { method: 'POST', body: prompt })
}

export async function docs() {
  // ok: reliability-missing-retry
  return fetch('https://platform.openai.com/docs/overview')
}

export async function proxy() {
  const base = process.env.OPENAI_BASE_URL
  // todoruleid: reliability-missing-retry
  return fetch(`${base}/chat/completions`, { method: 'POST' })
}

const docker = { createImage: async (tag: string) => tag }

export async function buildImage(tag: string) {
  // ok: reliability-missing-retry
  return docker.createImage(tag)
}
