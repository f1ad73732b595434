// Mounted with no middleware (app.ts): the prefix shows in the message.
import { Router } from 'express'
import { db } from '../db'

export const publicRouter = Router()

// ruleid: security-missing-auth
publicRouter.post('/feedback', async (req, res) => {
  await db.query('INSERT INTO feedback (body) VALUES ($1)', ['hi'])
  res.sendStatus(201)
})
