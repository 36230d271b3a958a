/**
 * The admin portal's steps in Chromium, driven by their French labels: a browser context of its
 * own (the session cookie is per context), the sign-in through the page with the code computed
 * from RFC 6238 (cloud/admin/adminTesting.ts), and a page opened by its hash route.
 */
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { base32Decode, rfcTotp, type TestAdmin } from '../cloud/admin/adminTesting.js';
import { ADMIN_DIR } from '../cloud/web/adminRoutes.js';

/** The portal must have been built (the test run's global setup does it). */
export function ensureAdminBuild(): void {
  if (existsSync(`${ADMIN_DIR}index.html`) && process.env.E2E_REBUILD !== '1') return;
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'cloud/web/admin/vite.config.ts', '--logLevel', 'warn'], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
}

export const DESKTOP = { width: 1366, height: 768 };
export const PHONE = { width: 360, height: 740 };

export async function openAdmin(browser: Browser, viewport = DESKTOP): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport, locale: 'fr-FR', timezoneId: 'Africa/Porto-Novo' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  // A CSP refusal is a console error: the portal must need none.
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) errors.push(message.text());
  });
  return { context, page, errors };
}

/** The code of the current 30-second step, for a base32 secret. */
export function totpNow(secret: string): string {
  return rfcTotp(base32Decode(secret.replace(/\s+/g, '')), new Date());
}

/** Waits for the next 30-second step when the current one ends within `margin` ms (a code is accepted once). */
export async function freshStep(margin = 3_000): Promise<void> {
  const left = 30_000 - (Date.now() % 30_000);
  if (left < margin) await new Promise((resolve) => setTimeout(resolve, left + 200));
}

export async function fillPassword(page: Page, url: string, admin: Pick<TestAdmin, 'email' | 'password'>): Promise<void> {
  await page.goto(`${url}/admin/`);
  await page.getByLabel('Adresse e-mail').fill(admin.email);
  await page.getByLabel('Mot de passe').fill(admin.password);
  await page.getByRole('button', { name: 'Continuer' }).click();
  await page.getByLabel('Code à 6 chiffres ou code de secours').waitFor();
}

/** Signs a confirmed admin in through the page: password, then the authenticator's code. */
export async function signInThroughPage(page: Page, url: string, admin: TestAdmin): Promise<void> {
  await fillPassword(page, url, admin);
  await freshStep();
  await page.getByLabel('Code à 6 chiffres ou code de secours').fill(totpNow(admin.secret));
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('heading', { name: 'Tableau de bord' }).waitFor({ timeout: 30_000 });
}

export async function go(page: Page, url: string, hash: string): Promise<void> {
  await page.goto(`${url}/admin/#${hash}`);
}
