// drizzle-orm writes: db.insert(table).values(...), db.update(table).set(...).where(...).
import { NextRequest, NextResponse } from 'next/server'
import { eq } from 'drizzle-orm'
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
    // ruleid: security-unvalidated-input-to-query
    .where(eq(leads.id, id))
  return NextResponse.json({ ok: true })
}
