// next.config's env: every entry is inlined into the client bundle.
const config = {
  env: {
    // ok: security-secret-exposed-to-browser
    APP_VERSION: process.env.npm_package_version,
    // ruleid: security-secret-exposed-to-browser @error
    STRIPE_SECRET_KEY: process.env.STRIPE_SECRET_KEY,
    // ruleid: security-secret-exposed-to-browser @error
    'DATABASE_URL': process.env.DATABASE_URL,
  },
  images: { remotePatterns: [{ hostname: 'images.example.com' }] },
}
export default config
