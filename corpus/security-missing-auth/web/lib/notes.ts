import { createClient } from '@/lib/supabase'

export async function saveNote(body: string) {
  const supabase = await createClient()
  return supabase.from('notes').insert({ body })
}
