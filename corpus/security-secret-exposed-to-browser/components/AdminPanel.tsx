'use client'
// A client component that reaches for server-only things.
import { createClient } from '@supabase/supabase-js'

export function AdminPanel() {
  const admin = createClient(
    process.env.NEXT_PUBLIC_SUPABASE_URL!,
    // ruleid: security-secret-exposed-to-browser @warning
    process.env.SUPABASE_SERVICE_ROLE_KEY!,
  )
  async function ban(id: string) {
    // ruleid: security-secret-exposed-to-browser @warning
    await admin.auth.admin.deleteUser(id)
  }
  // ok: security-secret-exposed-to-browser
  const site = process.env.NEXT_PUBLIC_SITE_URL
  // ok: security-secret-exposed-to-browser
  const mode = process.env.NODE_ENV
  return <button onClick={() => ban('x')}>{site}{mode}</button>
}
