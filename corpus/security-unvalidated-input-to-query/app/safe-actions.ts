'use server'
// next-safe-action: what the action's callback is given depends on the chain before it.
import { createSafeActionClient } from 'next-safe-action'
import { z } from 'zod'
import { createClient } from '@/utils/supabase/server'

const action = createSafeActionClient()

// .schema() validated parsedInput before the callback runs
// ruleid: security-missing-auth
export const rename = action
  .schema(z.object({ id: z.string().uuid(), name: z.string().max(80) }))
  .action(async ({ parsedInput }) => {
    const supabase = await createClient()
    // ok: security-unvalidated-input-to-query
    await supabase.from('leads').update({ name: parsedInput.name }).eq('id', parsedInput.id)
  })

// the newer spelling
// ruleid: security-missing-auth
export const retitle = action
  .inputSchema(z.object({ title: z.string().max(80) }))
  .action(async ({ parsedInput }) => {
    const supabase = await createClient()
    // ok: security-unvalidated-input-to-query
    await supabase.from('posts').insert({ title: parsedInput.title })
  })

// no schema in the chain: the callback gets the client's arguments as they came
// ruleid: security-missing-auth
export const importRows = action.action(async (rows: unknown) => {
  const supabase = await createClient()
  // ruleid: security-unvalidated-input-to-query
  await supabase.from('leads').insert(rows as object[])
})
