// Prisma raw queries.
import { PrismaClient, Prisma } from '@prisma/client';

const prisma = new PrismaClient();

export async function leadsByEmail(email: string) {
  // ruleid: security-sql-string-formatting
  return prisma.$queryRawUnsafe(`SELECT * FROM "Lead" WHERE email = '${email}'`);
}

export async function archive(ids: string[]) {
  const list = ids.map((id) => `'${id}'`).join(',');
  // ruleid: security-sql-string-formatting
  return prisma.$executeRawUnsafe(`UPDATE "Lead" SET archived = true WHERE id IN (${list})`);
}

export async function byStatus(status: string) {
  // ruleid: security-sql-string-formatting
  return prisma.$queryRawUnsafe('SELECT * FROM "Lead" WHERE status = \'' + status + "'");
}

export async function leadsByEmailOk(email: string) {
  // ok: security-sql-string-formatting
  return prisma.$queryRaw`SELECT * FROM "Lead" WHERE email = ${email}`;
}

export async function archiveOk(ids: string[]) {
  // ok: security-sql-string-formatting
  return prisma.$executeRaw(Prisma.sql`UPDATE "Lead" SET archived = true WHERE id IN (${Prisma.join(ids)})`);
}

export async function unsafeWithParamsOk(email: string) {
  // ok: security-sql-string-formatting
  return prisma.$queryRawUnsafe('SELECT * FROM "Lead" WHERE email = $1', email);
}
