// next/headers is server-only too: Next.js refuses to build a client module that reaches it.
import { cookies } from 'next/headers'
import { createServerClient } from '@supabase/ssr'

export async function serviceClient() {
  const store = await cookies()
  return createServerClient(
    process.env.NEXT_PUBLIC_SUPABASE_URL!,
    // ok: security-secret-exposed-to-browser
    process.env.SUPABASE_SERVICE_KEY!,
    { cookies: { getAll: () => store.getAll() } },
  )
}
