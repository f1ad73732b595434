// Used only by getServerSideProps: Next.js removes it from the page's browser copy.
// ok: security-secret-exposed-to-browser
export const databaseUrl = process.env.DATABASE_URL
