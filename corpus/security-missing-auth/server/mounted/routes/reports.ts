// Mounted on an app whose earlier app.use(requireAuth) covers everything after it (app.ts).
import { Router } from 'express'
import { db } from '../db'

const reportsRouter = Router()

// ok: security-missing-auth
reportsRouter.delete('/:id', async (req, res) => {
  await db.query('DELETE FROM reports WHERE id = $1', [1])
  res.sendStatus(204)
})

export default reportsRouter
