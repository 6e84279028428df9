-- Sealed keys are bound to their row: the associated data of each names the table, the public id
-- and the key version (one more at every rotation). Rows sealed before this have version 0: the
-- server re-seals them at start-up with the configured APP_SECRET_KEY (the key never reaches
-- the database, so SQL cannot), then they are at version 1 like every new row.
ALTER TABLE "apps" ADD COLUMN "key_version" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "apps" ALTER COLUMN "key_version" SET DEFAULT 1;
ALTER TABLE "developer_apps" ADD COLUMN "key_version" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "developer_apps" ALTER COLUMN "key_version" SET DEFAULT 1;

-- Allowed domains become origins (scheme, host and port). A host-only entry meant "this host by
-- any scheme and port"; it now means https on the default port (example.com ->
-- https://example.com, *.example.com -> https://*.example.com). Order is kept.
UPDATE "apps"
   SET "allowed_domains" = ARRAY(
         SELECT CASE WHEN entry LIKE '%://%' THEN lower(entry) ELSE 'https://' || lower(entry) END
           FROM unnest("allowed_domains") WITH ORDINALITY AS listed(entry, position)
          ORDER BY position)
 WHERE cardinality("allowed_domains") > 0;
