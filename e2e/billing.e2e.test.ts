/**
 * Issue 10 in Chromium, against a real cloud whose FedaPay is the loopback (the official SDK's
 * wire format; its payment page stands in for FedaPay's and sends the signed webhook):
 * (1) the owner of a workshop whose trial has ended (past due) sees the banner, opens the billing
 *     screen, buys a plan — a new tab opens the payment page, its button pays and brings the payer
 *     back to the cloud's return page —; back in the app the banner goes after the sync, the
 *     payment is in the history and its receipt downloads as a PDF;
 * (2) a suspended workshop: its staff member sees the state read-only ("Demandez au
 *     propriétaire"); it still records an order offline and syncs it once back online: the order
 *     reaches the hub.
 */
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ensureWebBuild, launchBrowser, screenshot, waitUntil } from './support.js';
import * as f from './flows.js';
import { setSubscription, startBillingServer, type BillingServer } from './billingServer.js';
import { rows } from '../cloud/db/client.js';

let server: BillingServer;
let browser: Browser;
const DAY = 86_400_000;

beforeAll(async () => {
  ensureWebBuild();
  server = await startBillingServer();
  browser = await launchBrowser();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'fr-FR', timezoneId: 'Africa/Porto-Novo', acceptDownloads: true });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error('[page error]', error.message));
  return { context, page };
}

async function workshopIdOf(name: string): Promise<string> {
  const { rows: found } = await server.ctx.db.executeSql('SELECT id FROM workshop WHERE name = $1', [name]);
  if (found.length !== 1) throw new Error(`${found.length} workshops named ${name}`);
  return String(found[0]!.id);
}

