// Flow on the forms real handlers use: a variable reassigned on one path only keeps what it
// held on the other (the paths join), and payloads built with .map() carry what the callback
// puts in them, not merely that the array was tainted.
import { NextRequest, NextResponse } from 'next/server'
import { z } from 'zod'
import { createClient } from '@/lib/supabase/server'

const Item = z.object({ name: z.string() })

// ruleid: security-missing-auth
export async function POST(req: NextRequest) {
  const supabase = await createClient()
  const body = await req.json()

  // reassigned in one branch only: the other path still holds the request value
  let status = body.status
  if (body.reset) status = 'new'
  // ruleid: security-unvalidated-input-to-query
  await supabase.from('leads').update({ status }).eq('id', 1)

  // reassigned in both branches (if/else): clean after the join
  let priority = body.priority
  if (body.urgent) {
    priority = 1
  } else {
    priority = 3
  }
  // ok: security-unvalidated-input-to-query
  await supabase.from('leads').update({ priority }).eq('id', 2)

  // a ternary chooses, and one side is the request's
  let source = 'web'
  source = body.partner ? body.partner : source
  // ruleid: security-unvalidated-input-to-query
  await supabase.from('leads').update({ source }).eq('id', 3)

  // validated on one path only
  let note = body.note
  if (body.strict) note = Item.parse(body.note)
  // ruleid: security-unvalidated-input-to-query
  await supabase.from('notes').insert({ note })

  // validated on both paths
  let tag = body.tag
  if (body.strict) {
    tag = Item.parse(body.tag)
  } else {
    tag = 'untagged'
  }
  // ok: security-unvalidated-input-to-query
  await supabase.from('tags').insert({ tag })

  // switch with a default: every path overwrites it
  let kind = body.kind
  switch (body.mode) {
    case 'a':
      kind = 'alpha'
      break
    default:
      kind = 'other'
  }
  // ok: security-unvalidated-input-to-query
  await supabase.from('kinds').insert({ kind })
  return NextResponse.json({ ok: true })
}

// ruleid: security-missing-auth
export async function PUT(req: NextRequest) {
  const supabase = await createClient()
  const body = await req.json()

  // arrow returning an object literal
  const rows = body.items.map((i: { name: string }) => ({ name: i.name, imported: true }))
  // ruleid: security-unvalidated-input-to-query
  await supabase.from('units').insert(rows)

  // function expression with a block body, destructured parameter
  const rows2 = body.items.map(function ({ name }: { name: string }) {
    return { name }
  })
  // ruleid: security-unvalidated-input-to-query
  await supabase.from('units').insert(rows2)

  // flatMap, and a callback that captures request data rather than the element
  const rows3 = [1, 2].flatMap((n) => [{ n, owner: body.owner }])
  // ruleid: security-unvalidated-input-to-query
  await supabase.from('units').upsert(rows3)

  // the callback builds rows from constants only: the array being the request's is not enough
  const placeholders = body.items.map(() => ({ name: 'pending' }))
  // ok: security-unvalidated-input-to-query
  await supabase.from('units').insert(placeholders)

  // each element validated in the callback
  const valid = body.items.map((i: unknown) => Item.parse(i))
  // ok: security-unvalidated-input-to-query
  await supabase.from('units').insert(valid)

  // filter keeps the elements themselves
  const kept = body.items.filter((i: { name?: string }) => Boolean(i.name))
  // ruleid: security-unvalidated-input-to-query
  await supabase.from('units').insert(kept)

  // a sink inside a map callback is still seen (the callback runs once, in place)
  await Promise.all(
    body.items.map(async (i: { id: string }) => {
      // ruleid: security-unvalidated-input-to-query
      // ruleid: performance-n-plus-one
      await supabase.from('units').delete().eq('id', i.id)
    }),
  )
  return NextResponse.json({ ok: true })
}
