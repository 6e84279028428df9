import { randomBytes } from 'node:crypto';
import os from 'node:os';

import { tracingRequested } from '../tracing/tracing-requested';
import { asyncContextIsCheap, ConfigError, loadConfig } from './app-config';

/** The problem lines loadConfig reports for `env` (none when it loads). */
function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe('loadConfig', () => {
  it('applies the documented defaults to an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      NODE_ENV: 'development',
      PORT: 3000,
      DATABASE_URL: undefined,
      DATABASE_POOL_SIZE: 10,
      CORS_ORIGINS: [],
      TRUST_PROXY: false,
      BODY_LIMIT_BYTES: 1048576,
    });
    expect(config.dataDir).toMatch(/\.data$/);
  });

  it('keeps metrics off by default, and never serves them unguarded on the public port', () => {
    expect(loadConfig({}).metricsEnabled).toBe(false);
    expect(loadConfig({ METRICS_PORT: '9464' })).toMatchObject({ metricsEnabled: true, METRICS_PORT: 9464, METRICS_HOST: '0.0.0.0' });
    expect(loadConfig({ METRICS_TOKEN: 'a-long-enough-token' }).metricsEnabled).toBe(true);
    expect(problemsOf({ PORT: '8080', METRICS_PORT: '8080' })).toEqual([expect.stringMatching(/^METRICS_PORT: must differ from PORT/)]);
    expect(problemsOf({ METRICS_PORT: '3000' })).toEqual([expect.stringMatching(/^METRICS_PORT: /)]);
    expect(problemsOf({ METRICS_TOKEN: 'short' })).toEqual(['METRICS_TOKEN: must be 16 to 200 characters']);
    expect(problemsOf({ METRICS_PORT: 'ninety' })).toEqual(expect.arrayContaining([expect.stringMatching(/^METRICS_PORT: /)]));
    expect(loadConfig({ LOG_REQUEST_CONTEXT: 'false' }).LOG_REQUEST_CONTEXT).toBe(false);
    expect(loadConfig({ LOG_REQUEST_CONTEXT: 'true' }).LOG_REQUEST_CONTEXT).toBe(true);
  });

  it('puts request ids in log lines by default only where AsyncLocalStorage runs on AsyncContextFrame', () => {
    expect(asyncContextIsCheap('24.11.0', [])).toBe(true);
    expect(asyncContextIsCheap('26.0.0', [])).toBe(true);
    expect(asyncContextIsCheap('24.11.0', ['--no-async-context-frame'])).toBe(false);
    expect(asyncContextIsCheap('22.20.0', [])).toBe(false);
    expect(asyncContextIsCheap('22.20.0', ['--experimental-async-context-frame'])).toBe(true);
    expect(asyncContextIsCheap('20.20.2', [])).toBe(false);
    expect(loadConfig({}).LOG_REQUEST_CONTEXT).toBe(asyncContextIsCheap() || tracingRequested());
  });

  it('takes WORKERS as a number of processes or auto (one per core), and refuses anything else', () => {
    expect(loadConfig({}).WORKERS).toBe(1);
    expect(loadConfig({ WORKERS: '4' }).WORKERS).toBe(4);
    expect(loadConfig({ WORKERS: 'auto' }).WORKERS).toBe(os.availableParallelism());
    expect(loadConfig({ WORKERS: 'AUTO' }).WORKERS).toBe(os.availableParallelism());
    expect(problemsOf({ WORKERS: '0' })).toEqual(['WORKERS: must be a number of processes (1-64) or auto']);
    expect(problemsOf({ WORKERS: 'many' })).toEqual(['WORKERS: must be a number of processes (1-64) or auto']);
    expect(problemsOf({ WORKERS: '2.5' })).toEqual(['WORKERS: must be a number of processes (1-64) or auto']);
  });

  it('converts numbers, booleans and lists from their string form', () => {
    const config = loadConfig({
      PORT: '8080',
      TRUST_PROXY: 'false',
      CORS_ORIGINS: 'https://a.example, https://b.example',
      DATABASE_URL: 'postgresql://u@db:5432/platform',
      REDIS_URL: 'redis://cache:6379',
    });
    expect(config.PORT).toBe(8080);
    expect(config.TRUST_PROXY).toBe(false);
    expect(config.CORS_ORIGINS).toEqual(['https://a.example', 'https://b.example']);
    expect(config.DATABASE_URL).toBe('postgresql://u@db:5432/platform');
    expect(config.REDIS_URL).toBe('redis://cache:6379');
  });

  it('reads the legacy channels as a list of lower-case names, refusing anything else', () => {
    expect(loadConfig({}).LEGACY_CHANNELS).toEqual(['web', 'android', 'ios', 'qqbot', 'desktop']);
    expect(loadConfig({ LEGACY_CHANNELS: 'web, kiosk_2' }).LEGACY_CHANNELS).toEqual(['web', 'kiosk_2']);
    expect(() => loadConfig({ LEGACY_CHANNELS: 'web,Kiosk' })).toThrow(/LEGACY_CHANNELS: .*lower-case name/);
  });

  it('ignores variables it does not know and empty values', () => {
    const config = loadConfig({ PATH: '/bin', DATABASE_URL: '' });
    expect(config).not.toHaveProperty('PATH');
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it('reports every bad variable on a line of its own', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', NODE_ENV: 'staging', TRUST_PROXY: 'maybe' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    for (const name of ['PORT', 'DATABASE_URL', 'NODE_ENV', 'TRUST_PROXY']) {
      expect(problems.some((line) => line.startsWith(`${name}:`))).toBe(true);
    }
    expect((error as Error).message.split('\n')[0]).toBe('Invalid configuration:');
  });

  it('requires SMTP_URL in production only: elsewhere mail may go to a local folder', () => {
    const production = { NODE_ENV: 'production', APP_SECRET_KEY: randomBytes(32).toString('hex') };
    expect(() => loadConfig(production)).toThrow(/SMTP_URL: is required in production/);
    expect(loadConfig({ ...production, SMTP_URL: 'smtp://mail:25' }).SMTP_URL).toBe('smtp://mail:25');
    expect(loadConfig({ NODE_ENV: 'development' }).SMTP_URL).toBeUndefined();
    expect(() => loadConfig({ SMTP_URL: 'http://mail' })).toThrow(/SMTP_URL: must be an smtp/);
  });

  describe('TRUST_PROXY', () => {
    it('takes false, a hop count, or addresses and CIDRs', () => {
      expect(loadConfig({ TRUST_PROXY: '0' }).trustProxy).toBe(false);
      expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
      expect(loadConfig({ TRUST_PROXY: '10.0.0.1, 10.1.0.0/16,fd00::/8,loopback' }).trustProxy).toEqual([
        '10.0.0.1',
        '10.1.0.0/16',
        'fd00::/8',
        'loopback',
      ]);
      const twoHops = loadConfig({ TRUST_PROXY: '2' }).trustProxy as (address: string, hop: number) => boolean;
      expect([0, 1, 2].map((hop) => twoHops('203.0.113.1', hop))).toEqual([true, true, false]);
    });

    it('refuses true, which would let any client choose its own address, saying what to give instead', () => {
      for (const value of ['true', 'TRUE', 'yes']) {
        expect(problemsOf({ TRUST_PROXY: value })).toEqual([
          expect.stringMatching(/^TRUST_PROXY: true would trust every hop.*number of proxies.*addresses\/CIDRs/),
        ]);
      }
    });

    it('refuses what is not an address, a CIDR or a sane hop count', () => {
      for (const value of ['proxy.internal', '10.0.0.0/33', '10.0.0.1/8/1', '::1/129', '21']) {
        expect(problemsOf({ TRUST_PROXY: value })).toEqual([expect.stringMatching(/^TRUST_PROXY: /)]);
      }
    });
  });

  describe('APP_SECRET_KEY', () => {
    const keyProblems = (env: Record<string, string>): string[] => problemsOf(env).filter((line) => line.startsWith('APP_SECRET_KEY:'));

    it('is required in production', () => {
      expect(keyProblems({ NODE_ENV: 'production' })).toContain('APP_SECRET_KEY: is required in production');
    });

    it('must be 32 bytes in hex or base64, with the way to make one', () => {
      expect(keyProblems({ APP_SECRET_KEY: 'too short' })).toEqual([expect.stringContaining('openssl rand -hex 32')]);
    });

    it('refuses in production a key that does not look random, and takes a random one', () => {
      for (const weak of [
        'a'.repeat(64),
        '0123456789abcdef'.repeat(4),
        Buffer.from('my very own production passphrase').toString('base64url').slice(0, 43),
      ]) {
        expect(keyProblems({ NODE_ENV: 'production', APP_SECRET_KEY: weak })).toEqual([
          expect.stringMatching(/does not look like 32 random bytes .*openssl rand -hex 32/),
        ]);
        expect(keyProblems({ NODE_ENV: 'development', APP_SECRET_KEY: weak })).toEqual([]);
      }
      expect(keyProblems({ NODE_ENV: 'production', APP_SECRET_KEY: randomBytes(32).toString('hex') })).toEqual([]);
      expect(keyProblems({ NODE_ENV: 'production', APP_SECRET_KEY: randomBytes(32).toString('base64') })).toEqual([]);
    });
  });

  it('leaves QQ login off without QQ_APP_ID, wants its key with it, and sends QQ back to the callback page by default', () => {
    const off = loadConfig({});
    expect(off.QQ_APP_ID).toBeUndefined();
    expect(off.QQ_CONNECT_BASE).toBe('https://graph.qq.com');
    expect(off.QQ_TIMEOUT_MS).toBe(5000);
    expect(() => loadConfig({ QQ_APP_ID: '101234567' })).toThrow(/QQ_APP_KEY: is required with QQ_APP_ID/);
    const on = loadConfig({ QQ_APP_ID: '101234567', QQ_APP_KEY: 'k', PUBLIC_URL: 'https://platform.example.com/' });
    expect(on.qqRedirectUri).toBe('https://platform.example.com/qq-callback');
    expect(loadConfig({ QQ_REDIRECT_URI: 'https://platform.example.com/qq' }).qqRedirectUri).toBe('https://platform.example.com/qq');
    for (const bad of [
      { QQ_APP_ID: 'not an id' },
      { QQ_CONNECT_BASE: 'graph.qq.com' },
      { QQ_REDIRECT_URI: 'javascript:alert(1)' },
      { QQ_TIMEOUT_MS: '10' },
    ]) {
      expect(() => loadConfig({ QQ_APP_KEY: 'k', ...bad })).toThrow(new RegExp(`^  ${Object.keys(bad)[0]}: `, 'm'));
    }
  });

  it('keeps files on the local disk by default, and wants a bucket, a region and both keys or none for S3', () => {
    expect(loadConfig({})).toMatchObject({ STORAGE_DRIVER: 'local', S3_PRESIGNED_DOWNLOADS: false, S3_FORCE_PATH_STYLE: false });
    expect(problemsOf({ STORAGE_DRIVER: 's3' })).toEqual([
      'S3_BUCKET: is required with STORAGE_DRIVER=s3',
      'S3_REGION: is required with STORAGE_DRIVER=s3',
    ]);
    const s3 = { STORAGE_DRIVER: 's3', S3_BUCKET: 'platform-files', S3_REGION: 'us-east-1' };
    expect(problemsOf(s3)).toEqual([]); // the SDK's own credential chain (a role)
    expect(problemsOf({ ...s3, S3_ACCESS_KEY_ID: 'id' })).toEqual(['S3_SECRET_ACCESS_KEY: is required with S3_ACCESS_KEY_ID']);
    expect(problemsOf({ ...s3, S3_SECRET_ACCESS_KEY: 'secret' })).toEqual(['S3_ACCESS_KEY_ID: is required with S3_SECRET_ACCESS_KEY']);
    const minio = loadConfig({
      ...s3,
      S3_ENDPOINT: 'http://minio:9000',
      S3_FORCE_PATH_STYLE: 'true',
      S3_ACCESS_KEY_ID: 'id',
      S3_SECRET_ACCESS_KEY: 'secret',
      S3_PRESIGNED_DOWNLOADS: 'true',
    });
    expect(minio).toMatchObject({ S3_FORCE_PATH_STYLE: true, S3_PRESIGNED_DOWNLOADS: true, S3_PRESIGNED_TTL_SECONDS: 60 });
    for (const bad of [
      { STORAGE_DRIVER: 'gcs' },
      { S3_BUCKET: 'No_Such' },
      { S3_ENDPOINT: 'minio:9000' },
      { S3_PRESIGNED_TTL_SECONDS: '0' },
    ]) {
      expect(() => loadConfig({ ...s3, ...bad })).toThrow(new RegExp(`^  ${Object.keys(bad)[0]}: `, 'm'));
    }
    expect(problemsOf({ S3_PRESIGNED_DOWNLOADS: 'true' })).toEqual([
      expect.stringMatching(/^S3_PRESIGNED_DOWNLOADS: needs STORAGE_DRIVER=s3/),
    ]);
  });
});
