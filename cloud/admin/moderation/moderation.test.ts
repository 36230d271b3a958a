/**
 * Moderation through the real parts: reports sent by the public "Signaler" form, decided by a
 * signed-in admin. A hidden profile leaves search, its page and the sitemap at once; a hidden photo
 * leaves the profile page and its public address, but the portal still sees it; keeping resolves
 * the reports and changes nothing public; the other pending reports on the same target are
 * resolved together; showing again brings it back; a later push by the workshop does not show it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from '../../testing/testServer.js';
import { rows } from '../../db/client.js';
import { deviceAtHead } from '../../testing/rawSync.js';
import type { FixtureWorkshop } from '../../testing/fixtures.js';
import { addPortfolioPhoto, COTONOU, listedWorkshop, markFileReady, slugOf } from '../../directory/directoryTesting.js';
import { request } from '../../directory/audience/audienceTesting.js';
import { photoPath, profilePath, reportPath } from '../../directory/paths.js';
import { signedInAdmin, type AdminClient } from '../adminTesting.js';
import type { ReportView } from './schemas.js';

let server: TestServer;
const clock = new Date('2036-05-04T09:00:00.000Z');
let admin: AdminClient;
let support: AdminClient;
let one: FixtureWorkshop;
let two: FixtureWorkshop;
let slugOne: string;
let slugTwo: string;
let itemId: string;
const HASH = 'c3'.repeat(32);
const WEBP = Buffer.from('RIFF\x10\x00\x00\x00WEBPVP8 photo-signalee', 'binary');
let nextIp = 1;

beforeAll(async () => {
  server = await startTestServer({ DATA_DIR: mkdtempSync(join(tmpdir(), 'styliste-moderation-')) }, { now: () => clock });
  one = await listedWorkshop(server.ctx, 'Couture Modérée Un');
  two = await listedWorkshop(server.ctx, 'Couture Modérée Deux');
  await markFileReady(server.ctx, two.workshopId, HASH);
  await server.ctx.services.uploads.storage.put(two.workshopId, HASH, 'thumb', WEBP);
  await server.ctx.services.uploads.storage.put(two.workshopId, HASH, 'full', WEBP);
  itemId = await addPortfolioPhoto(server.ctx, two.workshopId, HASH, { caption: 'Boubou brodé' });
  slugOne = (await slugOf(server.ctx, one.workshopId))!;
  slugTwo = (await slugOf(server.ctx, two.workshopId))!;
  admin = await signedInAdmin(server);
  support = await signedInAdmin(server, { role: 'support' });
}, 120_000);

afterAll(async () => {
  await server?.close();
});

/** A visitor's report through the public form (a fresh address each: 5 per address and hour). */
async function report(slug: string, form: string): Promise<void> {
  const reply = await request(server.url, reportPath(slug), { ip: `203.0.113.${nextIp++}` }, { method: 'POST', body: form, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  expect(reply.status, await reply.clone().text()).toBe(200);
}

async function pending(page = 1): Promise<{ reports: ReportView[]; page: number; hasMore: boolean }> {
  return admin.json(`/api/admin/reports?status=pending&page=${page}`);
}

async function allPending(): Promise<ReportView[]> {
  const found: ReportView[] = [];
  for (let page = 1; ; page += 1) {
    const answer = await pending(page);
    found.push(...answer.reports);
    if (!answer.hasMore) return found;
  }
}

const decide = (id: string, decision: 'hide' | 'keep', reason: string, by: AdminClient = admin) => by.fetch(`/api/admin/reports/${id}/${decision}`, { method: 'POST', json: { reason } });

async function searchSlugs(): Promise<string[]> {
  const reply = await fetch(`${server.url}/api/directory/search?lat=${COTONOU.lat}&lng=${COTONOU.lng}&q=moderee`);
  return ((await reply.json()) as { results: { slug: string }[] }).results.map((r) => r.slug);
}

/** The workshop's device, its clock on the server's (ahead of real time, like the rows already written). */
async function pushingDevice(shop: FixtureWorkshop) {
  const device = await deviceAtHead(server.url, shop.owner.token);
  device.clock.offsetMs = clock.getTime() - Date.now() + 1_000;
  return device;
}

const page = (slug: string) => request(server.url, profilePath(slug));
const sitemap = async () => (await fetch(`${server.url}/sitemap.xml`)).text();
const publicPhoto = () => request(server.url, photoPath(slugTwo, HASH));

async function auditOf(action: string): Promise<{ admin_email: string; target_type: string; target_id: string; workshop_id: string; reason: string; before: unknown; after: unknown; detail: { resolvedReports?: string[] } | null }[]> {
  return server.ctx.db.system((tx) =>
    rows(tx, sql`SELECT admin_email, target_type, target_id, workshop_id::text AS workshop_id, reason, before, after, detail FROM admin_audit WHERE action = ${action} ORDER BY id`),
  );
}

describe('the reports', () => {
  it('lists the pending reports oldest first, with the reason’s label, the photo and the other reports on the same target', async () => {
    await report(slugOne, 'reason=scam&details=Demande+un+acompte+par+Western+Union');
    await report(slugOne, 'reason=false_information');
    await report(slugTwo, `reason=inappropriate_photos&photo=${HASH}`);
    await report(slugTwo, `reason=other&details=Photo+vol%C3%A9e&photo=${HASH}`);
    await report(slugTwo, 'reason=other');
    const { reports, hasMore } = await pending();
    expect(hasMore).toBe(false);
    expect(reports.map((r) => [r.workshop.id, r.reason])).toEqual([
      [one.workshopId, 'scam'],
      [one.workshopId, 'false_information'],
      [two.workshopId, 'inappropriate_photos'],
      [two.workshopId, 'other'],
      [two.workshopId, 'other'],
    ]);
    expect(reports[0]).toMatchObject({
      reasonLabel: 'Arnaque',
      details: 'Demande un acompte par Western Union',
      status: 'pending',
      resolution: null,
      resolvedAt: null,
      workshop: { id: one.workshopId, name: 'Couture Modérée Un', slug: slugOne, city: 'Cotonou' },
      photo: null,
      profileHidden: false,
      othersPending: 1,
    });
    expect(reports[2]).toMatchObject({ reasonLabel: 'Photos inappropriées', photo: { itemId, caption: 'Boubou brodé', url: `/api/admin/photos/${itemId}`, hidden: false }, othersPending: 1 });
    expect(reports[4]).toMatchObject({ photo: null, othersPending: 0 });
    expect((await admin.json<{ reports: ReportView[] }>('/api/admin/reports?status=resolved')).reports).toEqual([]);
  });

  it('refuses a bad status or page in French, and anyone not signed in', async () => {
    const bad = await admin.fetch('/api/admin/reports?status=tout');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('pending (à traiter)');
    expect((await admin.fetch('/api/admin/reports?page=0')).status).toBe(400);
    expect((await admin.fetch('/api/admin/reports?page=abc')).status).toBe(400);
    expect((await fetch(`${server.url}/api/admin/reports`)).status).toBe(401);
  });
});

describe('hiding a profile', () => {
  it('takes it out of search, its page and the sitemap at once, resolves the other report on it, and is audited with before and after', async () => {
    expect(await searchSlugs()).toContain(slugOne);
    expect(await sitemap()).toContain(profilePath(slugOne));
    const [first, second] = (await pending()).reports.filter((r) => r.workshop.id === one.workshopId);
    const missing = await admin.fetch(`/api/admin/reports/${first!.id}/hide`, { method: 'POST', json: {} });
    expect(missing.status).toBe(400);
    expect(JSON.stringify(await missing.json())).toContain('Motif obligatoire');

    const hidden = await decide(first!.id, 'hide', 'Arnaque avérée : acompte demandé hors de l’application', support);
    expect(hidden.status).toBe(200);
    const { report: done } = (await hidden.json()) as { report: ReportView };
    expect(done).toMatchObject({ id: first!.id, status: 'resolved', resolution: 'hidden', resolvedAt: clock.toISOString(), profileHidden: true, othersPending: 0 });

    expect(await searchSlugs()).not.toContain(slugOne);
    expect((await page(slugOne)).status).toBe(404);
    expect(await sitemap()).not.toContain(profilePath(slugOne));
    const left = await allPending();
    expect(left.map((r) => r.id)).not.toContain(second!.id);
    expect(left.filter((r) => r.workshop.id === two.workshopId)).toHaveLength(3);
    const resolved = (await admin.json<{ reports: ReportView[] }>('/api/admin/reports?status=resolved')).reports;
    expect(resolved.map((r) => [r.id, r.resolution]).sort()).toEqual([[first!.id, 'hidden'], [second!.id, 'hidden']].sort());

    const [entry] = await auditOf('profile.hide');
    expect(entry).toMatchObject({
      admin_email: support.session.admin.email,
      target_type: 'profile',
      target_id: one.workshopId,
      workshop_id: one.workshopId,
      reason: 'Arnaque avérée : acompte demandé hors de l’application',
      before: { hiddenAt: null, hiddenReason: null },
      after: { hiddenAt: clock.toISOString(), hiddenReason: 'Arnaque avérée : acompte demandé hors de l’application' },
    });
    expect(entry!.detail!.resolvedReports!.sort()).toEqual([first!.id, second!.id].sort());
  });

  it('a report already resolved is a French 409, an unknown one a French 404', async () => {
    const resolved = (await admin.json<{ reports: ReportView[] }>('/api/admin/reports?status=resolved')).reports[0]!;
    const again = await decide(resolved.id, 'keep', 'Deuxième avis');
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'report_resolved', message: expect.stringContaining('déjà traité') });
    const unknown = await decide('5f0c9a8e-1b2c-4d3e-8f90-a1b2c3d4e5f6', 'hide', 'Essai');
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { message: string } }).error.message).toBe('Signalement introuvable.');
    expect((await admin.fetch(`/api/admin/reports/${resolved.id}/hide`, { method: 'POST', json: { reason: 'x' }, csrf: false })).status).toBe(403);
  });

  it('stays hidden when the workshop pushes its profile again', async () => {
    const device = await pushingDevice(one);
    const answer = await device.sync([device.mutation('directory_profile', one.workshopId, { about: 'Nouvelle présentation', published: true })]);
    expect(answer.rejected).toEqual([]);
    const [listing] = await server.ctx.db.system((tx) => rows<{ about: string; hidden_at: string | null }>(tx, sql`SELECT about, hidden_at FROM directory_listings WHERE workshop_id = ${one.workshopId}`));
    expect(listing!.about).toBe('Nouvelle présentation');
    expect(listing!.hidden_at).not.toBeNull();
    expect(await searchSlugs()).not.toContain(slugOne);
    expect((await page(slugOne)).status).toBe(404);
  });

  it('is shown again by unhide, audited; a second unhide is a 409', async () => {
    expect((await admin.fetch(`/api/admin/profiles/${one.workshopId}/unhide`, { method: 'POST', json: { reason: '' } })).status).toBe(400);
    const shown = await admin.fetch(`/api/admin/profiles/${one.workshopId}/unhide`, { method: 'POST', json: { reason: 'Explications reçues de l’atelier' } });
    expect(shown.status).toBe(200);
    expect(await searchSlugs()).toContain(slugOne);
    expect((await page(slugOne)).status).toBe(200);
    expect(await sitemap()).toContain(profilePath(slugOne));
    expect(await auditOf('profile.unhide')).toMatchObject([{ target_id: one.workshopId, reason: 'Explications reçues de l’atelier', after: { hiddenAt: null, hiddenReason: null } }]);
    expect((await admin.fetch(`/api/admin/profiles/${one.workshopId}/unhide`, { method: 'POST', json: { reason: 'Encore' } })).status).toBe(409);
    expect((await admin.fetch(`/api/admin/profiles/5f0c9a8e-1b2c-4d3e-8f90-a1b2c3d4e5f6/unhide`, { method: 'POST', json: { reason: 'Encore' } })).status).toBe(404);
  });
});

