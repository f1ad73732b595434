// /api/properties — property lookups for the dashboard. POST is the audit's "Input
// Validation: Inconsistent Sanitization" example as found; PUT is the fix the audit asks for.
import { NextRequest, NextResponse } from 'next/server'
import { z } from 'zod'
import { createClient } from '@/lib/supabase/server'

const schema = z.object({
  propertyId: z.string().uuid(),
  notes: z.string().max(500).optional(),
})

// ❌ Unsafe - Direct use of user input
export async function POST(req: NextRequest) {
  const supabase = await createClient()
  const { propertyId } = await req.json()
  // ruleid: security-unvalidated-input-to-query
  const { data } = await supabase.from('properties').select('*').eq('id', propertyId)
  return NextResponse.json(data)
}

// ✅ Safe - Validated input
// ruleid: security-missing-auth
export async function PUT(req: NextRequest) {
  const supabase = await createClient()
  const validated = schema.parse(await req.json())
  // ok: security-unvalidated-input-to-query
  const { data } = await supabase.from('properties').select('*').eq('id', validated.propertyId)
  if (validated.notes !== undefined) {
    await supabase
      .from('properties')
      // ok: security-unvalidated-input-to-query
      .update({ notes: validated.notes })
      .eq('id', validated.propertyId)
  }
  return NextResponse.json(data)
}
