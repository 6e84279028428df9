import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';

import { HttpClient } from './support/http-client';
import { assertBuilt, DIST, runBuilt, RunningProcess, runProcess } from './support/server-process';
import { freePort } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { until } from './support/until';

interface Span {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  scope: string;
}

/** An OTLP/HTTP receiver (JSON encoding) keeping every span it is sent, as a collector would take them. */
async function otlpReceiver(): Promise<{ server: Server; url: string; spans: Span[] }> {
  const spans: Span[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      if (request.url === '/v1/traces') {
        const { resourceSpans } = JSON.parse(body) as {
          resourceSpans: { scopeSpans: { scope: { name: string }; spans: Omit<Span, 'scope'>[] }[] }[];
        };
        for (const { scopeSpans } of resourceSpans) {
          for (const { scope, spans: sent } of scopeSpans) spans.push(...sent.map((span) => ({ ...span, scope: scope.name })));
        }
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${port}`, spans };
}

const withRedis = !!process.env.TEST_REDIS_URL;

describe('OpenTelemetry tracing of the built server (OTEL_* variables)', () => {
  let database: TestDatabase;
  let receiver: Awaited<ReturnType<typeof otlpReceiver>>;
  let server: RunningProcess;
  let http: HttpClient;
  let dataDir: string;

  beforeAll(async () => {
    assertBuilt();
    database = await createTestDatabase();
    receiver = await otlpReceiver();
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'platform-tracing-'));
    const port = await freePort();
    http = new HttpClient(`http://127.0.0.1:${port}`);
    server = runBuilt('main.js', {
      DATABASE_URL: database.url,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      BCRYPT_COST: '4',
      ...(withRedis ? { REDIS_URL: process.env.TEST_REDIS_URL!, REDIS_KEY_PREFIX: `test:${path.basename(dataDir)}:` } : {}),
      OTEL_TRACES_EXPORTER: 'otlp',
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${receiver.url}/v1/traces`,
      OTEL_BSP_SCHEDULE_DELAY: '100',
      OTEL_SERVICE_NAME: 'platform-under-test',
    });
    await server.waitFor(/listening on/);
  });
  afterAll(async () => {
    server?.child.kill('SIGTERM');
    await server?.exited;
    receiver?.server.close();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it(`makes one trace of a request: the HTTP server span, Fastify's request and handler spans (no span per hook), its SQL${withRedis ? ' and Redis' : ''}; its log lines carry the trace id`, async () => {
    const requestId = 'traced-login-0001';
    const response = await http.post(
      '/api/v1/auth/login',
      { account: 'nobody-here', password: 'not the password' },
      { headers: { 'x-app-id': 'web', 'x-request-id': requestId } },
    );
    expect(response.body.code).toBe(1031);

    // Every line written for the request names it and its trace.
    const lines = () =>
      server
        .output()
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>)
        .filter((line) => line.requestId === requestId);
    await until(() => lines().some((line) => line.msg === 'request completed'));
    const traceIds = new Set(lines().map((line) => line.traceId));
    expect(traceIds.size).toBe(1);
    const [traceId] = [...traceIds] as string[];
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);

    await until(() => receiver.spans.some((span) => span.traceId === traceId && span.kind === 2));
    await until(() => receiver.spans.filter((span) => span.traceId === traceId && span.scope.includes('pg')).length > 0);
    const trace = receiver.spans.filter((span) => span.traceId === traceId);
    const scopes = new Set(trace.map((span) => span.scope));
    // One server span, the root; every other span of the trace hangs below it.
    const roots = trace.filter((span) => !span.parentSpanId);
    expect(roots).toEqual([expect.objectContaining({ kind: 2, scope: '@opentelemetry/instrumentation-http' })]);
    expect(scopes).toContain('@fastify/otel');
    const fastifySpans = trace.filter((span) => span.scope === '@fastify/otel').map((span) => span.name);
    expect(fastifySpans).toContain('request');
    expect(fastifySpans.some((name) => /^handler - /.test(name))).toBe(true);
    // Hooks get no spans of their own (they tripled what tracing cost a cached read).
    expect(fastifySpans.filter((name) => name !== 'request' && !/^handler - /.test(name))).toEqual([]);
    expect(trace.filter((span) => span.scope === '@opentelemetry/instrumentation-pg').length).toBeGreaterThan(0);
    if (withRedis) expect(trace.filter((span) => span.scope === '@opentelemetry/instrumentation-ioredis').length).toBeGreaterThan(0);
    const ids = new Set(trace.map((span) => span.spanId));
    expect(trace.every((span) => !span.parentSpanId || ids.has(span.parentSpanId))).toBe(true);
  });
});

describe('the built server without tracing', () => {
  /** Whether loading the entry's first module (core/tracing/start-tracing) with `env` loads OpenTelemetry's SDK. */
  async function loadsSdk(env: Record<string, string>): Promise<boolean> {
    const script = [
      `require(${JSON.stringify(path.join(DIST, 'core/tracing/start-tracing.js'))});`,
      `const loaded = Object.keys(require.cache).some((file) => file.includes('@opentelemetry/sdk-node'));`,
      `require('node:fs').writeSync(1, 'sdk loaded: ' + loaded + '\\n');`,
      `process.exit(0);`,
    ].join('\n');
    const run = runProcess(process.execPath, ['-e', script], { env });
    expect(await run.exited).toBe(0);
    return /sdk loaded: true/.test(run.output());
  }

  it('does not load the OpenTelemetry SDK (its heap would be marked by every full garbage collection); it does once an exporter is named', async () => {
    assertBuilt();
    expect(await loadsSdk({})).toBe(false);
    expect(await loadsSdk({ OTEL_TRACES_EXPORTER: 'otlp', OTEL_SDK_DISABLED: 'true' })).toBe(false);
    expect(await loadsSdk({ OTEL_TRACES_EXPORTER: 'console' })).toBe(true);
  });
});
