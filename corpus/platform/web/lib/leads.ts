// Data helpers shared by the lead routes. The audit found `any` on the parameters that every
// route goes through, so nothing upstream is type-checked on its way to the database.
import type { SupabaseClient } from '@supabase/supabase-js'

export type LeadStatus = 'new' | 'contacted' | 'toured' | 'leased' | 'lost'

export interface Lead {
  id: string
  property_id: string
  first_name: string
  last_name: string
  email: string | null
  status: LeadStatus
}

// ruleid: typing-explicit-any
export async function updateLead(supabase: any, leadId: string, patch: Partial<Lead>) {
  return supabase.from('leads').update(patch).eq('id', leadId)
}

// ruleid: typing-explicit-any
export function leadFromRow(row: Record<string, any>): Lead {
  return {
    id: String(row.id),
    property_id: String(row.property_id),
    first_name: String(row.first_name ?? ''),
    last_name: String(row.last_name ?? ''),
    email: row.email ? String(row.email) : null,
    status: (row.status ?? 'new') as LeadStatus,
  }
}

// ok: typing-explicit-any
export async function listLeads(supabase: SupabaseClient, propertyId: string): Promise<Lead[]> {
  const { data } = await supabase.from('leads').select('*').eq('property_id', propertyId)
  return (data ?? []).map(leadFromRow)
}

// ruleid: typing-explicit-any
export function scoreLeads(leads: Lead[], weigh: (lead: Lead, signals: any) => number) {
  return leads.map((lead) => weigh(lead, {}))
}

// ok: typing-explicit-any
export function fullName(lead: Pick<Lead, 'first_name' | 'last_name'>): string {
  return `${lead.first_name} ${lead.last_name}`.trim()
}
