-- Row level security added by hand for one table: Prisma does not write it.
ALTER TABLE "Property" ENABLE ROW LEVEL SECURITY;
