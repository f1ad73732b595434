// Express, Hono and Fastify routes: authentication as middleware arguments or app.use().
import express from 'express'
import { Hono } from 'hono'
import { bearerAuth } from 'hono/bearer-auth'
import passport from 'passport'

const app = express()
const api = express.Router()
const admin = express.Router()

// ruleid: security-missing-auth
app.post('/comments', async (req, res) => {
  // ruleid: security-unvalidated-input-to-query
  await db.query('INSERT INTO comments (body) VALUES ($1)', [req.body.body])
  res.json({ ok: true })
})

// ok: security-missing-auth
app.post('/notes', requireAuth, async (req, res) => {
  // ruleid: security-unvalidated-input-to-query
  await db.query('INSERT INTO notes (body) VALUES ($1)', [req.body.body])
  res.json({ ok: true })
})

// ok: security-missing-auth
api.delete('/sessions/:id', passport.authenticate('jwt', { session: false }), async (req, res) => {
  // ruleid: security-unvalidated-input-to-query
  await prisma.session.delete({ where: { id: req.params.id } })
  res.sendStatus(204)
})

admin.use(ensureLoggedIn)
// ok: security-missing-auth
admin.put('/settings', async (req, res) => {
  // ruleid: security-unvalidated-input-to-query
  await prisma.setting.update({ where: { id: 1 }, data: req.body })
  res.json({ ok: true })
})

// a read: nothing to protect here
// ok: security-missing-auth
app.get('/comments', async (req, res) => {
  res.json(await db.query('SELECT * FROM comments'))
})

const hono = new Hono()
hono.use('/private/*', bearerAuth({ token: process.env.TOKEN! }))
// ok: security-missing-auth
hono.post('/private/items', async (c) => {
  await db.insert(items).values(await c.req.json())
  return c.json({ ok: true })
})
// ruleid: security-missing-auth
hono.post('/public/items', async (c) => {
  await db.insert(items).values(await c.req.json())
  return c.json({ ok: true })
})

// a client call with the same shape is not a route
// ok: security-missing-auth
axios.post('/comments', { body: 'x' })
