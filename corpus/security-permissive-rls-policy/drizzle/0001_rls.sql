-- drizzle-kit with pgPolicy(): it writes the policies after the table
CREATE TABLE "profiles" (
	"id" uuid PRIMARY KEY NOT NULL,
	"bio" text
);
--> statement-breakpoint
ALTER TABLE "profiles" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
-- ruleid: security-permissive-rls-policy @note
CREATE POLICY "public read" ON "profiles" AS PERMISSIVE FOR SELECT TO public USING (true);--> statement-breakpoint
-- ok: security-permissive-rls-policy
CREATE POLICY "own update" ON "profiles" AS PERMISSIVE FOR UPDATE TO "authenticated" USING ((select auth.uid()) = "profiles"."id") WITH CHECK ((select auth.uid()) = "profiles"."id");
