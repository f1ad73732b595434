'use client'
import { adminClient } from '../lib/admin'

export function Users() {
  // ruleid: security-secret-exposed-to-browser @warning
  const run = () => adminClient().auth.admin.listUsers()
  return <button onClick={run}>list</button>
}
