/**
 * The admins' management through the real server: only a superadmin lists, invites and removes;
 * an invitation's link (from the development outbox's e-mail) opens, sets the password once, then
 * the new admin signs in and enrols TOTP with the secret of the login's answer; an expired link is
 * refused; a removed admin's open session is refused at its next request; nobody removes
 * themselves, and the last superadmin stays, even when two remove each other at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from '../../testing/testServer.js';
import { rows } from '../../db/client.js';
import { DevOutbox } from '../../providers/outbox/devOutbox.js';
import { ADMIN_INVITE_MS } from '../../../shared/admin/rules.js';
import { adminClient, base32Decode, rfcTotp, sessionCookieOf, signedInAdmin, type AdminClient } from '../adminTesting.js';
import type { AdminSession } from '../schemas.js';
import type { TeamAdmin } from './schemas.js';
import { TeamService } from './service.js';

const PUBLIC_URL = 'https://styliste.example';
let server: TestServer;
let clock = new Date('2036-06-01T08:00:00.000Z');
let chief: AdminClient;
let support: AdminClient;
let outbox: DevOutbox;

beforeAll(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'styliste-team-'));
  server = await startTestServer({ DATA_DIR: dataDir, PUBLIC_URL }, { now: () => clock });
  outbox = new DevOutbox(dataDir);
  chief = await signedInAdmin(server);
  support = await signedInAdmin(server, { role: 'support' });
}, 120_000);

afterAll(async () => {
  await server?.close();
});

type Invited = { admin: TeamAdmin; inviteUrl: string; emailSent: boolean };
const invite = (by: AdminClient, json: Record<string, unknown>) => by.fetch('/api/admin/admins', { method: 'POST', json });
const remove = (by: AdminClient, id: string, reason = 'Départ de l’équipe') => by.fetch(`/api/admin/admins/${id}/remove`, { method: 'POST', json: { reason } });
const tokenOf = (url: string) => url.split('/invitation/')[1]!;
const post = (path: string, json: unknown) => fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(json) });
const admins = async () => (await chief.json<{ admins: TeamAdmin[] }>('/api/admin/admins')).admins;
const auditActions = async (targetId: string) =>
  (await server.ctx.db.system((tx) => rows<{ action: string; reason: string | null }>(tx, sql`SELECT action, reason FROM admin_audit WHERE target_id = ${targetId} ORDER BY id`))).map((r) => [r.action, r.reason]);

/** Signs in with the password, enrols the authenticator from the login's `enrollUri`, and opens the session. */
async function firstSignIn(email: string, password: string): Promise<AdminClient> {
  const login = await post('/api/admin/login', { email, password });
  expect(login.status).toBe(200);
  const { challenge, enrollUri } = (await login.json()) as { challenge: string; enrollUri?: string };
  expect(enrollUri).toMatch(/^otpauth:\/\/totp\//);
  const secret = new URL(enrollUri!).searchParams.get('secret')!;
  const totp = await post('/api/admin/login/totp', { challenge, code: rfcTotp(base32Decode(secret), clock) });
  expect(totp.status).toBe(200);
  const session = (await totp.json()) as AdminSession;
  expect(session.recoveryCodes).toHaveLength(10);
  return adminClient(server.url, sessionCookieOf(totp), session);
}

describe('only a superadmin', () => {
  it('lists, invites and removes: a support admin gets 403 superadmin_only', async () => {
    for (const answer of [
      await support.fetch('/api/admin/admins'),
      await invite(support, { email: 'x@styliste.test', name: 'X', role: 'support', reason: 'Essai' }),
      await remove(support, chief.session.admin.id),
    ]) {
      expect(answer.status).toBe(403);
      expect(((await answer.json()) as { error: { code: string; message: string } }).error).toEqual({ code: 'superadmin_only', message: 'Seul un superadmin peut faire cela.' });
    }
  });
});

describe('an invitation', () => {
  let invited: Invited;
  let newcomer: AdminClient;

  it('is created with its link in the answer and in a French e-mail, listed as pending, audited', async () => {
    const answer = await invite(chief, { email: 'Nadege.Houngbo@Styliste.test', name: 'Nadège Houngbo', role: 'support', reason: 'Renfort du support' });
    expect(answer.status).toBe(201);
    invited = (await answer.json()) as Invited;
    expect(invited.inviteUrl).toMatch(/^https:\/\/styliste\.example\/admin\/#\/invitation\/[A-Za-z0-9_-]{43}$/);
    expect(invited.emailSent).toBe(true);
    expect(invited.admin).toEqual({
      id: expect.any(String),
      email: 'nadege.houngbo@styliste.test',
      name: 'Nadège Houngbo',
      role: 'support',
      createdAt: clock.toISOString(),
      pending: true,
      totpConfirmed: false,
      invitedBy: chief.session.admin.email,
    });
    const mail = (await outbox.list('email')).entries.find((e) => e.to === 'nadege.houngbo@styliste.test');
    const payload = mail!.payload as { subject: string; text: string };
    expect(payload.subject).toBe('Invitation au portail d’administration de Styliste');
    expect(payload.text).toContain(invited.inviteUrl);
    expect(payload.text).toContain('Bonjour Nadège Houngbo');
    expect((await admins()).find((a) => a.id === invited.admin.id)).toMatchObject({ pending: true });
    expect(await auditActions(invited.admin.id)).toEqual([['admin.invite', 'Renfort du support']]);
    const stored = await server.ctx.db.system((tx) => rows<{ invite_token_hash: string }>(tx, sql`SELECT invite_token_hash FROM admins WHERE id = ${invited.admin.id}`));
    expect(stored[0]!.invite_token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored[0]!.invite_token_hash).not.toContain(tokenOf(invited.inviteUrl));
  });

  it('refuses an address already an admin’s (409), and a missing reason or a bad role (400, French)', async () => {
    const again = await invite(chief, { email: 'nadege.houngbo@styliste.test', name: 'Nadège', role: 'support', reason: 'Encore' });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe('admin_exists');
    const noReason = await invite(chief, { email: 'autre@styliste.test', name: 'Autre', role: 'support' });
    expect(noReason.status).toBe(400);
    expect(JSON.stringify(await noReason.json())).toContain('Motif obligatoire');
    expect((await invite(chief, { email: 'autre@styliste.test', name: 'Autre', role: 'roi', reason: 'x' })).status).toBe(400);
  });

  it('opens from the e-mail’s link, takes a password once, then the admin signs in and enrols TOTP', async () => {
    const mail = (await outbox.list('email')).entries.find((e) => e.to === 'nadege.houngbo@styliste.test')!;
    const token = tokenOf(/https:\/\/\S+/.exec((mail.payload as { text: string }).text)![0]);
    const opened = await fetch(`${server.url}/api/admin/invitations/${token}`);
    expect(opened.status).toBe(200);
    expect(await opened.json()).toEqual({ email: 'nadege.houngbo@styliste.test', name: 'Nadège Houngbo', expiresAt: new Date(clock.getTime() + ADMIN_INVITE_MS).toISOString() });
    expect((await post('/api/admin/invitations/accept', { token, password: 'court' })).status).toBe(400);
    // No password yet: the sign-in refuses.
    expect((await post('/api/admin/login', { email: 'nadege.houngbo@styliste.test', password: 'un-mot-de-passe-solide' })).status).toBe(401);
    const accepted = await post('/api/admin/invitations/accept', { token, password: 'un-mot-de-passe-solide' });
    expect(accepted.status).toBe(200);
    expect(await accepted.json()).toEqual({ ok: true });
    const used = await fetch(`${server.url}/api/admin/invitations/${token}`);
    expect(used.status).toBe(404);
    expect(((await used.json()) as { error: { message: string } }).error.message).toBe('Cette invitation n’existe pas ou a déjà été utilisée.');
    expect((await post('/api/admin/invitations/accept', { token, password: 'un-autre-mot-de-passe' })).status).toBe(404);
    expect((await fetch(`${server.url}/api/admin/invitations/pas-un-jeton`)).status).toBe(400);

    newcomer = await firstSignIn('nadege.houngbo@styliste.test', 'un-mot-de-passe-solide');
    expect(newcomer.session.admin).toMatchObject({ id: invited.admin.id, role: 'support' });
    expect((await newcomer.fetch('/api/admin/session')).status).toBe(200);
    expect((await admins()).find((a) => a.id === invited.admin.id)).toMatchObject({ pending: false, totpConfirmed: true });
    expect((await auditActions(invited.admin.id)).map(([action]) => action)).toEqual(['admin.invite', 'admin.invite_accepted', 'admin.totp_enrolled', 'admin.sign_in']);
  });

  it('removed: its open session gets 401 at once, it can no longer sign in, and it leaves the list', async () => {
    expect((await remove(chief, invited.admin.id, '')).status).toBe(400);
    expect((await remove(chief, invited.admin.id, 'Fin de mission')).status).toBe(200);
    const refused = await newcomer.fetch('/api/admin/session');
    expect(refused.status).toBe(401);
    expect((await newcomer.fetch('/api/admin/reports')).status).toBe(401);
    expect((await post('/api/admin/login', { email: 'nadege.houngbo@styliste.test', password: 'un-mot-de-passe-solide' })).status).toBe(401);
    expect((await admins()).map((a) => a.id)).not.toContain(invited.admin.id);
    expect((await auditActions(invited.admin.id)).at(-1)).toEqual(['admin.remove', 'Fin de mission']);
    expect((await remove(chief, invited.admin.id)).status).toBe(404);
  });
});

describe('removing', () => {
  it('never oneself (409)', async () => {
    const answer = await remove(chief, chief.session.admin.id);
    expect(answer.status).toBe(409);
    expect(((await answer.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'cannot_remove_self', message: expect.stringContaining('vous-même') });
  });

  it('two superadmins removing each other at once: one of them stays; and never the last superadmin', async () => {
    const a = await signedInAdmin(server);
    const b = await signedInAdmin(server);
    const answers = await Promise.all([remove(a, b.admin.id), remove(b, a.admin.id)]);
    expect(answers.map((r) => r.status).filter((s) => s === 200)).toHaveLength(1);
    const survivor = answers[0]!.status === 200 ? a : b;
    const removed = survivor === a ? b : a;
    expect((await removed.fetch('/api/admin/session')).status).toBe(401);
    // The chief removes the survivor; the chief is then the last superadmin, whom nobody can remove.
    expect((await remove(chief, survivor.admin.id)).status).toBe(200);
    const left = (await admins()).filter((x) => x.role === 'superadmin');
    expect(left.map((x) => x.id)).toEqual([chief.session.admin.id]);
    const team = new TeamService(server.ctx);
    const byRemoved = { adminId: removed.admin.id, email: removed.admin.email, name: 'Ancien', ip: null };
    await expect(team.remove(chief.session.admin.id, 'Tentative', byRemoved, 'fr')).rejects.toMatchObject({ status: 409, code: 'last_superadmin', message: expect.stringContaining('dernier superadmin') });
    expect((await chief.fetch('/api/admin/session')).status).toBe(200);
  });
});

describe('an expired invitation', () => {
  it('is refused with a French 410, both to open and to accept', async () => {
    const answer = await invite(chief, { email: 'tardif@styliste.test', name: 'Tardif', role: 'superadmin', reason: 'Nouveau superadmin' });
    const { inviteUrl } = (await answer.json()) as Invited;
    const token = tokenOf(inviteUrl);
    clock = new Date(clock.getTime() + ADMIN_INVITE_MS + 1_000);
    const opened = await fetch(`${server.url}/api/admin/invitations/${token}`);
    expect(opened.status).toBe(410);
    expect(((await opened.json()) as { error: { message: string } }).error.message).toBe('Cette invitation a expiré : demandez-en une nouvelle à un superadmin.');
    expect((await post('/api/admin/invitations/accept', { token, password: 'un-mot-de-passe-solide' })).status).toBe(410);
    expect((await post('/api/admin/login', { email: 'tardif@styliste.test', password: 'un-mot-de-passe-solide' })).status).toBe(401);
  });
});
