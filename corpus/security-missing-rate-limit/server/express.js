// express-rate-limit as route middleware or app-wide.
const express = require('express')
const rateLimit = require('express-rate-limit')
const OpenAI = require('openai')

const app = express()
const openai = new OpenAI()
const chatLimiter = rateLimit({ windowMs: 60 * 1000, max: 10 })

// ok: security-missing-rate-limit
// ruleid: security-missing-auth
app.post('/chat', chatLimiter, async (req, res) => {
  res.json(await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: req.body.messages }))
})

// ruleid: security-missing-rate-limit
// ruleid: security-missing-auth
app.post('/complete', async (req, res) => {
  res.json(await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: req.body.messages }))
})

const v2 = express.Router()
v2.use(rateLimit({ windowMs: 60 * 1000, max: 5 }))
// ok: security-missing-rate-limit
// ruleid: security-missing-auth
v2.post('/chat', async (req, res) => {
  res.json(await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: req.body.messages }))
})
