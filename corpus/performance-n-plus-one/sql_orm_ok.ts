// Look-alikes of N+1 with SQL clients and ORMs that must stay clean.
import { Pool } from 'pg'
import { PrismaClient } from '@prisma/client'
import { drizzle } from 'drizzle-orm/node-postgres'
import { inArray } from 'drizzle-orm'
import Stripe from 'stripe'
import { tours } from './schema'

const pool = new Pool()
const prisma = new PrismaClient()
const db = drizzle(pool)
const stripe = new Stripe(process.env.STRIPE_KEY!)

type Row = { id: number; lead_id: number; email: string }

export async function anyArray(rows: Row[]) {
  // ok: performance-n-plus-one
  const res = await pool.query('SELECT * FROM tours WHERE lead_id = ANY($1)', [rows.map((r) => r.id)])
  const byLead = new Map<number, unknown[]>()
  for (const t of res.rows) {
    // ok: performance-n-plus-one
    byLead.set(t.lead_id, [...(byLead.get(t.lead_id) ?? []), t])
  }
  return byLead
}

export async function prismaBatched(rows: Row[]) {
  // ok: performance-n-plus-one
  await prisma.lead.findMany({ where: { id: { in: rows.map((r) => r.lead_id) } }, include: { tours: true } })
  // ok: performance-n-plus-one
  await prisma.tour.createMany({ data: rows.map((r) => ({ leadId: r.lead_id })) })
}

export async function drizzleBatched(rows: Row[]) {
  // ok: performance-n-plus-one
  return db.select().from(tours).where(inArray(tours.leadId, rows.map((r) => r.lead_id)))
}

export async function notDatabase(rows: Row[], cache: Map<number, Row>, logger: { query: (m: string) => void }) {
  for (const row of rows) {
    // ok: performance-n-plus-one
    cache.delete(row.id)
    // ok: performance-n-plus-one
    await stripe.customers.update(String(row.id), { email: row.email })
    // ok: performance-n-plus-one
    logger.query('Update your profile, please')
    // ok: performance-n-plus-one
    const url = new URL('/select', 'https://example.com')
    console.log(url, document.querySelector(`#row-${row.id}`))
  }
}

export async function paginatedSql() {
  let offset = 0
  while (true) {
    // ok: performance-n-plus-one
    const res = await pool.query('SELECT * FROM leads ORDER BY id LIMIT 500 OFFSET $1', [offset])
    if (res.rows.length === 0) break
    offset += 500
  }
}

export async function keysetPages() {
  let last = 0
  let more = true
  while (more) {
    // ok: performance-n-plus-one
    const page = await prisma.lead.findMany({ where: { id: { gt: last } }, take: 500, orderBy: { id: 'asc' } })
    more = page.length === 500
    last = page.at(-1)?.id ?? last
  }
}

export async function transactionPerBatch(batches: Row[][]) {
  // ok: performance-n-plus-one
  for (const batch of chunk(batches.flat(), 200)) {
    // ok: performance-n-plus-one
    await pool.query('INSERT INTO tours (lead_id) SELECT unnest($1::int[])', [batch.map((r) => r.lead_id)])
  }
}

declare function chunk<T>(xs: T[], n: number): T[][]
