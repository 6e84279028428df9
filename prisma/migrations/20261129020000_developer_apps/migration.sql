-- Developer apps: what a developer's own end users reach through the signed open API. The key
-- must be usable for HMAC checks, so it is stored sealed (AES-256-GCM), never hashed.
CREATE TABLE "developer_apps" (
    "id" SERIAL NOT NULL,
    "api_id" VARCHAR(40) NOT NULL,
    "owner_id" UUID NOT NULL,
    "name" VARCHAR(80) NOT NULL,
    "key_ciphertext" BYTEA NOT NULL,
    "status" "AppStatus" NOT NULL DEFAULT 'ENABLED',
    "user_cap" INTEGER NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "developer_apps_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "developer_apps_user_cap_check" CHECK ("user_cap" >= 0)
);

CREATE UNIQUE INDEX "developer_apps_api_id_key" ON "developer_apps"("api_id");

-- A developer's apps newest first, and the quota counts (all of them; those of this month).
CREATE INDEX "developer_apps_owner_id_created_at_idx" ON "developer_apps"("owner_id", "created_at");

ALTER TABLE "developer_apps" ADD CONSTRAINT "developer_apps_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
