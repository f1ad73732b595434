// knex and sequelize raw fragments.
import knexFactory from 'knex';
import { Sequelize, QueryTypes } from 'sequelize';

const knex = knexFactory({ client: 'pg' });
const sequelize = new Sequelize(process.env.DATABASE_URL as string);

export async function knexSearch(name: string, sort: string) {
  return knex('leads')
    // ruleid: security-sql-string-formatting
    .whereRaw(`name ILIKE '%${name}%'`)
    // ruleid: security-sql-string-formatting
    .orderByRaw(sort + ' DESC');
}

export async function knexRaw(city: string) {
  // ruleid: security-sql-string-formatting
  return knex.raw(`SELECT * FROM properties WHERE city = '${city}'`);
}

export async function sequelizeQuery(email: string) {
  // ruleid: security-sql-string-formatting
  return sequelize.query(`SELECT * FROM leads WHERE email = '${email}'`, { type: QueryTypes.SELECT });
}

export async function knexSearchOk(name: string, sort: 'asc' | 'desc') {
  return knex('leads')
    // ok: security-sql-string-formatting
    .whereRaw('name ILIKE ?', [`%${name}%`])
    // ok: security-sql-string-formatting
    .orderByRaw('?? DESC', ['created_at']);
}

export async function knexRawOk(city: string) {
  // ok: security-sql-string-formatting
  return knex.raw('SELECT * FROM properties WHERE city = ?', [city]);
}

export async function sequelizeQueryOk(email: string) {
  // ok: security-sql-string-formatting
  return sequelize.query('SELECT * FROM leads WHERE email = :email', {
    replacements: { email },
    type: QueryTypes.SELECT,
  });
}
