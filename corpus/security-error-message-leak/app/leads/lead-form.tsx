'use client'
// A client component: showing an error in the browser it already runs in is not a leak, and
// functions of a file without 'use server' are not server actions.
import { useState } from 'react'
import { toast } from 'sonner'

function describe(e: unknown) {
  try {
    return JSON.parse(String(e))
  } catch (err) {
    // ok: security-error-message-leak
    return { error: (err as Error).message }
  }
}

export function LeadForm({ onSave }: { onSave: (name: string) => Promise<void> }) {
  const [error, setError] = useState<string | null>(null)
  async function submit(name: string) {
    try {
      await onSave(name)
    } catch (e) {
      // ok: security-error-message-leak
      setError((e as Error).message)
      // ok: security-error-message-leak
      toast.error(`Save failed: ${e}`)
    }
  }
  return (
    <form action={(fd) => submit(String(fd.get('name')))}>
      {error && <p role="alert">{error}</p>}
      <button type="submit">Save {String(describe(null))}</button>
    </form>
  )
}
