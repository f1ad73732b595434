// Responses written other ways: AWS Lambda (API Gateway) handlers return { statusCode, body },
// Node's http writes with res.write, and some code calls res['send'].
const http = require('http')

exports.handler = async (event) => {
  try {
    return { statusCode: 200, body: JSON.stringify(await work(event)) }
  } catch (e) {
    // ruleid: security-error-message-leak
    return { statusCode: 500, body: JSON.stringify({ error: e.message }) }
  }
}

exports.shorthand = async (event) => {
  try {
    return { statusCode: 200, body: 'ok' }
  } catch (err) {
    const body = `failed: ${err.stack}`
    // ruleid: security-error-message-leak
    return { statusCode: 500, body }
  }
}

exports.generic = async (event) => {
  try {
    return { statusCode: 200, body: 'ok' }
  } catch (e) {
    console.error(e)
    // ok: security-error-message-leak
    return { statusCode: 500, body: JSON.stringify({ error: 'internal error', code: e.code }) }
  }
}

function notLambda() {
  try {
    work()
  } catch (e) {
    // an object without statusCode is no Lambda response (a log record, a result)
    // ok: security-error-message-leak
    return { body: e.message, level: 'error' }
  }
}

http.createServer((req, res) => {
  try {
    work()
  } catch (e) {
    res.writeHead(500)
    // ruleid: security-error-message-leak
    res.write(e.stack)
    res.end()
  }
})

function express(app) {
  app.get('/x', (req, res) => {
    try {
      work()
    } catch (err) {
      // ruleid: security-error-message-leak
      res['send']({ error: err.message })
    }
  })
  app.get('/y', (req, res) => {
    try {
      work()
    } catch (err) {
      // ok: security-error-message-leak
      res['send']({ error: 'failed' })
    }
  })
}

module.exports = { notLambda, express }
