import { secret } from '../lib/keys'

export default function Home() {
  return <p>{secret ? 'configured' : 'missing'}</p>
}
