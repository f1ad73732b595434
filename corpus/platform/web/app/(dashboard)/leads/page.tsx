// The leasing dashboard: every lead of the signed-in agent with its next tour. A server
// component per row that queries on its own is the N+1 pattern in React form.
import { createClient } from '@/lib/supabase/server'

type LeadRow = { id: string; first_name: string; last_name: string; status: string }

async function NextTour({ leadId }: { leadId: string }) {
  const supabase = await createClient()
  const { data } = await supabase
    .from('tours')
    .select('scheduled_at')
    .eq('lead_id', leadId)
    .order('scheduled_at')
    .limit(1)
    .maybeSingle()
  return <time>{data?.scheduled_at ?? 'none'}</time>
}

function StatusBadge({ status }: { status: string }) {
  return <span className={`badge badge-${status}`}>{status}</span>
}

export default async function LeadsPage() {
  const supabase = await createClient()
  // ok: performance-n-plus-one
  const { data: leads } = await supabase
    .from('leads')
    .select('id, first_name, last_name, status')
    .order('created_at', { ascending: false })

  return (
    <table>
      <tbody>
        {((leads ?? []) as LeadRow[]).map((lead) => (
          <tr key={lead.id}>
            <td>
              {lead.first_name} {lead.last_name}
            </td>
            <td>
              {/* ok: performance-n-plus-one */}
              <StatusBadge status={lead.status} />
            </td>
            <td>
              {/* ruleid: performance-n-plus-one */}
              <NextTour leadId={lead.id} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
