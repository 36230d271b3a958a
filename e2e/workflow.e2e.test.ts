import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newPage, screenshot, startE2E, type E2E } from './support.js';
import * as f from './flows.js';

let e2e: E2E;

beforeAll(async () => {
  e2e = await startE2E();
}, 180_000);
afterAll(async () => {
  await e2e?.close();
});

describe('a new tailor, in a real browser', () => {
  it('signs up, sets up the workshop, measures a client, takes an order with a deposit, delivers and is paid in full', async () => {
    const { page, context } = await newPage(e2e);
    await f.signUp(page, e2e.appUrl, { workshop: 'Atelier Grâce Couture', owner: 'Grâce Houngbédji', phone: '01 97 55 44 33', password: 'couture-2026' });
    await screenshot(page, 'setup-1366');
    await f.finishSetup(page, { city: 'Porto-Novo', capacity: '10' });
    await screenshot(page, 'today-empty-1366');

    const clientId = await f.addClient(page, { name: 'Adjoa Mensah', phone: '01 61 22 33 45' });
    await f.takeMeasurements(page, clientId, 'Robe', { 'Tour de poitrine': '92', 'Tour de taille': '74' });
    await screenshot(page, 'measurements-1366');

    const orderId = await f.createOrder(page, clientId, { garment: 'Robe', price: '18000', deposit: '8000' });
    expect(await f.amountOf(page.getByTestId('order-balance'), 10000)).toBe(10000);
    expect(await page.getByTestId('order-number').textContent()).toContain('A-1');
    await f.moveTo(page, 'En cours');
    await f.moveTo(page, 'Essayage');
    await f.moveTo(page, 'Prête');
    await f.recordPayment(page);
    expect(await f.amountOf(page.getByTestId('order-balance'), 0)).toBe(0);
    await screenshot(page, 'order-1366');

    await page.goto(`${e2e.appUrl}#/clients/${clientId}`);
    await page.getByTestId('client-balance').filter({ hasText: /\b0\s?FCFA/ }).waitFor();
    expect(await f.amountOf(page.getByTestId('client-balance'), 0)).toBe(0);
    await screenshot(page, 'client-card-1366');

    // The measurements the order was cut with are on the order.
    await page.goto(`${e2e.appUrl}#/orders/${orderId}`);
    await expect(page.getByTestId('order-measurements').textContent()).resolves.toMatch(/92/);

    // Every main screen, looked at on a shop PC and on a 360 px phone.
    for (const [name, path] of [['today', 'today'], ['clients', 'clients'], ['board', 'orders'], ['new-order', `orders/new?client=${clientId}`], ['team', 'team'], ['settings', 'settings']] as const) {
      await page.goto(`${e2e.appUrl}#/${path}`);
      await page.waitForLoadState('networkidle');
      await screenshot(page, `${name}-1366`);
    }
    // Same browser profile (the workshop is in its OPFS), phone-sized.
    const phone = page;
    await phone.setViewportSize({ width: 360, height: 740 });
    for (const [name, path] of [['today', 'today'], ['client-card', `clients/${clientId}`], ['order', `orders/${orderId}`], ['new-order', 'orders/new']] as const) {
      await phone.goto(`${e2e.appUrl}#/${path}`);
      await phone.waitForLoadState('networkidle');
      const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${name} scrolls sideways at 360 px`).toBeLessThanOrEqual(1);
      await screenshot(phone, `${name}-360`);
    }
    await context.close();
  }, 240_000);

  it('refuses bad input with a French message on the field, keeping what was typed', async () => {
    const { page, context } = await newPage(e2e);
    await page.goto(e2e.appUrl);
    await page.getByRole('tab', { name: 'Créer mon atelier' }).click();
    await page.getByLabel('Nom de l’atelier').fill('Atelier Erreurs');
    await page.getByLabel('Votre nom').fill('Koffi');
    await page.getByLabel('Téléphone').fill('97 00 00');
    await page.getByLabel('Mot de passe').fill('court');
    await page.getByRole('button', { name: 'Créer mon atelier' }).last().click();
    await page.getByText(/Téléphone|Mot de passe/).first().waitFor();
    await expect(page.locator('.field-error, .error-banner').first().textContent()).resolves.toMatch(/(Numéro de téléphone invalide|mot de passe)/i);
    await expect(page.getByLabel('Nom de l’atelier').inputValue()).resolves.toBe('Atelier Erreurs');
    await context.close();
  }, 60_000);
});
