// The level follows the harm: a write or a filter string is a warning, anything on the
// service-role client (which bypasses row level security) an error, and a value PostgREST binds
// into an equality or range filter on an ordinary client a note about who may read the rows.
import { NextRequest, NextResponse } from 'next/server'
import { createClient } from '@supabase/supabase-js'
import { createClient as createServerClient } from '@/lib/supabase/server'

const supabaseAdmin = createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!)
const service = createClient(
  process.env.NEXT_PUBLIC_SUPABASE_URL!,
  process.env.SUPABASE_SERVICE_ROLE_KEY!,
)

export async function GET(request: NextRequest) {
  const supabase = createServerClient()
  const { searchParams } = new URL(request.url)
  const id = searchParams.get('id')
  const sort = searchParams.get('sort')
  const q = searchParams.get('q')
  const page = Number(searchParams.get('page'))

  // ruleid: security-unvalidated-input-to-query @note
  await supabase.from('listings').select('*').eq('id', id)
  // ruleid: security-unvalidated-input-to-query @note
  await supabase.from('listings').select('*').range(page * 20, page * 20 + 19)
  // ruleid: security-unvalidated-input-to-query @warning
  await supabase.from('listings').select('*').eq(sort, true)
  // ruleid: security-unvalidated-input-to-query @warning
  await supabase.from('listings').select('*').order(sort)
  // ruleid: security-unvalidated-input-to-query @warning
  await supabase.from('listings').select('*').or(`title.ilike.%${q}%,city.ilike.%${q}%`)
  // ruleid: security-unvalidated-input-to-query @error
  await supabaseAdmin.from('listings').select('*').eq('id', id)
  // ruleid: security-unvalidated-input-to-query @error
  await service.from('listings').select('*').eq('owner', id)
  return NextResponse.json({ ok: true })
}

export async function POST(request: NextRequest) {
  const supabase = createServerClient()
  const body = await request.json()
  // ruleid: security-unvalidated-input-to-query @warning
  await supabase.from('listings').insert(body)
  // ruleid: security-unvalidated-input-to-query @warning
  await supabase.rpc('touch_listing', { listing_id: body.id })
  // ruleid: security-unvalidated-input-to-query @error
  await supabaseAdmin.from('listings').upsert({ ...body, reviewed: false })
  return NextResponse.json({ ok: true })
}
