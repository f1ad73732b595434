// Authentication and writes through helpers: of this file and one module away.
import { getCurrentUser, requireUserOrThrow } from '@/lib/auth'
import * as notes from '@/lib/notes'
import { saveNote } from '../../../lib/notes'

async function checkedUser() {
  const user = await getCurrentUser()
  if (!user) throw new Error('unauthorized')
  return user
}

// the imported helper returns the user and the handler stops without one
// ok: security-missing-auth
export async function POST(req: Request) {
  const user = await getCurrentUser()
  if (!user) return new Response(null, { status: 401 })
  await saveNote('x')
  return Response.json({ ok: true })
}

// the imported helper throws without a user
// ok: security-missing-auth
export async function PUT(req: Request) {
  await requireUserOrThrow()
  await notes.saveNote('y')
  return Response.json({ ok: true })
}

// a helper of this file that stops the request
// ok: security-missing-auth
export async function PATCH(req: Request) {
  await checkedUser()
  await saveNote('z')
  return Response.json({ ok: true })
}

// the write is one module away and nothing checks the user
// ruleid: security-missing-auth
export async function DELETE(req: Request) {
  await notes.saveNote('gone')
  return Response.json({ ok: true })
}
