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
