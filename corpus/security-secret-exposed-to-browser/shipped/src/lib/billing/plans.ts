// Re-exported for its type only (export type ... from): the compiler erases it.
export type Plan = { id: string; price: number }
// ok: security-secret-exposed-to-browser
export const priceTable = process.env.STRIPE_SECRET_KEY ? 'live' : 'test'
