import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newPage, screenshot, startE2E, type E2E } from './support.js';
import * as f from './flows.js';

let e2e: E2E;
const OWNER = { workshop: 'Atelier Hors Ligne', owner: 'Koffi Agbo', phone: '01 97 66 55 44', password: 'sans-internet-2026' };

beforeAll(async () => {
  e2e = await startE2E();
}, 180_000);
afterAll(async () => {
  await e2e?.close();
});

describe('offline, then back online, in two browsers', () => {
  it('keeps working offline; the orders and payments reach a second browser once back online, without duplicates; a reload keeps everything', async () => {
    const shop = await newPage(e2e);
    await f.signUp(shop.page, e2e.appUrl, OWNER);
    await f.finishSetup(shop.page, { city: 'Abomey-Calavi', capacity: '8' });
    const clientId = await f.addClient(shop.page, { name: 'Fifamè Tossou', phone: '01 62 00 11 22' });
    await shop.page.getByTestId('syncbar').and(shop.page.locator('[data-pending="0"]')).waitFor({ timeout: 30_000 });

    // The connection drops: the workshop keeps taking orders and payments.
    await f.appCached(shop.page);
    await shop.context.setOffline(true);
    const orderId = await f.createOrder(shop.page, clientId, { garment: 'Kaba', price: '12000', deposit: '4000' });
    await f.recordPayment(shop.page, '3000');
    expect(await f.amountOf(shop.page.getByTestId('order-balance'), 5000)).toBe(5000);
    await shop.page.getByRole('button', { name: 'Synchroniser' }).click();
    await shop.page.getByTestId('syncbar').and(shop.page.locator('[data-status="offline"]')).waitFor({ timeout: 30_000 });
    const pendingOffline = Number(await shop.page.getByTestId('syncbar').getAttribute('data-pending'));
    expect(pendingOffline).toBeGreaterThan(0);
    await screenshot(shop.page, 'offline-syncbar');

    // Reload while offline: the app opens from the service worker cache and the data from OPFS.
    await shop.page.reload();
    await shop.page.getByTestId('order-balance').waitFor({ timeout: 30_000 });
    expect(await f.amountOf(shop.page.getByTestId('order-balance'), 5000)).toBe(5000);

    // Back online: everything goes up.
    await shop.context.setOffline(false);
    await shop.page.getByRole('button', { name: 'Synchroniser' }).click();
    await shop.page.getByTestId('syncbar').and(shop.page.locator('[data-pending="0"]')).waitFor({ timeout: 30_000 });

    // A second browser (another device of the same workshop) logs in and sees it all, once.
    const other = await newPage(e2e);
    await f.logIn(other.page, e2e.appUrl, OWNER.phone, OWNER.password);
    await other.page.goto(`${e2e.appUrl}#/clients/${clientId}`);
    await other.page.getByTestId('client-orders').locator('li').first().waitFor({ timeout: 30_000 });
    expect(await other.page.getByTestId('client-orders').locator('li').count()).toBe(1);
    await other.page.goto(`${e2e.appUrl}#/orders/${orderId}`);
    await other.page.getByTestId('order-balance').waitFor();
    expect(await f.amountOf(other.page.getByTestId('order-balance'), 5000)).toBe(5000);
    expect(await other.page.getByTestId('payment').count()).toBe(2);

    // The second device records the balance; the first sees the order paid after its next sync.
    await f.recordPayment(other.page, '5000');
    await other.page.getByRole('button', { name: 'Synchroniser' }).click();
    await other.page.getByTestId('syncbar').and(other.page.locator('[data-pending="0"]')).waitFor({ timeout: 30_000 });
    await shop.page.getByRole('button', { name: 'Synchroniser' }).click();
    await shop.page.getByTestId('order-balance').filter({ hasText: /^\s*0\s?FCFA/ }).waitFor({ timeout: 30_000 });
    expect(await shop.page.getByTestId('payment').count()).toBe(3);

    // Reload: everything is still there.
    await shop.page.reload();
    await shop.page.getByTestId('order-balance').waitFor({ timeout: 30_000 });
    expect(await f.amountOf(shop.page.getByTestId('order-balance'), 0)).toBe(0);
    await screenshot(shop.page, 'after-reload');
    await shop.context.close();
    await other.context.close();
  }, 240_000);
});
