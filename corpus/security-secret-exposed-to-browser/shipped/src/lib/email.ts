// Imported by a route handler and by a client component: the client's import ships it all the same.
import { Resend } from 'resend'

// ruleid: security-secret-exposed-to-browser @warning
export const resend = new Resend(process.env.RESEND_API_KEY)
