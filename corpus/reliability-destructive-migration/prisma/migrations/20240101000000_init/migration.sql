-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "name" TEXT,
    "legacyId" INTEGER,
    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);
CREATE TABLE "LegacyPost" ("id" TEXT NOT NULL, CONSTRAINT "LegacyPost_pkey" PRIMARY KEY ("id"));
