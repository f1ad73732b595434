'use server'
// Server actions are POST endpoints anyone can call with the action's id.
import { redirect } from 'next/navigation'
import { createClient } from '@/lib/supabase'

// ruleid: security-missing-auth
export async function createPost(formData: FormData) {
  const supabase = await createClient()
  // ruleid: security-unvalidated-input-to-query
  await supabase.from('posts').insert({ title: formData.get('title') })
}

// ok: security-missing-auth
export async function updatePost(formData: FormData) {
  const supabase = await createClient()
  const { data: { user } } = await supabase.auth.getUser()
  if (!user) redirect('/login')
  // ruleid: security-unvalidated-input-to-query
  await supabase.from('posts').update({ title: formData.get('title') }).eq('author', user.id)
}

// ruleid: security-missing-auth
export const deletePost = async (id: string) => {
  const supabase = await createClient()
  // ruleid: security-unvalidated-input-to-query
  await supabase.from('posts').delete().eq('id', id)
}

// signing up makes the user: public by nature
// ok: security-missing-auth
export async function signUp(formData: FormData) {
  const supabase = await createClient()
  // ruleid: security-unvalidated-input-to-query
  await supabase.from('profiles').insert({ email: formData.get('email') })
}

// next-safe-action: the client named for authentication runs its middleware first
// ok: security-missing-auth
export const archivePost = authActionClient
  .schema(z.object({ id: z.string() }))
  .action(async ({ parsedInput }) => {
    const supabase = await createClient()
    await supabase.from('posts').update({ archived: true }).eq('id', parsedInput.id)
  })

// ruleid: security-missing-auth
export const reportPost = actionClient
  .schema(z.object({ id: z.string() }))
  .action(async ({ parsedInput }) => {
    const supabase = await createClient()
    await supabase.from('reports').insert({ post: parsedInput.id })
  })
