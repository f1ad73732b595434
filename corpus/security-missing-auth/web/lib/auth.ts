// Helpers one module away from the routes that call them.
import { createClient } from '@/lib/supabase'

// returns the user; the caller decides what to do without one
export async function getCurrentUser() {
  const supabase = await createClient()
  const { data: { user } } = await supabase.auth.getUser()
  return user
}

// stops the request itself
export async function requireUserOrThrow() {
  const user = await getCurrentUser()
  if (!user) throw new Response('unauthorized', { status: 401 })
  return user
}

// the user read off the awaited result in one expression, then a throw without one
export async function loadAccountOrThrow() {
  const supabase = await createClient()
  const account = (await supabase.auth.getUser()).data.user
  if (!account) {
    throw new Error('no signed-in user')
  }
  return account
}

// the same read, but nothing stops the request without a user
export async function loadAccountMaybe() {
  const supabase = await createClient()
  const account = (await supabase.auth.getUser()).data.user
  return account?.id ?? null
}
