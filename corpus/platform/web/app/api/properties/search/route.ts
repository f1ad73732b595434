// /api/properties/search — full-text property search on a raw pg query. The input is
// validated by zod, and still pasted into the SQL text: a valid string is any string.
import { NextRequest, NextResponse } from 'next/server'
import { z } from 'zod'
import { pool } from '@/lib/db'

const SORT_COLUMNS = { price: 'price', newest: 'created_at', beds: 'bedrooms' } as const

const query = z.object({
  q: z.string().min(2).max(100),
  city: z.string().max(80).optional(),
  sort: z.enum(['price', 'newest', 'beds']).default('newest'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
})

// ❌ Vulnerable
export async function GET(req: NextRequest) {
  const { q, city, sort, limit } = query.parse(Object.fromEntries(req.nextUrl.searchParams))
  let sql = `SELECT id, name, city, price FROM properties WHERE search @@ plainto_tsquery('${q}')`
  if (city) {
    sql += ` AND city = '${city}'`
  }
  sql += ` ORDER BY ${SORT_COLUMNS[sort]} DESC LIMIT ${Number(limit)}`
  // ruleid: security-sql-string-formatting
  const { rows } = await pool.query(sql)
  return NextResponse.json(rows)
}

// ✅ Safe
export async function POST(req: NextRequest) {
  const { q, city, sort, limit } = query.parse(await req.json())
  const values: unknown[] = [q]
  let sql = 'SELECT id, name, city, price FROM properties WHERE search @@ plainto_tsquery($1)'
  if (city) {
    values.push(city)
    sql += ` AND city = $${values.length}`
  }
  sql += ` ORDER BY ${SORT_COLUMNS[sort]} DESC LIMIT ${Number(limit)}`
  // ok: security-sql-string-formatting
  const { rows } = await pool.query(sql, values)
  return NextResponse.json(rows)
}
