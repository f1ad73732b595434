'use server'
// Server actions the entry-point model knows besides `export async function`: wrapped by
// next-safe-action, re-exported under another name, the default export. What each returns is
// serialized to the browser.
import { createSafeActionClient } from 'next-safe-action'
import { z } from 'zod'
import { createClient } from '@/utils/supabase/server'

const actionClient = createSafeActionClient()

// ruleid: security-missing-auth
export const renameLead = actionClient
  .schema(z.object({ id: z.string().uuid(), name: z.string().min(1) }))
  .action(async ({ parsedInput }) => {
    try {
      const supabase = await createClient()
      await supabase.from('leads').update({ name: parsedInput.name }).eq('id', parsedInput.id).throwOnError()
      return { ok: true }
    } catch (e) {
      // ruleid: security-error-message-leak
      return { ok: false, error: (e as Error).message }
    }
  })

async function saveDraft(id: string) {
  try {
    const supabase = await createClient()
    // an action under another name: its argument is request data
    // ruleid: security-unvalidated-input-to-query
    await supabase.from('drafts').upsert({ id }).throwOnError()
    return { ok: true }
  } catch (e) {
    // ruleid: security-error-message-leak
    return { ok: false, error: String(e) }
  }
}

// ruleid: security-missing-auth
export { saveDraft as save }

// ruleid: security-missing-auth
export default async function importLeads(rows: string[]) {
  try {
    const supabase = await createClient()
    // ruleid: security-unvalidated-input-to-query
    await supabase.from('leads').insert(rows.map((name) => ({ name }))).throwOnError()
    return { imported: rows.length }
  } catch (e) {
    // ruleid: security-error-message-leak
    return { imported: 0, error: (e as Error).stack }
  }
}

// a callback inside an action is not the action: what it returns goes to Array.map
export async function countLeads(ids: string[]) {
  const sizes = ids.map((id) => {
    try {
      return JSON.parse(id).length
    } catch (e) {
      // ok: security-error-message-leak
      return String(e)
    }
  })
  return { total: sizes.length }
}
