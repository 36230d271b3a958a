/**
 * Every `/api/admin` operation, walked from the OpenAPI document (so a route added later is walked
 * too): without a session → 401; with a workshop's access token instead → 401; a write without
 * the CSRF token → 403; an action without its reason → 400 in French; a superadmin's operation
 * by a support admin → 403. And the other way round: an admin session opens no workshop route.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/testServer.js';
import { operationsOf, sampleOf, type Operation } from '../http/testkit.js';
import { signedInAdmin, type AdminClient } from './adminTesting.js';

let server: TestServer;
let operations: Operation[];
let ownerToken: string;
let superadmin: AdminClient;
let support: AdminClient;

const READS = new Set(['get', 'head']);
const isAdminOp = (op: Operation) => op.access === 'admin' || op.access === 'superadmin';

function concrete(op: Operation): string {
  return op.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const schema = op.parameters.find((p) => p.in === 'path' && p.name === name)?.schema ?? { type: 'string' };
    return encodeURIComponent(String(sampleOf(schema, name)));
  });
}

function sampleBody(op: Operation, without?: string): string | undefined {
  if (READS.has(op.method) || !op.body) return READS.has(op.method) ? undefined : '{}';
  const sample = sampleOf(op.body) as Record<string, unknown>;
  if (without) delete sample[without];
  return JSON.stringify(sample);
}

async function call(op: Operation, headers: Record<string, string>, body = sampleBody(op)): Promise<{ status: number; code: string | undefined; message: string | undefined }> {
  const response = await fetch(`${server.url}${concrete(op)}`, {
    method: op.method.toUpperCase(),
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    body,
  });
  const text = await response.text();
  let error: { code?: string; message?: string } | undefined;
  try {
    error = (JSON.parse(text) as { error?: { code?: string; message?: string } }).error;
  } catch {
    error = undefined;
  }
  return { status: response.status, code: error?.code, message: error?.message };
}

beforeAll(async () => {
  server = await startTestServer();
  const signup = await fetch(`${server.url}/api/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ workshopName: 'Atelier Gardé', ownerName: 'Awa', phone: '01 97 11 22 33', password: 'motdepasse-solide' }),
  });
  ownerToken = ((await signup.json()) as { accessToken: string }).accessToken;
  superadmin = await signedInAdmin(server);
  support = await signedInAdmin(server, { role: 'support' });
  operations = operationsOf((await (await fetch(`${server.url}/api/openapi.json`)).json()) as Parameters<typeof operationsOf>[0]);
});
afterAll(() => server.close());

describe('every /api/admin operation', () => {
  it('is documented with its guard: admin routes are admin or superadmin, except the sign-in and the invitation’s acceptance', () => {
    const adminPaths = operations.filter((op) => op.path.startsWith('/api/admin/'));
    expect(adminPaths.length).toBeGreaterThanOrEqual(4);
    for (const op of adminPaths) {
      if (isAdminOp(op)) continue;
      expect(op.access, `${op.method} ${op.path}`).toBe('public');
      expect(op.path, `${op.method} ${op.path} is public`).toMatch(/^\/api\/admin\/(login|login\/totp|invitations\/.*)$/);
    }
  });

  it('refuses a request without a session (401), and a workshop’s access token does not open it (401)', async () => {
    for (const op of operations.filter(isAdminOp)) {
      const what = `${op.method} ${op.path}`;
      const none = await call(op, {});
      expect(none.status, what).toBe(401);
      expect(none.code, what).toBe('admin_sign_in_required');
      expect(none.message, what).toMatch(/Connectez-vous/);
      const bearer = await call(op, { authorization: `Bearer ${ownerToken}` });
      expect(bearer.status, what).toBe(401);
    }
  });

  it('refuses a write without the CSRF token (403), even with a valid session', async () => {
    const writes = operations.filter((op) => isAdminOp(op) && !READS.has(op.method));
    expect(writes.length).toBeGreaterThan(0);
    for (const op of writes) {
      const answer = await call(op, { cookie: superadmin.cookie });
      expect(answer.status, `${op.method} ${op.path}`).toBe(403);
      expect(answer.code, `${op.method} ${op.path}`).toBe('csrf_refused');
    }
  });

  it('refuses an action without its reason (400, in French, naming the field)', async () => {
    const actions = operations.filter((op) => isAdminOp(op) && op.body?.properties && 'reason' in op.body.properties);
    for (const op of actions) {
      const answer = await call(op, { cookie: superadmin.cookie, 'x-csrf-token': superadmin.session.csrfToken }, sampleBody(op, 'reason'));
      expect(answer.status, `${op.method} ${op.path}`).toBe(400);
      expect(answer.message, `${op.method} ${op.path}`).toMatch(/reason|[Mm]otif/);
      const blank = { ...(JSON.parse(sampleBody(op)!) as Record<string, unknown>), reason: '   ' };
      const empty = await call(op, { cookie: superadmin.cookie, 'x-csrf-token': superadmin.session.csrfToken }, JSON.stringify(blank));
      expect(empty.status, `${op.method} ${op.path} blank reason`).toBe(400);
    }
  });

  it('a superadmin’s operation is refused to a support admin (403)', async () => {
    for (const op of operations.filter((o) => o.access === 'superadmin')) {
      const answer = await call(op, { cookie: support.cookie, 'x-csrf-token': support.session.csrfToken });
      expect(answer.status, `${op.method} ${op.path}`).toBe(403);
      expect(answer.code, `${op.method} ${op.path}`).toBe('superadmin_only');
    }
  });
});

describe('an admin session on workshop routes', () => {
  it('opens none of them: the cookie is not a member’s token (401)', async () => {
    const memberOps = operations.filter((op) => op.access === 'member' || op.access === 'owner');
    expect(memberOps.length).toBeGreaterThan(5);
    for (const op of memberOps) {
      const answer = await call(op, { cookie: superadmin.cookie, 'x-csrf-token': superadmin.session.csrfToken }, READS.has(op.method) ? undefined : '{}');
      expect(answer.status, `${op.method} ${op.path}`).toBe(401);
    }
  });
});
