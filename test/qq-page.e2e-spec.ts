import { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from './support/browser';
import { FakeQqConnect, qqUser } from './support/fake-qq-connect';
import { insertUser } from './support/fixtures';
import { createTestApp, TestApp } from './support/test-app';

const PASSWORD = 'Tr0ub4dor&3-horse';
const APP = { 'x-app-id': 'qq-page' };

describe("QQ's callback page in a real browser (headless Chromium)", () => {
  let t: TestApp;
  let qq: FakeQqConnect;
  let browser: Browser;
  /** The client app's page, served beside the fake QQ (allowed domain 127.0.0.1). */
  let returnTo: string;

  beforeAll(async () => {
    qq = await new FakeQqConnect().start();
    returnTo = `${qq.url}/app/return`;
    t = await createTestApp({ env: qq.env({ BCRYPT_COST: '4', QQ_TIMEOUT_MS: '1000' }) });
    await t.prisma.app.create({ data: { appId: 'qq-page', name: 'QQ page', scopes: ['*'], allowedDomains: [new URL(qq.url).origin] } });
    ({ browser } = await launchChromium());
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await qq?.stop();
  });
  afterEach(() => qq.heal());

  /** QQ's authorize page for a new flow, as a browser app gets it (JSON, then it navigates). */
  async function authorizeUrl(intent: 'bind' | 'login', headers: Record<string, string> = APP): Promise<string> {
    const response = await t.http.get(`/api/v1/qq/authorize?intent=${intent}&returnTo=${encodeURIComponent(returnTo)}`, {
      headers: { ...headers, accept: 'application/json' },
    });
    expect(response.status).toBe(200);
    return response.body.data.url;
  }

  /** Goes to QQ, through the callback page, and waits to land on the app's page; answers what it received. */
  async function throughQq(page: Page, url: string): Promise<Record<string, string>> {
    await page.goto(url);
    await page.waitForURL((at) => at.pathname === '/app/return', { timeout: 15_000 });
    await page.locator('body[data-ready="true"]').waitFor();
    const fields = await page.locator('dd').evaluateAll((nodes) => nodes.map((node) => [node.id.replace('field-', ''), node.textContent ?? '']));
    return Object.fromEntries(fields);
  }

  async function withPage(locale: string, work: (page: Page, context: BrowserContext) => Promise<void>): Promise<void> {
    const context = await browser.newContext({ locale });
    try {
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await work(page, context);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }

  it('logs a bound QQ in: the session reaches the app in the fragment of returnTo, and works', async () => {
    const user = await insertUser(t.prisma, { password: PASSWORD });
    const penguin = qqUser('企鹅');
    const login = await t.http.post('/api/v1/auth/login', { account: user.username, password: PASSWORD }, { headers: APP });
    const session = { ...APP, authorization: `Bearer ${login.body.data.uuid}.${login.body.data.ukey}` };

    await withPage('en-US', async (page) => {
      // Binding first, the same way: the browser goes to QQ with the logged-in user's flow.
      qq.consenting = penguin;
      const bound = await throughQq(page, await authorizeUrl('bind', session));
      expect(bound).toEqual({ qq: 'bound', raid: expect.any(String), nickname: '企鹅' });
      expect((await t.prisma.qqBinding.findUniqueOrThrow({ where: { id: bound.raid } })).userId).toBe(user.id);

      const received = await throughQq(page, await authorizeUrl('login'));
      expect(received).toEqual({ qq: 'session', uuid: user.id, ukey: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), expiresAt: expect.any(String) });
      // Nothing of the session went into the query: only the fragment carries it.
      expect(new URL(page.url()).search).toBe('');
      const me = await t.http.get('/api/v1/users/me', { headers: { ...APP, authorization: `Bearer ${received.uuid}.${received.ukey}` } });
      expect(me.body.data.uuid).toBe(user.id);

      // Going back does not run the callback again: the callback page replaced itself.
      await page.goBack({ waitUntil: 'load' }).catch(() => undefined);
      expect(new URL(page.url()).pathname).not.toBe('/qq-callback');
    });
  });

  it('hands an unbound QQ a ticket that logs in with a password (in Chinese)', async () => {
    const user = await insertUser(t.prisma, { password: PASSWORD });
    qq.consenting = qqUser('新来的');
    await withPage('zh-CN', async (page) => {
      const received = await throughQq(page, await authorizeUrl('login'));
      expect(received).toEqual({ qq: 'ticket', ticket: expect.any(String), expiresAt: expect.any(String), nickname: '新来的' });
      const login = await t.http.post('/api/v1/auth/login/qq', { ticket: received.ticket, account: user.username, password: PASSWORD }, { headers: APP });
      expect(login.body.data).toMatchObject({ uuid: user.id, binding: { nickname: '新来的' } });
    });
  });

  it('hands failures after the state was used back to the app: a cancelled authorization (1011) and QQ failing (996)', async () => {
    await withPage('en-US', async (page) => {
      qq.consenting = 'deny';
      expect(await throughQq(page, await authorizeUrl('login'))).toEqual({ qq: 'error', code: '1011', message: 'A required parameter is missing' });

      qq.consenting = qqUser();
      qq.fail('me', 'malformed');
      expect(await throughQq(page, await authorizeUrl('login'))).toEqual({ qq: 'error', code: '996', message: 'Outbound HTTP unusable' });
    });
  });

  it('shows the failure itself, in the reader\'s language, when the state is unknown: it goes nowhere', async () => {
    for (const [locale, title, message] of [
      ['en-US', 'QQ sign-in', 'Link invalid or already used'],
      ['zh-CN', 'QQ 登录', '链接已失效'],
    ]) {
      await withPage(locale, async (page) => {
        const opened = await page.goto(`${t.config.PUBLIC_URL}/qq-callback?code=ABC&state=forged-state`);
        expect(opened?.status()).toBe(200);
        await page.locator('#outcome[data-ok="false"]').waitFor({ timeout: 10_000 });
        expect(await page.locator('h1').textContent()).toBe(title);
        expect(await page.locator('#outcome').textContent()).toBe(message);
        expect(await page.title()).toBe(title);
        // The code and state left the address bar; the page stayed on the platform.
        expect(page.url()).toBe(`${t.config.PUBLIC_URL}/qq-callback`);
      });
    }
  });
});
