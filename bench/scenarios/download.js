// Scenario: downloads through credentials: one conditional UPDATE takes the file's bytes from the
// credential's budget and returns the file, then 1 MiB streams from the storage folder (MB/s too).
// Driven by keep-alive node:http clients that discard the bodies (autocannon is slower than the
// servers here), against the raw Fastify baseline and a bare node:http + fs.createReadStream server.
const bcrypt = require('bcrypt');
const { createHash, randomBytes, randomUUID } = require('node:crypto');
const { Readable } = require('node:stream');
const { LocalFileStore } = require('../../dist/files/local-file-store');
const { createUsers, inTurn } = require('../lib/seed');

const FILE_BYTES = Number(process.env.BENCH_DOWNLOAD_BYTES ?? 1024 * 1024);
// 200 credentials of 1000 downloads: far more than a 3 s warm-up and a 10 s run can use.
const CREDENTIALS = Number(process.env.BENCH_DOWNLOAD_CREDENTIALS ?? 200);
const MAX_DOWNLOADS = 1000;

/** One member's file, written as FilesService writes an upload (temporary file, then renamed), and its row. */
async function seedFile(db, storageDir) {
  const [owner] = await createUsers(db, { count: 1, passwordHash: await bcrypt.hash('not used here', 4) });
  const store = new LocalFileStore({ storageDir });
  const temp = await store.temporary();
  const { size, sha256 } = await temp.receive(Readable.from([randomBytes(FILE_BYTES)]));
  const id = randomUUID();
  await temp.keep(store.keyFor(id));
  await db.query(
    `INSERT INTO files (id, owner_id, name, type, size, sha256, storage_key) VALUES ($1, $2, 'bench.bin', 'bin', $3, $4, $5)`,
    [id, owner.id, size, sha256, store.keyFor(id)],
  );
  return { id, storageKey: store.keyFor(id) };
}

module.exports = {
  title: `GET /download/:credential (${FILE_BYTES >= 1024 * 1024 ? `${FILE_BYTES / 1024 / 1024} MiB` : `${FILE_BYTES} B`})`,
  reportsThroughput: true,
  driver: 'node',

  /** A fresh file for each side, and CREDENTIALS credentials for it (only their SHA-256 stored). */
  async seed({ db, storageDir }) {
    const { id: fileId, storageKey } = await seedFile(db, storageDir);
    const credentials = Array.from({ length: CREDENTIALS }, () => randomBytes(32).toString('base64url'));
    await db.query(
      `INSERT INTO download_credentials (file_id, token_hash, max_downloads, expires_at)
       SELECT $1, h, $3, now() + interval '1 hour' FROM unnest($2::bytea[]) AS h`,
      [fileId, credentials.map((c) => createHash('sha256').update(c, 'utf8').digest()), MAX_DOWNLOADS],
    );
    return { credentials, storageKey };
  },

  /** The same file from the bare server, by its storage key. */
  bare(state, target) {
    return { url: target, requests: [{ method: 'GET', path: `/files/${state.storageKey}` }] };
  },

  /** GET /api/v1/download/<credential> with no app header, each request with the next credential in turn. */
  load(state, target) {
    return {
      url: target,
      requests: [inTurn(state.credentials, { method: 'GET' }, (req, credential) => ({ ...req, path: `/api/v1/download/${credential}` }))],
    };
  },
};
