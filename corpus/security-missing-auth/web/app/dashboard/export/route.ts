// Covered by '/dashboard/:path*'.
import { createClient } from '@/lib/supabase'

// ok: security-missing-auth
export const POST = async () => {
  const supabase = await createClient()
  await supabase.from('exports').insert({ at: new Date().toISOString() })
  return Response.json({ ok: true })
}
