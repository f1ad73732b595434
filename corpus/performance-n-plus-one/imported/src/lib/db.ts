// Query helpers other modules call (performance-n-plus-one follows one hop of imports).
import { createClient } from '@supabase/supabase-js'

const supabase = createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_ANON_KEY!)

export async function getLead(id: string) {
  const { data } = await supabase.from('leads').select('*').eq('id', id).single()
  return data
}

async function toursOf(leadId: string) {
  return supabase.from('tours').select('*').eq('lead_id', leadId)
}

// runs a query through a helper of its own module
export const leadWithTours = async (id: string) => ({ id, tours: await toursOf(id) })

export function formatLead(lead: { name: string }) {
  return lead.name.trim()
}

export { toursOf as loadTours }
