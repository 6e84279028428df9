import { Writable } from 'node:stream';

import { insertUser, WEB } from './support/fixtures';
import { createTestApp, TestApp } from './support/test-app';
import { until } from './support/until';

type Line = Record<string, unknown>;

/** A log destination keeping every line, parsed. */
function capture(): { lines: Line[]; sink: Writable } {
  const lines: Line[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const text of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(text) as Line);
      done();
    },
  });
  return { lines, sink };
}

describe.each([
  ['on', 'true'],
  ['off', 'false'],
])('the request context of log lines (LOG_REQUEST_CONTEXT %s)', (state, setting) => {
  let t: TestApp;
  const { lines, sink } = capture();

  beforeAll(async () => {
    t = await createTestApp({
      // One mail an hour per address: the second reset mail is skipped, and the mail outbox says so in the log.
      env: { LOG_LEVEL: 'info', LOG_REQUEST_CONTEXT: setting, MAIL_LIMIT_PER_ADDRESS: '1', BCRYPT_COST: '4' },
      logDestination: sink,
    });
  });
  afterAll(() => t.close());

  it(`${state === 'on' ? 'puts' : 'leaves out'} the request's id in a line a service writes in work the request started (a transaction run after the answer)`, async () => {
    const user = await insertUser(t.prisma);
    const forgot = () => t.http.post('/api/v1/accounts/password/forgot', { email: user.email }, { headers: WEB });
    expect((await forgot()).status).toBe(200);
    const requestId = `log-context-${state}`;
    const second = await t.http.post(
      '/api/v1/accounts/password/forgot',
      { email: user.email },
      { headers: { ...WEB, 'x-request-id': requestId } },
    );
    expect(second.status).toBe(200);
    expect(second.headers.get('x-request-id')).toBe(requestId);

    // The mail is queued in the background the request started (the answer does not wait for it).
    const isSkip = (line: Line) => String(line.msg).includes('skipped: hourly limit of the address reached');
    await until(() => lines.some(isSkip));
    const skipped = lines.find(isSkip);
    expect(skipped).toMatchObject({ context: 'MailOutboxRepository' });
    if (state === 'on') expect(skipped?.requestId).toBe(requestId);
    else expect(skipped).not.toHaveProperty('requestId');
    // Fastify's own line of the request names it either way.
    expect(lines.find((line) => line.msg === 'request completed' && line.reqId === requestId)).toBeDefined();
  });

  it('puts no request id on lines written outside any request', () => {
    const boot = lines.find((line) => String(line.msg).includes('Nest application successfully started'));
    expect(boot).toBeDefined();
    expect(boot).not.toHaveProperty('requestId');
  });
});
