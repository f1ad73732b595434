// Express with the cors package, and nextjs-cors.
import express from 'express'
import cors from 'cors'
import NextCors from 'nextjs-cors'

const app = express()
// ruleid: security-permissive-cors @error
app.use(cors({ origin: true, credentials: true }))
// ruleid: security-permissive-cors @note
app.use('/public', cors())
// ruleid: security-permissive-cors @warning
app.use('/widgets', cors({ origin: '*', credentials: true }))
// ok: security-permissive-cors
app.use('/app', cors({ origin: ['https://app.example.com'], credentials: true }))
// ok: security-permissive-cors
app.use('/checked', cors({ origin: (o, cb) => cb(null, ALLOWED.includes(o)), credentials: true }))

export default async function handler(req, res) {
  // ruleid: security-permissive-cors @error
  await NextCors(req, res, { origin: (o, cb) => cb(null, true), credentials: true })
  // ok: security-permissive-cors
  res.setHeader('Access-Control-Allow-Methods', 'GET')
  res.json({ ok: true })
}

export function reflect(req, res) {
  // ruleid: security-permissive-cors @error
  res.setHeader('Access-Control-Allow-Origin', req.headers.origin)
  res.setHeader('Access-Control-Allow-Credentials', true)
  res.end()
}
