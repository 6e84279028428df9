import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';

import { parse } from 'yaml';

import { AppConfig, loadConfig } from '../src/core/config/app-config';
import { createTestApp } from './support/test-app';

const ROOT = path.resolve(__dirname, '..');
const read = (file: string): string => readFileSync(path.join(ROOT, file), 'utf8');

interface Service {
  build?: unknown;
  image?: string;
  ports?: string[];
  expose?: string[];
  environment?: Record<string, string>;
  healthcheck?: { test: string[] | string };
  depends_on?: Record<string, { condition: string }>;
}
const compose = parse(read('docker-compose.yml')) as { services: Record<string, Service> };
const app = compose.services.app;
const dockerfile = read('Dockerfile');
/** The last stage of the Dockerfile: the image that runs. */
const runtimeStage = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
/** The runtime stage's ENV, as `ENV A=1 B=2`. */
const imageEnv: Record<string, string> = Object.fromEntries(
  /^ENV (.+)$/m
    .exec(runtimeStage)![1]
    .split(/\s+/)
    .map((pair) => pair.split('=') as [string, string]),
);

/** Compose's interpolation: ${NAME}, ${NAME:-default}, ${NAME:?message} (which refuses to start when NAME is unset or empty). */
function interpolate(value: string, variables: Record<string, string | undefined>): string {
  return value.replace(/\$\{(\w+)(?:(:[-?])([^}]*))?\}/g, (_, name: string, operator?: string, argument?: string) => {
    const set = variables[name];
    if (operator === ':?' && !set) throw new Error(`required variable ${name} is missing a value: ${argument}`);
    if (operator === ':-' && !set) return argument!;
    return set ?? '';
  });
}

/** The app container's environment: the image's, then the compose file's interpolated with `variables` (compose reads .env for them). */
const containerEnv = (variables: Record<string, string | undefined>): Record<string, string> => ({
  ...imageEnv,
  ...Object.fromEntries(Object.entries(app.environment ?? {}).map(([name, value]) => [name, interpolate(String(value), variables)])),
});

/** The README's one step: `cp .env.example .env` and a generated key appended. */
const dotEnv = (): Record<string, string | undefined> => ({
  ...parseEnv(read('.env.example')),
  APP_SECRET_KEY: '2c1b5a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a29180f7e6d5c4b3a291807',
});

/** docker-compose.yml and the Dockerfile, checked against the configuration class and the routes they rely on. */
describe('the compose stack', () => {
  it('sets only variables the configuration knows, in the image and in compose', () => {
    const known = Object.keys(new AppConfig());
    const set = [...Object.keys(imageEnv), ...Object.keys(app.environment ?? {})];
    expect(set.filter((name) => !known.includes(name))).toEqual([]);
  });

  it('gives the app a valid production configuration after the documented step for the secret', () => {
    const config = loadConfig(containerEnv(dotEnv()));
    expect(config.isProduction).toBe(true);
    expect(config.APP_SECRET_KEY).toBe(dotEnv().APP_SECRET_KEY);
    expect(config.APP_SECRET_KEY_PREVIOUS).toBeUndefined();
    expect(config.DATABASE_URL).toMatch(/@postgres:5432\//);
    expect(config.REDIS_URL).toBe('redis://redis:6379');
    expect(config.SMTP_URL).toBe('smtp://mailpit:1025');
  });

  it('refuses to start without APP_SECRET_KEY, saying how to make one', () => {
    const { APP_SECRET_KEY: _, ...withoutKey } = dotEnv();
    expect(() => containerEnv(withoutKey)).toThrow(/APP_SECRET_KEY is missing a value: run cp \.env\.example \.env.*openssl rand -hex 32/);
  });

  it('reaches the services it names, each healthy before the app starts when it says so', () => {
    const config = loadConfig(containerEnv(dotEnv()));
    const hosts = [config.DATABASE_URL, config.REDIS_URL, config.SMTP_URL].map((url) => new URL(url!).hostname);
    for (const host of hosts) expect(Object.keys(compose.services)).toContain(host);
    for (const [name, { condition }] of Object.entries(app.depends_on ?? {})) {
      expect(compose.services[name]).toBeDefined();
      if (condition === 'service_healthy') expect(compose.services[name].healthcheck).toBeDefined();
    }
  });

  it("reaches the port the server listens on through the proxy, and runs the compiled server and the image's platform command", () => {
    const config = loadConfig(containerEnv(dotEnv()));
    // The app publishes nothing (replicas); the proxy publishes 3000 and forwards to the app's port.
    expect(app.ports).toBeUndefined();
    expect((app.expose ?? []).map(Number)).toContain(config.PORT);
    expect(compose.services.proxy.ports).toContain('3000:80');
    expect(read('deploy/compose/Caddyfile')).toMatch(new RegExp(`dynamic a app ${config.PORT} `));
    expect(runtimeStage).toMatch(new RegExp(`^EXPOSE ${config.PORT}$`, 'm'));
    expect(runtimeStage).toMatch(/^CMD \["node", "dist\/main\.js"\]$/m);
    const bin = (JSON.parse(read('package.json')) as { bin: { platform: string } }).bin.platform;
    expect(runtimeStage).toContain(`ln -s /app/${bin} /usr/local/bin/platform`);
    expect(existsSync(path.join(ROOT, 'src', bin.replace(/^dist\//, '').replace(/\.js$/, '.ts')))).toBe(true);
  });

  it('health checks ask routes the server answers', async () => {
    const imageCheck = runtimeStage.slice(runtimeStage.indexOf('\nHEALTHCHECK '), runtimeStage.indexOf('\nCMD '));
    const paths = [imageCheck, JSON.stringify(app.healthcheck ?? '')].flatMap((text) => text.match(/\/api\/v1\/[a-z/]+/g) ?? []);
    expect(paths.length).toBeGreaterThan(0);
    const t = await createTestApp();
    try {
      for (const route of paths) expect({ route, status: (await t.http.get(route)).status }).toEqual({ route, status: 200 });
    } finally {
      await t.close();
    }
  });
});
