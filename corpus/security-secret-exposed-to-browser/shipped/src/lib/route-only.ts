// Imported only by a route handler: it stays on the server.
import { createClient } from '@supabase/supabase-js'

// ok: security-secret-exposed-to-browser
export const routeAdmin = createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!)
