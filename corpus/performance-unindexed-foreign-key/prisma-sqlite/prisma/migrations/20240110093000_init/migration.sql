-- A Prisma project on SQLite. SQLite does not index the referencing side of a foreign key
-- either: the finding stands, and its fix is a plain CREATE INDEX.
-- CreateTable
CREATE TABLE "Agent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "Tour" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "agentId" TEXT NOT NULL,
    "scheduledAt" DATETIME NOT NULL,
    -- ruleid: performance-unindexed-foreign-key
    CONSTRAINT "Tour_agentId_fkey" FOREIGN KEY ("agentId") REFERENCES "Agent" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
