import { randomBytes } from 'node:crypto';

import { WEB } from './support/fixtures';
import { createTestApp, TestApp } from './support/test-app';

const DAY = 86_400;
const LOGIN_LIMIT_PER_IP = 3;
const RATE_LIMIT_PER_IP = 8;

/** The client as a proxy in front would forward it: whatever the client claimed, then the address the proxy saw. */
const forwardedFor = (realClient: string): string => `${randomBytes(2).join('.')}.1, ${realClient}`;

/** Waits out the last seconds of a day's window, so that a run's counts stay inside one window. */
async function awayFromWindowEnd(): Promise<void> {
  const left = DAY - ((Date.now() / 1000) % DAY);
  if (left < 30) await new Promise((resolve) => setTimeout(resolve, (left + 1) * 1000));
}

/**
 * The suites reach the server straight from 127.0.0.1 and send X-Forwarded-For themselves: as a
 * client would that tries to escape its limits (rotating the address it claims), or as a proxy
 * would that forwards a client (appending the address it saw).
 */
describe.each<{ trust: string; env: Record<string, string>; peerTrusted: boolean }>([
  { trust: 'not set', env: {}, peerTrusted: false },
  { trust: 'a list without this peer', env: { TRUST_PROXY: '10.0.0.0/8, 192.168.0.0/16, fd00::/8' }, peerTrusted: false },
  { trust: "this peer's address", env: { TRUST_PROXY: '127.0.0.1' }, peerTrusted: true },
  { trust: 'one hop', env: { TRUST_PROXY: '1' }, peerTrusted: true },
])('TRUST_PROXY $trust', ({ env, peerTrusted }) => {
  let t: TestApp;
  const client = '198.51.100.7';
  /** The address the server should count: the forwarded one only when the peer is a trusted proxy. */
  const counted = peerTrusted ? client : '127.0.0.1';

  const login = (forwarded: string) =>
    t.http.post(
      '/api/v1/auth/login',
      { account: `nobody-${randomBytes(4).toString('hex')}`, password: 'wrong-password-1' },
      { headers: { ...WEB, 'x-forwarded-for': forwarded } },
    );
  const read = (forwarded: string) => t.http.get('/api/v1/tutorials', { headers: { ...WEB, 'x-forwarded-for': forwarded } });

  beforeAll(async () => {
    await awayFromWindowEnd();
    t = await createTestApp({
      env: {
        BCRYPT_COST: '4',
        LOGIN_LIMIT_PER_IP: String(LOGIN_LIMIT_PER_IP),
        LOGIN_LIMIT_WINDOW_SECONDS: String(DAY),
        RATE_LIMIT_PER_IP: String(RATE_LIMIT_PER_IP),
        RATE_LIMIT_WINDOW_SECONDS: String(DAY),
        ...env,
      },
    });
  });
  afterAll(() => t.close());

  it('holds the login limit and the request limit per IP however the claimed address rotates, and audits the counted one', async () => {
    for (let i = 0; i < LOGIN_LIMIT_PER_IP; i += 1) expect((await login(forwardedFor(client))).body.code).toBe(1031);
    const limited = await login(forwardedFor(client));
    expect({ status: limited.status, code: limited.body.code }).toEqual({ status: 429, code: 1075 });
    const audited = await t.prisma.auditEntry.findMany({ where: { action: 'login.limited' } });
    expect(audited).toEqual([expect.objectContaining({ ip: counted, details: { ip: counted, limit: LOGIN_LIMIT_PER_IP } })]);

    // The logins counted against the per-IP request limit too: what is left of it passes, then 1075.
    const left = RATE_LIMIT_PER_IP - (LOGIN_LIMIT_PER_IP + 1);
    const statuses: number[] = [];
    for (let i = 0; i <= left; i += 1) statuses.push((await read(forwardedFor(client))).status);
    expect(statuses).toEqual([...Array(left).fill(200), 429]);
  });

  it(
    peerTrusted ? 'gives another client behind the proxy a budget of its own' : 'counts every address this peer claims as the peer itself',
    async () => {
      const other = '203.0.113.9';
      expect((await login(forwardedFor(other))).body.code).toBe(peerTrusted ? 1031 : 1075);
      expect((await read(other)).status).toBe(peerTrusted ? 200 : 429);
    },
  );
});
