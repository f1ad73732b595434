-- dropped and made again in the same migration: restored as the set sees it
-- ok: reliability-destructive-migration
DROP TABLE IF EXISTS "public"."profiles";
CREATE TABLE "public"."profiles" ("id" "uuid" NOT NULL, "username" "text", "bio" "text");
ALTER TABLE "public"."profiles" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "own" ON "public"."profiles" FOR SELECT USING (("auth"."uid"() = "id"));
