import { resend } from '@/lib/email'
import { routeAdmin } from '@/lib/route-only'

export async function POST() {
  const { data } = await routeAdmin.auth.getUser()
  await resend.emails.send({ from: 'a@example.com', to: data.user!.email!, subject: 'hi', html: '' })
  return Response.json({ ok: true })
}
