import net from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';

import { CATALOGUE, ErrorCode } from '../src/core/errors/catalogue';
import { parseResponse, rawRequest, RawResponse } from './support/raw-http';
import { createTestApp, TestApp } from './support/test-app';

/** The envelope every refusal carries, whoever refused it (Node's parser, Fastify's router, the app). */
function expectEnvelope(response: RawResponse, status: number, code: ErrorCode, detail?: RegExp): void {
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  const body = JSON.parse(response.body);
  expect(body).toEqual({
    code,
    message: CATALOGUE[code].zh,
    requestId: expect.any(String),
    ...(detail ? { detail: expect.stringMatching(detail) } : {}),
  });
  expect(response.headers['x-request-id']).toBe(body.requestId);
}

describe('answers refused below the routes still carry the envelope', () => {
  let t: TestApp;
  let port: number;
  const send = async (bytes: string): Promise<RawResponse> => {
    const response = await rawRequest(port, bytes);
    if (!response) throw new Error('the connection closed unanswered');
    return response;
  };

  beforeAll(async () => {
    t = await createTestApp();
    port = Number(new URL(t.http.baseUrl).port);
  });
  afterAll(() => t.close());

  it.each([
    ['a request line that is not HTTP', 'HELLO\r\n\r\n'],
    ['a header name with a space', 'GET /api/v1/health/live HTTP/1.1\r\nHost: x\r\nBad Header: 1\r\n\r\n'],
    ['a Content-Length that is not a number', 'POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: ten\r\n\r\n'],
    [
      'a broken chunked body',
      'POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\nzz\r\n{}\r\n0\r\n\r\n',
    ],
    ['an HTTP/2 preface on an HTTP/1 port', 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n'],
  ])('malformed HTTP: %s is 400 with 1074', async (_, bytes) => {
    expectEnvelope(await send(bytes), 400, ErrorCode.MALFORMED_REQUEST, /malformed HTTP request/);
  });

  it('headers past the size limit are 431 with 1074', async () => {
    const response = await send(`GET /api/v1/health/live HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expectEnvelope(response, 431, ErrorCode.MALFORMED_REQUEST, /headers too large/);
  });

  it('an HTTP/1.1 request without Host is 400 with 1074 and the connection closes; HTTP/1.0 needs none', async () => {
    const missing = await send('GET /api/v1/health/live HTTP/1.1\r\n\r\n');
    expectEnvelope(missing, 400, ErrorCode.MALFORMED_REQUEST, /Host header is missing/);
    expect(missing.headers.connection).toBe('close');

    const old = await send('GET /api/v1/health/live HTTP/1.0\r\n\r\n');
    expect(old.status).toBe(200);
    expect(JSON.parse(old.body)).toMatchObject({ code: 0 });
  });

  it('a malformed percent-encoding in the path is 400 with 1074 (was FST_ERR_BAD_URL)', async () => {
    expectEnvelope(await send('GET /api/v1/users/%zz HTTP/1.1\r\nHost: x\r\n\r\n'), 400, ErrorCode.MALFORMED_REQUEST, /percent-encoding/);
    const viaFetch = await t.http.get('/api/v1/tutorials/%E0%A4%A', { headers: { 'x-app-id': 'web' } });
    expect(viaFetch.status).toBe(400);
    expect(viaFetch.body).toMatchObject({ code: 1074, requestId: viaFetch.headers.get('x-request-id') });
  });

  it('a path parameter over 100 characters keeps its 414 and carries 1074', async () => {
    const response = await send(`GET /api/v1/users/${'a'.repeat(101)} HTTP/1.1\r\nHost: x\r\n\r\n`);
    expectEnvelope(response, 414, ErrorCode.MALFORMED_REQUEST, /longer than 100 characters/);
  });

  it('answers in English on Accept-Language: en where a request was read', async () => {
    const response = await send(`GET /api/v1/users/%zz HTTP/1.1\r\nHost: x\r\nAccept-Language: en\r\n\r\n`);
    expect(JSON.parse(response.body).message).toBe(CATALOGUE[ErrorCode.MALFORMED_REQUEST].en);
  });
});

describe('a request arriving while the server shuts down', () => {
  /** A raw connection whose bytes arrive as the test sends them; `response()` waits for the answer. */
  async function connection(port: number): Promise<{ write(text: string): void; response(): Promise<RawResponse> }> {
    const socket = net.connect(port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    let received = Buffer.alloc(0);
    socket.on('data', (chunk) => (received = Buffer.concat([received, chunk])));
    const closed = new Promise((resolve) => socket.once('close', resolve));
    return {
      write: (text) => socket.write(text),
      response: async () => {
        await closed;
        return parseResponse(received)!;
      },
    };
  }

  it('is answered 503 with 1007 in the envelope and Connection: close, while the request in flight completes', async () => {
    const t = await createTestApp({ env: { BCRYPT_COST: '4' } });
    const port = Number(new URL(t.http.baseUrl).port);
    let refused: RawResponse, completed: RawResponse;
    try {
      const body = '{"account":"nobody","password":"x"}';
      // In flight: headers read (it passed the routes' first hook), body still coming.
      const inFlight = await connection(port);
      inFlight.write(
        `POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nX-App-Id: web\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 5)}`,
      );
      // Late: half its headers sent, so it reaches the routes only once shutdown has begun.
      const late = await connection(port);
      late.write('GET /api/v1/health/live HTTP/1.1\r\nHost: x\r\n');
      await delay(50);

      const stopping = t.app.getHttpAdapter().getInstance().close(); // as main.ts does on SIGTERM: Fastify first
      await delay(100);
      late.write('\r\n');
      refused = await late.response();
      inFlight.write(body.slice(5));
      completed = await inFlight.response();
      await stopping;
    } finally {
      await t.close();
    }

    expectEnvelope(refused, 503, ErrorCode.DATABASE_UNAVAILABLE, /shutting down/);
    expect(refused.headers.connection).toBe('close');
    expect(completed.status).toBe(401);
    expect(JSON.parse(completed.body)).toMatchObject({ code: ErrorCode.LOGIN_FAILED });
  });
});
