/**
 * Issue 12's admin portal in Chromium, against a real cloud:
 * (a) an admin signs in through the page with a TOTP code, sees the dashboard, finds a workshop
 *     and suspends it with a reason; that workshop's web app (its owner in a second browser
 *     context) shows the suspension after its next sync;
 * (b) a first sign-in enrols the authenticator: the QR image, the secret shown in text (the code is
 *     computed from it), the ten recovery codes shown once;
 * (c) a write without the CSRF token is refused, from the portal's own page and at the API; a
 *     lost session brings the sign-in page back with « Votre session a expiré »;
 * (d) each page's screenshot (1366×768, and the phone at 360 px), with no CSP refusal.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createTestAdmin, signedInAdmin } from '../cloud/admin/adminTesting.js';
import { startTestServer, type TestServer } from '../cloud/testing/testServer.js';
import { ensureWebBuild, launchBrowser, screenshot, SCREENSHOTS } from './support.js';
import { ensureAdminBuild, freshStep, fillPassword, go, openAdmin, PHONE, reportedWorkshop, signInThroughPage, totpNow, workshopAllowingSupport } from './adminSupport.js';
import * as f from './flows.js';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  ensureWebBuild();
  ensureAdminBuild();
  mkdirSync(SCREENSHOTS, { recursive: true });
  server = await startTestServer({ DATA_DIR: mkdtempSync(join(tmpdir(), 'styliste-admin-e2e-')) });
  browser = await launchBrowser();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const OWNER = { workshop: 'Atelier Akwaba Couture', owner: 'Afiavi Zinsou', phone: '01 97 61 00 01', password: 'akwaba-couture-2026' };

describe('the admin portal', () => {
  it('(a) signs in with a code, finds a workshop and suspends it with a reason; the workshop’s app shows the suspension after its sync', async () => {
    // The workshop's owner, in the web app.
    const ownerContext = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'fr-FR', timezoneId: 'Africa/Porto-Novo' });
    const app = await ownerContext.newPage();
    await f.signUp(app, `${server.url}/app/`, OWNER);
    await f.finishSetup(app, { city: 'Abomey-Calavi', capacity: '5' });
    const banner = app.getByTestId('billing-banner');
    await banner.and(app.locator('[data-kind="trial"]')).waitFor({ timeout: 30_000 });

    // The admin, in a context of its own.
    const admin = await createTestAdmin(server.ctx, { role: 'superadmin' });
    const { context, page, errors } = await openAdmin(browser);
    await fillPassword(page, server.url, admin);
    await screenshot(page, 'admin-sign-in-code');
    await freshStep();
    await page.getByLabel('Code à 6 chiffres ou code de secours').fill(totpNow(admin.secret));
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('heading', { name: 'Tableau de bord' }).waitFor({ timeout: 30_000 });
    await page.getByTestId('tile-workshops').waitFor({ timeout: 30_000 });
    expect(Number((await page.getByTestId('tile-workshops').locator('strong').textContent())?.replace(/\D/g, ''))).toBeGreaterThanOrEqual(1);
    await screenshot(page, 'admin-dashboard');

    // Search the workshop by its name, open it.
    await page.getByRole('navigation', { name: 'Portail' }).getByRole('link', { name: 'Ateliers' }).click();
    await page.getByLabel('Rechercher').fill('Akwaba');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.waitForURL(/#\/ateliers\?q=Akwaba$/);
    const row = page.getByTestId('workshop-row').filter({ hasText: OWNER.workshop });
    await row.waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('workshop-row').count()).toBe(1);
    expect(await row.textContent()).toContain('Abomey-Calavi');
    await screenshot(page, 'admin-workshops');
    await row.getByRole('link', { name: OWNER.workshop }).click();
    await page.getByRole('heading', { name: OWNER.workshop }).waitFor();
    const workshopRoute = new URL(page.url()).hash.slice(1);
    expect(workshopRoute).toMatch(/^\/ateliers\/[0-9a-f-]{36}$/);
    const status = page.getByTestId('workshop-status');
    expect(await status.textContent()).toBe('Essai');

    // Suspend: the button waits for a reason, then asks for a confirmation.
    const suspend = page.getByRole('form', { name: 'Suspendre l’atelier' });
    const button = suspend.getByRole('button', { name: 'Suspendre' });
    expect(await button.isDisabled()).toBe(true);
    await suspend.getByLabel('Motif').fill('Fraude au paiement signalée par FedaPay (dossier 4411)');
    expect(await button.isDisabled()).toBe(false);
    await button.click();
    await suspend.getByText(`Suspendre « ${OWNER.workshop} » ?`, { exact: false }).waitFor();
    await screenshot(page, 'admin-workshop-confirm');
    await suspend.getByRole('button', { name: 'Confirmer' }).click();
    await status.filter({ hasText: 'Suspendu' }).waitFor({ timeout: 30_000 });
    await page.getByRole('form', { name: 'Rétablir l’atelier' }).waitFor();
    expect(await page.getByTestId('workshop-flash').textContent()).toContain('Atelier suspendu');
    // The new form starts empty: its button waits for a reason of its own.
    expect(await page.getByRole('form', { name: 'Rétablir l’atelier' }).getByRole('button', { name: 'Rétablir' }).isDisabled()).toBe(true);
    expect(await page.getByTestId('workshop-history').textContent()).toContain('Fraude au paiement signalée par FedaPay (dossier 4411)');
    await screenshot(page, 'admin-workshop');

    // The journal has the action, with its reason.
    await go(page, server.url, '/journal');
    const entry = page.getByTestId('audit-entry').and(page.locator('[data-action="workshop.suspend"]'));
    await entry.first().waitFor({ timeout: 30_000 });
    expect(await entry.first().textContent()).toContain('dossier 4411');
    expect(await entry.first().textContent()).toContain(admin.email);
    await screenshot(page, 'admin-audit');
    // Filtered to the suspensions; the CSV export carries the same filter, and the cookie goes with it.
    await page.getByLabel('Action').selectOption('workshop.suspend');
    await page.getByRole('button', { name: 'Filtrer' }).click();
    await page.waitForURL(/#\/journal\?action=workshop\.suspend$/);
    // The filtered page (the previous answer is cleared when the filters change): the suspension only.
    await expect.poll(() => page.getByTestId('audit-entry').count(), { timeout: 30_000 }).toBe(1);
    expect(await entry.count()).toBe(1);
    const csvLink = page.getByRole('link', { name: 'Exporter en CSV' });
    expect(await csvLink.getAttribute('href')).toBe('/api/admin/audit.csv?action=workshop.suspend');
    const downloading = page.waitForEvent('download');
    await csvLink.click();
    const csv = await (await downloading).createReadStream().then(async (stream) => {
      let text = '';
      for await (const chunk of stream) text += String(chunk);
      return text;
    });
    expect(csv).toContain('dossier 4411');
    expect(csv).not.toContain('Connexion');

    // The owner's app: after its next sync, the suspension's banner.
    await f.syncNow(app);
    await banner.and(app.locator('[data-kind="suspended"]')).waitFor({ timeout: 30_000 });
    expect(await banner.textContent()).toContain('Abonnement suspendu');
    await screenshot(app, 'admin-app-suspended');

    // The phone: the same workshop's page at 360 px.
    await page.setViewportSize(PHONE);
    await go(page, server.url, '/');
    await page.getByTestId('tile-workshops').waitFor();
    expect(await page.getByTestId('tile-troubled').textContent()).toContain('1 suspendu(s)');
    await screenshot(page, 'admin-dashboard-phone');
    await go(page, server.url, workshopRoute);
    await page.getByRole('heading', { name: OWNER.workshop }).waitFor();
    await screenshot(page, 'admin-workshop-phone');
    // Nothing wider than the phone's screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    expect(errors).toEqual([]);
    await ownerContext.close();
    await context.close();
  }, 120_000);

  it('(b) a first sign-in enrols the authenticator: the QR image, the secret typed by hand, the recovery codes once', async () => {
    const admin = await createTestAdmin(server.ctx, { role: 'support', confirmed: false });
    const { context, page, errors } = await openAdmin(browser);
    // A wrong password: the API's French refusal, still on the password step.
    await page.goto(`${server.url}/admin/`);
    await page.getByLabel('Adresse e-mail').fill(admin.email);
    await page.getByLabel('Mot de passe').fill('pas-le-bon-mot-de-passe');
    await page.getByRole('button', { name: 'Continuer' }).click();
    await page.getByRole('alert').filter({ hasText: 'Adresse e-mail ou mot de passe incorrect.' }).waitFor({ timeout: 30_000 });
    await fillPassword(page, server.url, admin);
    await page.getByRole('heading', { name: 'Activez la double authentification' }).waitFor();
    const qr = page.getByRole('img', { name: /QR code/ });
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml;charset=utf-8,%3Csvg/);
    expect(await qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    const secret = ((await page.getByTestId('totp-secret').textContent()) ?? '').replace(/\s+/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    await screenshot(page, 'admin-enrolment');

    // A wrong code: the API's French refusal; then the right one.
    await page.getByLabel('Code à 6 chiffres ou code de secours').fill(totpNow(secret) === '000000' ? '111111' : '000000');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    expect(await page.getByRole('alert').textContent()).toMatch(/Code incorrect, expiré ou déjà utilisé/);
    await freshStep();
    await page.getByLabel('Code à 6 chiffres ou code de secours').fill(totpNow(secret));
    await page.getByRole('button', { name: 'Se connecter' }).click();
    const codes = page.getByTestId('recovery-codes').locator('li');
    await page.getByRole('heading', { name: 'Vos codes de secours' }).waitFor();
    expect(await codes.count()).toBe(10);
    const shown = await codes.allTextContents();
    expect(new Set(shown).size).toBe(10);
    for (const code of shown) expect(code).toMatch(/^[A-Z2-7]{4}-?[A-Z2-7]{4}-?[A-Z2-7]{4}$/);
    await screenshot(page, 'admin-recovery-codes');
    await page.getByRole('button', { name: 'Je les ai notés' }).click();
    await page.getByRole('heading', { name: 'Tableau de bord' }).waitFor();
    // A support admin has no « Administrateurs ».
    expect(await page.getByRole('navigation', { name: 'Portail' }).getByRole('link', { name: 'Administrateurs' }).count()).toBe(0);

    // A reload keeps the session (GET /api/admin/session); the codes are never shown again.
    await page.reload();
    await page.getByRole('heading', { name: 'Tableau de bord' }).waitFor();
    expect(await page.getByTestId('recovery-codes').count()).toBe(0);
    // « Se déconnecter » ends the session at the server: a reload stays on the sign-in page.
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.getByText('Vous êtes déconnecté.').waitFor();
    await page.reload();
    await page.getByLabel('Adresse e-mail').waitFor();
    expect(await page.getByRole('heading', { name: 'Tableau de bord' }).count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();

    // The next sign-in asks only for the code (no QR code any more).
    const again = await openAdmin(browser);
    await fillPassword(again.page, server.url, { email: admin.email, password: admin.password });
    expect(await again.page.getByRole('heading', { name: 'Activez la double authentification' }).count()).toBe(0);
    expect(await again.page.getByRole('img', { name: /QR code/ }).count()).toBe(0);
    await again.context.close();
  }, 60_000);

  it('(c) a write without the CSRF token is refused; a lost session brings back the sign-in page', async () => {
    const admin = await createTestAdmin(server.ctx, { role: 'superadmin' });
    const { context, page } = await openAdmin(browser);
    await signInThroughPage(page, server.url, admin);
    // From the portal's own page, with its cookie but without the header: refused, in French.
    const refused = await page.evaluate(async () => {
      const response = await fetch('/api/admin/logout', { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json', 'accept-language': 'fr' }, body: '{}' });
      return { status: response.status, body: (await response.json()) as { error: { code: string; message: string } } };
    });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('csrf_refused');
    expect(refused.body.error.message).toContain('jeton anti-falsification');
    // The session is still open: the page still works.
    await go(page, server.url, '/ateliers');
    await page.getByTestId('workshops-total').waitFor({ timeout: 30_000 });

    // At the API: a suspension without the token changes nothing.
    const client = await signedInAdmin(server);
    const list = await client.json<{ workshops: { id: string }[] }>('/api/admin/workshops');
    const target = list.workshops[0]!.id;
    const before = await client.json<{ subscription: { status: string } | null }>(`/api/admin/workshops/${target}`);
    const forged = await client.fetch(`/api/admin/workshops/${target}/restore`, { method: 'POST', json: { reason: 'sans jeton' }, csrf: false });
    expect(forged.status).toBe(403);
    expect(((await forged.json()) as { error: { code: string } }).error.code).toBe('csrf_refused');
    expect(await client.json(`/api/admin/workshops/${target}`)).toMatchObject({ subscription: before.subscription });

    // The cookie gone (expired, revoked): the next request brings back the sign-in page.
    await context.clearCookies();
    await go(page, server.url, '/moderation');
    await page.getByText('Votre session a expiré').waitFor({ timeout: 30_000 });
    await page.getByLabel('Adresse e-mail').waitFor();
    await screenshot(page, 'admin-session-expired');
    await context.close();
  }, 60_000);
});

const SUPPORTED = { workshop: 'Atelier Sèdjro Mode', owner: 'Sèdjro Ahouansou', phone: '01 97 61 00 02', password: 'sedjro-mode-2026' };

describe('the portal’s other pages', () => {
  it('(d) moderation with a report, the support view the owner allowed, the admins and an invitation', async () => {
    // A workshop in the app with a client and an order, whose owner allows the support view;
    // a listed workshop reported twice by visitors (its profile, and one of its photos).
    await workshopAllowingSupport(browser, server, SUPPORTED, { client: { name: 'Rachidatou Bello', phone: '01 62 11 22 33' }, order: { garment: 'Kaba', price: '18000', deposit: '6000' } });
    const { listed, slug } = await reportedWorkshop(server, { name: 'Couture Élégance Cotonou', city: 'Cotonou', details: 'Demande un acompte par transfert puis ne répond plus.', photoCaption: 'Grand boubou bleu' });

    const admin = await createTestAdmin(server.ctx, { role: 'superadmin' });
    const { context, page, errors } = await openAdmin(browser);
    await signInThroughPage(page, server.url, admin);

    // Moderation: the report, « Garder » with a reason.
    await page.getByRole('navigation', { name: 'Portail' }).getByRole('link', { name: 'Modération' }).click();
    const card = page.getByTestId('report').filter({ hasText: 'Demande un acompte par transfert' });
    await card.waitFor({ timeout: 30_000 });
    expect(await card.textContent()).toContain('Arnaque — Couture Élégance Cotonou (Cotonou)');
    expect(await card.getByRole('link', { name: 'Voir le profil public' }).getAttribute('href')).toBe(`/s/${slug}`);
    const photoCard = page.getByTestId('report').filter({ hasText: 'Grand boubou bleu' });
    const photo = photoCard.getByRole('img', { name: 'Grand boubou bleu' });
    await photo.waitFor({ timeout: 30_000 });
    await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), { timeout: 10_000 }).toBe(480);
    await screenshot(page, 'admin-moderation');
    // Hiding the photo: a reason, a confirmation.
    const hide = photoCard.getByRole('form', { name: 'Masquer la photo' });
    await hide.getByLabel('Motif').fill('Photo d’un autre atelier, reprise sans accord');
    await hide.getByRole('button', { name: 'Masquer' }).click();
    await hide.getByRole('button', { name: 'Confirmer' }).click();
    await photoCard.and(page.locator('[data-status="resolved"]')).waitFor({ timeout: 30_000 });
    expect(await photoCard.textContent()).toContain('Photo masquée');
    const keep = card.getByRole('form', { name: 'Garder le profil' });
    await keep.getByLabel('Motif').fill('Vérifié par téléphone avec l’atelier : malentendu sur l’acompte.');
    await keep.getByRole('button', { name: 'Garder' }).click();
    await page.getByTestId('report').and(page.locator('[data-status="resolved"]')).first().waitFor({ timeout: 30_000 });

    // The support view of the workshop whose owner allowed it: read-only, its client and order.
    await go(page, server.url, `/ateliers?q=${encodeURIComponent('Sèdjro')}`);
    await page.getByTestId('workshop-row').filter({ hasText: SUPPORTED.workshop }).getByRole('link', { name: SUPPORTED.workshop }).click();
    await page.getByRole('link', { name: 'Vue d’assistance' }).click();
    await page.getByText('Lecture seule — chaque page consultée est inscrite au journal.').waitFor({ timeout: 30_000 });
    await page.getByTestId('support-client').filter({ hasText: 'Rachidatou Bello' }).waitFor({ timeout: 30_000 });
    await screenshot(page, 'admin-support-clients');
    await page.getByRole('tab', { name: 'Commandes' }).click();
    await page.getByRole('cell', { name: 'Rachidatou Bello' }).waitFor({ timeout: 30_000 });
    expect(await page.locator('table').textContent()).toMatch(/12\s000\sFCFA/);
    await screenshot(page, 'admin-support-orders');
    // A workshop that allowed nothing: the API's French refusal.
    await go(page, server.url, `/ateliers/${listed.workshopId}/assistance`);
    await page.getByText('n’a pas autorisé la vue d’assistance').waitFor({ timeout: 30_000 });

    // Admins: invite one, the link to pass on; the invitation page sets a password.
    await page.getByRole('navigation', { name: 'Portail' }).getByRole('link', { name: 'Administrateurs' }).click();
    await page.getByTestId('admin-row').filter({ hasText: admin.email }).waitFor({ timeout: 30_000 });
    const invite = page.getByRole('form', { name: 'Inviter un administrateur' });
    await invite.getByLabel('E-mail').fill('nadia.assistance@styliste.test');
    await invite.getByLabel('Nom').fill('Nadia Assistance');
    await invite.getByLabel('Motif').fill('Renfort de l’assistance pour la rentrée');
    await invite.getByRole('button', { name: 'Créer l’invitation' }).click();
    const link = page.getByRole('textbox', { name: 'Lien d’invitation' });
    await link.waitFor({ timeout: 30_000 });
    const inviteUrl = await link.inputValue();
    expect(inviteUrl).toMatch(/\/admin\/#\/invitation\/[\w-]+$/);
    await page.getByTestId('admin-row').filter({ hasText: 'nadia.assistance@styliste.test' }).waitFor();
    await screenshot(page, 'admin-admins');
    expect(errors).toEqual([]);

    const invited = await openAdmin(browser);
    await invited.page.goto(`${server.url}/admin/#/invitation/${inviteUrl.split('/invitation/')[1]}`);
    await invited.page.getByText('nadia.assistance@styliste.test').waitFor({ timeout: 30_000 });
    await invited.page.getByLabel('Mot de passe', { exact: true }).fill('nadia-assistance-2026');
    await invited.page.getByLabel('Mot de passe (encore)').fill('nadia-assistance-2026');
    await screenshot(invited.page, 'admin-invitation');
    await invited.page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
    await invited.page.getByRole('link', { name: 'Aller à la connexion' }).click();
    await fillPassword(invited.page, server.url, { email: 'nadia.assistance@styliste.test', password: 'nadia-assistance-2026' });
    await invited.page.getByRole('heading', { name: 'Activez la double authentification' }).waitFor();
    expect(invited.errors).toEqual([]);
    await invited.context.close();

    // Removing an admin: a reason, a confirmation; the row goes.
    await page.reload();
    const nadia = page.getByTestId('admin-row').filter({ hasText: 'nadia.assistance@styliste.test' });
    await nadia.getByText('Retirer…').click();
    const remove = nadia.getByRole('form', { name: 'Retirer Nadia Assistance' });
    await remove.getByLabel('Motif').fill('Fin de la mission de renfort');
    await remove.getByRole('button', { name: 'Retirer' }).click();
    await remove.getByRole('button', { name: 'Confirmer' }).click();
    await nadia.waitFor({ state: 'detached', timeout: 30_000 });
    expect(await page.getByTestId('admin-row').filter({ hasText: admin.email }).textContent()).toContain('Vous');
    await context.close();
  }, 120_000);
});
