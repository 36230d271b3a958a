/**
 * Test helpers for the admin portal: an admin created straight in the database with a known TOTP
 * secret, codes computed from RFC 6238 itself (node:crypto's HMAC-SHA1, not the library the cloud
 * uses), and a signed-in client that sends the session cookie and the CSRF token.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { CloudContext } from '../context.js';
import { hashPassword } from '../auth/passwords.js';
import type { AdminRole } from '../../shared/admin/rules.js';
import { insertAdmin } from './adminsSql.js';
import { newTotpSecret } from './totp.js';
import type { AdminSession } from './schemas.js';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Decode(text: string): Buffer {
  let bits = '';
  for (const char of text.replace(/=+$/, '').toUpperCase()) bits += BASE32.indexOf(char).toString(2).padStart(5, '0');
  const bytes: number[] = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}

/** RFC 6238 (RFC 4226's HOTP over 30-second steps), SHA-1, `digits` digits, for the step of `at`. */
export function rfcTotp(key: Buffer, at: Date, digits = 6, stepSeconds = 30): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at.getTime() / 1000 / stepSeconds)));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = ((mac[offset]! & 0x7f) << 24) | (mac[offset + 1]! << 16) | (mac[offset + 2]! << 8) | mac[offset + 3]!;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

export const ADMIN_TEST_PASSWORD = 'mot-de-passe-admin-42';

export interface TestAdmin {
  id: string;
  email: string;
  role: AdminRole;
  password: string;
  /** base32, already confirmed (no enrolment at sign-in). */
  secret: string;
}

/** An admin with a confirmed authenticator, straight in the database. */
export async function createTestAdmin(ctx: CloudContext, options: { role?: AdminRole; email?: string; confirmed?: boolean } = {}): Promise<TestAdmin> {
  const id = randomUUID();
  const email = options.email ?? `admin-${id.slice(0, 8)}@styliste.test`;
  const role = options.role ?? 'superadmin';
  const secret = newTotpSecret();
  const passwordHash = await hashPassword(ADMIN_TEST_PASSWORD);
  await ctx.db.system(async (tx) => {
    await insertAdmin(tx, { id, email, name: `Admin ${id.slice(0, 4)}`, role, passwordHash, invitedBy: null, inviteTokenHash: null, inviteExpiresAt: null }, ctx.now());
    if (options.confirmed !== false) await tx.execute(sql`UPDATE admins SET totp_secret = ${secret}, totp_confirmed_at = ${ctx.now().toISOString()} WHERE id = ${id}`);
  });
  return { id, email, role, password: ADMIN_TEST_PASSWORD, secret };
}

export interface AdminClient {
  session: AdminSession;
  cookie: string;
  /** A request with the cookie (and the CSRF token unless `csrf: false`). */
  fetch(path: string, init?: RequestInit & { csrf?: boolean; json?: unknown }): Promise<Response>;
  json<T = unknown>(path: string, init?: RequestInit & { csrf?: boolean; json?: unknown }): Promise<T>;
}

/** The session cookie's `name=value` of a response. */
export function sessionCookieOf(response: Response): string {
  const header = response.headers.getSetCookie().find((c) => c.startsWith('styliste_admin='));
  if (!header) throw new Error(`no admin session cookie (status ${response.status})`);
  return header.split(';')[0]!;
}

export function adminClient(baseUrl: string, cookie: string, session: AdminSession): AdminClient {
  const request = (path: string, init: RequestInit & { csrf?: boolean; json?: unknown } = {}) => {
    const { csrf = true, json, ...rest } = init;
    const headers = new Headers(rest.headers);
    headers.set('cookie', cookie);
    if (csrf) headers.set('x-csrf-token', session.csrfToken);
    if (json !== undefined) headers.set('content-type', 'application/json');
    return fetch(`${baseUrl}${path}`, { ...rest, headers, ...(json !== undefined ? { body: JSON.stringify(json) } : {}) });
  };
  return {
    session,
    cookie,
    fetch: request,
    async json<T>(path: string, init?: RequestInit & { csrf?: boolean; json?: unknown }) {
      const response = await request(path, init);
      const body = await response.json();
      if (!response.ok) throw new Error(`${init?.method ?? 'GET'} ${path}: ${response.status} ${JSON.stringify(body)}`);
      return body as T;
    },
  };
}

/** Signs `admin` in (password, then the code of the server's current step) and returns its client. */
export async function signInAdmin(baseUrl: string, ctx: CloudContext, admin: TestAdmin, at: Date = ctx.now()): Promise<AdminClient> {
  const login = await fetch(`${baseUrl}/api/admin/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: admin.email, password: admin.password }) });
  if (login.status !== 200) throw new Error(`admin login: ${login.status} ${await login.text()}`);
  const { challenge } = (await login.json()) as { challenge: string };
  const code = rfcTotp(base32Decode(admin.secret), at);
  const totp = await fetch(`${baseUrl}/api/admin/login/totp`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ challenge, code }) });
  if (totp.status !== 200) throw new Error(`admin code: ${totp.status} ${await totp.text()}`);
  return adminClient(baseUrl, sessionCookieOf(totp), (await totp.json()) as AdminSession);
}

/** A superadmin (or support admin) created and signed in on a test server. */
export async function signedInAdmin(server: { url: string; ctx: CloudContext }, options: { role?: AdminRole } = {}): Promise<AdminClient & { admin: TestAdmin }> {
  const admin = await createTestAdmin(server.ctx, options);
  return { ...(await signInAdmin(server.url, server.ctx, admin)), admin };
}
