/**
 * The admin actions on a workshop, on a real server: each needs its reason (400), the CSRF token
 * (403) and an admin session (a workshop's token: 401); each is written to the audit log with the
 * state before and after in its own transaction, and a refused one writes nothing. Suspending
 * reaches the workshop's devices by sync and takes its listing out of the directory at once;
 * restoring brings both back. Granted credits raise the balance billing shows by exactly the
 * amount. A support admin may act too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from '../../testing/testServer.js';
import { rows } from '../../db/client.js';
import { listedWorkshop } from '../../directory/directoryTesting.js';
import { PullingDevice } from '../../billing/lifecycleTesting.js';
import type { FixtureWorkshop } from '../../testing/fixtures.js';
import { signedInAdmin, type AdminClient } from '../adminTesting.js';
import type { WorkshopDetail } from './schemas.js';

let clock = new Date('2036-03-02T09:00:00Z');
let server: TestServer;
let superadmin: AdminClient & { admin: { email: string } };
let support: AdminClient & { admin: { email: string } };
let shop: FixtureWorkshop;
let device: PullingDevice;
const NAME = 'Atelier Zoé Vitrine';

interface AuditRow {
  action: string;
  admin_email: string;
  target_type: string;
  target_id: string;
  workshop_id: string;
  reason: string;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
  detail: Record<string, unknown> | null;
}

async function audit(): Promise<AuditRow[]> {
  const found = await server.ctx.db.system((tx) =>
    rows<AuditRow>(tx, sql`SELECT action, admin_email, target_type, target_id, workshop_id, reason, before, after, detail FROM admin_audit WHERE workshop_id = ${shop.workshopId} ORDER BY id`),
  );
  return found.map((r) => ({ ...r, workshop_id: String(r.workshop_id) }));
}

async function act(client: AdminClient, action: string, json: Record<string, unknown>): Promise<{ status: number; body: WorkshopDetail & { error?: { code: string; message: string } } }> {
  const response = await client.fetch(`/api/admin/workshops/${shop.workshopId}/${action}`, { method: 'POST', json });
  return { status: response.status, body: (await response.json()) as WorkshopDetail & { error?: { code: string; message: string } } };
}

async function listed(): Promise<boolean> {
  const response = await fetch(`${server.url}/api/directory/search?q=${encodeURIComponent('zoe vitrine')}`);
  const body = (await response.json()) as { results: { name: string }[] };
  return body.results.some((r) => r.name === NAME);
}

async function billingCredits(): Promise<number> {
  const response = await fetch(`${server.url}/api/billing/subscription`, { headers: { authorization: `Bearer ${shop.owner.token}` } });
  return ((await response.json()) as { credits: number }).credits;
}

const ACTIONS: [string, Record<string, unknown>][] = [
  ['suspend', {}],
  ['restore', {}],
  ['extend-trial', { days: 5 }],
  ['grant-credits', { credits: 10 }],
  ['change-plan', { planId: 'maison' }],
];

beforeAll(async () => {
  server = await startTestServer({}, { now: () => clock });
  shop = await listedWorkshop(server.ctx, NAME);
  device = new PullingDevice(server.url, shop);
  superadmin = await signedInAdmin(server);
  support = await signedInAdmin(server, { role: 'support' });
}, 60_000);
afterAll(() => server.close());

describe('every action', () => {
  it('needs a reason (400), the CSRF token (403) and an admin session (401), and writes nothing when refused', async () => {
    for (const [action, extra] of ACTIONS) {
      const path = `/api/admin/workshops/${shop.workshopId}/${action}`;
      const noReason = await superadmin.fetch(path, { method: 'POST', json: extra });
      expect(noReason.status, action).toBe(400);
      expect(((await noReason.json()) as { error: { message: string } }).error.message, action).toMatch(/[Mm]otif/);
      expect((await superadmin.fetch(path, { method: 'POST', json: { ...extra, reason: '  ' } })).status, action).toBe(400);
      const noCsrf = await superadmin.fetch(path, { method: 'POST', json: { ...extra, reason: 'Test' }, csrf: false });
      expect(noCsrf.status, action).toBe(403);
      const bearer = await fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${shop.owner.token}` },
        body: JSON.stringify({ ...extra, reason: 'Test' }),
      });
      expect(bearer.status, action).toBe(401);
    }
    expect(await audit()).toEqual([]);
    expect((await act(superadmin, 'extend-trial', { reason: 'Test', days: 0 })).status).toBe(400);
    expect((await act(superadmin, 'extend-trial', { reason: 'Test', days: 91 })).status).toBe(400);
    expect((await act(superadmin, 'grant-credits', { reason: 'Test', credits: 10_001 })).status).toBe(400);
    expect((await act(superadmin, 'grant-credits', { reason: 'Test', credits: 1.5 })).status).toBe(400);
    const unknown = await superadmin.fetch('/api/admin/workshops/7b0c5a52-2c55-4f4e-9d4c-3a1f0f7d0a11/suspend', { method: 'POST', json: { reason: 'Test' } });
    expect(unknown.status).toBe(404);
    expect(await audit()).toEqual([]);
  });
});

describe('hostile input', () => {
  it('is refused with 400 or 404, never a 5xx, and writes nothing', async () => {
    for (const id of ['%00', '%ED%A0%80', 'x'.repeat(300), '..%2F..%2Fadmin']) {
      const response = await superadmin.fetch(`/api/admin/workshops/${id}/suspend`, { method: 'POST', json: { reason: 'Test' } });
      expect([400, 404], id).toContain(response.status);
      expect((await superadmin.fetch(`/api/admin/workshops/${id}`)).status, id).toBeLessThan(500);
    }
    for (const reason of ['a\u0000b', '\ud800', 'x'.repeat(501)]) {
      expect((await act(superadmin, 'suspend', { reason })).status, reason).toBe(400);
    }
    expect((await act(superadmin, 'change-plan', { reason: 'Test', planId: { $ne: null } })).status).toBe(400);
    expect((await act(superadmin, 'suspend', { reason: 'Test', status: 'active' })).status).toBe(400);
    expect(await audit()).toEqual([]);
  });
});

describe('suspend and restore', () => {
  it('suspending is audited, reaches the devices by sync and hides the listing at once', async () => {
    expect(await device.subscription()).toMatchObject({ status: 'trial' });
    expect(await listed()).toBe(true);

    const answer = await act(support, 'suspend', { reason: 'Fraude au paiement signalée' });
    expect(answer.status).toBe(200);
    expect(answer.body.subscription).toMatchObject({ status: 'suspended', planId: 'atelier' });
    expect(answer.body.history[0]).toMatchObject({ kind: 'admin', label: 'Suspension d’un atelier', reason: 'Fraude au paiement signalée', by: support.admin.email, amount: null });

    const [entry] = await audit();
    expect(entry).toMatchObject({ action: 'workshop.suspend', admin_email: support.admin.email, target_type: 'workshop', target_id: shop.workshopId, workshop_id: shop.workshopId, reason: 'Fraude au paiement signalée' });
    expect(entry!.before).toMatchObject({ status: 'trial', planId: 'atelier' });
    expect(entry!.after).toEqual({ ...entry!.before, status: 'suspended' });

    expect(await device.subscription()).toMatchObject({ status: 'suspended' });
    expect(await listed()).toBe(false);

    const again = await act(superadmin, 'suspend', { reason: 'Encore' });
    expect(again.status).toBe(409);
    expect(again.body.error?.message).toBe('Cet atelier est déjà suspendu.');
    expect(await audit()).toHaveLength(1);
  });

  it('restoring gives back the trial, by sync, and the listing', async () => {
    const answer = await act(superadmin, 'restore', { reason: 'Paiement vérifié' });
    expect(answer.status).toBe(200);
    expect(answer.body.subscription?.status).toBe('trial');
    const entry = (await audit()).at(-1)!;
    expect(entry).toMatchObject({ action: 'workshop.restore', reason: 'Paiement vérifié', admin_email: superadmin.admin.email });
    expect([entry.before.status, entry.after.status]).toEqual(['suspended', 'trial']);
    expect(await device.subscription()).toMatchObject({ status: 'trial' });
    expect(await listed()).toBe(true);

    const again = await act(superadmin, 'restore', { reason: 'Encore' });
    expect(again.status).toBe(409);
    expect(again.body.error?.message).toMatch(/n’est pas suspendu/);
  });
});

describe('the trial, the credits and the plan', () => {
  it('extends the trial by whole local days, audited, and the devices see the new end', async () => {
    const before = (await act(superadmin, 'extend-trial', { reason: 'Formation reportée', days: 10 })).body.subscription!;
    const entry = (await audit()).at(-1)!;
    expect(entry.action).toBe('workshop.extend_trial');
    expect(entry.detail).toEqual({ days: 10 });
    expect(Date.parse(String(entry.after.trialEndsAt)) - Date.parse(String(entry.before.trialEndsAt))).toBe(10 * 86_400_000);
    expect(before.trialEndsAt).toBe(entry.after.trialEndsAt);
    expect(await device.subscription()).toMatchObject({ status: 'trial', trialEndsAt: entry.after.trialEndsAt });
  });

  it('grants credits: the balance billing shows rises by exactly the amount, the ledger says admin without the reason', async () => {
    const before = await billingCredits();
    const answer = await act(support, 'grant-credits', { reason: 'Geste commercial pour Mme Adjovi', credits: 250 });
    expect(answer.status).toBe(200);
    expect(await billingCredits()).toBe(before + 250);
    expect(answer.body.credits).toMatchObject({ balance: before + 250 });
    const entry = (await audit()).at(-1)!;
    expect(entry).toMatchObject({ action: 'workshop.grant_credits', before: { balance: before }, after: { balance: before + 250 } });
    const [ledger] = await server.ctx.db.system((tx) =>
      rows<{ kind: string; amount: number; reference: string }>(tx, sql`SELECT kind, amount, reference FROM credit_ledger WHERE workshop_id = ${shop.workshopId} ORDER BY id DESC LIMIT 1`),
    );
    expect(ledger).toMatchObject({ kind: 'grant', amount: 250 });
    expect(ledger!.reference).toMatch(/^admin:[0-9a-f-]{36}$/);
    expect(entry.detail).toEqual({ credits: 250, reference: ledger!.reference });
  });

  it('changes the plan keeping the status and dates; refuses an unknown or the same plan; the free plan cancels and unlists', async () => {
    const answer = await act(superadmin, 'change-plan', { reason: 'Offre partenaire', planId: 'maison' });
    expect(answer.status).toBe(200);
    expect(answer.body.subscription).toMatchObject({ status: 'trial', planId: 'maison', planName: 'Maison de couture' });
    const entry = (await audit()).at(-1)!;
    expect(entry).toMatchObject({ action: 'workshop.change_plan', before: { planId: 'atelier' }, after: { planId: 'maison', status: 'trial', trialEndsAt: entry.before.trialEndsAt } });
    expect(await device.subscription()).toMatchObject({ planId: 'maison', status: 'trial' });

    const count = (await audit()).length;
    const unknown = await act(superadmin, 'change-plan', { reason: 'x', planId: 'platine' });
    expect([unknown.status, unknown.body.error?.message]).toEqual([409, 'Formule inconnue : « platine ».']);
    expect((await act(superadmin, 'change-plan', { reason: 'x', planId: 'maison' })).status).toBe(409);
    expect(await audit()).toHaveLength(count);

    const free = await act(support, 'change-plan', { reason: 'Demande du propriétaire', planId: 'gratuit' });
    expect(free.body.subscription).toMatchObject({ status: 'cancelled', planId: 'gratuit', cycle: null });
    expect(await device.subscription()).toMatchObject({ status: 'cancelled', planId: 'gratuit' });
    expect(await listed()).toBe(false);
    // Back on the free plan, the workshop can be given a new trial of the trial's plan, listed again.
    const trial = await act(superadmin, 'extend-trial', { reason: 'Nouvel essai offert', days: 3 });
    expect(trial.status).toBe(200);
    expect(trial.body.subscription).toMatchObject({ status: 'trial', planId: 'atelier' });
    expect(await device.subscription()).toMatchObject({ status: 'trial', planId: 'atelier' });
    expect(await listed()).toBe(true);
  });

  it('the workshop’s page lists the actions, newest first, with who and why', async () => {
    const detail = await superadmin.json<WorkshopDetail>(`/api/admin/workshops/${shop.workshopId}`);
    expect(detail.history.map((h) => h.label)).toEqual([
      'Prolongation de l’essai',
      'Changement de formule',
      'Changement de formule',
      'Crédits offerts',
      'Prolongation de l’essai',
      'Rétablissement d’un atelier',
      'Suspension d’un atelier',
    ]);
    expect(detail.history.every((h) => h.kind === 'admin' && h.by !== null && h.reason !== null)).toBe(true);
  });
});
