import { databaseUrl } from '../lib/ssr'

export async function getServerSideProps() {
  return { props: { db: Boolean(databaseUrl) } }
}

export default function Profile({ db }: { db: boolean }) {
  // the render ships, getServerSideProps does not: preflight leaves pages with data fetching out
  // todoruleid: security-secret-exposed-to-browser
  const key = process.env.SUPABASE_SERVICE_ROLE_KEY
  return <p>{db ? 'db' : ''}{key ? '' : ''}</p>
}
