// N+1 queries with pg, mysql2, postgres.js, knex, prisma and drizzle.
import { Pool } from 'pg'
import mysql from 'mysql2/promise'
import postgres from 'postgres'
import knexFactory from 'knex'
import { PrismaClient } from '@prisma/client'
import { drizzle } from 'drizzle-orm/node-postgres'
import { eq, inArray, sql as dsql } from 'drizzle-orm'
import { leads, tours } from './schema'

const pool = new Pool()
const sql = postgres()
const knex = knexFactory({ client: 'pg' })
const prisma = new PrismaClient()
const db = drizzle(pool)
const TOURS_BY_LEAD = 'SELECT * FROM tours WHERE lead_id = $1'

type Row = { id: number; lead_id: number }

export async function pgLoop(rows: Row[]) {
  for (const row of rows) {
    // ruleid: performance-n-plus-one
    const res = await pool.query('SELECT * FROM tours WHERE lead_id = $1', [row.id])
    console.log(res.rows)
  }
}

export async function pgNamedText(rows: Row[]) {
  const client = await pool.connect()
  for (const row of rows) {
    // ruleid: performance-n-plus-one
    await client.query(TOURS_BY_LEAD, [row.id])
  }
  client.release()
}

export async function pgConfigObject(rows: Row[]) {
  for (const row of rows) {
    // ruleid: performance-n-plus-one
    await pool.query({ text: `UPDATE leads SET score = score + 1 WHERE id = $1`, values: [row.id] })
  }
}

export async function mysqlExecute(ids: number[]) {
  const conn = await mysql.createConnection({ host: 'db' })
  await Promise.all(
    // ruleid: performance-n-plus-one
    ids.map((id) => conn.execute('DELETE FROM sessions WHERE user_id = ?', [id])),
  )
}

export async function postgresJs(rows: Row[]) {
  for (const row of rows) {
    // ruleid: performance-n-plus-one
    const [lead] = await sql`select * from leads where id = ${row.lead_id}`
    console.log(lead)
  }
}

export async function knexLoop(rows: Row[]) {
  for (const row of rows) {
    // ruleid: performance-n-plus-one
    const lead = await knex('leads').where({ id: row.lead_id }).first()
    console.log(lead)
  }
}

export async function prismaLoop(rows: Row[]) {
  for (const row of rows) {
    // ruleid: performance-n-plus-one
    const lead = await prisma.lead.findUnique({ where: { id: row.lead_id } })
    console.log(lead)
  }
}

export async function prismaTransaction(rows: Row[]) {
  await prisma.$transaction(async (tx) => {
    for (const row of rows) {
      // ruleid: performance-n-plus-one
      await tx.tour.update({ where: { id: row.id }, data: { confirmed: true } })
    }
  })
}

export async function prismaRaw(rows: Row[]) {
  for (const row of rows) {
    // ruleid: performance-n-plus-one
    await prisma.$queryRaw`SELECT * FROM tours WHERE lead_id = ${row.lead_id}`
  }
}

export async function drizzleSelect(rows: Row[]) {
  return Promise.all(
    rows.map(async (row) => {
      // ruleid: performance-n-plus-one
      return db.select().from(tours).where(eq(tours.leadId, row.lead_id))
    }),
  )
}

export async function drizzleUpdate(rows: Row[]) {
  for (const row of rows) {
    // ruleid: performance-n-plus-one
    await db.update(leads).set({ score: 1 }).where(eq(leads.id, row.id))
  }
}

export async function drizzleExecute(rows: Row[]) {
  for (const row of rows) {
    // one finding for the execute(sql`...`) site, not two
    // ruleid: performance-n-plus-one
    await db.execute(dsql`select count(*) from tours where lead_id = ${row.lead_id}`)
  }
}