describe('paying for a plan in the app', () => {
  it('past due: the banner, the billing screen, FedaPay’s page in a new tab, the banner gone after the sync, the payment and its PDF receipt', async () => {
    const OWNER = { workshop: 'Atelier Dossi Couture', owner: 'Dossi Akplogan', phone: '01 97 52 00 01', password: 'payer-par-momo-2026' };
    const { context, page } = await open();
    const appUrl = `${server.url}/app/`;
    await f.signUp(page, appUrl, OWNER);
    await f.finishSetup(page, { city: 'Porto-Novo', capacity: '6' });
    const banner = page.getByTestId('billing-banner');
    await banner.and(page.locator('[data-kind="trial"]')).waitFor({ timeout: 30_000 });
    expect(await banner.textContent()).toMatch(/Essai gratuit : encore 1[34] jours/);

    // The trial ended a day ago, unpaid: the hub moved it to past due (as its sweep does).
    const workshopId = await workshopIdOf(OWNER.workshop);
    const graceEnd = new Date(Date.now() + 6 * DAY).toISOString();
    await setSubscription(server, workshopId, { status: 'past_due', trialEndsAt: new Date(Date.now() - DAY).toISOString(), graceEndsAt: graceEnd });
    await f.syncNow(page);
    await banner.and(page.locator('[data-kind="past_due"]')).waitFor({ timeout: 30_000 });
    expect(await banner.textContent()).toContain('Paiement en retard : payez avant le');
    await screenshot(page, 'billing-banner-past-due');

    await banner.getByRole('button', { name: 'Payer maintenant' }).click();
    await page.waitForURL(/#\/billing$/);
    const current = page.getByTestId('billing-current');
    await current.and(page.locator('[data-status="past_due"]')).waitFor();
    expect(await page.getByTestId('billing-status').textContent()).toBe('Paiement en retard');
    const solo = page.getByTestId('plan').and(page.locator('[data-plan-id="solo"]'));
    await solo.getByText(/^2\s500\sFCFA \/ mois$/).waitFor({ timeout: 30_000 });
    await page.getByRole('radio', { name: /Annuel/ }).check();
    await solo.getByText(/^25\s000\sFCFA \/ an$/).waitFor();
    await page.getByRole('radio', { name: 'Mensuel' }).check();

    // The tab opens in the click, then goes to FedaPay's page.
    const tabOpened = context.waitForEvent('page');
    await solo.getByRole('button', { name: 'Choisir Solo' }).click();
    const fedapay = await tabOpened;
    await fedapay.waitForURL(`${server.fedapay.url}/pay/**`, { timeout: 30_000 });
    expect(await fedapay.locator('h1').textContent()).toBe('2500 FCFA');
    await page.getByTestId('purchase').and(page.locator('[data-outcome="waiting"]')).waitFor();
    expect(await page.getByTestId('purchase').textContent()).toMatch(/2\s500\sFCFA/);

    // The payer pays; FedaPay's webhook reaches the cloud, and the tab comes back to the cloud's return page.
    await fedapay.getByRole('button', { name: 'Payer' }).click();
    await fedapay.waitForURL(`${server.url}/paiement/retour/**`, { timeout: 30_000 });
    await screenshot(fedapay, 'billing-return-page');
    await fedapay.close();

    // Back in the app: confirmed, synced, the banner gone.
    await page.getByTestId('purchase').and(page.locator('[data-outcome="paid"]')).waitFor({ timeout: 30_000 });
    await current.and(page.locator('[data-status="active"][data-plan-id="solo"]')).waitFor({ timeout: 30_000 });
    await banner.waitFor({ state: 'detached', timeout: 30_000 });
    expect(await page.getByTestId('billing-status').textContent()).toBe('Actif');

    // The history has the payment; its receipt downloads as a PDF.
    const payment = page.getByTestId('billing-payment');
    await payment.first().waitFor({ timeout: 30_000 });
    expect(await payment.count()).toBe(1);
    expect(await payment.first().textContent()).toMatch(/2\s500\sFCFA/);
    const downloading = page.waitForEvent('download');
    await payment.first().getByRole('button', { name: 'Télécharger le reçu' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    const pdf = readFileSync((await download.path())!);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(1_000);
    await screenshot(page, 'billing-paid');

    // A reload keeps it all (the row is in the local database): no banner.
    await page.reload();
    await current.and(page.locator('[data-status="active"]')).waitFor({ timeout: 30_000 });
    expect(await banner.count()).toBe(0);
    await context.close();
  });
});

describe('a suspended workshop keeps working', () => {
  it('its staff sees the state read-only; it records an order offline and syncs it once back online: the order reaches the hub', async () => {
    const OWNER = { workshop: 'Atelier Suspendu Mode', owner: 'Codjo Houngbo', phone: '01 97 52 00 02', password: 'jamais-en-otage-2026' };
    const { context, page } = await open();
    const appUrl = `${server.url}/app/`;
    await f.signUp(page, appUrl, OWNER);
    await f.finishSetup(page, { city: 'Bohicon', capacity: '4' });
    const clientId = await f.addClient(page, { name: 'Yétondé Agossou', phone: '01 62 33 44 55' });
    await f.syncNow(page);

    // A staff member joins during the trial.
    await page.goto(`${appUrl}#/team`);
    await page.getByLabel('Téléphone').fill('01 97 52 00 03');
    await page.getByLabel('Nom', { exact: true }).fill('Sèna Dovonou');
    await page.getByLabel('Rôle', { exact: true }).selectOption({ label: 'Employé' });
    await page.getByRole('button', { name: 'Créer l’invitation' }).click();
    const code = /Code d’invitation : (\d{6})/.exec((await page.getByTestId('invite-code').textContent()) ?? '')![1]!;
    const staffSide = await open();
    const staff = staffSide.page;
    await staff.goto(appUrl);
    await staff.getByRole('tab', { name: 'J’ai un code d’invitation' }).click();
    await staff.getByLabel('Code d’invitation (6 chiffres)').fill(code);
    await staff.getByLabel('Téléphone').fill('01 97 52 00 03');
    await staff.getByLabel('Mot de passe').fill('employee-sena-2026');
    await staff.getByRole('button', { name: 'J’ai un code d’invitation' }).last().click();
    await staff.waitForURL(/#\/today/, { timeout: 60_000 });

    const workshopId = await workshopIdOf(OWNER.workshop);
    await setSubscription(server, workshopId, { status: 'suspended', trialEndsAt: new Date(Date.now() - 8 * DAY).toISOString(), graceEndsAt: new Date(Date.now() - DAY).toISOString() });
    await f.syncNow(page);
    const banner = page.getByTestId('billing-banner');
    await banner.and(page.locator('[data-kind="suspended"]')).waitFor({ timeout: 30_000 });
    expect(await banner.textContent()).toContain('Abonnement suspendu');
    expect(await banner.textContent()).toContain('rien n’est effacé');
    await banner.getByRole('button', { name: 'Payer maintenant' }).waitFor();

    // The staff member sees the same state, read-only, and who to ask.
    await f.syncNow(staff);
    const staffBanner = staff.getByTestId('billing-banner');
    await staffBanner.and(staff.locator('[data-kind="suspended"]')).waitFor({ timeout: 30_000 });
    expect(await staffBanner.textContent()).toContain('Demandez au propriétaire de l’atelier.');
    expect(await staffBanner.getByRole('button').count()).toBe(0);
    await staff.getByRole('navigation', { name: 'Navigation' }).getByRole('link', { name: 'Abonnement' }).click();
    await staff.getByTestId('billing-current').and(staff.locator('[data-status="suspended"]')).waitFor();
    expect(await staff.getByTestId('billing-ask-owner').textContent()).toContain('Demandez au propriétaire');
    expect(await staff.getByTestId('billing-plans').count()).toBe(0);
    expect(await staff.getByTestId('billing-history').count()).toBe(0);
    await screenshot(staff, 'billing-staff-read-only');
    await staffSide.context.close();

    // The connection drops: the order is taken all the same, and the banner stays (from the local row).
    await f.appCached(page);
    await context.setOffline(true);
    const orderId = await f.createOrder(page, clientId, { garment: 'Kaba', price: '17000', deposit: '5000' });
    await banner.and(page.locator('[data-kind="suspended"]')).waitFor();
    await page.getByRole('button', { name: 'Synchroniser' }).click();
    await page.getByTestId('syncbar').and(page.locator('[data-status="offline"]')).waitFor({ timeout: 30_000 });
    expect(Number(await page.getByTestId('syncbar').getAttribute('data-pending'))).toBeGreaterThan(0);
    await screenshot(page, 'billing-suspended-offline-order');

    // Back online: it goes up, accepted.
    await context.setOffline(false);
    await f.syncNow(page);
    const stored = await waitUntil('the order at the hub', async () => {
      const [row] = await server.ctx.db.withWorkshop(workshopId, (tx) => rows<{ id: string; price: number; status: string }>(tx, sql`SELECT id, price, status FROM orders WHERE id = ${orderId}`));
      return row;
    });
    expect(Number(stored.price)).toBe(17_000);
    const [paid] = await server.ctx.db.withWorkshop(workshopId, (tx) => rows<{ n: number }>(tx, sql`SELECT COALESCE(SUM(amount), 0)::int AS n FROM payments WHERE order_id = ${orderId}`));
    expect(Number(paid!.n)).toBe(5_000);
    expect(await page.getByTestId('needs-attention').count()).toBe(0);
    await context.close();
  });
});
