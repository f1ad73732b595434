// Imported by client modules for types only (import type, import { type X }).
export type AdminUser = { id: string; email: string }
export type AdminRow = { id: string }
// ok: security-secret-exposed-to-browser
export const serviceKey = process.env.SUPABASE_SERVICE_ROLE_KEY
