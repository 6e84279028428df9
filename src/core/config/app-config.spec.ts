import { randomBytes } from 'node:crypto';

import { ConfigError, loadConfig } from './app-config';

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
});
