-- ruleid: reliability-destructive-migration
ALTER TABLE "tasks" DROP COLUMN IF EXISTS "done";
