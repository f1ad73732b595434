// Imported by nothing: no bundle has it.
// ok: security-secret-exposed-to-browser
export const leftover = process.env.SUPABASE_SERVICE_ROLE_KEY
