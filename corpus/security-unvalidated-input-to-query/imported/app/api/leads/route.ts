import { NextResponse } from 'next/server'
import { z } from 'zod'
import { createLead, getLead, archiveLead, describeLead } from '@/lib/leads'
import * as leads from '../../../lib/leads'
import { createClient } from '@/lib/supabase/server'

const Lead = z.object({ name: z.string(), email: z.string().email() })

// ruleid: security-missing-auth
export async function POST(req: Request) {
  const body = await req.json()
  // ruleid: security-unvalidated-input-to-query @warning
  await createLead(body)
  // ruleid: security-unvalidated-input-to-query @warning
  await leads.createLead({ ...body, source: 'web' })
  // ruleid: security-unvalidated-input-to-query @note
  await getLead(body.id)
  // ruleid: security-unvalidated-input-to-query @error
  await archiveLead('fixed-id', body)
  // the first parameter is only a filter value the database binds, on the service-role client
  // ruleid: security-unvalidated-input-to-query @error
  await archiveLead(body.id, {})
  // the helper never writes it
  // ok: security-unvalidated-input-to-query
  const text = describeLead(body)
  // validated first
  // ok: security-unvalidated-input-to-query
  await createLead(Lead.parse(body))
  // an RLS-scoped client from another module: the finding stays a warning
  const supabase = await createClient()
  // ruleid: security-unvalidated-input-to-query @warning
  await supabase.from('leads').insert(body)
  return NextResponse.json({ text })
}
