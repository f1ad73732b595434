// App Router server components: an async component that queries, rendered once per item.
import { createClient } from '@/lib/supabase/server'

type Lead = { id: string; name: string }

async function TourCount({ leadId }: { leadId: string }) {
  const supabase = await createClient()
  const { count } = await supabase.from('tours').select('id', { count: 'exact', head: true }).eq('lead_id', leadId)
  return <span>{count ?? 0}</span>
}

function LeadName({ lead }: { lead: Lead }) {
  return <strong>{lead.name}</strong>
}

export default async function LeadsPage() {
  const supabase = await createClient()
  // ok: performance-n-plus-one
  const { data: leads } = await supabase.from('leads').select('id, name')
  return (
    <ul>
      {(leads ?? []).map((lead: Lead) => (
        <li key={lead.id}>
          {/* a component that renders props only */}
          {/* ok: performance-n-plus-one */}
          <LeadName lead={lead} />
          {/* ruleid: performance-n-plus-one */}
          <TourCount leadId={lead.id} />
        </li>
      ))}
    </ul>
  )
}

export async function Summary({ leads }: { leads: Lead[] }) {
  // rendered once, not per item
  // ok: performance-n-plus-one
  return <TourCount leadId={leads[0]?.id ?? ''} />
}
