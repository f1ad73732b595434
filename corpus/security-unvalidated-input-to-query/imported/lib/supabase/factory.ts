// One factory for both clients: the service-role key only when the caller asks for it.
import { createClient as createSupabaseClient } from '@supabase/supabase-js'

export const createClient = (cookieStore?: unknown, useServiceRole: boolean = false) =>
  createSupabaseClient(
    process.env.NEXT_PUBLIC_SUPABASE_URL!,
    useServiceRole ? process.env.SUPABASE_SERVICE_ROLE_KEY! : process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY!,
  )
