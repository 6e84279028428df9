import { insertUser, loginAs } from './support/fixtures';
import { HttpClient } from './support/http-client';
import { useMailedTestApp } from './support/mailed-test-app';
import { linkIn } from './support/smtp-sink';

const PASSWORD = 'developer-pass-2026';
const END_PASSWORD = 'end-user-pass-2026';
const OPEN = '/api/v1/open/users';

describe('open API: mailed verification of end users, when their library asks for it (real SMTP); login attempts', () => {
  const { t, sink } = useMailedTestApp({ LOGIN_LIMIT_PER_IP: '0', LOGIN_LIMIT_PER_ACCOUNT: '3' });
  let open: HttpClient;
  let developer: Record<string, string>;
  let spanId: string;

  beforeAll(async () => {
    const user = await insertUser(t.prisma, { password: PASSWORD, group: 'developer', balanceCents: 100_000n });
    developer = await loginAs(t.http, user.username, PASSWORD);
    const app = (await t.http.post('/api/v1/developer/apps', { name: 'Star <Quest>' }, { headers: developer })).body.data;
    spanId = (await t.http.post('/api/v1/developer/libraries', { name: 'Players', requireEmailVerification: true }, { headers: developer }))
      .body.data.spanId;
    await t.http.post(`/api/v1/developer/apps/${app.apiId}/library`, { spanId }, { headers: developer });
    open = t.http.signedAs({ id: app.apiId, key: app.apiKey, idHeader: 'X-Api-Id' });
  });

  it("mails a link naming the developer's app; 99998 until the page's button is pressed, which a scanner's visit does not do", async () => {
    const registered = await open.post(
      `${OPEN}/register`,
      { username: 'verified_one', email: 'one@example.com', password: END_PASSWORD },
      { headers: { 'accept-language': 'en' } },
    );
    expect(registered.body).toMatchObject({ code: 0, data: { status: 'PENDING', verificationRequired: true } });
    const early = await open.post(`${OPEN}/login`, { account: 'verified_one', password: END_PASSWORD });
    expect(early.status).toBe(403);
    expect(early.body.code).toBe(99998);

    const mail = await sink.next('one@example.com');
    expect(mail.subject).toBe('Star <Quest>: please verify your email address');
    expect(mail.html).toContain('Star &lt;Quest&gt;');
    const link = linkIn(mail);
    // The page only shows the link; twice, as a mail scanner would fetch it.
    for (let i = 0; i < 2; i += 1) expect((await t.http.get(`${link.pathname}${link.search}`)).status).toBe(200);
    expect((await open.post(`${OPEN}/login`, { account: 'verified_one', password: END_PASSWORD })).body.code).toBe(99998);

    const token = link.searchParams.get('token');
    expect((await t.http.post('/api/v1/accounts/verify', { token })).body).toMatchObject({ code: 0, data: { status: 'ACTIVE' } });
    expect((await t.http.post('/api/v1/accounts/verify', { token })).body.code).toBe(1025);
    expect((await open.post(`${OPEN}/login`, { account: 'verified_one', password: END_PASSWORD })).body.code).toBe(0);
    // The platform has no user of that name: the link proved the end user only.
    expect(await t.prisma.user.count({ where: { email: 'one@example.com' } })).toBe(0);
  });

  it('resends a fresh link to a pending end user of this library only, answering alike for every address', async () => {
    const email = 'resent@example.com';
    expect((await open.post(`${OPEN}/register`, { username: 'resent_one', email, password: END_PASSWORD })).body.code).toBe(0);
    const first = linkIn(await sink.next(email));
    const resend = (address: string) =>
      open.post(`${OPEN}/verification/resend`, { email: address }, { headers: { 'accept-language': 'en' } });

    const known = await resend('Resent@Example.com');
    const unknown = await resend('nobody@example.com');
    expect(known.status).toBe(200);
    expect({ ...known.body, requestId: undefined }).toEqual({ ...unknown.body, requestId: undefined });
    const mail = await sink.next(email);
    expect(mail.subject).toBe('Star <Quest>: please verify your email address');
    const fresh = linkIn(mail).searchParams.get('token');
    expect(fresh).not.toBe(first.searchParams.get('token'));
    expect((await t.http.post('/api/v1/accounts/verify', { token: fresh })).body).toMatchObject({ code: 0, data: { status: 'ACTIVE' } });
    expect((await open.post(`${OPEN}/login`, { account: email, password: END_PASSWORD })).body.code).toBe(0);

    // Proven now: a resend mails nothing. Nor does another library's app, for an address pending here.
    const queued = (address: string) => t.prisma.mailOutbox.count({ where: { recipient: address } });
    const queuedForEmail = await queued(email);
    expect((await resend(email)).body.code).toBe(0);
    const other = (await t.http.post('/api/v1/developer/apps', { name: 'Other' }, { headers: developer })).body.data;
    const otherSpan = (
      await t.http.post('/api/v1/developer/libraries', { name: 'Others', requireEmailVerification: true }, { headers: developer })
    ).body.data.spanId;
    await t.http.post(`/api/v1/developer/apps/${other.apiId}/library`, { spanId: otherSpan }, { headers: developer });
    const otherOpen = t.http.signedAs({ id: other.apiId, key: other.apiKey, idHeader: 'X-Api-Id' });
    const pendingHere = 'pending-here@example.com';
    expect((await open.post(`${OPEN}/register`, { username: 'pending_here', email: pendingHere, password: END_PASSWORD })).body.code).toBe(
      0,
    );
    await sink.next(pendingHere);
    const queuedForPendingHere = await queued(pendingHere);
    expect((await otherOpen.post(`${OPEN}/verification/resend`, { email: pendingHere })).body.code).toBe(0);
    // A resend that does mail, asked last: once its mail is queued, the ones asked before it are done.
    const marker = 'marker@example.com';
    expect((await open.post(`${OPEN}/register`, { username: 'marker_one', email: marker, password: END_PASSWORD })).body.code).toBe(0);
    await sink.next(marker);
    expect((await resend(marker)).body.code).toBe(0);
    await sink.next(marker);
    expect([await queued(email), await queued(pendingHere)]).toEqual([queuedForEmail, queuedForPendingHere]);
    expect(sink.count(email) + sink.count(pendingHere)).toBe(0);
  });

  it('asks for an address to verify (1011)', async () => {
    const refused = await open.post(`${OPEN}/register`, { username: 'no_address', password: END_PASSWORD });
    expect(refused.body.code).toBe(1011);
    expect(await t.prisma.endUser.count({ where: { username: 'no_address' } })).toBe(0);
  });

  it('registers without a mail once the developer turns verification off', async () => {
    expect(
      (await t.http.patch(`/api/v1/developer/libraries/${spanId}`, { requireEmailVerification: false }, { headers: developer })).body.code,
    ).toBe(0);
    const registered = await open.post(`${OPEN}/register`, { username: 'direct_one', email: 'two@example.com', password: END_PASSWORD });
    expect(registered.body.data).toMatchObject({ status: 'ACTIVE', verificationRequired: false });
    expect((await open.post(`${OPEN}/login`, { account: 'two@example.com', password: END_PASSWORD })).body.code).toBe(0);
    expect(sink.count('two@example.com')).toBe(0);
  });

  it('limits login attempts per account like platform logins (1075), known names and unknown alike', async () => {
    expect((await open.post(`${OPEN}/register`, { username: 'guessed_one', password: END_PASSWORD })).body.code).toBe(0);
    for (const account of ['guessed_one', 'never_registered']) {
      for (let i = 0; i < 3; i += 1) {
        expect((await open.post(`${OPEN}/login`, { account, password: 'a-wrong-guess' })).body.code).toBe(99999);
      }
      const limited = await open.post(`${OPEN}/login`, { account, password: END_PASSWORD });
      expect(limited.status).toBe(429);
      expect(limited.body.code).toBe(1075);
      expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    }
  });
});
