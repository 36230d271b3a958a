/**
 * The admin sign-in end to end on a real server: the first admin from ADMIN_EMAIL/ADMIN_PASSWORD,
 * enrolment (otpauth URI, QR code, first code, ten recovery codes once), codes computed from RFC
 * 6238 in the test, a code accepted once, recovery codes once each, the lock after repeated
 * failures and its end, the session's idle and absolute limits, sign-out, and the audit of each.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from '../testing/testServer.js';
import { rows } from '../db/client.js';
import { adminClient, base32Decode, createTestAdmin, rfcTotp, signInAdmin } from './adminTesting.js';
import type { AdminSession } from './schemas.js';

let clock = new Date('2036-03-02T09:00:00Z');
let server: TestServer;
const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
const tick = (ms: number) => (clock = new Date(clock.getTime() + ms));

beforeAll(async () => {
  server = await startTestServer({ ADMIN_EMAIL: 'Fondateur@Styliste.test', ADMIN_PASSWORD: 'premier-secret-123' }, { now: () => clock });
});
afterAll(() => server.close());

async function auditActions(email: string): Promise<string[]> {
  const found = await server.ctx.db.system((tx) => rows<{ action: string }>(tx, sql`SELECT action FROM admin_audit WHERE admin_email = ${email} ORDER BY id`));
  return found.map((r) => r.action);
}

describe('the first admin and enrolment', () => {
  it('creates the first superadmin from the environment, enrols its authenticator and hands out recovery codes once', async () => {
    const login = await post('/api/admin/login', { email: 'fondateur@styliste.test', password: 'premier-secret-123' });
    expect(login.status).toBe(200);
    const first = (await login.json()) as { challenge: string; enrollUri: string; enrollQrSvg: string };
    expect(first.enrollUri).toMatch(/^otpauth:\/\/totp\/Styliste:fondateur%40styliste\.test\?/);
    const uri = new URL(first.enrollUri);
    expect(uri.searchParams.get('algorithm')).toBe('SHA1');
    expect(uri.searchParams.get('digits')).toBe('6');
    expect(uri.searchParams.get('period')).toBe('30');
    expect(first.enrollQrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    const key = base32Decode(uri.searchParams.get('secret')!);

    const wrong = await post('/api/admin/login/totp', { challenge: first.challenge, code: rfcTotp(key, new Date(clock.getTime() + 10 * 60_000)) });
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as { error: { code: string } }).error.code).toBe('admin_code_refused');

    const ok = await post('/api/admin/login/totp', { challenge: first.challenge, code: rfcTotp(key, clock) });
    expect(ok.status).toBe(200);
    const cookie = ok.headers.getSetCookie().find((c) => c.startsWith('styliste_admin='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\/api\/admin/);
    const session = (await ok.json()) as AdminSession;
    expect(session.admin).toMatchObject({ email: 'fondateur@styliste.test', role: 'superadmin' });
    expect(session.recoveryCodes).toHaveLength(10);
    expect(new Set(session.recoveryCodes).size).toBe(10);
    expect(session.recoveryCodesLeft).toBe(10);

    // Stored hashed: no code appears in the table.
    const stored = await server.ctx.db.system((tx) => rows<{ code_hash: string }>(tx, sql`SELECT code_hash FROM admin_recovery_codes`));
    expect(stored).toHaveLength(10);
    for (const code of session.recoveryCodes!) expect(stored.map((s) => s.code_hash).join()).not.toContain(code.replace(/-/g, ''));

    // The next sign-in: no enrolment, no recovery codes again.
    tick(60_000);
    const again = (await (await post('/api/admin/login', { email: 'fondateur@styliste.test', password: 'premier-secret-123' })).json()) as { challenge: string; enrollUri?: string };
    expect(again.enrollUri).toBeUndefined();
    const second = await post('/api/admin/login/totp', { challenge: again.challenge, code: rfcTotp(key, clock) });
    expect(second.status).toBe(200);
    expect(((await second.json()) as AdminSession).recoveryCodes).toBeUndefined();

    // A recovery code works once.
    tick(60_000);
    const recovery = session.recoveryCodes![3]!;
    for (const expected of [200, 401]) {
      const challenge = ((await (await post('/api/admin/login', { email: 'fondateur@styliste.test', password: 'premier-secret-123' })).json()) as { challenge: string }).challenge;
      expect((await post('/api/admin/login/totp', { challenge, code: recovery.toLowerCase() })).status).toBe(expected);
    }
    expect(await auditActions('fondateur@styliste.test')).toEqual(
      expect.arrayContaining(['admin.sign_in_failed', 'admin.totp_enrolled', 'admin.sign_in', 'admin.recovery_code_used']),
    );
  });

  it('restarting with the same ADMIN_EMAIL changes nothing', async () => {
    const { ensureFirstAdmin } = await import('./bootstrap.js');
    expect(await ensureFirstAdmin(server.ctx.db, { firstAdmin: { email: 'fondateur@styliste.test', password: 'autre-chose-456' } }, clock)).toBe('exists');
    expect((await post('/api/admin/login', { email: 'fondateur@styliste.test', password: 'premier-secret-123' })).status).toBe(200);
  });
});

describe('codes, replay and lockout', () => {
  it('accepts a code once: the same code again, even in a new sign-in, is refused', async () => {
    tick(120_000);
    const admin = await createTestAdmin(server.ctx);
    await signInAdmin(server.url, server.ctx, admin);
    await expect(signInAdmin(server.url, server.ctx, admin)).rejects.toThrow(/admin code: 401/);
    // An older step (the one before) is refused too once a later one was used.
    await expect(signInAdmin(server.url, server.ctx, admin, new Date(clock.getTime() - 30_000))).rejects.toThrow(/admin code: 401/);
    tick(30_000);
    await signInAdmin(server.url, server.ctx, admin);
  });

  it('two requests with the same code at once: one session, one refusal', async () => {
    tick(60_000);
    const admin = await createTestAdmin(server.ctx);
    const challenges = await Promise.all([0, 1].map(async () => ((await (await post('/api/admin/login', { email: admin.email, password: admin.password })).json()) as { challenge: string }).challenge));
    const code = rfcTotp(base32Decode(admin.secret), clock);
    const statuses = (await Promise.all(challenges.map((challenge) => post('/api/admin/login/totp', { challenge, code })))).map((r) => r.status).sort();
    expect(statuses).toEqual([200, 401]);
  });

  it('locks the sign-in for 15 minutes after five wrong passwords or codes, even with the right ones, then opens again', async () => {
    tick(60_000);
    const admin = await createTestAdmin(server.ctx);
    for (let i = 0; i < 3; i++) expect((await post('/api/admin/login', { email: admin.email, password: 'pas-le-bon' })).status).toBe(401);
    const { challenge } = (await (await post('/api/admin/login', { email: admin.email, password: admin.password })).json()) as { challenge: string };
    expect((await post('/api/admin/login/totp', { challenge, code: '000000' })).status).toBe(401);
    const locking = await post('/api/admin/login/totp', { challenge, code: '999999' });
    expect(locking.status).toBe(429);
    expect(((await locking.json()) as { error: { message: string } }).error.message).toMatch(/bloquée jusqu’à/);
    expect((await post('/api/admin/login', { email: admin.email, password: admin.password })).status).toBe(429);
    expect((await post('/api/admin/login/totp', { challenge, code: rfcTotp(base32Decode(admin.secret), clock) })).status).toBe(429);
    tick(14 * 60_000);
    expect((await post('/api/admin/login', { email: admin.email, password: admin.password })).status).toBe(429);
    tick(61_000);
    await signInAdmin(server.url, server.ctx, admin);
    const actions = await auditActions(admin.email);
    expect(actions.filter((a) => a === 'admin.sign_in_failed').length).toBeGreaterThanOrEqual(8);
    expect(actions).toContain('admin.locked');
  });

  it('an unknown address is refused like a wrong password, and audited', async () => {
    const answer = await post('/api/admin/login', { email: 'personne@styliste.test', password: 'quelque-chose' });
    expect(answer.status).toBe(401);
    expect(await auditActions('personne@styliste.test')).toEqual(['admin.sign_in_failed']);
  });

  it('a challenge expires after 5 minutes; a forged one is refused', async () => {
    tick(60_000);
    const admin = await createTestAdmin(server.ctx);
    const { challenge } = (await (await post('/api/admin/login', { email: admin.email, password: admin.password })).json()) as { challenge: string };
    tick(5 * 60_000 + 1_000);
    const late = await post('/api/admin/login/totp', { challenge, code: rfcTotp(base32Decode(admin.secret), clock) });
    expect(((await late.json()) as { error: { code: string } }).error.code).toBe('admin_challenge_expired');
    const [head, payload] = challenge.split('.');
    expect((await post('/api/admin/login/totp', { challenge: `${head}.${payload}.AAAA`, code: '123456' })).status).toBe(401);
  });
});

describe('the session', () => {
  it('ends after 30 minutes idle, lasts 8 hours at most while used, and ends at sign-out', async () => {
    tick(60_000);
    const admin = await createTestAdmin(server.ctx);
    const client = await signInAdmin(server.url, server.ctx, admin);
    tick(29 * 60_000);
    expect((await client.fetch('/api/admin/session')).status).toBe(200);
    tick(29 * 60_000);
    expect((await client.fetch('/api/admin/session')).status).toBe(200);
    tick(31 * 60_000);
    const idle = await client.fetch('/api/admin/session');
    expect(idle.status).toBe(401);
    expect(((await idle.json()) as { error: { code: string } }).error.code).toBe('admin_session_expired');

    tick(60_000);
    const used = await signInAdmin(server.url, server.ctx, admin);
    for (let i = 0; i < 16; i++) {
      tick(29 * 60_000);
      expect((await used.fetch('/api/admin/session')).status).toBe(200);
    }
    tick(29 * 60_000);
    expect((await used.fetch('/api/admin/session')).status).toBe(401);

    tick(60_000);
    const leaving = await signInAdmin(server.url, server.ctx, admin);
    const out = await leaving.fetch('/api/admin/logout', { method: 'POST' });
    expect(out.status).toBe(200);
    expect(out.headers.getSetCookie()[0]).toMatch(/Max-Age=0/);
    expect((await leaving.fetch('/api/admin/session')).status).toBe(401);
  });

  it('a write without the CSRF token, or with another session’s, is refused', async () => {
    tick(60_000);
    const one = await signInAdmin(server.url, server.ctx, await createTestAdmin(server.ctx));
    const other = await signInAdmin(server.url, server.ctx, await createTestAdmin(server.ctx));
    expect((await one.fetch('/api/admin/logout', { method: 'POST', csrf: false })).status).toBe(403);
    const crossed = adminClient(server.url, one.cookie, other.session);
    const answer = await crossed.fetch('/api/admin/logout', { method: 'POST' });
    expect(answer.status).toBe(403);
    expect(((await answer.json()) as { error: { code: string } }).error.code).toBe('csrf_refused');
    expect((await one.fetch('/api/admin/session')).status).toBe(200);
  });
});
