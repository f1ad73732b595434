// Regression: a bare '&' in JSX text ("Q&A") is valid JSX that tree-sitter-tsx reads as a syntax
// error, and the checks skipped the whole component; preflight now re-reads it as text.
import { Pool } from 'pg'

const pool = new Pool()

export default async function FaqPage({ searchParams }: { searchParams: { topic: string } }) {
  // ruleid: security-sql-string-formatting
  const { rows } = await pool.query(`SELECT * FROM faq WHERE topic = '${searchParams.topic}'`)
  return (
    <main>
      <h1>Q&A</h1>
      <p>Terms & conditions &amp; privacy, R&D, AT&T</p>
      {rows.map((r) => <p key={r.id}>{r.question}</p>)}
    </main>
  )
}

export async function Pricing({ plan }: { plan: string }) {
  // ok: security-sql-string-formatting
  const { rows } = await pool.query('SELECT * FROM plans WHERE name = $1', [plan])
  return <p>Plans & prices: {rows.length}</p>
}
