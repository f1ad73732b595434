// Express and Hono handlers: res.status().json/send, promise .catch callbacks, c.json.
const express = require('express')
const app = express()

app.get('/leads', async (req, res) => {
  try {
    res.json(await loadLeads())
  } catch (err) {
    // ruleid: security-error-message-leak
    res.status(500).json({ error: err.message })
  }
})

app.get('/tours', (req, res) => {
  loadTours()
    .then((tours) => res.json(tours))
    // ruleid: security-error-message-leak
    .catch((err) => res.status(500).send(err.toString()))
})

app.get('/reports', async (req, res) => {
  try {
    res.json(await loadReports())
  } catch (err) {
    let detail = 'Report failed'
    detail = detail + ': ' + err.message
    // ruleid: security-error-message-leak
    res.status(500).send(detail)
  }
})

function honoRoute(c) {
  try {
    return c.json({ ok: true })
  } catch (e) {
    // ruleid: security-error-message-leak
    return c.json({ error: e.message }, 500)
  }
}

module.exports = { app, honoRoute }

app.get('/health', (req, res) => {
  ping()
    .then(() => res.send('ok'))
    // ok: security-error-message-leak
    .catch((err) => res.status(503).json({ status: 'down', code: err.code }))
})

app.post('/import', async (req, res) => {
  try {
    res.json(await runImport(req.body))
  } catch (err) {
    console.error('import failed', err.stack)
    // ok: security-error-message-leak
    res.status(500).json({ error: 'Import failed' })
  }
})

// the error middleware sees every error a route passed to next()
app.use((err, req, res, next) => {
  console.error(err)
  // ruleid: security-error-message-leak
  res.status(err.status || 500).json({ error: err.message, stack: err.stack })
})

// a middleware with four parameters that is not an error handler: (req, res, next, id)
app.param('id', function (req, res, next, id) {
  // ok: security-error-message-leak
  res.json({ id, message: req.message })
})

app.use(function errorHandler(err, req, res, next) {
  const errorId = Date.now().toString(36)
  console.error(errorId, err)
  // ok: security-error-message-leak
  res.status(500).json({ error: 'Internal server error', errorId })
})
