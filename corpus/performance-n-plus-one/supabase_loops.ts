// N+1 queries with supabase-js: a query per item of a loop or an array callback.
import { createClient } from '@supabase/supabase-js'

const supabase = createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_ANON_KEY!)

interface Lead {
  id: string
  agent_id: string
}

export async function leadsWithTours() {
  const leads = await supabase.from('leads').select('*')
  for (const lead of leads.data ?? []) {
    // ruleid: performance-n-plus-one
    const tours = await supabase.from('tours').select('*').eq('lead_id', lead.id)
    console.log(tours.data)
  }
}

export async function multiLineChain(leads: Lead[]) {
  const out = []
  for (const lead of leads) {
    // ruleid: performance-n-plus-one
    const { data: agent } = await supabase
      .from('agents')
      .select('id, name')
      .eq('id', lead.agent_id)
      .single()
    out.push({ ...lead, agent })
  }
  return out
}

export async function concurrentIsStillN(leads: Lead[]) {
  return Promise.all(
    leads.map(async (lead) => {
      // ruleid: performance-n-plus-one
      const { data } = await supabase.from('tours').select('*').eq('lead_id', lead.id)
      return { ...lead, tours: data }
    }),
  )
}

export async function forEachUpdate(leads: Lead[]) {
  leads.forEach(async ({ id }) => {
    // ruleid: performance-n-plus-one
    await supabase.from('leads').update({ status: 'contacted' }).eq('id', id)
  })
}

export async function rpcPerItem(ids: string[]) {
  let i = 0
  while (i < ids.length) {
    // ruleid: performance-n-plus-one
    await supabase.rpc('score_lead', { lead_id: ids[i] })
    i++
  }
}

export async function nestedInIf(leads: Lead[], admin: boolean) {
  for (const lead in leads) {
    if (admin) {
      try {
        // ruleid: performance-n-plus-one
        await supabase.from('audit_log').insert({ lead_id: lead })
      } catch (e) {
        console.error(e)
      }
    }
  }
}

export async function notAwaitedThen(leads: Lead[]) {
  for (const lead of leads) {
    // ruleid: performance-n-plus-one
    supabase.from('events').upsert({ lead_id: lead.id }).then(() => undefined)
  }
}

export async function callbackGivenToHelper(leads: Lead[], retry: <T>(fn: () => Promise<T>) => Promise<T>) {
  for (const lead of leads) {
    // a callback given to an ordinary call runs where it stands
    // ruleid: performance-n-plus-one
    await retry(() => supabase.from('tours').delete().eq('lead_id', lead.id))
  }
}

export async function iife(leads: Lead[]) {
  for (const lead of leads) {
    await (async () => {
      // ruleid: performance-n-plus-one
      await supabase.schema('crm').from('notes').select('*').eq('lead_id', lead.id)
    })()
  }
}

export async function flatMapReduce(leads: Lead[]) {
  const rows = await Promise.all(
    // ruleid: performance-n-plus-one
    leads.flatMap((lead) => [supabase.from('tours').select('*').eq('lead_id', lead.id)]),
  )
  return leads.reduce(async (acc, lead) => {
    // ruleid: performance-n-plus-one
    const { count } = await supabase.from('tours').select('*', { count: 'exact', head: true }).eq('lead_id', lead.id)
    return (await acc) + (count ?? 0)
  }, Promise.resolve(rows.length))
}

export async function doWhile(queue: Lead[]) {
  do {
    const lead = queue.shift()
    // ruleid: performance-n-plus-one
    await supabase.from('leads').delete().eq('id', lead?.id)
  } while (queue.length > 0)
}
