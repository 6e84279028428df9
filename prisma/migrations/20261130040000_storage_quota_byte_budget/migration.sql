-- Storage quotas per group: bytes each member may hold in files, kept and being uploaded (0: unlimited).
ALTER TABLE "groups" ADD COLUMN "storage_quota_bytes" BIGINT NOT NULL DEFAULT 0;
ALTER TABLE "groups" ADD CONSTRAINT "groups_storage_quota_bytes_check" CHECK ("storage_quota_bytes" >= 0);

-- Seed: 1 GiB for members, 10 GiB for the groups above them, no limit for administrators
-- (banned holds no file.upload).
UPDATE "groups" SET "storage_quota_bytes" = 1073741824 WHERE "name" = 'member';
UPDATE "groups" SET "storage_quota_bytes" = 10737418240 WHERE "name" IN ('vip', 'developer', 'moderator');

-- An upload in flight holds bytes against its owner's quota as they arrive, so parallel uploads
-- cannot together pass it. Grown with the user's row locked, deleted when the file is recorded
-- or refused; a row a crashed process left behind stops counting at expires_at.
CREATE TABLE "upload_reservations" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "bytes" BIGINT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "upload_reservations_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "upload_reservations_bytes_check" CHECK ("bytes" >= 0)
);

CREATE INDEX "upload_reservations_user_id_idx" ON "upload_reservations"("user_id");

ALTER TABLE "upload_reservations" ADD CONSTRAINT "upload_reservations_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A credential serves at most max_downloads times its file's size in bytes, whatever the requests'
-- ranges; each GET takes the bytes it serves in one conditional UPDATE. `downloads` becomes the
-- bytes served in whole files, rounded down, which the existing CHECK still bounds by max_downloads.
ALTER TABLE "download_credentials" ADD COLUMN "bytes_served" BIGINT NOT NULL DEFAULT 0;
ALTER TABLE "download_credentials" ADD CONSTRAINT "download_credentials_bytes_served_check" CHECK ("bytes_served" >= 0);
UPDATE "download_credentials" c SET "bytes_served" = c."downloads" * f."size" FROM "files" f WHERE f."id" = c."file_id";
