// Helpers one module away that read the user as a field of the awaited result.
import { loadAccountMaybe, loadAccountOrThrow } from '@/lib/auth'
import { saveNote } from '@/lib/notes'

// the helper throws without a user, inside the handler's try: the catch answers with an error
// ok: security-missing-auth
export async function POST(req: Request) {
  try {
    await loadAccountOrThrow()
    await saveNote('posted')
    return Response.json({ ok: true })
  } catch {
    return new Response('unauthorized', { status: 401 })
  }
}

// the helper's result is never tested, and the helper does not stop the request
// ruleid: security-missing-auth
export async function PUT(req: Request) {
  const owner = await loadAccountMaybe()
  await saveNote(`${owner}`)
  return Response.json({ ok: true })
}

// the handler reads the user the same way and tests it itself
// ok: security-missing-auth
export async function PATCH(req: Request) {
  const { createClient } = await import('@/lib/supabase')
  const supabase = await createClient()
  const me = (await supabase.auth.getUser()).data.user
  if (!me) return new Response(null, { status: 401 })
  await saveNote('patched')
  return Response.json({ ok: true })
}
