// Routers declared in other modules, mounted here under prefixes and middleware.
import express from 'express'
import { Hono } from 'hono'
import { jwt } from 'hono/jwt'
import { requireAuth } from './auth'
import billing from './routes/billing'
import { publicRouter } from './routes/public'
import reports from './routes/reports'
import { jobs } from './routes/jobs'

const app = express()
app.use('/public', publicRouter)
app.use('/billing', requireAuth, billing)

const admin = express()
admin.use(requireAuth)
admin.use('/reports', reports)

const api = new Hono()
api.use('/jobs/*', jwt({ secret: 'x' }))
api.route('/jobs', jobs)

export { app, admin, api }
