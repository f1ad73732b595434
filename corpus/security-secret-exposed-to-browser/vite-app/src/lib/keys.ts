// A Vite app (no next.config): its src/pages folder is not Next.js's pages router.
// ok: security-secret-exposed-to-browser
export const secret = process.env.STRIPE_SECRET_KEY
