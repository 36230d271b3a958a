/**
 * The hooks every messages e2e file needs: the web build, a real cloud whose providers are the
 * loopbacks (dispatchTesting.ts), and Chromium; both closed after the file. Read `server` and
 * `browser` inside tests (they are set by the suite's beforeAll).
 */
import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { ensureWebBuild, launchBrowser } from './support.js';
import { startDispatchServer, type DispatchServer } from '../cloud/notifications/dispatchTesting.js';

export interface DispatchSuite {
  server: DispatchServer;
  browser: Browser;
}

export function dispatchSuite(): DispatchSuite {
  const suite = {} as DispatchSuite;
  beforeAll(async () => {
    ensureWebBuild();
    suite.server = await startDispatchServer();
    suite.browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await suite.browser?.close();
    await suite.server?.close();
  });
  return suite;
}
