// import 'server-only': the build fails if a client module reaches this file, so it never ships.
import 'server-only'
import { createClient } from '@supabase/supabase-js'

export const serverAdmin = createClient(
  process.env.NEXT_PUBLIC_SUPABASE_URL!,
  // ok: security-secret-exposed-to-browser
  process.env.SUPABASE_SERVICE_ROLE_KEY!,
)
