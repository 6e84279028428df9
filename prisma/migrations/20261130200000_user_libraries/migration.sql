-- User libraries (user pools) of developers, their end users and those users' sessions, the
-- open-API usage of developer apps, and developer-app keys that rotate with a grace period.

-- CreateEnum
CREATE TYPE "EndUserStatus" AS ENUM ('PENDING', 'ACTIVE', 'BANNED', 'DELETED');

-- CreateTable
CREATE TABLE "user_libraries" (
    "id" SERIAL NOT NULL,
    "span_id" VARCHAR(40) NOT NULL,
    "owner_id" UUID NOT NULL,
    "name" VARCHAR(80) NOT NULL,
    "require_email_verification" BOOLEAN NOT NULL DEFAULT false,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "deleted_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "user_libraries_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "user_libraries_span_id_key" ON "user_libraries"("span_id");
CREATE INDEX "user_libraries_owner_id_created_at_idx" ON "user_libraries"("owner_id", "created_at");
ALTER TABLE "user_libraries" ADD CONSTRAINT "user_libraries_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AlterTable: a developer app's library, allowed origins and the key before the last rotation
ALTER TABLE "developer_apps" ADD COLUMN "library_id" INTEGER,
    ADD COLUMN "allowed_domains" TEXT[] DEFAULT ARRAY[]::TEXT[],
    ADD COLUMN "previous_key_ciphertext" BYTEA,
    ADD COLUMN "previous_key_expires_at" TIMESTAMPTZ(3);
CREATE INDEX "developer_apps_library_id_idx" ON "developer_apps"("library_id");
ALTER TABLE "developer_apps" ADD CONSTRAINT "developer_apps_library_id_fkey" FOREIGN KEY ("library_id") REFERENCES "user_libraries"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- CreateTable
CREATE TABLE "end_users" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "library_id" INTEGER NOT NULL,
    "app_id" INTEGER,
    "username" VARCHAR(20) NOT NULL,
    "email" VARCHAR(254),
    "password_hash" VARCHAR(100) NOT NULL,
    "nickname" VARCHAR(80) NOT NULL,
    "qq" VARCHAR(11),
    "status" "EndUserStatus" NOT NULL DEFAULT 'ACTIVE',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "end_users_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "end_users_qq_check" CHECK ("qq" ~ '^[1-9][0-9]{4,10}$')
);

-- Names and addresses are unique within a library, case-insensitively, among users not deleted:
-- the database decides between parallel registrations.
CREATE UNIQUE INDEX "end_users_library_username_key" ON "end_users"("library_id", lower("username")) WHERE "status" <> 'DELETED';
CREATE UNIQUE INDEX "end_users_library_email_key" ON "end_users"("library_id", lower("email")) WHERE "status" <> 'DELETED' AND "email" IS NOT NULL;
CREATE INDEX "end_users_app_id_idx" ON "end_users"("app_id");
ALTER TABLE "end_users" ADD CONSTRAINT "end_users_library_id_fkey" FOREIGN KEY ("library_id") REFERENCES "user_libraries"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "end_users" ADD CONSTRAINT "end_users_app_id_fkey" FOREIGN KEY ("app_id") REFERENCES "developer_apps"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- CreateTable
CREATE TABLE "end_user_sessions" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "end_user_id" UUID NOT NULL,
    "app_id" INTEGER NOT NULL,
    "key_hash" BYTEA NOT NULL,
    "ip" VARCHAR(45),
    "user_agent" VARCHAR(255),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "end_user_sessions_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "end_user_sessions_key_hash_key" ON "end_user_sessions"("key_hash");
CREATE INDEX "end_user_sessions_end_user_id_idx" ON "end_user_sessions"("end_user_id");
ALTER TABLE "end_user_sessions" ADD CONSTRAINT "end_user_sessions_end_user_id_fkey" FOREIGN KEY ("end_user_id") REFERENCES "end_users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "end_user_sessions" ADD CONSTRAINT "end_user_sessions_app_id_fkey" FOREIGN KEY ("app_id") REFERENCES "developer_apps"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- CreateTable
CREATE TABLE "developer_app_usage" (
    "app_id" INTEGER NOT NULL,
    "day" DATE NOT NULL,
    "calls" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "developer_app_usage_pkey" PRIMARY KEY ("app_id", "day")
);
ALTER TABLE "developer_app_usage" ADD CONSTRAINT "developer_app_usage_app_id_fkey" FOREIGN KEY ("app_id") REFERENCES "developer_apps"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AlterTable: a verification link belongs to a platform user or to an end user, exactly one
ALTER TABLE "email_verifications" ALTER COLUMN "user_id" DROP NOT NULL,
    ADD COLUMN "end_user_id" UUID,
    ADD CONSTRAINT "email_verifications_owner_check" CHECK (num_nonnulls("user_id", "end_user_id") = 1);
CREATE INDEX "email_verifications_end_user_id_idx" ON "email_verifications"("end_user_id");
ALTER TABLE "email_verifications" ADD CONSTRAINT "email_verifications_end_user_id_fkey" FOREIGN KEY ("end_user_id") REFERENCES "end_users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
