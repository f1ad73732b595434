'use server'
// Next.js server actions: what they return is serialized to the browser.
import { revalidatePath } from 'next/cache'
import { z } from 'zod'
import { createClient } from '@/utils/supabase/server'

const LeadId = z.string().uuid()

// ruleid: security-missing-auth
export async function archiveLead(id: string) {
  const supabase = await createClient()
  const { error } = await supabase.from('leads').update({ archived: true }).eq('id', LeadId.parse(id))
  if (error) {
    // ruleid: security-error-message-leak
    return { ok: false, error: error.message }
  }
  revalidatePath('/leads')
  // ok: security-error-message-leak
  return { ok: true }
}

// ruleid: security-missing-auth
export const restoreLead = async (id: string) => {
  try {
    const supabase = await createClient()
    await supabase.from('leads').update({ archived: false }).eq('id', LeadId.parse(id)).throwOnError()
    return { ok: true }
  } catch (e) {
    // ruleid: security-error-message-leak
    return { ok: false, error: String(e) }
  }
}

// ruleid: security-missing-auth
export async function deleteLead(id: string) {
  try {
    const supabase = await createClient()
    await supabase.from('leads').delete().eq('id', LeadId.parse(id)).throwOnError()
    return { ok: true }
  } catch (e) {
    console.error('deleteLead', id, e)
    // ok: security-error-message-leak
    return { ok: false, error: 'The lead could not be deleted' }
  }
}

// a helper of the actions file: not exported, so not an action; its result stays on the server
async function describeFailure(e: unknown) {
  // ok: security-error-message-leak
  return { logged: true, detail: String(e) }
}

export async function logFailure(e: unknown) {
  const entry = await describeFailure(e)
  console.error(entry)
  // ok: security-error-message-leak
  return { ok: false }
}