describe('hiding a photo', () => {
  it('takes it off the profile page and its public address; the portal still sees it; both photo reports resolved, the profile report left', async () => {
    expect(await (await page(slugTwo)).text()).toContain(HASH);
    expect((await publicPhoto()).status).toBe(200);
    const photoReports = (await allPending()).filter((r) => r.photo?.itemId === itemId);
    expect(photoReports).toHaveLength(2);
    const answer = await decide(photoReports[0]!.id, 'hide', 'Photo d’un autre atelier');
    expect(answer.status).toBe(200);
    expect(((await answer.json()) as { report: ReportView }).report).toMatchObject({ resolution: 'hidden', photo: { itemId, hidden: true, url: `/api/admin/photos/${itemId}` }, profileHidden: false });

    const html = await (await page(slugTwo)).text();
    expect(html).toContain('Couture Modérée Deux');
    expect(html).not.toContain(HASH);
    expect((await publicPhoto()).status).toBe(404);
    expect(await searchSlugs()).toContain(slugTwo);
    const seen = await admin.fetch(`/api/admin/photos/${itemId}`);
    expect(seen.status).toBe(200);
    expect(seen.headers.get('content-type')).toBe('image/webp');
    expect(Buffer.from(await seen.arrayBuffer())).toEqual(WEBP);
    expect((await fetch(`${server.url}/api/admin/photos/${itemId}`)).status).toBe(401);

    const left = (await allPending()).filter((r) => r.workshop.id === two.workshopId);
    expect(left).toHaveLength(1);
    expect(left[0]!.photo).toBeNull();
    const [entry] = await auditOf('photo.hide');
    expect(entry).toMatchObject({ target_type: 'photo', target_id: itemId, workshop_id: two.workshopId, before: { hiddenAt: null }, after: { hiddenReason: 'Photo d’un autre atelier' } });
    expect(entry!.detail!.resolvedReports).toHaveLength(2);
  });

  it('stays hidden when the workshop pushes a new caption, and is shown again by unhide', async () => {
    const device = await pushingDevice(two);
    const answer = await device.sync([device.mutation('portfolio_items', itemId, { caption: 'Boubou brodé main', position: 1 })]);
    expect(answer.rejected).toEqual([]);
    expect(await (await page(slugTwo)).text()).not.toContain(HASH);
    expect((await publicPhoto()).status).toBe(404);

    const shown = await admin.fetch(`/api/admin/photos/${itemId}/unhide`, { method: 'POST', json: { reason: 'Photo bien de l’atelier' } });
    expect(shown.status).toBe(200);
    const html = await (await page(slugTwo)).text();
    expect(html).toContain(HASH);
    expect(html).toContain('Boubou brodé main');
    expect((await publicPhoto()).status).toBe(200);
    expect(await auditOf('photo.unhide')).toMatchObject([{ target_type: 'photo', target_id: itemId, reason: 'Photo bien de l’atelier' }]);
    expect((await admin.fetch(`/api/admin/photos/${itemId}/unhide`, { method: 'POST', json: { reason: 'Encore' } })).status).toBe(409);
  });
});

