/**
 * Issue 11, the workshop's side, in Chromium against a real cloud: the owner fills the public
 * profile (French specialties, price range, about, WhatsApp, district), places the workshop on
 * the Leaflet map (OpenStreetMap tiles allowed by the page's CSP, served here by a stand-in) and
 * with "Je suis à l'atelier" (refused, then allowed), previews the public page, publishes; the
 * profile is found by the public search. A portfolio photo taken while OFFLINE shows from the
 * local file, goes up once back online, and appears in the public profile once uploaded. On the
 * free plan the photo limit is shown ("x / 6") and reached; the statistics say they need the
 * network; the screens fit a 360 px phone.
 */
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { newPage, screenshot, startE2E, waitUntil, type E2E } from './support.js';
import * as f from './flows.js';
import { setSubscription } from '../cloud/directory/directoryTesting.js';

let e2e: E2E;
const OWNER = { workshop: 'Couture Éden', owner: 'Édwige Houénou', phone: '01 97 31 00 11', password: 'annuaire-cotonou-2026' };
const SLUG = 'couture-eden-cotonou';
const AT_WORKSHOP = { latitude: 6.3654, longitude: 2.4183 };

beforeAll(async () => {
  e2e = await startE2E();
}, 240_000);
afterAll(async () => {
  await e2e?.close();
});

async function photoBytes(colour: string): Promise<Buffer> {
  return sharp({ create: { width: 800, height: 600, channels: 3, background: colour } }).jpeg().toBuffer();
}

async function workshopId(): Promise<string> {
  const { rows } = await e2e.server.ctx.db.executeSql('SELECT id FROM workshop WHERE name = $1', [OWNER.workshop]);
  return String(rows[0]!.id);
}

async function fitsWidth(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);
}

