// Plain JavaScript (CommonJS, no types): the same shapes are found.
const { Pool } = require('pg')
const { createClient } = require('@supabase/supabase-js')

const pool = new Pool()
const supabase = createClient(process.env.SUPABASE_URL, process.env.SUPABASE_KEY)

async function notifyAll(users) {
  for (const user of users) {
    // ruleid: performance-n-plus-one
    const { rows } = await pool.query('SELECT email FROM profiles WHERE user_id = $1', [user.id])
    console.log(rows)
  }
  // ok: performance-n-plus-one
  const { rows } = await pool.query('SELECT user_id, email FROM profiles WHERE user_id = ANY($1)', [users.map((u) => u.id)])
  return rows
}

module.exports.tagAll = function tagAll(ids) {
  return Promise.all(
    // ruleid: performance-n-plus-one
    ids.map((id) => supabase.from('leads').update({ tagged: true }).eq('id', id)),
  )
}

module.exports.notifyAll = notifyAll
