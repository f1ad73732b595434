import { fetchProfile } from '../lib/network'

export default function Home() {
  // ruleid: security-secret-exposed-to-browser @warning
  const debug = process.env.OPENAI_API_KEY ? 'ai' : 'no ai'
  return <button onClick={() => fetchProfile()}>{debug}</button>
}
