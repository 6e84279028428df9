-- CreateEnum
CREATE TYPE "LedgerKind" AS ENUM ('CHECKIN', 'SPEND', 'ADMIN', 'DEVELOPER');

-- CreateTable
CREATE TABLE "checkins" (
    "id" BIGSERIAL NOT NULL,
    "user_id" UUID NOT NULL,
    "app_id" INTEGER NOT NULL,
    "day" DATE NOT NULL,
    "streak" INTEGER NOT NULL,
    "reward" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "checkins_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "points_ledger" (
    "id" BIGSERIAL NOT NULL,
    "user_id" UUID NOT NULL,
    "app_id" INTEGER,
    "kind" "LedgerKind" NOT NULL,
    "delta" INTEGER NOT NULL,
    "balance_after" INTEGER NOT NULL,
    "reason" VARCHAR(200) NOT NULL,
    "idempotency_key" VARCHAR(100),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "points_ledger_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "balance_ledger" (
    "id" BIGSERIAL NOT NULL,
    "user_id" UUID NOT NULL,
    "app_id" INTEGER,
    "kind" "LedgerKind" NOT NULL,
    "delta" BIGINT NOT NULL,
    "balance_after" BIGINT NOT NULL,
    "reason" VARCHAR(200) NOT NULL,
    "idempotency_key" VARCHAR(100),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "balance_ledger_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "checkins_user_id_app_id_day_key" ON "checkins"("user_id", "app_id", "day");

-- CreateIndex
CREATE UNIQUE INDEX "points_ledger_user_id_idempotency_key_key" ON "points_ledger"("user_id", "idempotency_key");

-- CreateIndex
CREATE INDEX "points_ledger_user_id_id_idx" ON "points_ledger"("user_id", "id");

-- CreateIndex
CREATE INDEX "points_ledger_app_id_user_id_idx" ON "points_ledger"("app_id", "user_id");

-- CreateIndex
CREATE UNIQUE INDEX "balance_ledger_user_id_idempotency_key_key" ON "balance_ledger"("user_id", "idempotency_key");

-- CreateIndex
CREATE INDEX "balance_ledger_user_id_id_idx" ON "balance_ledger"("user_id", "id");

-- AddForeignKey
ALTER TABLE "checkins" ADD CONSTRAINT "checkins_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "checkins" ADD CONSTRAINT "checkins_app_id_fkey" FOREIGN KEY ("app_id") REFERENCES "apps"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "points_ledger" ADD CONSTRAINT "points_ledger_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "balance_ledger" ADD CONSTRAINT "balance_ledger_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A ledger row moves something, and the kind says what.
ALTER TABLE "points_ledger" ADD CONSTRAINT "points_ledger_delta_check" CHECK ("delta" <> 0 AND "balance_after" >= 0);
ALTER TABLE "balance_ledger" ADD CONSTRAINT "balance_ledger_delta_check" CHECK ("delta" <> 0 AND "balance_after" >= 0);
ALTER TABLE "checkins" ADD CONSTRAINT "checkins_streak_check" CHECK ("streak" >= 1 AND "reward" > 0);
