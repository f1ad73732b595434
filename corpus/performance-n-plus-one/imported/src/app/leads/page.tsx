import { getLead, leadWithTours, formatLead, loadTours } from '@/lib/db'
import * as db from '../../lib/db'
import LeadRow from '@/components/lead-row'
import Badge from '@/components/badge'
import LeadCard from '@/components/lead-card'

export default async function Page({ ids }: { ids: string[] }) {
  const leads = []
  for (const id of ids) {
    // ruleid: performance-n-plus-one
    leads.push(await getLead(id))
    // ruleid: performance-n-plus-one
    await leadWithTours(id)
    // ruleid: performance-n-plus-one
    await db.getLead(id)
    // ruleid: performance-n-plus-one
    await loadTours(id)
    // no query in it
    // ok: performance-n-plus-one
    formatLead({ name: id })
  }
  // ruleid: performance-n-plus-one
  const all = await Promise.all(ids.map(getLead))
  // one query, outside any loop
  // ok: performance-n-plus-one
  const first = await getLead(ids[0])
  return (
    <ul>
      {ids.map((id) => (
        // ruleid: performance-n-plus-one
        <LeadRow key={id} id={id} />
      ))}
      {ids.map((id) => (
        // ok: performance-n-plus-one
        <Badge key={id} label={id} />
      ))}
      {ids.map((id) => (
        // known miss: one hop of imports only (LeadCard's query is in lib/db.ts)
        // todoruleid: performance-n-plus-one
        <LeadCard key={id} id={id} />
      ))}
      {String(all.length + (first ? 1 : 0))}
    </ul>
  )
}
