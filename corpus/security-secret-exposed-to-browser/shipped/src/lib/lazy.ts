// Loaded with a dynamic import() from a client component: a lazy chunk of the bundle.
import jwt from 'jsonwebtoken'

export function sign(sub: string) {
  // todoruleid: security-secret-exposed-to-browser
  return jwt.sign({ sub }, process.env.JWT_SECRET!)
}
