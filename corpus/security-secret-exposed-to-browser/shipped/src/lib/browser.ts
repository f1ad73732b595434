// The browser client: public values only.
import { createBrowserClient } from '@supabase/ssr'

export const supabase = createBrowserClient(
  // ok: security-secret-exposed-to-browser
  process.env.NEXT_PUBLIC_SUPABASE_URL!,
  // ok: security-secret-exposed-to-browser
  process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY!,
)
