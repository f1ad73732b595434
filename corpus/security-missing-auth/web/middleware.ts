// The Supabase SSR template: the middleware refreshes the session and sends a visitor without a
// user to /login; its matcher covers the dashboard and the private API only.
import { type NextRequest } from 'next/server'
import { updateSession } from '@/utils/supabase/middleware'

export async function middleware(request: NextRequest) {
  return await updateSession(request)
}

export const config = {
  matcher: ['/dashboard/:path*', { source: '/api/private/:path*' }],
}
