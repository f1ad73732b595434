// A browser client module: NEXT_PUBLIC_* values end up in the bundle.
import { createBrowserClient } from '@supabase/ssr'

export const supabase = createBrowserClient(
  // ok: security-secret-exposed-to-browser
  process.env.NEXT_PUBLIC_SUPABASE_URL!,
  // ruleid: security-secret-exposed-to-browser @error
  process.env.NEXT_PUBLIC_SUPABASE_SERVICE_ROLE_KEY!,
)

// ruleid: security-secret-exposed-to-browser @error
export const openaiKey = process.env['NEXT_PUBLIC_OPENAI_API_KEY']
// ok: security-secret-exposed-to-browser
export const anonKey = process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY
// ok: security-secret-exposed-to-browser
export const stripeKey = process.env.NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY
// ok: security-secret-exposed-to-browser
export const mapsKey = process.env.NEXT_PUBLIC_GOOGLE_MAPS_API_KEY
