// A route handler runs on the server: it may read the service-role key.
import { createClient } from '@supabase/supabase-js'

// ruleid: security-missing-auth
export async function DELETE(request: Request) {
  const admin = createClient(
    process.env.NEXT_PUBLIC_SUPABASE_URL!,
    // ok: security-secret-exposed-to-browser
    process.env.SUPABASE_SERVICE_ROLE_KEY!,
  )
  const { id } = await request.json()
  // ok: security-secret-exposed-to-browser
  await admin.auth.admin.deleteUser(id)
  return Response.json({ ok: true })
}
