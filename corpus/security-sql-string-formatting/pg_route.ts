// Next.js route handlers on node-postgres.
import { Pool } from 'pg';
import { NextResponse } from 'next/server';

const pool = new Pool({ connectionString: process.env.DATABASE_URL });
const PROPERTIES = 'properties';
const SORTS: Record<string, string> = { price: 'price', newest: 'created_at' };

// The route handlers that call these are in corpus/platform/web/.
export async function propertiesInCity(city: string) {
  // ruleid: security-sql-string-formatting
  const { rows } = await pool.query(`SELECT * FROM properties WHERE city = '${city}'`);
  return NextResponse.json(rows);
}

export async function setStatus({ propertyId, status }: { propertyId: string; status: string }) {
  const client = await pool.connect();
  try {
    // ruleid: security-sql-string-formatting
    await client.query("UPDATE properties SET status = '" + status + "' WHERE id = " + propertyId);
  } finally {
    client.release();
  }
  return NextResponse.json({ ok: true });
}

export async function search(filters: Record<string, string>) {
  let sql = 'SELECT * FROM properties WHERE true';
  for (const [column, value] of Object.entries(filters)) {
    sql += ` AND ${column} = '${value}'`;
  }
  // ruleid: security-sql-string-formatting
  return pool.query(sql);
}

export async function byAgent(agentId: string, includeArchived: boolean) {
  let text = `SELECT * FROM leads WHERE agent_id = '${agentId}'`;
  if (!includeArchived) {
    text = text + ' AND archived = false';
  }
  // ruleid: security-sql-string-formatting
  return pool.query({ text, values: [] });
}

export async function orderBy(column: string) {
  // known miss: the text travels in an object's property, which is not followed
  const q = {
    text: `SELECT * FROM properties ORDER BY ${column}`,
  };
  // todoruleid: security-sql-string-formatting
  return pool.query(q.text);
}

export async function updateFields(id: string, patch: Record<string, unknown>) {
  const sets = Object.keys(patch).map((k, i) => `${k} = $${i + 2}`).join(', ');
  // ruleid: security-sql-string-formatting
  return pool.query(`UPDATE leads SET ${sets} WHERE id = $1`, [id, ...Object.values(patch)]);
}

export const remove = async (id: string) =>
  // ruleid: security-sql-string-formatting
  pool.query('DELETE FROM leads WHERE id = ' + id);

// ---- look-alikes ---------------------------------------------------------------------------

export async function propertiesInCityOk(city: string | null) {
  // ok: security-sql-string-formatting
  const { rows } = await pool.query('SELECT * FROM properties WHERE city = $1', [city]);
  return NextResponse.json(rows);
}

export async function constantTable(id: string) {
  // ok: security-sql-string-formatting
  return pool.query(`SELECT * FROM ${PROPERTIES} WHERE id = $1`, [id]);
}

export async function inList(ids: string[]) {
  const placeholders = ids.map((_, i) => `$${i + 1}`).join(', ');
  // ok: security-sql-string-formatting
  return pool.query(`SELECT * FROM leads WHERE id IN (${placeholders})`, ids);
}

export async function paged(params: URLSearchParams) {
  const limit = Number(params.get('limit') ?? 20);
  const page = parseInt(params.get('page') ?? '0', 10);
  // ok: security-sql-string-formatting
  return pool.query(`SELECT * FROM leads ORDER BY id LIMIT ${limit} OFFSET ${page * limit}`);
}

export async function sorted(sort: string) {
  const column = SORTS[sort] ?? 'created_at';
  // ok: security-sql-string-formatting
  return pool.query(`SELECT * FROM properties ORDER BY ${column} DESC`);
}

export async function logged(id: string) {
  const sql = `SELECT * FROM leads WHERE id = '${id}'`;
  // ok: security-sql-string-formatting
  console.log(sql);
  // ok: security-sql-string-formatting
  console.error(`DELETE FROM leads WHERE id = ${id} failed`);
  // ok: security-sql-string-formatting
  throw new Error(`UPDATE leads SET status = 'x' WHERE id = ${id} did not match`);
}

export async function reassigned(id: string) {
  let q = `SELECT * FROM leads WHERE id = '${id}'`;
  q = 'SELECT * FROM leads WHERE id = $1';
  // ok: security-sql-string-formatting
  return pool.query(q, [id]);
}

export async function notSql(router: { query: (s: string) => void }, page: string) {
  // a query() whose text is not SQL
  // ok: security-sql-string-formatting
  router.query(`page=${page}&tab=overview`);
}
