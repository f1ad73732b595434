// Express routes on pg, knex, prisma and drizzle.
import express from 'express'
import { Pool } from 'pg'
import knex from 'knex'
import { PrismaClient } from '@prisma/client'
import { drizzle } from 'drizzle-orm/node-postgres'
import { eq } from 'drizzle-orm'
import { leads } from './schema'

const app = express()
const pool = new Pool()
const prisma = new PrismaClient()
const orm = drizzle(pool)
const db = knex({ client: 'pg' })

app.get('/leads/:id', async (req, res) => {
  // ruleid: security-unvalidated-input-to-query
  const { rows } = await pool.query('select * from leads where id = $1', [req.params.id])
  res.json(rows)
})

// ruleid: security-missing-auth
app.post('/leads', async (req, res) => {
  // ruleid: security-unvalidated-input-to-query
  const lead = await prisma.lead.create({ data: req.body })
  res.json(lead)
})

app.get('/leads', async (req, res) => {
  const { status } = req.query
  // ruleid: security-unvalidated-input-to-query
  const rows = await prisma.lead.findMany({ where: { status: String(status) } })
  // ruleid: security-unvalidated-input-to-query @note
  const more = await orm.select().from(leads).where(eq(leads.status, status as string))
  // knex binds the object's values but takes its keys as columns
  // ruleid: security-unvalidated-input-to-query @warning
  const viaKnex = await db('leads').where({ status }).select('*')
  // ok: security-unvalidated-input-to-query
  const fixed = await prisma.lead.findMany({ where: { status: 'new' } })
  // ok: security-unvalidated-input-to-query
  const { rows: all } = await pool.query('select * from leads where status = $1', ['new'])
  res.json({ rows, more, viaKnex, fixed, all })
})
