import { createClient } from '@supabase/supabase-js'

const supabase = createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_ANON_KEY!)

export default async function LeadRow({ id }: { id: string }) {
  const { data: lead } = await supabase.from('leads').select('name').eq('id', id).single()
  return <li>{lead?.name}</li>
}
