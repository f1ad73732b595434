import { getLead } from '@/lib/db'

// queries through a helper of another module: two hops from the page that renders it
export default async function LeadCard({ id }: { id: string }) {
  const lead = await getLead(id)
  return <div>{lead?.name}</div>
}
