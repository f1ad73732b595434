// auth.admin needs the service-role key and bypasses row level security.
import { createClient } from '@supabase/supabase-js'

// ruleid: security-missing-auth
export async function POST(req: Request) {
  const { email } = await req.json()
  const supabase = createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!)
  await supabase.auth.admin.inviteUserByEmail(email)
  return Response.json({ ok: true })
}
