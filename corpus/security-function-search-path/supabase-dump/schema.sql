-- A pg_dump-style remote schema (supabase db dump): quoted names, OWNER TO, search_path set
-- at the top of the file (which fixes nothing for the functions themselves).
SET statement_timeout = 0;
SET client_encoding = 'UTF8';
SELECT pg_catalog.set_config('search_path', '', false);

-- ruleid: security-function-search-path @warning
CREATE OR REPLACE FUNCTION "public"."get_my_claim"("claim" "text") RETURNS "jsonb"
    LANGUAGE "sql" STABLE SECURITY DEFINER
    AS $$
  select coalesce(nullif(current_setting('request.jwt.claims', true), '')::jsonb -> 'app_metadata' -> claim, null)
$$;

ALTER FUNCTION "public"."get_my_claim"("claim" "text") OWNER TO "postgres";

-- ok: security-function-search-path
CREATE OR REPLACE FUNCTION "public"."is_claims_admin"() RETURNS boolean
    LANGUAGE "plpgsql"
    SET "search_path" TO 'public'
    AS $$
  BEGIN
    RETURN true;
  END;
$$;

-- a quoted function name keeps its case, and the message quotes it
-- ruleid: security-function-search-path @note
CREATE FUNCTION "public"."AddNumbers"(a integer, b integer) RETURNS integer
    LANGUAGE sql IMMUTABLE
    AS $$ select a + b $$;
