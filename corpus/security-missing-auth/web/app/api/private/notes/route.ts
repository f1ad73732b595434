// Covered by the middleware's matcher ('/api/private/:path*'), which checks the user.
import { createClient } from '@/lib/supabase'

// ok: security-missing-auth
export async function POST(req: Request) {
  const supabase = await createClient()
  await supabase.from('notes').insert({ body: 'x' })
  return Response.json({ ok: true })
}
