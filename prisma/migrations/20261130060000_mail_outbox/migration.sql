-- The mail outbox: every mail is queued here in the transaction of the row that needs it (a new
-- account's verification link) and delivered by a worker in each server process, with retries.
-- Workers claim a row with one UPDATE over FOR UPDATE SKIP LOCKED that also moves next_attempt_at
-- past the attempt's longest time, so no two processes send the same mail.
CREATE TABLE "mail_outbox" (
    "id" UUID NOT NULL,
    "recipient" VARCHAR(254) NOT NULL,
    "template" VARCHAR(64) NOT NULL,
    "locale" VARCHAR(5) NOT NULL,
    "payload" BYTEA,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMPTZ(3),
    "failed_at" TIMESTAMPTZ(3),
    "last_error" VARCHAR(500),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "mail_outbox_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "mail_outbox_locale_check" CHECK ("locale" IN ('zh', 'en')),
    CONSTRAINT "mail_outbox_attempts_check" CHECK ("attempts" >= 0),
    -- Sent or given up, never both; the sealed values (a link, a code) live only while the mail waits.
    CONSTRAINT "mail_outbox_outcome_check" CHECK ("sent_at" IS NULL OR "failed_at" IS NULL),
    CONSTRAINT "mail_outbox_payload_check" CHECK (("payload" IS NULL) = ("sent_at" IS NOT NULL OR "failed_at" IS NOT NULL))
);

-- What the workers look for: mail still waiting, by when it is due.
CREATE INDEX "mail_outbox_due_idx" ON "mail_outbox"("next_attempt_at") WHERE "sent_at" IS NULL AND "failed_at" IS NULL;
-- The hourly limit per address counts that address's recent mail.
CREATE INDEX "mail_outbox_recipient_idx" ON "mail_outbox"(lower("recipient"), "created_at");
