'use server'
// A server action module: client modules get references to its functions, not its code.
import { createClient } from '@supabase/supabase-js'

// ruleid: security-missing-auth
export async function deleteAccount(id: string) {
  // ok: security-secret-exposed-to-browser
  const admin = createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!)
  // ok: security-secret-exposed-to-browser
  await admin.auth.admin.deleteUser(id)
}
