/*
  Warnings:

  - You are about to drop the column `legacyId` on the `User` table. All the data in the column will be lost.
  - You are about to drop the `LegacyPost` table. If the table is not empty, all the data it contains will be lost.

*/
-- AlterTable
-- ruleid: reliability-destructive-migration
ALTER TABLE "User" DROP COLUMN "legacyId";

-- DropTable
-- ruleid: reliability-destructive-migration
DROP TABLE "LegacyPost";

-- AlterTable
-- ruleid: reliability-destructive-migration
ALTER TABLE "User" ALTER COLUMN "name" SET DATA TYPE INTEGER USING "name"::integer;
