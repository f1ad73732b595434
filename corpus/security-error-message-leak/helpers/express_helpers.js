// An Express helper that sends: every call leaks, returned or not.
function sendError(res, message) {
  res.status(500).json({ error: message })
}

function sendGeneric(res, message) {
  console.error(message)
  res.status(500).json({ error: 'internal error' })
}

function routes(app) {
  app.get('/a', async (req, res) => {
    try {
      res.json(await work())
    } catch (err) {
      // ruleid: security-error-message-leak
      sendError(res, err.message)
    }
  })
  app.get('/b', async (req, res) => {
    try {
      res.json(await work())
    } catch (err) {
      // ok: security-error-message-leak
      sendGeneric(res, err.message)
    }
  })
}

module.exports = { routes }
