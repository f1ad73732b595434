// mysql2, postgres.js and drizzle.
import mysql from 'mysql2/promise';
import postgres from 'postgres';
import { sql as dsql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';

const conn = await mysql.createConnection(process.env.MYSQL_URL as string);
const sql = postgres(process.env.DATABASE_URL as string);
const db = drizzle(sql);

export async function mysqlLead(id: string) {
  // ruleid: security-sql-string-formatting
  const [rows] = await conn.execute(`SELECT * FROM leads WHERE id = '${id}'`);
  return rows;
}

export async function mysqlQuery(email: string) {
  const q = 'SELECT * FROM leads WHERE email = "' + email + '"';
  // ruleid: security-sql-string-formatting
  return conn.query(q);
}

export async function postgresUnsafe(column: string) {
  // ruleid: security-sql-string-formatting
  return sql.unsafe(`SELECT ${column} FROM properties`);
}

export async function drizzleRaw(direction: string) {
  // ruleid: security-sql-string-formatting
  return db.execute(dsql.raw(`SELECT * FROM leads ORDER BY created_at ${direction}`));
}

export async function mysqlLeadOk(id: string) {
  // ok: security-sql-string-formatting
  const [rows] = await conn.execute('SELECT * FROM leads WHERE id = ?', [id]);
  return rows;
}

export async function postgresTaggedOk(id: string) {
  // ok: security-sql-string-formatting
  return sql`SELECT * FROM properties WHERE id = ${id}`;
}

export async function drizzleTaggedOk(id: string) {
  // ok: security-sql-string-formatting
  return db.execute(dsql`SELECT * FROM leads WHERE id = ${id}`);
}
