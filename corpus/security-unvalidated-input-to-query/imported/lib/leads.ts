// Data functions the routes call with what they received.
import { createClient as createSsrClient } from '@supabase/supabase-js'
import { createClient } from './supabase/server'

const admin = createSsrClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!)

export async function createLead(payload: Record<string, unknown>) {
  const supabase = await createClient()
  return supabase.from('leads').insert(payload)
}

export async function getLead(id: string) {
  const supabase = await createClient()
  return supabase.from('leads').select('*').eq('id', id).single()
}

export async function archiveLead(id: string, patch: Record<string, unknown>) {
  return admin.from('leads').update(patch).eq('id', id)
}

export function describeLead(payload: Record<string, unknown>) {
  return JSON.stringify(payload)
}

async function internalWrite(payload: Record<string, unknown>) {
  const supabase = await createClient()
  return supabase.from('audit').insert(payload)
}

export const audit = (payload: Record<string, unknown>) => internalWrite(payload)
