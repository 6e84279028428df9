/** A file as a download reads it. */
export interface DownloadRow {
  name: string;
  size: string; // BIGINT, as node-postgres returns it
  sha256: Buffer;
  storage_key: string;
}

/** The same, with the bytes its credential may still serve. */
export interface PeekedDownload extends DownloadRow {
  remaining: string;
}

const LIVE = `c.token_hash = $1 AND c.expires_at > now() AND f.id = c.file_id AND f.deleted_at IS NULL`;

/** What a credential may serve in all: its maxDownloads in whole files, in bytes. */
const BUDGET = 'c.max_downloads * f.size';

/**
 * Takes $2 bytes (the whole file when null) from the credential's budget and returns the file, in
 * one statement: parallel downloads queue on the credential's row and each re-checks the budget,
 * so together they never serve more than it. `downloads` follows as the whole files served. No
 * row: unknown, expired, spent, or the file is deleted. Shared with the benchmark's baseline.
 */
export const TAKE_DOWNLOAD = `UPDATE download_credentials c
   SET bytes_served = c.bytes_served + COALESCE($2::bigint, f.size),
       downloads = (c.bytes_served + COALESCE($2::bigint, f.size)) / f.size
  FROM files f
 WHERE ${LIVE} AND c.bytes_served + COALESCE($2::bigint, f.size) <= ${BUDGET}
RETURNING f.name, f.size, f.sha256, f.storage_key`;

/** The same check without taking anything, for a request whose length depends on the size (a Range) or that serves nothing (HEAD). */
export const PEEK_DOWNLOAD = `SELECT f.name, f.size, f.sha256, f.storage_key, ${BUDGET} - c.bytes_served AS remaining
  FROM download_credentials c, files f
 WHERE ${LIVE} AND c.bytes_served < ${BUDGET}`;

/** After a refusal: whether the credential is known and its file deleted (1051 rather than 1050). */
export const CREDENTIAL_FILE_GONE = `SELECT 1 FROM download_credentials c JOIN files f ON f.id = c.file_id
 WHERE c.token_hash = $1 AND f.deleted_at IS NOT NULL`;
