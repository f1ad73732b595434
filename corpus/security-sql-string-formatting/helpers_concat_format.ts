// SQL built by util.format(), String.prototype.concat() and by a helper of the same file that
// returns the text it builds, then run on node-postgres.
import util from 'node:util';
import { format } from 'util';
import { Pool } from 'pg';

const pool = new Pool();
const TABLE = 'leads';

function leadById(id: string) {
  return 'SELECT * FROM leads WHERE id = ' + id;
}

const byStatus = (status: string) => `SELECT * FROM leads WHERE status = '${status}'`;

function countLeads() {
  return 'SELECT count(*) FROM ' + TABLE;
}

function pagedLeads(limit: number, where: string) {
  if (where) {
    return `SELECT * FROM leads WHERE ${where} LIMIT 20`;
  }
  return 'SELECT * FROM leads LIMIT 20';
}

export async function GET(req: Request) {
  const id = new URL(req.url).searchParams.get('id') ?? '';
  // ruleid: security-sql-string-formatting
  await pool.query(leadById(id));
  // ruleid: security-sql-string-formatting
  await pool.query(byStatus(id));
  // a helper given a constant builds nothing that varies
  // ok: security-sql-string-formatting
  await pool.query(leadById('42'));
  // ok: security-sql-string-formatting
  await pool.query(countLeads());
  // the second parameter varies here, the first is a constant
  // ruleid: security-sql-string-formatting
  await pool.query(pagedLeads(20, id));
  // ok: security-sql-string-formatting
  await pool.query(pagedLeads(20, ''));
  // ruleid: security-sql-string-formatting
  await pool.query(util.format('SELECT * FROM leads WHERE email = \'%s\'', id));
  // ruleid: security-sql-string-formatting
  await pool.query(format('DELETE FROM leads WHERE id = %s', id));
  // ok: security-sql-string-formatting
  await pool.query(util.format('SELECT * FROM %s', TABLE));
  // ruleid: security-sql-string-formatting
  await pool.query('SELECT * FROM leads WHERE id = '.concat(id));
  const base = 'UPDATE leads SET seen = true WHERE id = ';
  // ruleid: security-sql-string-formatting
  await pool.query(base.concat(id, ' RETURNING id'));
  // an array's concat builds no text
  // ok: security-sql-string-formatting
  // ruleid: security-unvalidated-input-to-query
  await pool.query('SELECT * FROM leads WHERE id = ANY($1)', [[id].concat(['1'])]);
  // ok: security-sql-string-formatting
  // ruleid: security-unvalidated-input-to-query
  await pool.query('SELECT * FROM leads WHERE id = $1', [leadById(id)]);
}

// a helper that is not the same file's, or a method, is not followed
export async function other(db: { sql(id: string): string }, id: string) {
  // ok: security-sql-string-formatting
  await pool.query(db.sql(id));
}
