// Imported for its side effect only (import '@/lib/init'): still evaluated in the browser.
import postgres from 'postgres'

// ruleid: security-secret-exposed-to-browser @warning
export const sql = postgres(process.env.DATABASE_URL!)
