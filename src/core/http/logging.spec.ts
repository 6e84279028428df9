import { Writable } from 'node:stream';

import { createLogger, loggedUrl, NestPinoLogger } from './logging';

/** A logger writing into an array of parsed lines. */
function capture(level: 'info' | 'warn' = 'info'): { lines: Record<string, unknown>[]; nest: NestPinoLogger } {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()));
      done();
    },
  });
  return { lines, nest: new NestPinoLogger(createLogger({ LOG_LEVEL: level }, sink)) };
}

describe('NestPinoLogger', () => {
  it("writes Nest's (message, context) as a line with the context", () => {
    const { lines, nest } = capture();
    nest.log('Nest application successfully started', 'NestApplication');
    expect(lines).toEqual([
      expect.objectContaining({ level: 30, context: 'NestApplication', msg: 'Nest application successfully started' }),
    ]);
  });

  it('merges an object message and takes the next parameter as the text (as the error filter logs)', () => {
    const { lines, nest } = capture();
    nest.error({ err: new Error('boom'), requestId: 'req-1', code: 1076 }, 'GET /x failed', 'Errors');
    expect(lines[0]).toMatchObject({
      level: 50,
      context: 'Errors',
      requestId: 'req-1',
      code: 1076,
      msg: 'GET /x failed',
      err: { message: 'boom' },
    });
  });

  it("keeps an error's stack given before the context, and logs Error objects with their message", () => {
    const { lines, nest } = capture();
    nest.error('could not connect', 'Error: x\n    at y', 'Redis');
    nest.warn(new Error('sweep failed'), 'RateLimiter');
    expect(lines[0]).toMatchObject({ context: 'Redis', msg: 'could not connect', stack: 'Error: x\n    at y' });
    expect(lines[1]).toMatchObject({ level: 40, context: 'RateLimiter', msg: 'sweep failed', err: { message: 'sweep failed' } });
  });

  it('writes nothing below the level, and redacts secrets in merged objects', () => {
    const { lines, nest } = capture('warn');
    nest.log('chatty', 'X');
    nest.debug('chattier', 'X');
    nest.warn({ body: { password: 'hunter2', ukey: 'k' } }, 'odd body', 'X');
    expect(lines).toHaveLength(1);
    expect(JSON.stringify(lines[0])).not.toMatch(/hunter2|"k"/);
  });
});

it('logs URLs without their query string or a download credential', () => {
  expect(loggedUrl('/verify?token=secret')).toBe('/verify');
  expect(loggedUrl('/api/v1/download/c2VjcmV0LWNyZWRlbnRpYWw')).toBe('/api/v1/download/[redacted]');
  expect(loggedUrl('/api/v1/files/0b5c9b1e-2f4e-4c1a-9d3e-1a2b3c4d5e6f')).toBe('/api/v1/files/0b5c9b1e-2f4e-4c1a-9d3e-1a2b3c4d5e6f');
});

it("names a legacy gateway request's channel in its request line, and nothing for other requests", () => {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()));
      done();
    },
  });
  const logger = createLogger({ LOG_LEVEL: 'info' }, sink);
  logger.info(
    { req: { id: 'r1', method: 'POST', url: '/api.php?class=user&ukey=secret', ip: '192.0.2.1', channel: 'qqbot' } },
    'request completed',
  );
  logger.info({ req: { id: 'r2', method: 'GET', url: '/api/v1/users/me', ip: '192.0.2.1' } }, 'request completed');
  expect(lines.map((line) => line.req)).toEqual([
    { id: 'r1', method: 'POST', url: '/api.php', remoteAddress: '192.0.2.1', channel: 'qqbot' },
    { id: 'r2', method: 'GET', url: '/api/v1/users/me', remoteAddress: '192.0.2.1' },
  ]);
});
