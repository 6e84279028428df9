-- Files users upload, and the download credentials they hand out. The bytes live in the storage
-- directory under storage_key; a deleted file keeps its row (deleted_at) so its credentials can
-- say it is gone (1051) rather than unknown.
CREATE TABLE "files" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "owner_id" UUID NOT NULL,
    "name" VARCHAR(255) NOT NULL,
    "type" VARCHAR(8) NOT NULL,
    "size" BIGINT NOT NULL,
    "sha256" BYTEA NOT NULL,
    "storage_key" VARCHAR(200) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deleted_at" TIMESTAMPTZ(3),

    CONSTRAINT "files_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "files_name_check" CHECK (char_length("name") >= 1),
    CONSTRAINT "files_type_check" CHECK ("type" ~ '^[0-9A-Za-z]{1,8}$'),
    CONSTRAINT "files_size_check" CHECK ("size" > 0),
    CONSTRAINT "files_sha256_check" CHECK (octet_length("sha256") = 32)
);

CREATE UNIQUE INDEX "files_storage_key_key" ON "files"("storage_key");
-- A user's files (and the cascade when a user is deleted).
CREATE INDEX "files_owner_id_created_at_idx" ON "files"("owner_id", "created_at" DESC);

ALTER TABLE "files" ADD CONSTRAINT "files_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A credential is a random 256-bit string handed out once; only its SHA-256 is kept. Each download
-- moves `downloads` up in one conditional UPDATE, and the CHECK holds the limit whatever the code does.
CREATE TABLE "download_credentials" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "file_id" UUID NOT NULL,
    "token_hash" BYTEA NOT NULL,
    "max_downloads" INTEGER NOT NULL,
    "downloads" INTEGER NOT NULL DEFAULT 0,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "download_credentials_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "download_credentials_max_downloads_check" CHECK ("max_downloads" >= 1),
    CONSTRAINT "download_credentials_downloads_check" CHECK ("downloads" >= 0 AND "downloads" <= "max_downloads")
);

CREATE UNIQUE INDEX "download_credentials_token_hash_key" ON "download_credentials"("token_hash");
CREATE INDEX "download_credentials_file_id_idx" ON "download_credentials"("file_id");

ALTER TABLE "download_credentials" ADD CONSTRAINT "download_credentials_file_id_fkey" FOREIGN KEY ("file_id") REFERENCES "files"("id") ON DELETE CASCADE ON UPDATE CASCADE;
