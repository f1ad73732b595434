// Look-alikes of N+1 with supabase-js that must stay clean.
import { createClient } from '@supabase/supabase-js'

const supabase = createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_ANON_KEY!)
const TABLES = ['leads', 'tours', 'agents'] as const

interface Lead {
  id: string
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

export async function joined() {
  // ok: performance-n-plus-one
  const { data } = await supabase.from('leads').select('*, tours(*)')
  return data
}

export async function batchedIn(leads: Lead[]) {
  const ids = leads.map((l) => l.id)
  // ok: performance-n-plus-one
  const { data: tours } = await supabase.from('tours').select('*').in('lead_id', ids)
  for (const lead of leads) {
    // ok: performance-n-plus-one
    console.log(lead.id, tours?.filter((t) => t.lead_id === lead.id))
  }
}

export async function iterableEvaluatedOnce() {
  // ok: performance-n-plus-one
  for (const lead of (await supabase.from('leads').select('*')).data ?? []) {
    console.log(lead)
  }
}

export async function awaitsThatAreNotQueries(leads: Lead[], res: NodeJS.WritableStream) {
  for (const lead of leads) {
    // ok: performance-n-plus-one
    await sleep(100)
    // ok: performance-n-plus-one
    await fetch(`https://api.example.com/leads/${lead.id}`)
    // ok: performance-n-plus-one
    res.write(JSON.stringify(lead))
    // ok: performance-n-plus-one
    const parts = Array.from(lead.id).map((c) => c.toUpperCase())
    console.log(parts)
  }
}

export async function definedNotCalled(leads: Lead[]) {
  const loaders = []
  for (const lead of leads) {
    // a function stored for later runs when someone calls it, not per iteration here
    const load = async () => {
      // ok: performance-n-plus-one
      return supabase.from('tours').select('*').eq('lead_id', lead.id)
    }
    loaders.push(load)
  }
  return loaders
}

export async function handlerRegisteredInLoop(channels: string[]) {
  for (const name of channels) {
    supabase.channel(name).on('postgres_changes', { event: 'INSERT', schema: 'public' }, async (payload) => {
      // ok: performance-n-plus-one
      await supabase.from('events').insert({ channel: name, payload })
    })
  }
}

export async function literalTables() {
  for (const table of TABLES) {
    // ok: performance-n-plus-one
    await supabase.from(table).delete().eq('archived', true)
  }
  for (const status of ['new', 'won', 'lost']) {
    // ok: performance-n-plus-one
    await supabase.from('leads').select('id', { count: 'exact' }).eq('status', status)
  }
}

export async function paginated() {
  let from = 0
  const pageSize = 1000
  for (;;) {
    // ok: performance-n-plus-one
    const { data } = await supabase.from('leads').select('*').range(from, from + pageSize - 1)
    if (!data || data.length < pageSize) break
    from += pageSize
  }
}

export async function chunkedInsert(rows: Lead[]) {
  for (let i = 0; i < rows.length; i += 500) {
    // ok: performance-n-plus-one
    await supabase.from('leads').insert(rows.slice(i, i + 500))
  }
}

export async function retryLoop(id: string) {
  for (let attempt = 0; attempt < 3; attempt++) {
    // ok: performance-n-plus-one
    const { data, error } = await supabase.from('leads').select('*').eq('id', id).single()
    if (!error) return data
    await sleep(2 ** attempt * 100)
  }
  throw new Error('unreachable')
}

export async function retryWithTry(id: string, maxRetries: number) {
  for (let attempt = 0; attempt < maxRetries; attempt++) {
    try {
      // ok: performance-n-plus-one
      const { data } = await supabase.from('leads').select('*').eq('id', id).single()
      return data
    } catch {
      await sleep(100)
    }
  }
}

export async function pollingWorker() {
  while (true) {
    // ok: performance-n-plus-one
    const { data: job } = await supabase.from('jobs').select('*').eq('status', 'queued').limit(1).maybeSingle()
    if (job) console.log(job)
    await sleep(5000)
  }
}

export async function storageIsNotAQuery(paths: string[]) {
  for (const path of paths) {
    // ok: performance-n-plus-one
    await supabase.storage.from('avatars').remove([path])
  }
}

export function builderOutsideLoop(filters: Record<string, string>) {
  // ok: performance-n-plus-one
  let q = supabase.from('leads').select('*')
  for (const [col, val] of Object.entries(filters)) {
    // ok: performance-n-plus-one
    q = q.eq(col, val)
  }
  return q
}

export function mapOverRows(rows: { data: Lead[] }) {
  // ok: performance-n-plus-one
  return rows.data.map((row) => ({ ...row, label: String(row.id).padStart(6, '0') }))
}
