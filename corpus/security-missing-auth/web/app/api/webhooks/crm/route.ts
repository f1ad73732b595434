// A webhook that never checks who sent it, writing with the service-role client.
import { createClient } from '@supabase/supabase-js'

const supabaseAdmin = createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!)

// ruleid: security-missing-auth @warning
export async function POST(req: Request) {
  const event = await req.json()
  // ruleid: security-unvalidated-input-to-query
  await supabaseAdmin.from('leads').upsert(event.lead)
  return new Response(null, { status: 200 })
}
