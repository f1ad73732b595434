-- drizzle-kit (postgresql dialect) writes every foreign key inside a DO block, so that the
-- migration can run twice
CREATE TABLE IF NOT EXISTS "users" (
	"id" serial PRIMARY KEY NOT NULL,
	"email" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "posts" (
	"id" serial PRIMARY KEY NOT NULL,
	"author_id" integer NOT NULL,
	"editor_id" integer,
	"title" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "comments" (
	"id" serial PRIMARY KEY NOT NULL,
	"post_id" integer NOT NULL,
	"body" text
);
--> statement-breakpoint
DO $$ BEGIN
 -- ruleid: performance-unindexed-foreign-key
 ALTER TABLE "posts" ADD CONSTRAINT "posts_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
EXCEPTION
 WHEN duplicate_object THEN null;
END $$;
--> statement-breakpoint
DO $$ BEGIN
 -- ok: performance-unindexed-foreign-key
 ALTER TABLE "comments" ADD CONSTRAINT "comments_post_id_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."posts"("id") ON DELETE no action ON UPDATE no action;
EXCEPTION
 WHEN duplicate_object THEN null;
END $$;
--> statement-breakpoint
-- the Supabase-migration idiom: add the constraint only if it is not there yet
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'posts_editor_id_fkey') THEN
    -- ruleid: performance-unindexed-foreign-key
    ALTER TABLE posts ADD CONSTRAINT posts_editor_id_fkey FOREIGN KEY (editor_id) REFERENCES users (id);
  END IF;
END
$$;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "comments_post_id_idx" ON "comments" USING btree ("post_id");
--> statement-breakpoint
-- dynamic SQL is a string, not a statement: not read
DO $$ BEGIN
  EXECUTE 'ALTER TABLE comments ADD CONSTRAINT comments_self_fk FOREIGN KEY (id) REFERENCES comments (id)';
END $$;
--> statement-breakpoint
-- a body that is not PL/pgSQL-parseable is skipped, and the rest of the file still counts
DO $$ BEGIN this is not plpgsql; END $$;
--> statement-breakpoint
-- ruleid: performance-unindexed-foreign-key
ALTER TABLE "comments" ADD COLUMN "reply_to" integer REFERENCES "comments"("id");
