// The message names the variable, this module and the client module that ships it.
import { createClient } from '@supabase/supabase-js'

export function adminClient() {
  // ruleid: security-secret-exposed-to-browser @warning
  return createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!)
}
