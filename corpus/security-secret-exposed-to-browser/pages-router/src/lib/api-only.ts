// Imported only by an API route.
// ok: security-secret-exposed-to-browser
export const stripeKey = process.env.STRIPE_SECRET_KEY
