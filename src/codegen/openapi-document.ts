import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { createApp, openApiDocument } from '../app.factory';
import { loadConfig } from '../core/config/app-config';

const UNREACHED_DATABASE = 'postgresql://openapi@127.0.0.1:1/never-connected';

/**
 * The app's OpenAPI document as openapi/openapi.json holds it. The app is built but never started:
 * no provider connects until init, so the database named here is never reached, and the data
 * directory (where a development key would be written) is a temporary one.
 */
export async function generateOpenApiDocument(): Promise<string> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'platform-openapi-'));
  const config = loadConfig({
    NODE_ENV: 'development',
    LOG_LEVEL: 'silent',
    DATA_DIR: dataDir,
    DATABASE_URL: UNREACHED_DATABASE,
  });
  const app = await createApp({ config, databaseUrl: UNREACHED_DATABASE });
  try {
    return `${JSON.stringify(openApiDocument(app), null, 2)}\n`;
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
