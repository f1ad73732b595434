// The fix a finding names fits the loop: per-row values need one upsert or UPDATE ... FROM
// (VALUES ...), a constant change one .in() (tests/fix_text_test.py pins the messages).
import { createClient } from '@supabase/supabase-js'

const supabase = createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_ANON_KEY!)

export async function rescore(rows: { id: string; score: number }[]) {
  for (const row of rows) {
    // ruleid: performance-n-plus-one
    await supabase.from('leads').update({ score: row.score }).eq('id', row.id)
  }
}

export async function markSeen(ids: string[]) {
  for (const id of ids) {
    // ruleid: performance-n-plus-one
    await supabase.from('leads').update({ seen: true }).eq('id', id)
  }
}
