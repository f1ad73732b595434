-- supabase db dump: quoted names, policies at the end of the file
CREATE TABLE IF NOT EXISTS "public"."messages" (
    "id" bigint NOT NULL,
    "room_id" bigint NOT NULL,
    "body" "text"
);
ALTER TABLE "public"."messages" OWNER TO "postgres";
ALTER TABLE ONLY "public"."messages" ADD CONSTRAINT "messages_pkey" PRIMARY KEY ("id");

-- ruleid: security-permissive-rls-policy @error
CREATE POLICY "Allow all" ON "public"."messages" USING (true) WITH CHECK (true);
-- ruleid: security-permissive-rls-policy @note
CREATE POLICY "Allow read" ON "public"."messages" FOR SELECT TO "authenticated", "anon" USING (true);
-- ok: security-permissive-rls-policy
CREATE POLICY "room members insert" ON "public"."messages" FOR INSERT TO "authenticated"
  WITH CHECK ((EXISTS ( SELECT 1 FROM "public"."room_members" "m"
                         WHERE (("m"."room_id" = "messages"."room_id") AND ("m"."user_id" = "auth"."uid"())))));

ALTER TABLE "public"."messages" ENABLE ROW LEVEL SECURITY;
