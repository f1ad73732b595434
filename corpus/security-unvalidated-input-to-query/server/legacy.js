// Plain JavaScript (parsed with the TSX grammar): an Express router on mysql2.
const router = require('express').Router()
const mysql = require('mysql2/promise')

// ruleid: security-missing-auth
router.put('/units/:id', async function (req, res) {
  const connection = await mysql.createConnection(process.env.DATABASE_URL)
  const { rent, status } = req.body
  // ruleid: security-unvalidated-input-to-query
  await connection.execute('UPDATE units SET rent = ?, status = ? WHERE id = ?', [rent, status, req.params.id])
  const id = parseInt(req.params.id, 10)
  if (isNaN(id)) return res.status(400).end()
  // ok: security-unvalidated-input-to-query
  await connection.execute('SELECT * FROM units WHERE id = ?', [id])
  res.end()
})

module.exports = router
