// Shared by pages and API routes: the pages' imports ship it to the browser.
import { createClient } from '@supabase/supabase-js'

export async function verifyApiKey(key: string) {
  const service = createClient(
    process.env.NEXT_PUBLIC_SUPABASE_URL!,
    // ruleid: security-secret-exposed-to-browser @warning
    process.env.SUPABASE_SERVICE_ROLE_KEY!,
  )
  return service.from('apikeys').select('*').eq('key', key).single()
}

export async function fetchProfile() {
  return fetch('/api/profile').then((r) => r.json())
}
