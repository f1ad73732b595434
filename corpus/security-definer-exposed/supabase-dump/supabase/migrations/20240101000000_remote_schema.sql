-- supabase db dump: the grants come at the end of the file
CREATE TABLE IF NOT EXISTS "public"."teams" ("id" "uuid" NOT NULL, "name" "text");
ALTER TABLE "public"."teams" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "teams read" ON "public"."teams" FOR SELECT TO "authenticated" USING (("id" IN ( SELECT "auth"."uid"() AS "uid")));

-- ok: security-definer-exposed
CREATE OR REPLACE FUNCTION "public"."team_ids"() RETURNS SETOF "uuid"
    LANGUAGE "sql" STABLE SECURITY DEFINER
    SET "search_path" TO ''
    AS $$ select id from public.teams $$;
ALTER FUNCTION "public"."team_ids"() OWNER TO "postgres";

-- ruleid: security-definer-exposed @note
CREATE OR REPLACE FUNCTION "public"."team_count"() RETURNS bigint
    LANGUAGE "sql" STABLE SECURITY DEFINER
    SET "search_path" TO ''
    AS $$ select count(*) from public.teams $$;

GRANT USAGE ON SCHEMA "public" TO "anon";
GRANT USAGE ON SCHEMA "public" TO "authenticated";
REVOKE ALL ON FUNCTION "public"."team_ids"() FROM PUBLIC;
REVOKE ALL ON FUNCTION "public"."team_ids"() FROM "anon";
REVOKE ALL ON FUNCTION "public"."team_ids"() FROM "authenticated";
GRANT ALL ON FUNCTION "public"."team_ids"() TO "service_role";
REVOKE ALL ON FUNCTION "public"."team_count"() FROM PUBLIC;
REVOKE ALL ON FUNCTION "public"."team_count"() FROM "anon";
GRANT ALL ON FUNCTION "public"."team_count"() TO "authenticated";
