// Calls inside retry wrappers are fine: p-retry, async-retry, exponential-backoff, helpers
// named for retrying, functions handed to a wrapper by name, hand-rolled retry loops.
import pRetry from 'p-retry'
import retry from 'async-retry'
import { backOff } from 'exponential-backoff'
import { GoogleGenerativeAI } from '@google/generative-ai'
import OpenAI from 'openai'
import { withRetry } from '@/utils/retry'

const openai = new OpenAI({ maxRetries: 0 })
const model = new GoogleGenerativeAI(process.env.GEMINI_API_KEY!).getGenerativeModel({ model: 'gemini-1.5-pro' })

export async function embedWithPRetry(input: string) {
  return pRetry(
    // ok: reliability-missing-retry
    () => openai.embeddings.create({ model: 'text-embedding-3-small', input }),
    { retries: 3 },
  )
}

export async function generateWithAsyncRetry(prompt: string) {
  return retry(async () => {
    // ok: reliability-missing-retry
    const r = await model.generateContent(prompt)
    return r.response.text()
  }, { retries: 4, factor: 2 })
}

export async function generateWithBackoff(prompt: string) {
  // ok: reliability-missing-retry
  return backOff(() => model.generateContent(prompt), { numOfAttempts: 5 })
}

export async function generateWithHelper(prompt: string) {
  return withRetry(async () => {
    // ok: reliability-missing-retry
    const r = await model.generateContent(prompt)
    return r.response.text()
  })
}

async function callGeminiOnce(prompt: string) {
  // ok: reliability-missing-retry
  return model.generateContent(prompt)
}

export const generateByName = (prompt: string) => pRetry(() => callGeminiOnce(prompt))

async function fetchCompletionWithRetry(body: unknown) {
  // ok: reliability-missing-retry
  return fetch('https://api.openai.com/v1/chat/completions', { method: 'POST', body: JSON.stringify(body) })
}

export async function handRolled(prompt: string) {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      // ok: reliability-missing-retry
      return await model.generateContent(prompt)
    } catch (err) {
      await new Promise((r) => setTimeout(r, 2 ** attempt * 500))
    }
  }
  throw new Error('gemini unavailable')
}

export async function perLead(leads: string[]) {
  const out = []
  for (const lead of leads) {
    try {
      // ruleid: reliability-missing-retry
      out.push(await model.generateContent(lead))
    } catch (err) {
      console.error(err)
    }
  }
  return out
}

export async function perIndex(leads: string[]) {
  const out = []
  for (let i = 0; i < leads.length; i++) {
    try {
      // a counting loop over items, not over attempts
      // ruleid: reliability-missing-retry
      out.push(await model.generateContent(leads[i]))
    } catch (err) {
      console.error(err)
    }
  }
  return out
}

export async function perEntry(entries: Record<string, string>) {
  for (let n = 0, keys = Object.keys(entries); n < keys.length; n++) {
    try {
      // "entries" is not "tries"
      // ruleid: reliability-missing-retry
      await model.generateContent(entries[keys[n]])
    } catch (err) {
      console.error(err)
    }
  }
}

export async function withMaxTries(prompt: string, maxTries = 3) {
  for (let n = 0; n < maxTries; n++) {
    try {
      // ok: reliability-missing-retry
      return await model.generateContent(prompt)
    } catch (err) {
      if (n === maxTries - 1) throw err
    }
  }
}

export async function untilItWorks(prompt: string) {
  let retriesLeft = 4
  while (retriesLeft-- > 0) {
    try {
      // ok: reliability-missing-retry
      return await model.generateContent(prompt)
    } catch (err) {
      await new Promise((r) => setTimeout(r, 1000))
    }
  }
  throw new Error('gemini unavailable')
}

export async function eagerPromise(prompt: string) {
  // the promise is created once, before the wrapper sees it: nothing is retried
  // ruleid: reliability-missing-retry
  return withRetry(model.generateContent(prompt))
}

export { fetchCompletionWithRetry }
