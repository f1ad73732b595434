// Other spellings of N+1 in TypeScript: counters, aliases, other SDKs, nesting.
import { createHash } from 'node:crypto'
import knexFactory from 'knex'
import pgp from 'pg-promise'
import pLimit from 'p-limit'
import { DataSource } from 'typeorm'
import { createClient, SupabaseClient } from '@supabase/supabase-js'

const knex = knexFactory({ client: 'pg' })
const pgdb = pgp()('postgres://localhost/app')
const limit = pLimit(5)
const dataSource = new DataSource({ type: 'postgres' })
const sb: SupabaseClient = createClient('https://x.supabase.co', 'anon')

declare const User: { findByPk(id: number): Promise<unknown> }
declare const Lead: { findById(id: string): Promise<unknown> }
declare const apollo: { query(o: object): Promise<unknown> }
declare const GET_LEAD: object
declare const wrapper: { findAll(sel: string): { trigger(e: string): void }[] }

export async function counterLoop(ids: number[]) {
  for (let i = 0; i < ids.length; i++) {
    // ruleid: performance-n-plus-one
    await User.findByPk(ids[i])
  }
}

export async function optionalChain(client: SupabaseClient | null, ids: string[]) {
  for (const id of ids) {
    // ruleid: performance-n-plus-one
    await client?.from('leads').select('*').eq('id', id)
  }
}

export async function pLimited(ids: string[]) {
  await Promise.all(
    ids.map((id) =>
      // ruleid: performance-n-plus-one
      limit(() => sb.from('tours').select('*').eq('lead_id', id)),
    ),
  )
}

export async function objectEntries(groups: Record<string, string[]>) {
  await Promise.allSettled(
    Object.entries(groups).map(async ([group, members]) => {
      // ruleid: performance-n-plus-one
      await pgdb.none('UPDATE groups SET size = $1 WHERE name = $2', [members.length, group])
    }),
  )
}

export async function typeorm(ids: number[]) {
  const repo = dataSource.getRepository('Lead')
  for (const id of ids) {
    // ruleid: performance-n-plus-one
    await repo.findOneBy({ id })
  }
}

export async function mongoose(ids: string[]) {
  // ruleid: performance-n-plus-one
  return Promise.all(ids.map((id) => Lead.findById(id)))
}

export async function knexTrx(rows: { lead: number }[]) {
  await knex.transaction(async (trx) => {
    for (const row of rows) {
      // ruleid: performance-n-plus-one
      await trx('tours').insert({ lead_id: row.lead })
      // ruleid: performance-n-plus-one
      await trx.raw('select pg_notify(?, ?)', ['tours', String(row.lead)])
    }
  })
}

export async function nestedCallbacks(props: { units: string[] }[]) {
  for (const p of props) {
    p.units.forEach((unit) => {
      // ruleid: performance-n-plus-one
      void sb.from('units').update({ checked: true }).eq('id', unit)
    })
  }
}

export async function forAwait(stream: AsyncIterable<{ id: string }>) {
  for await (const event of stream) {
    // ruleid: performance-n-plus-one
    await sb.from('events').insert({ id: event.id })
  }
}

// ---- look-alikes that must stay clean ----

export async function notQueries(ids: string[], res: { write(s: string): void }) {
  for (const id of ids) {
    // ok: performance-n-plus-one
    await apollo.query({ query: GET_LEAD, variables: { id } })
    // ok: performance-n-plus-one
    await sb.auth.admin.deleteUser(id)
    // ok: performance-n-plus-one
    await sb.functions.invoke('notify', { body: { id } })
    // ok: performance-n-plus-one
    res.write(`event: ${id}\n\n`)
  }
  for await (const chunk of [] as AsyncIterable<string>[]) {
    // ok: performance-n-plus-one
    res.write(String(chunk))
  }
}

export async function fixedArrayOfQueries() {
  // ok: performance-n-plus-one
  const [a, b] = await Promise.all([sb.from('leads').select('id'), sb.from('tours').select('id')])
  return [a, b]
}

export async function declaredInLoop(ids: string[]) {
  for (const id of ids) {
    function later() {
      // ok: performance-n-plus-one
      return sb.from('leads').select('*').eq('id', id)
    }
    setTimeout(async () => {
      // ok: performance-n-plus-one
      await sb.from('leads').delete().eq('id', id)
    }, 1000)
    console.log(later)
  }
}

export function notKnex(files: string[], ctx: (k: string) => { update(v: string): void }) {
  for (const f of files) {
    // ok: performance-n-plus-one
    const digest = createHash('sha256').update(f).digest('hex')
    // ok: performance-n-plus-one
    ctx('seen').update(digest)
    // ok: performance-n-plus-one
    console.log(String.raw`SELECT * FROM files WHERE name = ${f}`)
    // ok: performance-n-plus-one
    wrapper.findAll(`[data-file="${f}"]`).forEach((el) => el.trigger('click'))
  }
}

export async function knexNamedInstance(ids: number[], readDb: typeof knex) {
  for (const id of ids) {
    // ruleid: performance-n-plus-one
    await readDb('leads').where({ id }).update({ seen: true })
  }
}

export async function literalCounter() {
  for (let shard = 0; shard < 4; shard++) {
    // ok: performance-n-plus-one
    await knex('events').where({ shard }).del()
  }
}

export async function chunkedWithLodash(ids: string[], chunkOf: (xs: string[], n: number) => string[][]) {
  for (const group of chunkOf(ids, 100)) {
    // ok: performance-n-plus-one
    await sb.from('leads').delete().in('id', group)
  }
}

export async function helpers(ids: string[]) {
  const loadLead = (id: string) => sb.from('leads').select('*').eq('id', id)
  // a named callback that runs a query
  // ruleid: performance-n-plus-one
  await Promise.all(ids.map(loadLead))
  for (const id of ids) {
    // the helper runs the query, the loop calls it
    // ruleid: performance-n-plus-one
    await loadLead(id)
    // a helper declared further down
    // ruleid: performance-n-plus-one
    await archiveTours(id)
    // ok: performance-n-plus-one
    formatId(id)
  }
  // called once, outside the loop
  // ok: performance-n-plus-one
  await archiveTours(ids[0])
}

async function archiveTours(leadId: string) {
  await sb.from('tours').update({ archived: true }).eq('lead_id', leadId)
}

function formatId(id: string) {
  return id.padStart(8, '0')
}

class LeadService {
  async tours(leadId: string) {
    return sb.from('tours').select('*').eq('lead_id', leadId)
  }

  async all(ids: string[]) {
    const out = []
    for (const id of ids) {
      // ruleid: performance-n-plus-one
      out.push(await this.tours(id))
    }
    return out
  }
}

export async function knownGaps(ids: string[], svc: LeadService) {
  for (const id of ids) {
    // a method of another object is not followed
    // todoruleid: performance-n-plus-one
    await svc.tours(id)
  }
}
