// pages/api handlers: req.body and req.query.
import type { NextApiRequest, NextApiResponse } from 'next'
import { z } from 'zod'
import { supabaseAdmin } from '@/lib/supabase/admin'

const Query = z.object({ propertyId: z.string().uuid() })

// ruleid: security-missing-auth
export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method === 'POST') {
    const { leadId, slot } = req.body
    const { data, error } = await supabaseAdmin
      .from('tours')
      // ruleid: security-unvalidated-input-to-query
      .insert({ lead_id: leadId, slot })
    return res.status(error ? 500 : 201).json(data)
  }
  const propertyId = req.query.propertyId as string
  // ruleid: security-unvalidated-input-to-query
  const { data } = await supabaseAdmin.from('tours').select('*').eq('property_id', propertyId)
  const { propertyId: checked } = Query.parse(req.query)
  // ok: security-unvalidated-input-to-query
  const { data: same } = await supabaseAdmin.from('tours').select('*').eq('property_id', checked)
  return res.status(200).json({ data, same })
}