describe('the directory in the app', () => {
  it('profile, map, preview, publish; a photo taken offline reaches the public profile once uploaded; the plan\'s limit', async () => {
    const { context, page } = await newPage(e2e);
    // The map's tiles: a stand-in for OpenStreetMap (the test has no Internet), reached only if the page's CSP allows them.
    const tile = await sharp({ create: { width: 256, height: 256, channels: 3, background: '#dfe7d0' } }).png().toBuffer();
    const tileRequests: string[] = [];
    await context.route(/^https:\/\/[abc]\.tile\.openstreetmap\.org\//, (route) => {
      tileRequests.push(route.request().url());
      return route.fulfill({ status: 200, contentType: 'image/png', body: tile });
    });
    const cspViolations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });

    await f.signUp(page, e2e.appUrl, OWNER);
    await f.finishSetup(page, { city: 'Cotonou', capacity: '6' });
    await page.getByRole('navigation', { name: 'Navigation' }).getByRole('link', { name: 'Annuaire' }).click();
    await page.getByRole('heading', { name: 'Annuaire' }).waitFor();
    expect(await page.getByTestId('publish-state').textContent()).toBe('Votre fiche n’est pas publiée : personne ne la voit.');
    expect(await page.getByTestId('publish-missing').textContent()).toContain('la position de l’atelier sur la carte');
    // The workshop's name and city to start from.
    expect(await page.getByLabel('Nom affiché').inputValue()).toBe(OWNER.workshop);
    expect(await page.getByLabel('Ville', { exact: true }).inputValue()).toBe('Cotonou');

    await page.getByLabel('Mariage').check();
    await page.getByLabel('Femme', { exact: true }).check();
    await page.getByLabel('Gamme de prix').selectOption({ label: 'Haut de gamme' });
    await page.getByLabel('Présentation').fill('Robes de mariée et tenues en bazin, sur mesure depuis 2009.');
    await page.getByLabel('Numéro WhatsApp').fill('01 97 00 00 21');
    await page.getByLabel('Quartier').fill('Cadjèhoun');

    // The map: OpenStreetMap tiles and their attribution; a tap places the workshop.
    const map = page.getByTestId('position-map');
    await map.locator('img.leaflet-tile-loaded').first().waitFor({ timeout: 30_000 });
    expect(tileRequests.length).toBeGreaterThan(0);
    expect(cspViolations).toEqual([]);
    expect(await map.locator('.leaflet-control-attribution').textContent()).toContain('© OpenStreetMap');
    expect(await page.getByTestId('position-value').textContent()).toBe('Pas encore de position.');
    await map.click({ position: { x: 120, y: 90 } });
    await page.getByTestId('position-value').filter({ hasText: /^Position : 6,\d+, 2,\d+$/ }).waitFor();

    // "Je suis à l'atelier": refused first (clear French message), then allowed.
    await page.getByRole('button', { name: 'Je suis à l’atelier' }).click();
    await page.getByRole('alert').filter({ hasText: 'Position refusée' }).waitFor();
    await context.grantPermissions(['geolocation']);
    await context.setGeolocation(AT_WORKSHOP);
    await page.getByRole('button', { name: 'Je suis à l’atelier' }).click();
    await page.getByTestId('position-value').filter({ hasText: 'Position : 6,3654, 2,4183' }).waitFor();

    // The preview: the public page itself, from the form, in a frame where nothing runs.
    await page.getByRole('button', { name: 'Voir l’aperçu' }).click();
    const preview = page.frameLocator('[data-testid="profile-preview"]');
    await preview.getByRole('heading', { name: OWNER.workshop, level: 1 }).waitFor();
    expect(await preview.locator('body').textContent()).toContain('Cadjèhoun');
    expect(await page.getByTestId('profile-preview').getAttribute('sandbox')).toBe('allow-same-origin');
    await screenshot(page, 'directory-profile-preview');

    await page.getByLabel('Publier ma fiche dans l’annuaire').check();
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByTestId('publish-state').filter({ hasText: 'Votre fiche est publiée.' }).waitFor();
    await f.syncNow(page);
    const found = await waitUntil('the profile in the search', async () => {
      const answer = (await (await fetch(`${e2e.server.url}/api/directory/search?lat=6.366&lng=2.418&radiusKm=5`)).json()) as { results: { slug: string; district: string; specialties: string[] }[] };
      return answer.results.find((r) => r.slug === SLUG);
    });
    expect(found).toMatchObject({ district: 'Cadjèhoun', specialties: ['femme', 'mariage'] });

    // The portfolio, offline: the photo is kept on the device and shown from it.
    await page.getByRole('link', { name: 'Portfolio' }).click();
    await page.getByTestId('portfolio-count').filter({ hasText: '0 / 100 photos' }).waitFor();
    await f.appCached(page);
    await context.setOffline(true);
    await page.getByTestId('portfolio-file').setInputFiles({ name: 'robe.jpg', mimeType: 'image/jpeg', buffer: await photoBytes('#b03a2e') });
    await page.getByTestId('portfolio-count').filter({ hasText: '1 / 100 photos' }).waitFor();
    await page.getByTestId('portfolio-item').getByRole('img', { name: 'Photo 1' }).waitFor();
    await page.getByLabel('Légende').fill('Robe de mariée en bazin');
    await page.getByLabel('Légende').blur();
    await page.getByRole('img', { name: 'Robe de mariée en bazin' }).waitFor();
    await page.getByRole('button', { name: 'Synchroniser' }).click();
    await page.getByTestId('syncbar').and(page.locator('[data-status="offline"]')).waitFor({ timeout: 30_000 });
    expect(Number(await page.getByTestId('syncbar').getAttribute('data-pending'))).toBeGreaterThan(0);
    await page.getByRole('link', { name: 'Statistiques' }).click();
    await page.getByTestId('stats-offline').filter({ hasText: 'Hors ligne : statistiques indisponibles' }).waitFor({ timeout: 30_000 });
    expect(await (await e2e.server.ctx.services.directory.profile(SLUG)).kind).toBe('found');
    await screenshot(page, 'directory-offline');

    // Back online: the row and the file go up; the public profile shows the photo once uploaded.
    await context.setOffline(false);
    await f.syncNow(page);
    const shown = await waitUntil('the uploaded photo on the public profile', async () => {
      const lookup = await e2e.server.ctx.services.directory.profile(SLUG);
      return lookup.kind === 'found' && lookup.photos.length === 1 ? lookup.photos[0] : undefined;
    });
    expect(shown).toMatchObject({ caption: 'Robe de mariée en bazin', position: 0 });
    const pageAnswer = await fetch(`${e2e.server.url}/s/${SLUG}`);
    expect(pageAnswer.status).toBe(200);
    const html = await pageAnswer.text();
    expect(html).toContain(shown!.fileHash);
    expect(html).toContain('Robe de mariée en bazin');

    // A visitor's phone sees the page and taps WhatsApp: the owner's statistics count them (online).
    const PHONE_UA = 'Mozilla/5.0 (Linux; Android 13; TECNO KI7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36';
    expect((await fetch(`${e2e.server.url}/s/${SLUG}/vue.gif`, { headers: { 'user-agent': PHONE_UA } })).status).toBe(200);
    expect((await fetch(`${e2e.server.url}/s/${SLUG}/whatsapp`, { headers: { 'user-agent': PHONE_UA }, redirect: 'manual' })).status).toBe(302);
    const totals = page.getByTestId('stats-totals');
    await waitUntil('the visit in the statistics', async () => {
      await page.getByRole('link', { name: 'Portfolio' }).click();
      await page.getByRole('link', { name: 'Statistiques' }).click();
      await totals.waitFor({ timeout: 10_000 });
      return (await totals.locator('dd').allTextContents()).join(' ') === '1 1 0' ? true : undefined;
    });
    expect(await page.getByTestId('stats-chart').locator('svg rect').count()).toBe(30);
    expect(await page.getByTestId('stats-chart').getByRole('img').getAttribute('aria-label')).toMatch(/^Visites, contacts WhatsApp et appels par jour, du \d{2}\/\d{2}\/\d{4} au \d{2}\/\d{2}\/\d{4}$/);
    await screenshot(page, 'directory-stats');

    // The free plan (no directory, 6 photos): its limit is shown, then reached.
    await setSubscription(e2e.server.ctx, await workshopId(), 'active', 'gratuit');
    await f.syncNow(page);
    await page.getByRole('link', { name: 'Portfolio' }).click();
    await page.getByTestId('portfolio-count').filter({ hasText: '1 / 6 photos' }).waitFor({ timeout: 30_000 });
    for (const colour of ['#1f618d', '#117a65', '#b7950b', '#6c3483', '#a04000']) {
      const before = await page.getByTestId('portfolio-item').count();
      await page.getByTestId('portfolio-file').setInputFiles({ name: 'photo.jpg', mimeType: 'image/jpeg', buffer: await photoBytes(colour) });
      await waitUntil('the photo added', async () => ((await page.getByTestId('portfolio-item').count()) > before ? true : undefined));
    }
    await page.getByTestId('portfolio-count').filter({ hasText: '6 / 6 photos' }).waitFor();
    expect(await page.getByTestId('portfolio-full').textContent()).toBe('Limite de votre formule atteinte (6 / 6 photos) : retirez une photo ou choisissez une formule plus grande (écran Abonnement).');
    expect(await page.getByTestId('portfolio-file').isDisabled()).toBe(true);

    // Reorder with the buttons; remove after confirming.
    const captionOf = (i: number) => page.getByTestId('portfolio-item').nth(i).getByRole('img').getAttribute('alt');
    await page.getByRole('button', { name: 'Descendre la photo 1' }).click();
    await waitUntil('the first photo moved down', async () => ((await captionOf(1)) === 'Robe de mariée en bazin' ? true : undefined));
    await page.getByTestId('portfolio-item').nth(1).getByRole('button', { name: 'Retirer' }).click();
    await page.getByRole('button', { name: 'Oui, retirer' }).click();
    await page.getByTestId('portfolio-count').filter({ hasText: '5 / 6 photos' }).waitFor();
    expect(await page.getByRole('img', { name: 'Robe de mariée en bazin' }).count()).toBe(0);

    // On the free plan the profile says which plan to choose; all of it fits a 360 px phone.
    await page.setViewportSize({ width: 360, height: 740 });
    expect(await fitsWidth(page)).toBe(true);
    await screenshot(page, 'directory-portfolio-360');
    await page.getByRole('link', { name: 'Profil public' }).click();
    await page.getByTestId('plan-refusal').filter({ hasText: 'votre formule « Gratuit » ne comprend pas l’annuaire. Choisissez la formule Solo, Atelier ou Maison de couture' }).waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('publish-state').textContent()).toBe('Votre fiche est publiée, mais cachée du public tant que votre formule ne comprend pas l’annuaire.');
    expect(await fitsWidth(page)).toBe(true);
    await screenshot(page, 'directory-profile-360');
    await context.close();
  }, 300_000);
});
