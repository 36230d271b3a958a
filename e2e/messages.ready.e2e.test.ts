/**
 * Issue 9's field test, in Chromium against a real cloud whose SMS provider is the official
 * Africa's Talking SDK pointed at a loopback that speaks its wire format: an order moved to
 * "Prête" while the connection is down writes its SMS in the same transaction; back online the SMS
 * reaches the provider once, Africa's Talking's delivery report comes in, and the order's history
 * shows "reçu" after the next sync.
 */
import { describe, expect, it } from 'vitest';
import { screenshot, waitUntil } from './support.js';
import * as f from './flows.js';
import { dispatchSuite } from './dispatchSuite.js';
import { AT } from '../cloud/notifications/dispatchTesting.js';
import { sendDeliveryReport } from '../cloud/providers/testing/africasTalkingLoopback.js';

const suite = dispatchSuite();
const OWNER = { workshop: 'Atelier Sika Couture', owner: 'Sika Adjovi', phone: '01 97 44 33 22', password: 'pret-a-porter-2026' };

describe('an order ready while offline tells its client', () => {
  it('the SMS leaves once with the next sync, the delivery report comes back, the order shows "reçu"', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'fr-FR' });
    const page = await context.newPage();
    const appUrl = `${suite.server.url}/app/`;
    await f.signUp(page, appUrl, OWNER);
    await f.finishSetup(page, { city: 'Cotonou', capacity: '10' });
    const clientId = await f.addClient(page, { name: 'Aïcha Dossou', phone: '01 62 00 11 22' });
    const orderId = await f.createOrder(page, clientId, { garment: 'Kaba', price: '15000', deposit: '5000' });
    await f.moveTo(page, 'En cours');
    await page.getByRole('button', { name: 'Synchroniser' }).click();
    await page.getByTestId('syncbar').and(page.locator('[data-pending="0"]')).waitFor({ timeout: 30_000 });
    expect(suite.server.at.sent).toHaveLength(0);

    // The power comes back but not the internet: the order is ready, its SMS waits on the device.
    await f.appCached(page);
    await context.setOffline(true);
    await f.moveTo(page, 'Prête');
    const history = page.getByTestId('order-messages');
    await history.locator('[data-testid="message"][data-status="queued"]').first().waitFor({ timeout: 10_000 });
    expect(await history.locator('[data-testid="message-status"]').first().textContent()).toContain('en attente');
    await page.getByRole('button', { name: 'Synchroniser' }).click();
    await page.getByTestId('syncbar').and(page.locator('[data-status="offline"]')).waitFor({ timeout: 30_000 });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(suite.server.at.sent).toHaveLength(0);

    // Back online: one sync, and the SMS reaches Africa's Talking once, to the client's number.
    await context.setOffline(false);
    await page.getByRole('button', { name: 'Synchroniser' }).click();
    await page.getByTestId('syncbar').and(page.locator('[data-pending="0"]')).waitFor({ timeout: 30_000 });
    const sms = await waitUntil('the SMS at the provider', () => suite.server.at.sent[0]);
    expect(sms.to).toBe('+2290162001122');
    expect(sms.from).toBe(AT.senderId);
    // GSM-7 on by default: "Aïcha" and "prête" lose the accents GSM-7 lacks; "à" is in it and stays.
    expect(sms.message).toMatch(/^Bonjour Aicha Dossou, votre commande \S+ est prete chez Atelier Sika Couture\. Reste à payer : 10\s000 FCFA\./);
    expect(sms.message).toContain('/t/');

    // The app sees "envoyé" by sync; then Africa's Talking reports the delivery.
    await page.getByRole('button', { name: 'Synchroniser' }).click();
    await history.locator('[data-testid="message"][data-status="sent"]').first().waitFor({ timeout: 30_000 });
    const report = await sendDeliveryReport(`${suite.server.url}/api/webhooks/africastalking?token=${AT.webhookToken}`, {
      id: sms.messageId,
      status: 'Success',
      phoneNumber: sms.to,
    });
    expect(report.status).toBe(200);
    // The same report again (providers repeat themselves): nothing changes.
    expect((await sendDeliveryReport(`${suite.server.url}/api/webhooks/africastalking?token=${AT.webhookToken}`, { id: sms.messageId, status: 'Success', phoneNumber: sms.to })).status).toBe(200);

    await page.getByRole('button', { name: 'Synchroniser' }).click();
    await history.locator('[data-testid="message"][data-status="delivered"]').first().waitFor({ timeout: 30_000 });
    expect(await history.locator('[data-testid="message-status"]').first().textContent()).toContain('reçu');
    await screenshot(page, 'order-ready-sms-delivered');

    // Once, and only once, even after more syncs and a reload.
    await page.reload();
    await page.getByTestId('order-messages').locator('[data-testid="message"][data-status="delivered"]').first().waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('order-messages').locator('[data-testid="message"]').count()).toBe(1);
    await page.getByRole('button', { name: 'Synchroniser' }).click();
    await page.getByTestId('syncbar').and(page.locator('[data-pending="0"]')).waitFor({ timeout: 30_000 });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(suite.server.at.sent.filter((m) => m.to === '+2290162001122')).toHaveLength(1);
    expect(page.url()).toContain(orderId);
    await context.close();
  }, 240_000);
});
