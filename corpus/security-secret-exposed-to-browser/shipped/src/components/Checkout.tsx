'use client'
import * as billing from '@/lib/billing'
import { resend } from '@/lib/email'

export function Checkout() {
  return <button onClick={() => billing.chargeCard('c', 100).then(() => resend)}>pay</button>
}
