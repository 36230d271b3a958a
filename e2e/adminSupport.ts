/**
 * The admin portal's steps in Chromium, driven by their French labels: a browser context of its
 * own (the session cookie is per context), the sign-in through the page with the code computed
 * from RFC 6238 (cloud/admin/adminTesting.ts), and a page opened by its hash route.
 */
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { base32Decode, rfcTotp, type TestAdmin } from '../cloud/admin/adminTesting.js';
import { ADMIN_DIR } from '../cloud/web/adminRoutes.js';
import { addPortfolioPhoto, listedWorkshop, markFileReady, slugOf } from '../cloud/directory/directoryTesting.js';
import type { FixtureWorkshop } from '../cloud/testing/fixtures.js';
import type { TestServer } from '../cloud/testing/testServer.js';
import * as f from './flows.js';

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

/**
 * A workshop signed up in the web app, with a client and an order synced to the cloud, whose
 * owner then allows the support view (POST /api/support-access with the owner's session).
 */
export async function workshopAllowingSupport(
  browser: Browser,
  server: TestServer,
  who: { workshop: string; owner: string; phone: string; password: string },
  data: { client: { name: string; phone: string }; order: { garment: string; price: string; deposit?: string } },
): Promise<void> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'fr-FR', timezoneId: 'Africa/Porto-Novo' });
  const app = await context.newPage();
  await f.signUp(app, `${server.url}/app/`, who);
  await f.finishSetup(app, { city: 'Porto-Novo', capacity: '3' });
  const clientId = await f.addClient(app, data.client);
  await f.createOrder(app, clientId, data.order);
  await f.syncNow(app);
  await context.close();
  const login = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ identifier: who.phone, password: who.password }) });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const allowed = await fetch(`${server.url}/api/support-access`, { method: 'POST', headers: { authorization: `Bearer ${accessToken}` } });
  if (allowed.status !== 200) throw new Error(`support access: ${allowed.status} ${await allowed.text()}`);
}

/** A visitor's report through the directory's public form, from its own address (5 per address and hour). */
async function report(server: TestServer, slug: string, form: Record<string, string>, ip: string): Promise<void> {
  const reply = await fetch(`${server.url}/s/${slug}/signaler`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': ip }, body: new URLSearchParams(form).toString() });
  if (reply.status !== 200) throw new Error(`report: ${reply.status} ${await reply.text()}`);
}

/** A listed workshop whose profile is reported as a scam, and one of its photos (a real WebP in the storage) as inappropriate. */
export async function reportedWorkshop(server: TestServer, what: { name: string; city: string; details: string; photoCaption: string }): Promise<{ listed: FixtureWorkshop; slug: string }> {
  const listed = await listedWorkshop(server.ctx, what.name, { city: what.city });
  const slug = (await slugOf(server.ctx, listed.workshopId))!;
  await report(server, slug, { reason: 'scam', details: what.details }, '203.0.113.8');
  const hash = 'a7'.repeat(32);
  const webp = await sharp({ create: { width: 480, height: 360, channels: 3, background: { r: 194, g: 65, b: 12 } } }).webp().toBuffer();
  await markFileReady(server.ctx, listed.workshopId, hash);
  await server.ctx.services.uploads.storage.put(listed.workshopId, hash, 'thumb', webp);
  await server.ctx.services.uploads.storage.put(listed.workshopId, hash, 'full', webp);
  await addPortfolioPhoto(server.ctx, listed.workshopId, hash, { caption: what.photoCaption });
  await report(server, slug, { reason: 'inappropriate_photos', photo: hash }, '203.0.113.9');
  return { listed, slug };
}
