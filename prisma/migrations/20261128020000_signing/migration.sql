-- AlterTable
ALTER TABLE "apps" ADD COLUMN "previous_key_ciphertext" BYTEA,
ADD COLUMN "previous_key_expires_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "request_nonces" (
    "app_id" VARCHAR(40) NOT NULL,
    "nonce" VARCHAR(64) NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "request_nonces_pkey" PRIMARY KEY ("app_id","nonce")
);

-- CreateIndex
CREATE INDEX "request_nonces_expires_at_idx" ON "request_nonces"("expires_at");

-- CreateTable
CREATE TABLE "rate_limit_counters" (
    "key" VARCHAR(200) NOT NULL,
    "window" BIGINT NOT NULL,
    "count" INTEGER NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "rate_limit_counters_pkey" PRIMARY KEY ("key","window")
);

-- CreateIndex
CREATE INDEX "rate_limit_counters_expires_at_idx" ON "rate_limit_counters"("expires_at");
