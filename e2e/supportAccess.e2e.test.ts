/**
 * Settings › Assistance Styliste in Chromium, against a real cloud: the owner allows the support
 * view for 24 h (the end shown in the workshop's time), an admin then reads the client made in the
 * browser; the owner withdraws it after the confirmation and the admin is refused at once;
 * offline, the section says it needs the internet.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { newPage, screenshot, startE2E, type E2E } from './support.js';
import * as f from './flows.js';
import { signedInAdmin } from '../cloud/admin/adminTesting.js';
import { rows } from '../cloud/db/client.js';
import { SUPPORT_GRANT_MS } from '../shared/admin/rules.js';

let e2e: E2E;
const OWNER = { workshop: 'Atelier Assistance Ọ̀ṣọ́', owner: 'Sènami Adjovi', phone: '01 97 66 10 01', password: 'assistance-24h-2026' };

beforeAll(async () => {
  e2e = await startE2E();
}, 180_000);
afterAll(async () => {
  await e2e?.close();
});

/** « 20:18 »: an instant's time of day in Porto-Novo (UTC+1, no summer time). */
const portoNovoTime = (iso: string) => new Date(Date.parse(iso) + 3_600_000).toISOString().slice(11, 16);

describe('the support permission in the settings', () => {
  it('allows the support view for 24 h, shows its end, withdraws it after a confirmation; offline it needs the internet', async () => {
    const shop = await newPage(e2e);
    await f.signUp(shop.page, e2e.appUrl, OWNER);
    await f.finishSetup(shop.page, { city: 'Abomey', capacity: '8' });
    await f.addClient(shop.page, { name: 'Cliente de l’assistance', phone: '01 97 66 20 01' });
    await f.syncNow(shop.page);

    await shop.page.goto(`${e2e.appUrl}#/settings`);
    const section = shop.page.getByTestId('support-access');
    const allow = section.getByRole('button', { name: 'Autoriser l’assistance Styliste pendant 24 h' });
    await allow.waitFor();
    const before = Date.now();
    await allow.click();
    const allowed = section.getByTestId('support-allowed');
    await allowed.waitFor();

    const [grant] = await e2e.server.ctx.db.system((tx) =>
      rows<{ workshopId: string; expiresAt: string }>(tx, sql`SELECT workshop_id::text AS "workshopId", expires_at::text AS "expiresAt" FROM support_grants WHERE revoked_at IS NULL`),
    );
    const expiresAt = new Date(grant!.expiresAt).toISOString();
    expect(Date.parse(expiresAt) - before).toBeGreaterThanOrEqual(SUPPORT_GRANT_MS - 1_000);
    expect(Date.parse(expiresAt) - Date.now()).toBeLessThanOrEqual(SUPPORT_GRANT_MS);
    const shown = await allowed.innerText();
    expect(shown).toContain('L’assistance Styliste peut consulter votre atelier, en lecture seule, jusqu’au');
    expect(shown).toContain(portoNovoTime(expiresAt));
    await screenshot(shop.page, 'settings-support-allowed');

    const admin = await signedInAdmin(e2e.server, { role: 'support' });
    const clients = await admin.json<{ clients: { name: string }[] }>(`/api/admin/workshops/${grant!.workshopId}/support/clients`);
    expect(clients.clients.map((c) => c.name)).toEqual(['Cliente de l’assistance']);

    // Withdraw: a confirmation first; « Non » keeps it.
    await section.getByRole('button', { name: 'Retirer l’autorisation' }).click();
    await section.getByRole('alertdialog').getByRole('button', { name: 'Non' }).click();
    expect((await admin.fetch(`/api/admin/workshops/${grant!.workshopId}/support/orders`)).status).toBe(200);
    await section.getByRole('button', { name: 'Retirer l’autorisation' }).click();
    await section.getByRole('alertdialog').getByRole('button', { name: 'Oui, retirer' }).click();
    await section.getByRole('status').filter({ hasText: 'Autorisation retirée' }).waitFor();
    await allow.waitFor();
    expect((await admin.fetch(`/api/admin/workshops/${grant!.workshopId}/support/orders`)).status).toBe(403);

    // Offline: the section says it needs the internet (and offers to try again).
    await shop.context.setOffline(true);
    await shop.page.goto(`${e2e.appUrl}#/today`);
    await shop.page.goto(`${e2e.appUrl}#/settings`);
    await section.getByTestId('support-offline').waitFor({ timeout: 30_000 });
    expect(await section.getByTestId('support-offline').innerText()).toBe('L’autorisation d’assistance demande une connexion à Internet. Reconnectez-vous puis réessayez.');
    await expect(section.getByRole('button', { name: 'Autoriser l’assistance Styliste pendant 24 h' }).count()).resolves.toBe(0);
    await screenshot(shop.page, 'settings-support-offline');
    await shop.context.setOffline(false);
    await section.getByRole('button', { name: 'Réessayer' }).click();
    await allow.waitFor();
    await shop.context.close();
  }, 180_000);
});
