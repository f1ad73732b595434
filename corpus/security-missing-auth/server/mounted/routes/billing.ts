// Mounted with requireAuth as the middleware argument (app.ts).
import { Router } from 'express'
import { db } from '../db'

const router = Router()

// ok: security-missing-auth
router.post('/invoices', async (req, res) => {
  await db.query('INSERT INTO invoices (amount) VALUES ($1)', [100])
  res.sendStatus(201)
})

export default router
