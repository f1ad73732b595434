import type { NextApiRequest, NextApiResponse } from 'next'
import { stripeKey } from '../../lib/api-only'
import { verifyApiKey } from '../../lib/network'

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const { data } = await verifyApiKey(String(req.headers['x-api-key']))
  res.status(data ? 200 : 401).json({ live: Boolean(stripeKey) })
}
