// No directive: a library module. Only client modules import it, so the browser gets it.
import { createClient } from '@supabase/supabase-js'

export const supabaseAdmin = createClient(
  // ok: security-secret-exposed-to-browser
  process.env.NEXT_PUBLIC_SUPABASE_URL!,
  // ruleid: security-secret-exposed-to-browser @warning
  process.env.SUPABASE_SERVICE_ROLE_KEY!,
)

export async function banUser(id: string) {
  // ruleid: security-secret-exposed-to-browser @warning
  await supabaseAdmin.auth.admin.deleteUser(id)
  // ok: security-secret-exposed-to-browser
  if (process.env.NODE_ENV !== 'production') console.log('banned', id)
}
