import { Browser, BrowserContext, Page } from 'playwright-core';

import { sha256 } from '../src/core/crypto/tokens';
import { launchChromium } from './support/browser';
import { FakeQqConnect, qqUser } from './support/fake-qq-connect';
import { insertUser } from './support/fixtures';
import { createTestApp, TestApp } from './support/test-app';

const PASSWORD = 'Tr0ub4dor&3-horse';
const APP = { 'x-app-id': 'qq-page' };

/** What the app's page (see fake-qq-connect) offers a script run in it. */
interface AppPage {
  startQq(intent: string, session: string | undefined, password: string): Promise<void>;
  sessionStorage: { setItem(name: string, value: string): void };
}

describe("QQ's callback page in a real browser (headless Chromium)", () => {
  let t: TestApp;
  let qq: FakeQqConnect;
  let browser: Browser;
  /** The client app's page (its returnTo), served beside the fake QQ: an allowed origin, and one CORS lets call the API. */
  let appPage: string;

  beforeAll(async () => {
    qq = await new FakeQqConnect().start();
    t = await createTestApp({ env: qq.env({ BCRYPT_COST: '4', QQ_TIMEOUT_MS: '1000', CORS_ORIGINS: qq.url }) });
    // The app's page lives beside the fake QQ, and knows the platform and its own app id.
    appPage = `${qq.url}/app/return?${new URLSearchParams({ api: t.config.PUBLIC_URL, app: 'qq-page' }).toString()}`;
    await t.prisma.app.create({ data: { appId: 'qq-page', name: 'QQ page', scopes: ['*'], allowedDomains: [new URL(qq.url).origin] } });
    ({ browser } = await launchChromium());
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await qq?.stop();
  });
  afterEach(() => qq.heal());

  /** Waits for the app's page to have finished what the callback page handed it; answers what it shows. */
  async function received(page: Page): Promise<Record<string, string>> {
    await page.waitForURL((at) => at.pathname === '/app/return' && at.hash.startsWith('#qq=finish'), { timeout: 15_000 });
    await page.locator('body[data-ready="true"]').waitFor();
    const fields = await page
      .locator('dd')
      .evaluateAll((nodes) => nodes.map((node) => [node.id.replace('field-', ''), node.textContent ?? '']));
    return Object.fromEntries(fields);
  }

  /** The app's page starts a flow (its own fetch to the API), goes to QQ and back through the callback page, and finishes it. */
  async function throughQq(page: Page, intent: 'bind' | 'login', session?: string): Promise<Record<string, string>> {
    await page.goto(appPage);
    // Not awaited in the page: it leaves for QQ as soon as the API answers.
    await page.evaluate(([what, who, password]) => void (globalThis as unknown as AppPage).startQq(what, who, password), [
      intent,
      session,
      PASSWORD,
    ] as const);
    return received(page);
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

  it('binds, then logs a bound QQ in: the app finishes each flow with its verifier, and the session works', async () => {
    const user = await insertUser(t.prisma, { password: PASSWORD });
    const penguin = qqUser('企鹅');
    const login = await t.http.post('/api/v1/auth/login', { account: user.username, password: PASSWORD }, { headers: APP });
    const session = `Bearer ${login.body.data.uuid}.${login.body.data.ukey}`;

    await withPage('en-US', async (page) => {
      // Binding first: the logged-in user's app asks with the password again.
      qq.consenting = penguin;
      const bound = await throughQq(page, 'bind', session);
      expect(bound).toEqual({ qq: 'bound', raid: expect.any(String), nickname: '企鹅' });
      expect((await t.prisma.qqBinding.findUniqueOrThrow({ where: { id: bound.raid } })).userId).toBe(user.id);

      const loggedIn = await throughQq(page, 'login');
      expect(loggedIn).toEqual({
        qq: 'session',
        uuid: user.id,
        ukey: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
        expiresAt: expect.any(String),
      });
      // Nothing of the flow went into the query: only the fragment carries code and state.
      expect(new URL(page.url()).search).toBe(new URL(appPage).search);
      const me = await t.http.get('/api/v1/users/me', { headers: { ...APP, authorization: `Bearer ${loggedIn.uuid}.${loggedIn.ukey}` } });
      expect(me.body.data.uuid).toBe(user.id);

      // Going back does not land on the callback page again: it replaced itself.
      await page.goBack({ waitUntil: 'load' }).catch(() => undefined);
      expect(new URL(page.url()).pathname).not.toBe('/qq-callback');
    });
  });

  it('hands an unbound QQ a ticket that logs in with a password (in Chinese)', async () => {
    const user = await insertUser(t.prisma, { password: PASSWORD });
    qq.consenting = qqUser('新来的');
    await withPage('zh-CN', async (page) => {
      const ticket = await throughQq(page, 'login');
      expect(ticket).toEqual({ qq: 'ticket', ticket: expect.any(String), expiresAt: expect.any(String), nickname: '新来的' });
      const login = await t.http.post(
        '/api/v1/auth/login/qq',
        { ticket: ticket.ticket, account: user.username, password: PASSWORD },
        { headers: APP },
      );
      expect(login.body.data).toMatchObject({ uuid: user.id, binding: { nickname: '新来的' } });
    });
  });

  it('gives the app the failures of finishing: a cancelled authorization (1011) and QQ failing (996)', async () => {
    await withPage('en-US', async (page) => {
      qq.consenting = 'deny';
      expect(await throughQq(page, 'login')).toEqual({ qq: 'error', code: '1011', message: 'A required parameter is missing' });

      qq.consenting = qqUser();
      qq.fail('me', 'malformed');
      expect(await throughQq(page, 'login')).toEqual({ qq: 'error', code: '996', message: 'Outbound HTTP unusable' });
    });
  });

  it("gets a victim's browser nothing from an attacker's callback link: the victim's app cannot finish the attacker's flow", async () => {
    const attackerQq = qqUser('Link me to your account');
    const started = await t.http.get(`/api/v1/qq/authorize?intent=login&returnTo=${encodeURIComponent(appPage)}`, {
      headers: { ...APP, accept: 'application/json' },
    });
    const state = new URL(started.body.data.url).searchParams.get('state')!;
    const link = `${t.config.PUBLIC_URL}/qq-callback?code=${qq.issueCode(attackerQq, t.config.qqRedirectUri)}&state=${state}`;
    // The victim's own tab even holds a flow of its own, started a moment ago.
    const own = await t.http.get(`/api/v1/qq/authorize?intent=login&returnTo=${encodeURIComponent(appPage)}`, {
      headers: { ...APP, accept: 'application/json' },
    });

    for (const kept of [undefined, own.body.data.verifier]) {
      await withPage('en-US', async (page) => {
        await page.goto(appPage);
        if (kept)
          await page.evaluate(
            (verifier) => (globalThis as unknown as AppPage).sessionStorage.setItem('qq-flow', JSON.stringify({ verifier })),
            kept,
          );
        await page.goto(link);
        expect(await received(page)).toEqual({ qq: 'error', code: '1025', message: 'Link invalid or already used' });
      });
    }
    expect(await t.prisma.qqTicket.count({ where: { openid: attackerQq.openid } })).toBe(0);
    expect((await t.prisma.qqState.findUniqueOrThrow({ where: { stateHash: sha256(state) } })).usedAt).toBeNull();
  });

  it("shows the failure itself, in the reader's language, when the state is unknown: it goes nowhere", async () => {
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
