// A wrapper that authenticates: withAuth(handler).
import type { NextApiRequest, NextApiResponse } from 'next'
import { prisma } from '@/lib/prisma'
import { withAuth } from '@/lib/with-auth'

async function handler(req: NextApiRequest, res: NextApiResponse) {
  // ruleid: security-unvalidated-input-to-query
  await prisma.comment.create({ data: { body: req.body.body } })
  res.status(200).json({ ok: true })
}

// ok: security-missing-auth
export default withAuth(handler)
