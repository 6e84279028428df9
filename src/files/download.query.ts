/** A file as a download reads it. */
export interface DownloadRow {
  name: string;
  size: string; // BIGINT, as node-postgres returns it
  sha256: Buffer;
  storage_key: string;
}

const USABLE = `c.token_hash = $1 AND c.downloads < c.max_downloads AND c.expires_at > now()
   AND f.id = c.file_id AND f.deleted_at IS NULL`;

/**
 * Counts one download and returns the file, in one statement: parallel downloads queue on the
 * credential's row and each re-checks `downloads < max_downloads`, so no more than the limit ever
 * pass. No row: unknown, expired, used up, or the file is deleted. Shared with the benchmark's baseline.
 */
export const CLAIM_DOWNLOAD = `UPDATE download_credentials c SET downloads = c.downloads + 1
  FROM files f
 WHERE ${USABLE}
RETURNING f.name, f.size, f.sha256, f.storage_key`;

/** The same check without counting (a resumed download). */
export const PEEK_DOWNLOAD = `SELECT f.name, f.size, f.sha256, f.storage_key
  FROM download_credentials c, files f
 WHERE ${USABLE}`;

/** After a refusal: whether the credential is known and its file deleted (1051 rather than 1050). */
export const CREDENTIAL_FILE_GONE = `SELECT 1 FROM download_credentials c JOIN files f ON f.id = c.file_id
 WHERE c.token_hash = $1 AND f.deleted_at IS NOT NULL`;
