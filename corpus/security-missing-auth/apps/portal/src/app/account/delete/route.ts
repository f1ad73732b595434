// /account/delete is inside the matcher: next-auth's middleware sends visitors to sign in.
import { db } from '@/lib/db'

// ok: security-missing-auth
export async function DELETE(req: Request) {
  await db.user.delete({ where: { id: 1 } })
  return new Response(null, { status: 204 })
}
