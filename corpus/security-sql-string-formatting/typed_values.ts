// Values whose type or loop lists every text they can take.
import { Pool } from 'pg';

const pool = new Pool();
const TABLES = ['leads', 'tours'] as const;

export async function sorted(dir: 'asc' | 'desc', column?: 'name' | 'created_at') {
  // ok: security-sql-string-formatting
  return pool.query(`SELECT * FROM leads ORDER BY ${column ?? 'id'} ${dir}`);
}

export async function sortedByString(dir: string) {
  // a string type lists nothing
  // ruleid: security-sql-string-formatting
  return pool.query(`SELECT * FROM leads ORDER BY id ${dir}`);
}

export async function truncateAll() {
  for (const table of TABLES) {
    // ok: security-sql-string-formatting
    await pool.query(`TRUNCATE ${table}`);
  }
  for (const table of ['archived_leads', 'archived_tours']) {
    // ok: security-sql-string-formatting
    await pool.query(`TRUNCATE ${table}`);
  }
}

export async function truncateEach(tables: string[]) {
  for (const table of tables) {
    // ruleid: security-sql-string-formatting
    await pool.query(`TRUNCATE ${table}`);
  }
}
