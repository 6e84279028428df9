-- The inbox: each message belongs to exactly one recipient; the sender is null for messages
-- the platform itself sends (moderation outcomes, notices).
CREATE TABLE "messages" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "recipient_id" UUID NOT NULL,
    "sender_id" UUID,
    "title" VARCHAR(100) NOT NULL,
    "body" TEXT NOT NULL,
    "read_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "messages_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "messages_recipient_id_created_at_id_idx" ON "messages"("recipient_id", "created_at" DESC, "id");
CREATE INDEX "messages_recipient_id_unread_idx" ON "messages"("recipient_id") WHERE "read_at" IS NULL;
CREATE INDEX "messages_sender_id_idx" ON "messages"("sender_id");

ALTER TABLE "messages" ADD CONSTRAINT "messages_recipient_id_fkey" FOREIGN KEY ("recipient_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "messages" ADD CONSTRAINT "messages_sender_id_fkey" FOREIGN KEY ("sender_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Sending is a permission of its own, so an administrator can mute a group without cutting it
-- off from its inbox: every group that may receive may also send.
UPDATE "groups" SET "permissions" = array_append("permissions", 'message.send')
WHERE 'message.receive' = ANY("permissions") AND NOT 'message.send' = ANY("permissions");
