-- drizzle-kit custom migrations: statements separated by breakpoints
-- ruleid: security-function-search-path @note
CREATE OR REPLACE FUNCTION "update_modified_column"() RETURNS TRIGGER AS $$
BEGIN
    NEW."updated_at" = now();
    RETURN NEW;
END;
$$ language 'plpgsql';
--> statement-breakpoint
-- ok: security-function-search-path
CREATE OR REPLACE FUNCTION "uuid_short"() RETURNS text LANGUAGE sql SET search_path = pg_catalog AS $$ SELECT substr(md5(random()::text), 1, 8) $$;
