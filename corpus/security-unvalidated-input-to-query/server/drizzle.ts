// drizzle-orm writes: db.insert(table).values(...), db.update(table).set(...).where(...).
import { NextRequest, NextResponse } from 'next/server'
import { and, eq, isNull, or } from 'drizzle-orm'
import { z } from 'zod'
import { db } from '@/lib/db'
import { leads } from '@/lib/db/schema'

const LeadPatch = z.object({ status: z.enum(['new', 'contacted', 'toured']) })

export async function POST(req: NextRequest) {
  const body = await req.json()
  // ruleid: security-unvalidated-input-to-query
  await db.insert(leads).values(body)
  return NextResponse.json({ ok: true })
}

export async function PATCH(req: NextRequest) {
  const id = req.nextUrl.searchParams.get('id') ?? ''
  const patch = LeadPatch.parse(await req.json())
  await db
    .update(leads)
    // ok: security-unvalidated-input-to-query
    .set(patch)
    // the database binds the value of eq(column, value): a note about ownership
    // ruleid: security-unvalidated-input-to-query @note
    .where(eq(leads.id, id))
  return NextResponse.json({ ok: true })
}

export async function DELETE(req: NextRequest) {
  const { id, owner } = await req.json()
  await db
    .delete(leads)
    // ruleid: security-unvalidated-input-to-query @note
    .where(and(eq(leads.id, id), or(eq(leads.ownerId, owner), isNull(leads.ownerId))))
  // a where clause that is not drizzle's comparisons: knex's where(column, value) naming the
  // column from the request
  // ruleid: security-unvalidated-input-to-query @warning
  await db('leads').where(owner as string, 'x').del()
  return NextResponse.json({ ok: true })
}
