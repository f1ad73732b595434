'use server'
// Server actions: every argument comes from the client.
import { z } from 'zod'
import { createClient } from '@/lib/supabase/server'

const Settings = z.object({ displayName: z.string().min(1).max(80) })

// ruleid: security-missing-auth
export async function updateDisplayName(userId: string, displayName: string) {
  const supabase = await createClient()
  await supabase
    .from('profiles')
    // ruleid: security-unvalidated-input-to-query
    .update({ display_name: displayName })
    // ruleid: security-unvalidated-input-to-query
    .eq('id', userId)
}

export async function saveSettings(formData: FormData) {
  const supabase = await createClient()
  const { data: { user } } = await supabase.auth.getUser()
  const parsed = Settings.safeParse({ displayName: formData.get('displayName') })
  if (!parsed.success || !user) return { error: 'invalid' }
  // ok: security-unvalidated-input-to-query
  await supabase.from('profiles').update(parsed.data).eq('id', user.id)
  return { ok: true }
}
