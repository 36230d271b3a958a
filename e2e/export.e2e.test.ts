/**
 * Export everything in the browser: the web app (SQLite WASM in OPFS, in the engine worker)
 * clicks "Exporter toutes les données" in the settings, the <progress> runs to its end, the
 * download is captured and the ZIP opened with yauzl: the rows made in the test are in the JSON
 * and the CSV of their tables, with the photo taken — once online, and once offline.
 */
import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newPage, screenshot, startE2E, type E2E } from './support.js';
import * as f from './flows.js';
import { readExport } from '../shared/export/exportCheck.testing.js';

let e2e: E2E;
const OWNER = { workshop: 'Atelier Ọ̀ṣọ́ Export', owner: 'Ɖɔ̀kpɛ́ Hounsa', phone: '01 97 77 10 01', password: 'exporter-tout-2026' };
const NAMES = ['Adéṣọlá Ọlálékan 👗', 'Gbɛ̀hanzin Ɖosú', '=SOMME(1;2)'];

beforeAll(async () => {
  e2e = await startE2E();
}, 180_000);
afterAll(async () => {
  await e2e?.close();
});

/** Clicks the button in Settings, waits for the download and the full progress bar, returns the ZIP's bytes. */
async function exportFromSettings(page: Page, appUrl: string): Promise<{ bytes: Uint8Array; fileName: string }> {
  await page.goto(`${appUrl}#/settings`);
  const button = page.getByRole('button', { name: 'Exporter toutes les données' });
  await button.waitFor();
  const download = page.waitForEvent('download', { timeout: 60_000 });
  await button.click();
  const file = await download;
  const progress = page.getByLabel('Progression de l’export');
  await page.waitForFunction(() => {
    const bar = document.querySelector('progress');
    return bar !== null && bar.max > 1 && bar.value === bar.max && bar.dataset.phase === 'done';
  });
  expect(Number(await progress.getAttribute('value'))).toBeGreaterThan(0);
  await page.getByRole('status').filter({ hasText: 'Export prêt' }).waitFor();
  const path = await file.path();
  return { bytes: new Uint8Array(await readFile(path)), fileName: file.suggestedFilename() };
}

describe('export everything from the browser', () => {
  it('downloads one ZIP with every row made here and the photo, online then offline', async () => {
    const shop = await newPage(e2e);
    await f.signUp(shop.page, e2e.appUrl, OWNER);
    await f.finishSetup(shop.page, { city: 'Ouidah', capacity: '9' });
    const clientIds: string[] = [];
    for (const [i, name] of NAMES.entries()) clientIds.push(await f.addClient(shop.page, { name, phone: `01 97 77 20 0${i}` }));

    // An order with a fabric photo (a real WebP made here), a deposit and a payment.
    const photo = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#8e44ad' } }).webp().toBuffer();
    await shop.page.goto(shop.page.url().replace(/#.*$/, `#/orders/new?client=${clientIds[0]}`));
    await shop.page.getByLabel('Vêtement').selectOption({ label: 'Kaba' });
    await shop.page.getByLabel('Prix (FCFA)').fill('27500');
    await shop.page.getByLabel('Acompte versé (FCFA)').fill('7500');
    await shop.page.getByLabel('Photo du tissu').setInputFiles({ name: 'tissu.webp', mimeType: 'image/webp', buffer: photo });
    await shop.page.getByRole('img', { name: 'Photo du tissu' }).waitFor();
    await shop.page.getByRole('button', { name: 'Créer la commande' }).click();
    await shop.page.waitForURL(/#\/orders\/[0-9a-f-]{36}$/, { timeout: 30_000 });
    const orderId = shop.page.url().split('/').pop()!;
    await f.recordPayment(shop.page, '2500');
    await f.syncNow(shop.page);

    const online = await exportFromSettings(shop.page, e2e.appUrl);
    expect(online.fileName).toMatch(/^styliste-atelier-oso-export-\d{4}-\d{2}-\d{2}\.zip$/);
    const first = await readExport(online.bytes);
    for (const name of NAMES) expect(first.tables.clients.json.some((c) => c.name === name), name).toBe(true);
    expect(first.tables.clients.csv.some((c) => c.name === "'=SOMME(1;2)")).toBe(true);
    const order = first.tables.orders.json.find((o) => o.id === orderId)!;
    expect(order).toMatchObject({ price: 27_500, paid: 10_000 });
    expect(String(order.createdAt)).toMatch(/\+01:00$/);
    expect(first.tables.payments.json.filter((p) => p.orderId === orderId).map((p) => p.amount).sort()).toEqual([2_500, 7_500]);
    expect(first.tables.workshop.json[0]).toMatchObject({ name: OWNER.workshop, city: 'Ouidah', timezone: 'Africa/Porto-Novo' });
    expect(first.tables.members.json.some((m) => m.name === OWNER.owner)).toBe(true);
    expect(first.tables.subscription.json).toHaveLength(1);
    const photoEntry = first.entries.get(`photos/${order.fabricPhoto}.webp`);
    expect(photoEntry?.equals(photo)).toBe(true);
    await screenshot(shop.page, 'export-done');

    // Offline: a client added now is in the next export, built from OPFS alone.
    await f.appCached(shop.page);
    await shop.context.setOffline(true);
    const offlineId = await f.addClient(shop.page, { name: 'Hors-ligne Àdìgún ✂️', phone: '01 97 77 20 09' });
    const offline = await exportFromSettings(shop.page, e2e.appUrl);
    const second = await readExport(offline.bytes);
    expect(second.tables.clients.json.find((c) => c.id === offlineId)).toMatchObject({ name: 'Hors-ligne Àdìgún ✂️' });
    expect(second.tables.clients.json).toHaveLength(NAMES.length + 1);
    expect(second.entries.has(`photos/${order.fabricPhoto}.webp`)).toBe(true);
    expect(second.readme).toContain('Toutes les photos citées par les commandes sont incluses.');
    await shop.context.close();
  }, 240_000);
});
