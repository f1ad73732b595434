-- Prisma on Supabase: the policies go in by hand, in the migration Prisma made
-- CreateTable
CREATE TABLE "Post" (
    "id" TEXT NOT NULL,
    "authorId" UUID NOT NULL,
    "title" TEXT NOT NULL,
    CONSTRAINT "Post_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "Post_authorId_idx" ON "Post"("authorId");
ALTER TABLE "Post" ENABLE ROW LEVEL SECURITY;
-- ruleid: security-permissive-rls-policy @warning
CREATE POLICY "post_write" ON "Post" FOR ALL TO authenticated USING (true);
-- ok: security-permissive-rls-policy
CREATE POLICY "post_owner" ON "Post" FOR UPDATE TO authenticated USING ("authorId" = auth.uid());
