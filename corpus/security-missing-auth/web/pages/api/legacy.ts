// pages/api: the default export is the handler.
import type { NextApiRequest, NextApiResponse } from 'next'
import { prisma } from '@/lib/prisma'

// ruleid: security-missing-auth
export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method === 'POST') {
    // ruleid: security-unvalidated-input-to-query
    await prisma.comment.create({ data: { body: req.body.body } })
  }
  res.status(200).json({ ok: true })
}
