/**
 * End-to-end support: the real cloud (serving the built web app at /app) on 127.0.0.1 over a
 * fresh test database, and Debian's Chromium driven by playwright-core.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../cloud/testing/testServer.js';
import { WEB_DIR } from '../cloud/web/appRoutes.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));

/** The web app must have been built (the test run's global setup does it; benches call it). */
export function ensureWebBuild(): void {
  if (existsSync(`${WEB_DIR}index.html`) && process.env.E2E_REBUILD !== '1') return;
  execFileSync('npx', ['vite', 'build', '--config', 'desktop/renderer/vite.config.ts', '--logLevel', 'warn'], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    stdio: 'inherit',
    // Under vitest NODE_ENV is 'test', which would make Vite build React's development bundle.
    env: { ...process.env, NODE_ENV: 'production' },
  });
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

export interface E2E {
  server: TestServer;
  browser: Browser;
  appUrl: string;
  close(): Promise<void>;
}

export async function startE2E(): Promise<E2E> {
  ensureWebBuild();
  mkdirSync(SCREENSHOTS, { recursive: true });
  const server = await startTestServer();
  const browser = await launchBrowser();
  return {
    server,
    browser,
    appUrl: `${server.url}/app/`,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

export async function newPage(e2e: E2E, viewport = { width: 1366, height: 768 }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await e2e.browser.newContext({ viewport, locale: 'fr-FR', timezoneId: 'Africa/Porto-Novo' });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error('[page error]', error.message));
  return { context, page };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SCREENSHOTS}${name}.png`, fullPage: true });
}

/** Polls `read` until it gives a value (a provider's request, a row): the value, or an error naming `what`. */
export async function waitUntil<T>(what: string, read: () => T | undefined | Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
