import { sha256 } from '../src/core/crypto/tokens';
import { signUpBody, TEST_PASSWORD } from './support/accounts';
import { WEB } from './support/fixtures';
import { useMailedTestApp } from './support/mailed-test-app';
import { linkIn } from './support/smtp-sink';
import { until } from './support/until';

const PASSWORD = TEST_PASSWORD;

describe('accounts: registration, verification links, login, sessions (real SMTP)', () => {
  const { t, sink } = useMailedTestApp({ CAPTCHA_REQUIRED: 'false' });

  const register = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
    t.http.post('/api/v1/accounts/register', body, { headers: { ...WEB, ...headers } });
  const login = (account: string, password = PASSWORD, headers: Record<string, string> = WEB) =>
    t.http.post('/api/v1/auth/login', { account, password }, { headers });
  const bearer = (session: { uuid: string; ukey: string }) => ({ ...WEB, authorization: `Bearer ${session.uuid}.${session.ukey}` });

  /** Registers, takes the mailed link and uses it; returns the account. */
  async function activeAccount(): Promise<{ username: string; email: string; uuid: string }> {
    const body = signUpBody();
    const response = await register(body);
    expect(response.status).toBe(201);
    const token = linkIn(await sink.next(body.email as string)).searchParams.get('token');
    expect((await t.http.post('/api/v1/accounts/verify', { token })).body.code).toBe(0);
    return { username: body.username as string, email: body.email as string, uuid: response.body.data.uuid };
  }

  it('registers, mails a link that the page shows without using, verifies, logs in, uses the session and logs out', async () => {
    const body = signUpBody({ username: 'Alice_Wonder', email: ' Alice.W@Example.COM ' });
    const registered = await register(body, { 'accept-language': 'en' });
    expect(registered.status).toBe(201);
    expect(registered.body).toMatchObject({ code: 0, data: { username: 'Alice_Wonder', email: 'alice.w@example.com', status: 'PENDING' } });
    const uuid = registered.body.data.uuid;

    // Not active yet: the right password says so, with the status.
    const early = await login('alice_wonder');
    expect(early.status).toBe(403);
    expect(early.body).toMatchObject({ code: 1032, data: { status: 'PENDING' } });

    const mail = await sink.next('alice.w@example.com');
    expect(mail.subject).toBe('Please verify your email address');
    expect(mail.html).toContain('/verify?token=');
    const link = linkIn(mail);
    expect(link.origin).toBe(t.config.PUBLIC_URL);
    const token = link.searchParams.get('token') as string;
    expect(Buffer.from(token, 'base64url').length).toBeGreaterThanOrEqual(16);
    // Only the hash is stored.
    const row = await t.prisma.emailVerification.findFirstOrThrow({ where: { userId: uuid } });
    expect(Buffer.from(row.tokenHash).equals(sha256(token))).toBe(true);
    expect(JSON.stringify(row)).not.toContain(token);

    // A mail scanner prefetching the page twice burns nothing.
    for (let i = 0; i < 2; i += 1) {
      const page = await t.http.get(`${link.pathname}${link.search}`, { headers: { 'accept-language': 'en' } });
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toContain('text/html');
      expect(page.text).toContain('Verify your email');
    }
    const zhPage = await t.http.get(`${link.pathname}${link.search}`);
    expect(zhPage.text).toContain('验证邮箱');
    expect((await t.prisma.user.findUniqueOrThrow({ where: { id: uuid } })).status).toBe('PENDING');

    const verified = await t.http.post('/api/v1/accounts/verify', { token });
    expect(verified.body).toMatchObject({ code: 0, data: { status: 'ACTIVE' } });
    expect((await t.prisma.user.findUniqueOrThrow({ where: { id: uuid } })).emailVerifiedAt).not.toBeNull();

    const loggedIn = await login('ALICE.W@example.com');
    expect(loggedIn.status).toBe(200);
    const session = loggedIn.body.data;
    expect(session).toMatchObject({ uuid, ukey: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });
    expect(new Date(session.expiresAt).getTime()).toBeGreaterThan(Date.now() + 29 * 86400_000);
    const stored = await t.prisma.session.findFirstOrThrow({ where: { userId: uuid } });
    expect(Buffer.from(stored.keyHash).equals(sha256(session.ukey))).toBe(true);
    expect(stored.ip).toBeTruthy();

    const me = await t.http.get('/api/v1/users/me', { headers: bearer(session) });
    expect(me.body).toMatchObject({
      code: 0,
      data: { uuid, username: 'Alice_Wonder', email: 'alice.w@example.com', group: 'member', status: 'ACTIVE', locale: 'en' },
    });
    // The X-Uuid / X-Ukey form works too.
    const viaHeaders = await t.http.get('/api/v1/users/me', { headers: { ...WEB, 'x-uuid': uuid, 'x-ukey': session.ukey } });
    expect(viaHeaders.body.code).toBe(0);

    expect((await t.http.post('/api/v1/auth/logout', undefined, { headers: bearer(session) })).body.code).toBe(0);
    const after = await t.http.get('/api/v1/users/me', { headers: bearer(session) });
    expect(after.status).toBe(401);
    expect(after.body.code).toBe(1031);

    // The login and the logout are in the audit log, naming the session (never its key).
    const web = await t.prisma.app.findUniqueOrThrow({ where: { appId: 'web' } });
    const audited = await t.prisma.auditEntry.findMany({ where: { actorId: uuid }, orderBy: { id: 'asc' } });
    expect(audited.map((e) => e.action)).toEqual(['auth.login', 'auth.logout']);
    for (const entry of audited) expect(entry).toMatchObject({ targetType: 'session', targetId: stored.id, ip: stored.ip });
    expect(audited[0].details).toEqual({ appId: web.id });
    expect(JSON.stringify(audited, (_, v) => (typeof v === 'bigint' ? String(v) : v))).not.toContain(session.ukey);
  });

  describe('verification links', () => {
    it('refuses a used link (1025), and the page then says so', async () => {
      const body = signUpBody();
      await register(body);
      const link = linkIn(await sink.next(body.email as string));
      const token = link.searchParams.get('token');
      expect((await t.http.post('/api/v1/accounts/verify', { token })).body.code).toBe(0);
      const again = await t.http.post('/api/v1/accounts/verify', { token });
      expect(again.status).toBe(400);
      expect(again.body.code).toBe(1025);
      const page = await t.http.get(`${link.pathname}${link.search}`, { headers: { 'accept-language': 'en' } });
      expect(page.text).toContain('already used');
      expect(page.text).toMatch(/<form id="confirm"[^>]* hidden>/);
    });

    it('refuses a tampered token (1025)', async () => {
      const body = signUpBody();
      await register(body);
      const token = linkIn(await sink.next(body.email as string)).searchParams.get('token') as string;
      const flipped = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
      expect((await t.http.post('/api/v1/accounts/verify', { token: flipped })).body.code).toBe(1025);
      expect((await t.http.post('/api/v1/accounts/verify', { token: 'x' })).body.code).toBe(1025);
      expect((await t.http.post('/api/v1/accounts/verify', {})).body.code).toBe(1011);
    });

    it('refuses a link older than its lifetime (1026), on the page and on use', async () => {
      const body = signUpBody();
      const { body: registered } = await register(body);
      const link = linkIn(await sink.next(body.email as string));
      await t.prisma.emailVerification.updateMany({
        where: { userId: registered.data.uuid },
        data: { expiresAt: new Date(Date.now() - 1000) },
      });
      const page = await t.http.get(`${link.pathname}${link.search}`, { headers: { 'accept-language': 'en' } });
      expect(page.text).toContain('has expired');
      const used = await t.http.post('/api/v1/accounts/verify', { token: link.searchParams.get('token') });
      expect(used.status).toBe(410);
      expect(used.body.code).toBe(1026);
      expect((await t.prisma.user.findUniqueOrThrow({ where: { id: registered.data.uuid } })).status).toBe('PENDING');
    });

    it('never re-activates a locked account', async () => {
      const body = signUpBody();
      const { body: registered } = await register(body);
      const token = linkIn(await sink.next(body.email as string)).searchParams.get('token');
      await t.prisma.user.update({ where: { id: registered.data.uuid }, data: { status: 'LOCKED' } });
      expect((await t.http.post('/api/v1/accounts/verify', { token })).body).toMatchObject({ code: 0, data: { status: 'LOCKED' } });
      expect((await t.http.post('/api/v1/accounts/verify', { token })).body.code).toBe(1025);
      expect((await t.prisma.user.findUniqueOrThrow({ where: { id: registered.data.uuid } })).status).toBe('LOCKED');
    });

    it('lets exactly one of 20 parallel uses of a link succeed', async () => {
      const body = signUpBody();
      await register(body);
      const token = linkIn(await sink.next(body.email as string)).searchParams.get('token') as string;
      const results = await Promise.all(Array.from({ length: 20 }, () => t.http.post('/api/v1/accounts/verify', { token })));
      const codes = results.map((r) => r.body.code);
      expect(codes.filter((c) => c === 0)).toHaveLength(1);
      expect(codes.filter((c) => c === 1025)).toHaveLength(19);
      // The one link, used once; the account active and verified.
      const link = await t.prisma.emailVerification.findUniqueOrThrow({ where: { tokenHash: sha256(token) }, include: { user: true } });
      expect(link.usedAt).not.toBeNull();
      expect(link.user).toMatchObject({ email: body.email, status: 'ACTIVE', emailVerifiedAt: expect.any(Date) });
      expect(await t.prisma.emailVerification.count({ where: { userId: link.userId } })).toBe(1);
    });

    it('resends a fresh link to a pending account, and answers alike for unknown addresses', async () => {
      const body = signUpBody();
      await register(body);
      await sink.next(body.email as string);
      const known = await t.http.post('/api/v1/accounts/verification/resend', { email: body.email }, { headers: WEB });
      const unknown = await t.http.post('/api/v1/accounts/verification/resend', { email: 'nobody@example.com' }, { headers: WEB });
      expect(known.status).toBe(unknown.status);
      expect({ ...known.body, requestId: undefined }).toEqual({ ...unknown.body, requestId: undefined });
      const token = linkIn(await sink.next(body.email as string)).searchParams.get('token');
      expect((await t.http.post('/api/v1/accounts/verify', { token })).body.code).toBe(0);
    });
  });

  describe('registration rules, at their edges', () => {
    const longEmail = `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(58)}.com`;
    const cases: [string, Record<string, unknown>, number][] = [
      ['username of 3 characters', { username: 'abc' }, 1021],
      ['username of 21 characters', { username: 'a'.repeat(21) }, 1021],
      ['username starting with a digit', { username: '1abcd' }, 1021],
      ['username with a dash', { username: 'ab-cd' }, 1021],
      ['email without a domain', { email: 'alice@' }, 1022],
      [`email of ${longEmail.length} characters`, { email: longEmail }, 1022],
      ['password of 7 bytes', { password: 'Abc!234', passwordConfirm: 'Abc!234' }, 1028],
      ['password of 73 bytes', { password: 'é'.repeat(36) + 'x', passwordConfirm: 'é'.repeat(36) + 'x' }, 1028],
      ['a common password', { password: 'password123', passwordConfirm: 'password123' }, 1028],
      ['passwords that differ', { passwordConfirm: `${PASSWORD}!` }, 1027],
      ['nickname of 21 emoji', { nickname: '🙂'.repeat(21) }, 1029],
      ['nickname of spaces only', { nickname: '   ' }, 1029],
      ['nickname with a line break (it would start a line of the plain-text mail)', { nickname: 'Bob\r\nBcc: x@example.com' }, 1029],
      ['nickname with a NUL (1074, as a NUL anywhere in a request)', { nickname: 'Bob\u0000' }, 1074],
      ['nickname with a C1 control', { nickname: 'Bob\u0085' }, 1029],
      ['nickname with a line separator', { nickname: 'Bob\u2028x' }, 1029],
      ['nickname with a right-to-left override', { nickname: 'Bob\u202Egpj.exe' }, 1029],
      ['missing username', { username: undefined }, 1011],
      ['missing password', { password: undefined }, 1011],
      ['missing nickname', { nickname: undefined }, 1011],
    ];
    it.each(cases)('refuses %s', async (_, overrides, code) => {
      const response = await register(signUpBody(overrides));
      expect(response.body.code).toBe(code);
      expect(response.status).toBe(400);
    });

    const accepted: [string, Record<string, unknown>][] = [
      ['username of 4 characters', { username: `a${Math.random().toString(36).slice(2, 5)}` }],
      ['username of 20 characters', { username: `Z${Date.now().toString(36)}`.padEnd(20, '_') }],
      ['password of 72 bytes', { password: 'é'.repeat(36), passwordConfirm: 'é'.repeat(36) }],
      ['nickname of 20 emoji, trimmed', { nickname: ` ${'🙂'.repeat(20)} ` }],
    ];
    it.each(accepted)('accepts %s', async (_, overrides) => {
      const response = await register(signUpBody(overrides));
      expect(response.body.code).toBe(0);
      if (overrides.nickname) {
        const user = await t.prisma.user.findUniqueOrThrow({ where: { id: response.body.data.uuid } });
        expect(user.nickname).toBe('🙂'.repeat(20));
      }
    });

    it('takes a username once, case-insensitively (409, 1020): usernames are public', async () => {
      const body = signUpBody();
      expect((await register(body)).status).toBe(201);
      const sameName = await register(signUpBody({ username: (body.username as string).toUpperCase() }));
      expect(sameName.status).toBe(409);
      expect(sameName.body.code).toBe(1020);
      // A taken username is 1020 whatever the email, a taken one too.
      expect((await register(signUpBody({ username: body.username, email: body.email }))).body.code).toBe(1020);
    });

    it('answers a taken email as a sign-up, makes no second account and mails its owner a notice in their language', async () => {
      const owner = signUpBody();
      const first = await register(owner, { 'accept-language': 'en' });
      expect(first.status).toBe(201);
      await sink.next(owner.email as string);

      const fresh = await register(signUpBody());
      const again = signUpBody({ email: (owner.email as string).toUpperCase(), nickname: '另一个人' });
      const taken = await register(again, { 'accept-language': 'zh' });
      // The same status and the same shape of answer as a real sign-up.
      expect(taken.status).toBe(fresh.status);
      expect(taken.body).toEqual({
        code: 0,
        message: fresh.body.message,
        data: { uuid: expect.stringMatching(/^[0-9a-f-]{36}$/), username: again.username, email: owner.email, status: 'PENDING' },
      });
      expect(Object.keys(taken.body.data).sort()).toEqual(Object.keys(fresh.body.data).sort());

      // The owner hears of it, in the language of the account (not of the request), with no link to use.
      const notice = await sink.next(owner.email as string);
      expect(notice.subject).toBe('Someone tried to sign up with your email address');
      expect(notice.text).toContain(owner.username as string);
      expect(notice.text).toContain(owner.nickname as string);
      expect(notice.text).not.toMatch(/verify\?token=/);
      await sink.next(fresh.body.data.email);

      // One account holds the address; the answered uuid is no one's; the second username stays free.
      expect(await t.prisma.user.count({ where: { email: owner.email as string } })).toBe(1);
      expect(await t.prisma.user.count({ where: { id: taken.body.data.uuid } })).toBe(0);
      expect(await t.prisma.user.count({ where: { username: again.username as string } })).toBe(0);
      expect(await t.prisma.user.count({ where: { nickname: '另一个人' } })).toBe(0);
    });

    it('makes one account of 10 parallel sign-ups with one email, answering each as a sign-up', async () => {
      const email = signUpBody().email as string;
      const results = await Promise.all(Array.from({ length: 10 }, () => register(signUpBody({ email }))));
      expect(results.map((r) => r.status)).toEqual(Array(10).fill(201));
      expect(await t.prisma.user.count({ where: { email } })).toBe(1);
      const mails = await Promise.all(Array.from({ length: 10 }, () => sink.next(email)));
      expect(mails.filter((m) => /verify\?token=/.test(m.text ?? ''))).toHaveLength(1);
      expect(mails.filter((m) => m.subject === '有人尝试用你的邮箱注册')).toHaveLength(9);
    });

    it('lets exactly one of 20 parallel registrations of one username through', async () => {
      const username = `race${Date.now().toString(36)}`;
      const results = await Promise.all(Array.from({ length: 20 }, () => register(signUpBody({ username }))));
      expect(results.filter((r) => r.status === 201)).toHaveLength(1);
      expect(results.filter((r) => r.body.code === 1020)).toHaveLength(19);
      expect(await t.prisma.user.count({ where: { username } })).toBe(1);
    });

    it('needs an app: no X-App-Id is 1011, an unknown one 1013', async () => {
      expect((await t.http.post('/api/v1/accounts/register', signUpBody())).body.code).toBe(1011);
      expect((await register(signUpBody(), { 'x-app-id': 'nope' })).body.code).toBe(1013);
    });
  });

  describe('mail server down', () => {
    it('answers 201 at once and mails the link once the server is back, without a resend or a restart', async () => {
      const body = signUpBody();
      await sink.stop();
      try {
        const response = await register(body);
        expect(response.status).toBe(201);
        expect(response.body.data.status).toBe('PENDING');
        // The mail waits in the outbox, its first attempt failed.
        await until(
          async () =>
            (await t.prisma.mailOutbox.findFirst({ where: { recipient: body.email as string, lastError: { not: null } } })) !== null,
        );
      } finally {
        await sink.start();
      }
      const token = linkIn(await sink.next(body.email as string)).searchParams.get('token');
      expect((await t.http.post('/api/v1/accounts/verify', { token })).body.code).toBe(0);
      expect((await login(body.username as string)).body.code).toBe(0);
    });

    it('answers a taken email as it answers a sign-up while the mail server is down', async () => {
      const owner = signUpBody();
      await register(owner);
      await sink.next(owner.email as string);
      await sink.stop();
      try {
        const fresh = await register(signUpBody());
        const taken = await register(signUpBody({ email: owner.email }));
        expect({ status: taken.status, code: taken.body.code }).toEqual({ status: fresh.status, code: fresh.body.code });
      } finally {
        await sink.start();
      }
      expect(await t.prisma.user.count({ where: { email: owner.email as string } })).toBe(1);
    });
  });

  describe('login and sessions', () => {
    it('answers an unknown account and a wrong password with the same body (1031)', async () => {
      const account = await activeAccount();
      const unknown = await login('nobody_at_all');
      const wrong = await login(account.username, 'wrong-password-1');
      expect(unknown.status).toBe(401);
      expect(wrong.status).toBe(401);
      expect({ ...unknown.body, requestId: undefined }).toEqual({ ...wrong.body, requestId: undefined });
      expect(wrong.body.code).toBe(1031);
    });

    it('refuses a session under another app (1031) and without credentials (1030)', async () => {
      const account = await activeAccount();
      const session = (await login(account.username)).body.data;
      await t.prisma.app.create({ data: { appId: 'other', name: 'Other', scopes: ['*'] } });
      const elsewhere = await t.http.get('/api/v1/users/me', {
        headers: { 'x-app-id': 'other', authorization: `Bearer ${session.uuid}.${session.ukey}` },
      });
      expect(elsewhere.body.code).toBe(1031);
      const anonymous = await t.http.get('/api/v1/users/me', { headers: WEB });
      expect(anonymous.status).toBe(401);
      expect(anonymous.body.code).toBe(1030);
      const wrongUuid = await t.http.get('/api/v1/users/me', {
        headers: { ...WEB, authorization: `Bearer ${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}.${session.ukey}` },
      });
      expect(wrongUuid.body.code).toBe(1031);
    });

    it('ends a session at its maximum age and after the idle timeout (1035)', async () => {
      const account = await activeAccount();
      const old = (await login(account.username)).body.data;
      const idle = (await login(account.username)).body.data;
      await t.prisma.session.updateMany({ where: { keyHash: sha256(old.ukey) }, data: { expiresAt: new Date(Date.now() - 1) } });
      await t.prisma.session.updateMany({
        where: { keyHash: sha256(idle.ukey) },
        data: { lastSeenAt: new Date(Date.now() - 8 * 86400_000) },
      });
      const expired = await t.http.get('/api/v1/users/me', { headers: bearer(old) });
      expect(expired.status).toBe(401);
      expect(expired.body.code).toBe(1035);
      expect((await t.http.get('/api/v1/users/me', { headers: bearer(idle) })).body.code).toBe(1035);
    });

    it('refuses the session of a user who is no longer active (1036)', async () => {
      const account = await activeAccount();
      const session = (await login(account.username)).body.data;
      expect((await t.http.get('/api/v1/users/me', { headers: bearer(session) })).body.code).toBe(0);
      await t.prisma.user.update({ where: { id: account.uuid }, data: { status: 'BANNED' } });
      await t.app.get((await import('../src/auth/sessions.service')).SessionsService).forgetUser(account.uuid);
      const refused = await t.http.get('/api/v1/users/me', { headers: bearer(session) });
      expect(refused.status).toBe(403);
      expect(refused.body).toMatchObject({ code: 1036, data: { status: 'BANNED' } });
    });

    it('lists the caller’s sessions and revokes one at once', async () => {
      const account = await activeAccount();
      const first = (await login(account.username)).body.data;
      const second = (await login(account.username)).body.data;
      expect((await t.http.get('/api/v1/users/me', { headers: bearer(second) })).body.code).toBe(0);
      const listed = await t.http.get('/api/v1/auth/sessions', { headers: bearer(first) });
      expect(listed.body.data).toHaveLength(2);
      expect(listed.body.data.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
      const other = listed.body.data.find((s: { current: boolean }) => !s.current);
      expect(other.app).toBe('web');
      expect((await t.http.delete(`/api/v1/auth/sessions/${other.id}`, { headers: bearer(first) })).body.code).toBe(0);
      expect((await t.http.get('/api/v1/users/me', { headers: bearer(second) })).body.code).toBe(1031);
      expect((await t.http.delete(`/api/v1/auth/sessions/${other.id}`, { headers: bearer(first) })).body.code).toBe(1031);
      expect((await t.http.delete('/api/v1/auth/sessions/not-a-uuid', { headers: bearer(first) })).body.code).toBe(1031);

      // Each login and the one deletion that ended a session are audited; the refused ones are not.
      const audited = await t.prisma.auditEntry.findMany({ where: { actorId: account.uuid }, orderBy: { id: 'asc' } });
      expect(audited.map((e) => e.action)).toEqual(['auth.login', 'auth.login', 'session.delete']);
      expect(audited[2]).toMatchObject({ targetType: 'session', targetId: other.id });
      expect(audited[1].targetId).toBe(other.id);
    });
  });

  describe('profile', () => {
    it('edits the nickname, changes the password (ending the other sessions) and shows public fields', async () => {
      const account = await activeAccount();
      const mine = (await login(account.username)).body.data;
      const other = (await login(account.username)).body.data;
      expect((await t.http.get('/api/v1/users/me', { headers: bearer(other) })).body.code).toBe(0);

      const edited = await t.http.patch('/api/v1/users/me', { nickname: ' 🌸 Alice ' }, { headers: bearer(mine) });
      expect(edited.body.data.nickname).toBe('🌸 Alice');
      expect((await t.http.patch('/api/v1/users/me', { nickname: '' }, { headers: bearer(mine) })).body.code).toBe(1029);
      expect((await t.http.patch('/api/v1/users/me', { nickname: 'Alice\nBcc: x@example.com' }, { headers: bearer(mine) })).body.code).toBe(
        1029,
      );
      expect((await t.prisma.user.findUniqueOrThrow({ where: { id: account.uuid } })).nickname).toBe('🌸 Alice');

      const wrongCurrent = await t.http.post(
        '/api/v1/users/me/password',
        { currentPassword: 'nope-nope', password: 'N3w-secret-pass', passwordConfirm: 'N3w-secret-pass' },
        { headers: bearer(mine) },
      );
      expect(wrongCurrent.body.code).toBe(1028);
      const changed = await t.http.post(
        '/api/v1/users/me/password',
        { currentPassword: PASSWORD, password: 'N3w-secret-pass', passwordConfirm: 'N3w-secret-pass' },
        { headers: bearer(mine) },
      );
      expect(changed.body.code).toBe(0);
      expect((await t.http.get('/api/v1/users/me', { headers: bearer(mine) })).body.code).toBe(0);
      expect((await t.http.get('/api/v1/users/me', { headers: bearer(other) })).body.code).toBe(1031);
      expect((await login(account.username)).body.code).toBe(1031);
      expect((await login(account.username, 'N3w-secret-pass')).body.code).toBe(0);

      const shown = await t.http.get(`/api/v1/users/${account.uuid}`, { headers: WEB });
      expect(shown.body.data).toEqual({
        uuid: account.uuid,
        username: account.username,
        nickname: '🌸 Alice',
        group: 'member',
        createdAt: expect.any(String),
      });
      const unknown = await t.http.get('/api/v1/users/00000000-0000-4000-8000-000000000000', { headers: WEB });
      expect(unknown.status).toBe(404);
      expect(unknown.body.code).toBe(1053);
      expect((await t.http.get('/api/v1/users/not-a-uuid', { headers: WEB })).body.code).toBe(1053);
    });
  });
});
