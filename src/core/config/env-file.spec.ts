import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { loadConfig } from './app-config';
import { readEnvFile } from './env-file';

const ROOT = path.resolve(__dirname, '../../..');

describe('readEnvFile', () => {
  it('reads a copy of .env.example as it is: every setting valid, quotes and angle brackets kept', () => {
    const env: NodeJS.ProcessEnv = { ENV_FILE: '.env.example', PORT: '4000' };
    expect(readEnvFile(env, ROOT)).toBe(path.join(ROOT, '.env.example'));
    expect(env.MAIL_FROM).toBe('Platform <no-reply@localhost>');
    expect(env.PORT).toBe('4000'); // the real environment wins
    const config = loadConfig(env);
    expect(config.PORT).toBe(4000);
    expect(config.CAPTCHA_REQUIRED).toBe(true);
  });

  it('reads nothing when there is no .env, and fails on a named file that is missing', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'env-file-'));
    try {
      const env: NodeJS.ProcessEnv = {};
      expect(readEnvFile(env, dir)).toBeUndefined();
      expect(env).toEqual({});
      expect(() => readEnvFile({ ENV_FILE: 'nope.env' }, dir)).toThrow(/cannot read .*nope\.env/);
      writeFileSync(path.join(dir, '.env'), 'PORT=1\n');
      expect(readEnvFile({ ENV_FILE: '' }, dir)).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
