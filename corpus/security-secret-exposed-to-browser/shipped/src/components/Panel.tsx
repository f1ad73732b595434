'use client'
// A client component: what it imports by value is compiled into the browser's JavaScript.
import { useState } from 'react'
import { banUser } from '@/lib/admin'
import { serverAdmin } from '@/lib/server-admin'
import { serviceClient } from '@/lib/session'
import { deleteAccount } from '@/lib/actions'
import type { AdminUser } from '@/lib/types'
import { type AdminRow } from '../lib/types'
import { supabase } from '@/lib/browser'
import '@/lib/init'

export function Panel({ users }: { users: AdminUser[] }) {
  const [rows] = useState<AdminRow[]>([])
  return (
    <ul>
      {users.map((u) => (
        <li key={u.id} onClick={() => banUser(u.id).then(() => deleteAccount(u.id))}>{u.email}</li>
      ))}
      {rows.length}{String(!!serverAdmin && !!serviceClient && !!supabase)}
    </ul>
  )
}
