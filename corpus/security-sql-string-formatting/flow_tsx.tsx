// How the query text travels inside a function: classes, switch, var, shadowing, closures.
import { Pool } from 'pg';

const pool = new Pool();

class LeadRepo {
  private readonly table = 'leads';
  constructor(private schema: string) {}

  async byName(name: string) {
    // ruleid: security-sql-string-formatting
    return pool.query(`SELECT * FROM leads WHERE name = '${name}'`);
  }

  async classConstantOk(id: string) {
    // ok: security-sql-string-formatting
    return pool.query(`SELECT * FROM ${this.table} WHERE id = $1`, [id]);
  }
}

export async function switchJoin(kind: string, v: string) {
  let q = 'SELECT * FROM leads';
  switch (kind) {
    case 'name':
      q = `SELECT * FROM leads WHERE name = '${v}'`;
      break;
    default:
      q = 'SELECT * FROM leads WHERE false';
  }
  // ruleid: security-sql-string-formatting
  return pool.query(q);
}

export async function varInBranch(v: string, f: boolean) {
  if (f) {
    var q = `SELECT * FROM leads WHERE name = '${v}'`;
  } else {
    q = 'SELECT 1';
  }
  // ruleid: security-sql-string-formatting
  return pool.query(q);
}

export async function shadowedOk(v: string) {
  const q = 'SELECT * FROM leads';
  {
    const q = `SELECT * FROM leads WHERE name = '${v}'`;
    console.log(q);
  }
  // ok: security-sql-string-formatting
  return pool.query(q);
}

export function DeleteButton({ id }: { id: string }) {
  const onClick = async () => {
    // ruleid: security-sql-string-formatting
    await pool.query(`DELETE FROM leads WHERE id = '${id}'`);
  };
  return <button onClick={onClick}>Delete</button>;
}

export async function closureOk(ids: string[]) {
  const marks = ids.map(() => '?').join(',');
  // ok: security-sql-string-formatting
  const run = () => pool.query(`SELECT * FROM leads WHERE id IN (${marks})`, ids);
  return run();
}

export async function destructured(body: { name: string }) {
  const { name } = body;
  // ruleid: security-sql-string-formatting
  return pool.query('SELECT * FROM leads WHERE name = \'' + name + "'");
}

export async function loopVariable(names: string[]) {
  const results = [];
  for (const n of names) {
    // ruleid: security-sql-string-formatting
    // ruleid: performance-n-plus-one
    results.push(pool.query(`SELECT * FROM leads WHERE name = '${n}'`));
  }
  return Promise.all(results);
}

export async function loopIndexOk() {
  const results = [];
  for (let i = 0; i < 10; i++) {
    // ok: security-sql-string-formatting
    results.push(pool.query(`SELECT count(*) FROM leads_${i}`));
  }
  return Promise.all(results);
}
