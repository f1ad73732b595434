// A server component with an inline server action: the function opens with 'use server'.
import { z } from 'zod'
import { createClient } from '@/utils/supabase/server'

const Rename = z.object({ id: z.string().uuid(), name: z.string().min(1).max(200) })

export default async function LeadsPage() {
  // ruleid: security-missing-auth
  async function rename(formData: FormData) {
    'use server'
    try {
      const { id, name } = Rename.parse(Object.fromEntries(formData))
      const supabase = await createClient()
      await supabase.from('leads').update({ name }).eq('id', id).throwOnError()
      return { ok: true }
    } catch (e) {
      // ruleid: security-error-message-leak
      return { ok: false, error: (e as Error).stack }
    }
  }

  function label(e: unknown) {
    try {
      return String(e)
    } catch (err) {
      // a helper of a server component, not an action: its result stays on the server
      // ok: security-error-message-leak
      return (err as Error).message
    }
  }

  return (
    <form action={rename}>
      <input name="name" aria-label={label('name')} />
    </form>
  )
}