describe('keeping', () => {
  it('resolves the report as kept and changes nothing public', async () => {
    const [kept] = (await allPending()).filter((r) => r.workshop.id === two.workshopId);
    const answer = await decide(kept!.id, 'keep', 'Rien d’anormal sur le profil');
    expect(answer.status).toBe(200);
    expect(((await answer.json()) as { report: ReportView }).report).toMatchObject({ status: 'resolved', resolution: 'kept', profileHidden: false });
    expect(await searchSlugs()).toContain(slugTwo);
    expect((await page(slugTwo)).status).toBe(200);
    expect(await auditOf('profile.keep')).toMatchObject([{ target_type: 'profile', target_id: two.workshopId, reason: 'Rien d’anormal sur le profil', before: null, after: null }]);
    expect(await allPending()).toEqual([]);
  });

  it('a photo the workshop unpublished after the report: still seen by the portal, cannot be hidden (409), can be kept', async () => {
    await report(slugTwo, `reason=inappropriate_photos&photo=${HASH}`);
    const device = await pushingDevice(two);
    expect((await device.sync([device.mutation('portfolio_items', itemId, { published: false })])).rejected).toEqual([]);
    const [late] = await allPending();
    expect(late!.photo).toMatchObject({ itemId, url: `/api/admin/photos/${itemId}`, hidden: false, caption: 'Boubou brodé main' });
    expect((await admin.fetch(`/api/admin/photos/${itemId}`)).status).toBe(200);
    const hide = await decide(late!.id, 'hide', 'Trop tard');
    expect(hide.status).toBe(409);
    expect(((await hide.json()) as { error: { code: string } }).error.code).toBe('target_gone');
    expect((await decide(late!.id, 'keep', 'Retirée par l’atelier')).status).toBe(200);
    expect(await allPending()).toEqual([]);
    // Another workshop's photo that nobody reported is not the portal's to see.
    const unreported = await addPortfolioPhoto(server.ctx, one.workshopId, HASH, { published: false });
    expect((await admin.fetch(`/api/admin/photos/${unreported}`)).status).toBe(404);
  });

  it('pages the queue 25 at a time', async () => {
    for (let i = 0; i < 27; i += 1) await report(slugTwo, `reason=other&details=Signalement+${i}`);
    const first = await pending(1);
    expect(first.reports).toHaveLength(25);
    expect(first.hasMore).toBe(true);
    const second = await pending(2);
    expect(second).toMatchObject({ page: 2, hasMore: false });
    expect(second.reports.map((r) => r.details)).toEqual(['Signalement 25', 'Signalement 26']);
    expect(first.reports[0]!.othersPending).toBe(26);
    // Keeping one resolves all 27 (the same target: the profile).
    expect((await decide(first.reports[3]!.id, 'keep', 'Signalements en série')).status).toBe(200);
    expect(await allPending()).toEqual([]);
  });
});
