-- QQ Connect: bindings of QQ accounts to users (per app), the `state` of each authorization under
-- way and the tickets of QQ identities awaiting an account. States and tickets are kept only as
-- their SHA-256, used once (one conditional UPDATE), and swept a day after they expire. The QQ
-- access token is never stored.

-- CreateEnum
CREATE TYPE "LoginMethod" AS ENUM ('PASSWORD', 'QQ');

-- CreateEnum
CREATE TYPE "QqIntent" AS ENUM ('BIND', 'LOGIN');

-- How a session was opened: removing a QQ binding asks for the password when the session asking
-- was opened with QQ.
ALTER TABLE "sessions" ADD COLUMN "login_method" "LoginMethod" NOT NULL DEFAULT 'PASSWORD';

-- CreateTable
CREATE TABLE "qq_bindings" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "app_id" INTEGER NOT NULL,
    "user_id" UUID NOT NULL,
    "openid" VARCHAR(64) NOT NULL,
    "nickname" VARCHAR(80) NOT NULL,
    "avatar_url" VARCHAR(512),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "qq_bindings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "qq_states" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "state_hash" BYTEA NOT NULL,
    "intent" "QqIntent" NOT NULL,
    "app_id" INTEGER NOT NULL,
    "user_id" UUID,
    "return_to" VARCHAR(2048) NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "qq_states_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "qq_states_state_hash_check" CHECK (octet_length("state_hash") = 32),
    -- A binding names the user it binds to; a login names nobody.
    CONSTRAINT "qq_states_user_check" CHECK (("intent" = 'BIND') = ("user_id" IS NOT NULL))
);

-- CreateTable
CREATE TABLE "qq_tickets" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "ticket_hash" BYTEA NOT NULL,
    "app_id" INTEGER NOT NULL,
    "openid" VARCHAR(64) NOT NULL,
    "nickname" VARCHAR(80) NOT NULL,
    "avatar_url" VARCHAR(512),
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "qq_tickets_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "qq_tickets_ticket_hash_check" CHECK (octet_length("ticket_hash") = 32)
);

-- One QQ per user and one user per QQ, under each app.
-- CreateIndex
CREATE UNIQUE INDEX "qq_bindings_app_id_user_id_key" ON "qq_bindings"("app_id", "user_id");

-- CreateIndex
CREATE UNIQUE INDEX "qq_bindings_app_id_openid_key" ON "qq_bindings"("app_id", "openid");

-- CreateIndex
CREATE INDEX "qq_bindings_user_id_idx" ON "qq_bindings"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "qq_states_state_hash_key" ON "qq_states"("state_hash");

-- CreateIndex
CREATE INDEX "qq_states_expires_at_idx" ON "qq_states"("expires_at");

-- CreateIndex
CREATE UNIQUE INDEX "qq_tickets_ticket_hash_key" ON "qq_tickets"("ticket_hash");

-- CreateIndex
CREATE INDEX "qq_tickets_expires_at_idx" ON "qq_tickets"("expires_at");

-- AddForeignKey
ALTER TABLE "qq_bindings" ADD CONSTRAINT "qq_bindings_app_id_fkey" FOREIGN KEY ("app_id") REFERENCES "apps"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "qq_bindings" ADD CONSTRAINT "qq_bindings_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "qq_states" ADD CONSTRAINT "qq_states_app_id_fkey" FOREIGN KEY ("app_id") REFERENCES "apps"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "qq_states" ADD CONSTRAINT "qq_states_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "qq_tickets" ADD CONSTRAINT "qq_tickets_app_id_fkey" FOREIGN KEY ("app_id") REFERENCES "apps"("id") ON DELETE CASCADE ON UPDATE CASCADE;
