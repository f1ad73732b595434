// A server component page: `searchParams` and `params` come from the URL.
import { z } from 'zod'
import { createClient } from '@/lib/supabase/server'

type Props = { searchParams: Promise<{ status?: string; q?: string; page?: string }> }

const Status = z.enum(['new', 'contacted', 'toured', 'leased', 'lost']).catch('new')

export async function generateMetadata({ searchParams }: Props) {
  const { q } = await searchParams
  return { title: q ? `Leads matching ${q}` : 'Leads' }
}

export default async function LeadsPage({ searchParams }: Props) {
  const { status, q } = await searchParams
  const supabase = await createClient()
  let query = supabase.from('leads').select('id, first_name, last_name, status')
  // ok: security-unvalidated-input-to-query
  query = query.eq('status', Status.parse(status))
  if (q) {
    // ruleid: security-unvalidated-input-to-query
    query = query.ilike('first_name', `%${q}%`)
  }
  const { data } = await query.limit(50)
  return (
    <ul>
      {(data ?? []).map((lead) => (
        <li key={lead.id}>
          {lead.first_name} {lead.last_name}
        </li>
      ))}
    </ul>
  )
}
