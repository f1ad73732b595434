// Look-alikes that must stay clean: every validator the check knows, guards, session data.
import { NextRequest, NextResponse } from 'next/server'
import { z } from 'zod'
import * as yup from 'yup'
import * as v from 'valibot'
import Joi from 'joi'
import { object, string, create, assert, is } from 'superstruct'
import { createClient } from '@/lib/supabase/server'

const LeadSchema = z.object({ leadId: z.string().uuid(), note: z.string().max(500) })
const yupSchema = yup.object({ leadId: yup.string().uuid().required() })
const ValibotSchema = v.object({ leadId: v.pipe(v.string(), v.uuid()) })
const joiSchema = Joi.object({ leadId: Joi.string().guid().required() })
const LeadStruct = object({ leadId: string() })

// ruleid: security-missing-auth
export async function POST(req: NextRequest) {
  const supabase = await createClient()
  const parsed = LeadSchema.safeParse(await req.json())
  if (!parsed.success) {
    return NextResponse.json({ error: parsed.error.flatten() }, { status: 400 })
  }
  // ok: security-unvalidated-input-to-query
  await supabase.from('lead_notes').insert({ lead_id: parsed.data.leadId, note: parsed.data.note })
  return NextResponse.json({ ok: true })
}

// Guard style: the body itself is used after the check.
// ruleid: security-missing-auth
export async function PUT(req: NextRequest) {
  const supabase = await createClient()
  const body = await req.json()
  if (!LeadSchema.safeParse(body).success) return NextResponse.json({}, { status: 400 })
  // ok: security-unvalidated-input-to-query
  await supabase.from('leads').update({ note: body.note }).eq('id', body.leadId)
  return NextResponse.json({ ok: true })
}

// Guard through the result variable.
// ruleid: security-missing-auth
export async function PATCH(req: NextRequest) {
  const supabase = await createClient()
  const input = await req.json()
  const result = LeadSchema.safeParse(input)
  if (!result.success) {
    return NextResponse.json({ error: 'invalid' }, { status: 400 })
  }
  // ok: security-unvalidated-input-to-query
  await supabase.from('leads').update({ note: input.note }).eq('id', input.leadId)
  return NextResponse.json({ ok: true })
}

// A statement that asserts: zod's parse throws on bad input.
// ruleid: security-missing-auth
export async function DELETE(req: NextRequest) {
  const supabase = await createClient()
  const body = await req.json()
  LeadSchema.parse(body)
  // ok: security-unvalidated-input-to-query
  await supabase.from('leads').delete().eq('id', body.leadId)
  return NextResponse.json({ ok: true })
}

export async function GET(req: NextRequest) {
  const supabase = await createClient()
  const sp = req.nextUrl.searchParams
  // yup
  const y = await yupSchema.validate({ leadId: sp.get('leadId') })
  // ok: security-unvalidated-input-to-query
  await supabase.from('leads').select('*').eq('id', y.leadId)
  // valibot
  const w = v.parse(ValibotSchema, { leadId: sp.get('leadId') })
  // ok: security-unvalidated-input-to-query
  await supabase.from('leads').select('*').eq('id', w.leadId)
  // joi: { error, value }
  const { error, value } = joiSchema.validate({ leadId: sp.get('leadId') })
  if (error) return NextResponse.json({ error: error.message }, { status: 400 })
  // ok: security-unvalidated-input-to-query
  await supabase.from('leads').select('*').eq('id', value.leadId)
  // superstruct create
  const s = create({ leadId: sp.get('leadId') }, LeadStruct)
  // ok: security-unvalidated-input-to-query
  await supabase.from('leads').select('*').eq('id', s.leadId)
  // a number with a NaN check
  const page = Number(sp.get('page'))
  if (Number.isNaN(page)) return NextResponse.json({ error: 'bad page' }, { status: 400 })
  // ok: security-unvalidated-input-to-query
  const { data } = await supabase.from('leads').select('*').range(page * 20, page * 20 + 19)
  return NextResponse.json(data)
}

// superstruct assert and is; valibot safeParse as a guard.
export async function OPTIONS(req: NextRequest) {
  const supabase = await createClient()
  const a = await req.json()
  assert(a, LeadStruct)
  // ok: security-unvalidated-input-to-query
  await supabase.from('leads').select('*').eq('id', a.leadId)
  const b = await req.json()
  if (!is(b, LeadStruct)) return NextResponse.json({}, { status: 400 })
  // ok: security-unvalidated-input-to-query
  await supabase.from('leads').select('*').eq('id', b.leadId)
  const c = await req.json()
  const checked = v.safeParse(ValibotSchema, c)
  if (!checked.success) return NextResponse.json({}, { status: 400 })
  // ok: security-unvalidated-input-to-query
  await supabase.from('leads').select('*').eq('id', checked.output.leadId)
  // yup isValid as a guard
  const d = await req.json()
  if (!(await yupSchema.isValid(d))) return NextResponse.json({}, { status: 400 })
  // ok: security-unvalidated-input-to-query
  await supabase.from('leads').select('*').eq('id', d.leadId)
  // joi attempt
  const e = Joi.attempt(await req.json(), joiSchema)
  // ok: security-unvalidated-input-to-query
  await supabase.from('leads').select('*').eq('id', e.leadId)
  return NextResponse.json({ ok: true })
}

// Values that never came from the request.
export async function HEAD(req: NextRequest) {
  const supabase = await createClient()
  const { data: { user } } = await supabase.auth.getUser()
  if (!user) return new NextResponse(null, { status: 401 })
  // ok: security-unvalidated-input-to-query
  await supabase.from('leads').select('id').eq('owner_id', user.id)
  const body = await req.json()
  // Request data that only goes to the response and the log.
  console.log('lead request', body)
  // ok: security-unvalidated-input-to-query
  await supabase.from('leads').select('id').eq('status', 'new').limit(10)
  return NextResponse.json({ echo: body.leadId })
}
