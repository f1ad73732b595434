// A second app, in src/: next-auth's middleware on every path except the API and static files.
export { default } from 'next-auth/middleware'

export const config = { matcher: ['/((?!api|_next/static|_next/image|favicon.ico).*)'] }
