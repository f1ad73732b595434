// A factory that takes the service-role key only when asked (seen in a real app): a read
// through createClient() without it is an ordinary client.
import { createClient as createSupabaseClient } from '@supabase/supabase-js'

function createClient(useServiceRole = false) {
  return createSupabaseClient(
    process.env.NEXT_PUBLIC_SUPABASE_URL!,
    useServiceRole ? process.env.SUPABASE_SERVICE_ROLE_KEY! : process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY!,
  )
}

// ok: security-missing-auth
export async function GET() {
  const { data } = await createClient().from('languages').select('*')
  return Response.json(data)
}
