-- A later migration adds @@index([propertyId]) to Lead: the key of the first migration is covered.
-- CreateIndex
CREATE INDEX "Lead_propertyId_idx" ON "Lead"("propertyId");

-- A model change drops the index that covered Message.conversationId.
-- DropIndex
-- ruleid: performance-unindexed-foreign-key
DROP INDEX "Message_conversationId_idx";
