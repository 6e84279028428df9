import { Browser } from 'playwright-core';

import { signUpBody } from './support/accounts';
import { launchChromium } from './support/browser';
import { WEB } from './support/fixtures';
import { useMailedTestApp } from './support/mailed-test-app';
import { linkIn } from './support/smtp-sink';

describe('the /verify page in a real browser (headless Chromium)', () => {
  const { t, sink } = useMailedTestApp({ CAPTCHA_REQUIRED: 'false' });
  let browser: Browser;

  beforeAll(async () => {
    ({ browser } = await launchChromium());
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** Registers through the API and returns the account's id and the link of the mail it got. */
  async function registered(): Promise<{ uuid: string; link: URL }> {
    const body = signUpBody();
    const response = await t.http.post('/api/v1/accounts/register', body, { headers: WEB });
    expect(response.status).toBe(201);
    const link = linkIn(await sink.next(body.email));
    expect(link.origin).toBe(t.config.PUBLIC_URL);
    return { uuid: response.body.data.uuid, link };
  }
  const statusOf = async (uuid: string) => (await t.prisma.user.findUniqueOrThrow({ where: { id: uuid } })).status;

  it('in English: shows the page without using the link, verifies on the button, then says the link is used', async () => {
    const { uuid, link } = await registered();
    const context = await browser.newContext({ locale: 'en-US' });
    try {
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));

      const opened = await page.goto(link.toString(), { waitUntil: 'networkidle' });
      expect(opened?.status()).toBe(200);
      expect(await page.title()).toBe('Verify your email');
      expect(await page.locator('h1').textContent()).toBe('Verify your email');
      const button = page.locator('#confirm button');
      expect(await button.isVisible()).toBe(true);
      expect(await button.textContent()).toBe('Confirm');
      // Showing the page (with its script loaded) changed nothing.
      expect(await statusOf(uuid)).toBe('PENDING');

      const posted = page.waitForResponse(
        (response) => response.url().endsWith('/api/v1/accounts/verify') && response.request().method() === 'POST',
      );
      await button.click();
      expect((await posted).status()).toBe(200);
      await page.locator('#outcome', { hasText: 'Your email is verified. You can log in now.' }).waitFor({ timeout: 10_000 });
      expect(await page.locator('#outcome').textContent()).toBe('Your email is verified. You can log in now.');
      expect(await page.locator('#outcome').getAttribute('data-ok')).toBe('true');
      expect(await button.isVisible()).toBe(false);
      expect(await statusOf(uuid)).toBe('ACTIVE');

      await page.reload({ waitUntil: 'networkidle' });
      expect(await page.locator('#message').textContent()).toContain('already used');
      expect(await page.locator('h1').textContent()).toBe('Link no longer valid');
      expect(await page.locator('#confirm').isHidden()).toBe(true);
      expect(await page.getByRole('button').count()).toBe(0);
      expect(await page.locator('button:visible').count()).toBe(0);
      expect(await page.locator('#outcome').textContent()).toBe('');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('in Chinese (zh-CN): the same page and outcome in Chinese', async () => {
    const { uuid, link } = await registered();
    const context = await browser.newContext({ locale: 'zh-CN' });
    try {
      const page = await context.newPage();
      await page.goto(link.toString(), { waitUntil: 'networkidle' });
      expect(await page.locator('h1').textContent()).toBe('验证邮箱');
      expect(await page.locator('html').getAttribute('lang')).toBe('zh');
      expect(await statusOf(uuid)).toBe('PENDING');

      await page.getByRole('button', { name: '确认验证' }).click();
      await page.locator('#outcome', { hasText: '邮箱已验证，现在可以登录了。' }).waitFor({ timeout: 10_000 });
      expect(await page.locator('#outcome').textContent()).toBe('邮箱已验证，现在可以登录了。');
      expect(await statusOf(uuid)).toBe('ACTIVE');

      await page.reload({ waitUntil: 'networkidle' });
      expect(await page.locator('h1').textContent()).toBe('链接已失效');
      expect(await page.locator('button:visible').count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});
