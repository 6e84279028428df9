-- CreateEnum
CREATE TYPE "UserStatus" AS ENUM ('PENDING', 'ACTIVE', 'LOCKED', 'BANNED');

-- CreateEnum
CREATE TYPE "AppStatus" AS ENUM ('ENABLED', 'DISABLED', 'CLOSED');

-- CreateTable
CREATE TABLE "groups" (
    "id" SERIAL NOT NULL,
    "name" VARCHAR(32) NOT NULL,
    "rank" INTEGER NOT NULL,
    "permissions" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "is_default" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "groups_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "users" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "username" VARCHAR(20) NOT NULL,
    "email" VARCHAR(254) NOT NULL,
    "password_hash" VARCHAR(100) NOT NULL,
    "nickname" VARCHAR(80) NOT NULL,
    "status" "UserStatus" NOT NULL DEFAULT 'PENDING',
    "group_id" INTEGER NOT NULL,
    "points" INTEGER NOT NULL DEFAULT 0,
    "balance_cents" BIGINT NOT NULL DEFAULT 0,
    "email_verified_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "apps" (
    "id" SERIAL NOT NULL,
    "app_id" VARCHAR(40) NOT NULL,
    "name" VARCHAR(80) NOT NULL,
    "key_ciphertext" BYTEA,
    "status" "AppStatus" NOT NULL DEFAULT 'ENABLED',
    "scopes" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "allowed_domains" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "apps_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "groups_name_key" ON "groups"("name");

-- At most one group is where new users start.
CREATE UNIQUE INDEX "groups_one_default_key" ON "groups"("is_default") WHERE "is_default";

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- Usernames are unique regardless of case (Prisma cannot express an expression index).
CREATE UNIQUE INDEX "users_username_lower_key" ON "users"(lower("username"));

-- CreateIndex
CREATE INDEX "users_group_id_idx" ON "users"("group_id");

-- CreateIndex
CREATE UNIQUE INDEX "apps_app_id_key" ON "apps"("app_id");

-- AddForeignKey
ALTER TABLE "users" ADD CONSTRAINT "users_group_id_fkey" FOREIGN KEY ("group_id") REFERENCES "groups"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Emails are stored lower-cased; the database refuses anything else.
ALTER TABLE "users" ADD CONSTRAINT "users_email_lower_check" CHECK ("email" = lower("email"));

-- Points and balance never go below zero, whatever the code does.
ALTER TABLE "users" ADD CONSTRAINT "users_points_check" CHECK ("points" >= 0);
ALTER TABLE "users" ADD CONSTRAINT "users_balance_check" CHECK ("balance_cents" >= 0);

-- Seed: the user groups, from least to most trusted.
INSERT INTO "groups" ("name", "rank", "permissions", "is_default") VALUES
    ('banned',    0,   ARRAY[]::TEXT[], false),
    ('member',    10,  ARRAY['message.receive', 'file.upload', 'tutorial.write', 'report.create'], true),
    ('vip',       20,  ARRAY['message.receive', 'file.upload', 'tutorial.write', 'report.create'], false),
    ('developer', 30,  ARRAY['message.receive', 'file.upload', 'tutorial.write', 'report.create', 'developer.use'], false),
    ('moderator', 40,  ARRAY['message.receive', 'file.upload', 'tutorial.write', 'report.create', 'developer.use', 'tutorial.publish', 'report.review'], false),
    ('admin',     100, ARRAY['message.receive', 'file.upload', 'tutorial.write', 'report.create', 'developer.use', 'tutorial.publish', 'report.review', 'user.manage', 'group.manage', 'app.manage', 'points.manage', 'audit.read'], false);

-- Seed: the platform's own web client, so people can log in before any app is registered.
-- It has no key, so it cannot sign requests until an administrator rotates one in.
INSERT INTO "apps" ("app_id", "name") VALUES ('web', 'Web');
