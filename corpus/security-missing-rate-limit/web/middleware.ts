// A middleware that rate-limits '/api/limited/...' with @upstash/ratelimit.
import { Ratelimit } from '@upstash/ratelimit'
import { Redis } from '@upstash/redis'
import { NextResponse, type NextRequest } from 'next/server'

const ratelimit = new Ratelimit({ redis: Redis.fromEnv(), limiter: Ratelimit.slidingWindow(10, '1 m') })

export async function middleware(req: NextRequest) {
  const { success } = await ratelimit.limit(req.ip ?? 'anonymous')
  if (!success) return new NextResponse('too many requests', { status: 429 })
  return NextResponse.next()
}

export const config = { matcher: '/api/limited/:path*' }
