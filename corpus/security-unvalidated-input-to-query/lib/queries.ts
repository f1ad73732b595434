// Not a route, not an action: parameters of plain library functions are not request data.
import type { SupabaseClient } from '@supabase/supabase-js'

export async function leadsForProperty(supabase: SupabaseClient, propertyId: string) {
  // ok: security-unvalidated-input-to-query
  return supabase.from('leads').select('*').eq('property_id', propertyId)
}

export function matchesStatus(text: string, status: string) {
  // a string's match and an array's filter are not query filters
  // ok: security-unvalidated-input-to-query
  return text.match(status) !== null || [text].filter((t) => t === status).length > 0
}
