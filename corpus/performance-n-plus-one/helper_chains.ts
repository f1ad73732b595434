// Queries two calls away: a route loops over a service function that calls a data function.
import { createClient } from '@supabase/supabase-js'

const supabase = createClient('https://x.supabase.co', 'anon')

type Lead = { id: string; property_id: string }

async function fetchTours(leadId: string) {
  const { data } = await supabase.from('tours').select('*').eq('lead_id', leadId)
  return data ?? []
}

async function tourSummary(lead: Lead) {
  const tours = await fetchTours(lead.id)
  return { lead: lead.id, count: tours.length }
}

function label(lead: Lead) {
  return `${lead.property_id}/${lead.id}`
}

function describe(lead: Lead) {
  return label(lead).toUpperCase()
}

export async function summaries(leads: Lead[]) {
  const out = []
  for (const lead of leads) {
    // ruleid: performance-n-plus-one
    out.push(await tourSummary(lead))
    // a chain of helpers that never queries
    // ok: performance-n-plus-one
    out.push(describe(lead))
  }
  return out
}

// recursion through helpers terminates
async function ping(n: number): Promise<number> {
  return n > 0 ? pong(n - 1) : 0
}
async function pong(n: number): Promise<number> {
  return ping(n)
}

export async function noQueries(ns: number[]) {
  for (const n of ns) {
    // ok: performance-n-plus-one
    await ping(n)
  }
}
