import { createClient } from '@supabase/supabase-js'
import { createBrowserClient } from '@supabase/ssr'
import OpenAI from 'openai'
import Anthropic from '@anthropic-ai/sdk'
import { GoogleGenerativeAI } from '@google/generative-ai'
import Stripe from 'stripe'
import * as supabaseJs from '@supabase/supabase-js'
import { createClient as makeClient } from '@supabase/supabase-js'

// a key of unknown format, given where the client takes its credential
// ruleid: security-hardcoded-secret @warning
export const admin = createClient('https://fakeprojectref000000.supabase.co', '@@fake:opaque:ts1@@')
// ok: security-hardcoded-secret
export const anon = createClient('https://fakeprojectref000000.supabase.co', '@@fake:supabase-anon@@')
// ok: security-hardcoded-secret
export const server = createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!)
export const browser = createBrowserClient(
  process.env.NEXT_PUBLIC_SUPABASE_URL!,
  // ok: security-hardcoded-secret
  'sb_publishable_FAKEq9W8e7R6t5Y4u3I2o1P0aSdF',
)
export const namespaced = supabaseJs.createClient(
  'https://fakeprojectref000000.supabase.co',
  // ruleid: security-hardcoded-secret @error
  '@@fake:supabase-service-role:tsnamespace0000000@@',
)
// ok: security-hardcoded-secret
export const placeholder = createClient('https://x.supabase.co', 'your-service-role-key')
// a renamed import is not followed yet (a key of a known shape is found anyway)
// todoruleid: security-hardcoded-secret
export const renamed = makeClient('https://x.supabase.co', '@@fake:opaque:ts5@@')

// ruleid: security-hardcoded-secret @warning
export const openai = new OpenAI({ apiKey: '@@fake:opaque:ts2@@' })
// ok: security-hardcoded-secret
export const openaiEnv = new OpenAI({ apiKey: process.env.OPENAI_API_KEY })
const prefix = process.env.KEY_PREFIX
// ok: security-hardcoded-secret
export const openaiBuilt = new OpenAI({ apiKey: `${prefix}-suffix-that-is-long` })
// ruleid: security-hardcoded-secret @error
export const openaiShape = new OpenAI({ apiKey: "@@fake:openai-proj:ts@@" })
// ruleid: security-hardcoded-secret @warning
export const anthropic = new Anthropic({ apiKey: `@@fake:opaque:ts3@@` })
// ruleid: security-hardcoded-secret @warning
export const gemini = new GoogleGenerativeAI('@@fake:opaque:ts4@@')
// ok: security-hardcoded-secret
export const geminiEnv = new GoogleGenerativeAI(process.env.GEMINI_API_KEY ?? '')
// ruleid: security-hardcoded-secret @error
export const stripe = new Stripe('@@fake:stripe-live:ts@@', { apiVersion: '2024-06-20' })
// ruleid: security-hardcoded-secret @note
export const stripeTest = new Stripe('@@fake:stripe-test:ts@@')

// keys by their shape, wherever they are written
// ruleid: security-hardcoded-secret
const SERVICE_KEY = '@@fake:supabase-service-role:tsconst00000000000@@'
// ruleid: security-hardcoded-secret
// const OLD_KEY = '@@fake:openai-legacy:comment@@'
// ruleid: security-hardcoded-secret
const signingKey = "@@fake:pem-escaped:ts@@"

// look-alikes
// ok: security-hardcoded-secret
const docsKey = 'sk-...'
// ok: security-hardcoded-secret
const requestId = '3f9b2c1e-8a7d-4e6f-9b0a-1c2d3e4f5a6b'
// ok: security-hardcoded-secret
const digest = '@@fake:hex64:ts@@'
// ok: security-hardcoded-secret
const notAGoogleKey = 'AIzaFAKE-but-only-thirty-chars'
// ok: security-hardcoded-secret
const stripePublic = 'pk_live_FAKE51HqAbCdEfGhIjKlMnOpQrStUvWx'
// ok: security-hardcoded-secret
const skuId = 'sk_live_'
// ok: security-hardcoded-secret
const anonKey = '@@fake:supabase-anon:tsanon000000000000@@'

export { SERVICE_KEY, signingKey, docsKey, requestId, digest, notAGoogleKey, stripePublic, skuId, anonKey }
