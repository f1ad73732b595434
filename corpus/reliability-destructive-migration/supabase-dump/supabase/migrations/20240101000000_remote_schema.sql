-- a pg_dump-style baseline: DROP ... IF EXISTS before CREATE restores at once
-- ok: reliability-destructive-migration
DROP TABLE IF EXISTS "public"."profiles";
CREATE TABLE IF NOT EXISTS "public"."profiles" ("id" "uuid" NOT NULL, "username" "text");
ALTER TABLE "public"."profiles" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "own" ON "public"."profiles" FOR SELECT USING (("auth"."uid"() = "id"));
