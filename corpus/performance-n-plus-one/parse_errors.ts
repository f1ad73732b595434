// A loop with a syntax error is skipped rather than guessed at; the rest of the file is not.
import { createClient } from '@supabase/supabase-js'

const supabase = createClient('https://x.supabase.co', 'anon')

export async function broken(ids: string[]) {
  for (const id of ids {
    // ok: performance-n-plus-one
    await supabase.from('leads').select('*').eq('id', id)
  }
}

export async function fine(ids: string[]) {
  for (const id of ids) {
    // ruleid: performance-n-plus-one
    await supabase.from('leads').select('*').eq('id', id)
  }
}
