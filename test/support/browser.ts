import { existsSync } from 'node:fs';

import { Browser, chromium, LaunchOptions } from 'playwright-core';

/** Debian's Chromium where a machine has it (CI images often do); CHROMIUM_PATH names another. */
const SYSTEM_CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Flags for a headless browser on a closed network: without the background-networking ones,
 * Chromium keeps opening connections the machine refuses.
 */
const QUIET = [
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Chromium has been seen to die while starting on a loaded machine (SIGSEGV before its first page,
 * once in CI, on 2026-12-02; the same suite passed on its own right after): a second try, so that
 * a browser that never started does not fail the tests that needed it.
 */
async function launch(options: LaunchOptions): Promise<Browser> {
  try {
    return await chromium.launch(options);
  } catch {
    return chromium.launch(options);
  }
}

/**
 * A headless Chromium for page tests, on a machine with nothing but Node and npm: the system's
 * when installed, else the one shipped inside the `@sparticuz/chromium` npm package. That
 * package's `--single-process` and `--no-zygote` flags are dropped: with them the browser closes
 * when a second context closes. It ships no CJK fonts, so page tests assert on the DOM, not pixels.
 */
export async function launchChromium(): Promise<{ browser: Browser; source: string }> {
  if (existsSync(SYSTEM_CHROMIUM)) {
    const browser = await launch({ executablePath: SYSTEM_CHROMIUM, args: ['--no-sandbox', ...QUIET] });
    return { browser, source: SYSTEM_CHROMIUM };
  }
  const bundled = (await import('@sparticuz/chromium')).default;
  const executablePath = await bundled.executablePath();
  const args = bundled.args.filter((arg) => arg !== '--single-process' && arg !== '--no-zygote');
  const browser = await launch({ executablePath, args: [...args, ...QUIET] });
  return { browser, source: '@sparticuz/chromium' };
}
