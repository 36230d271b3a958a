/**
 * The guards come from the declarations: every operation of the OpenAPI document is walked, and
 * each one refuses what its declared access refuses — no token, a bad or expired token, a removed
 * member, a staff member on an owner route — before anything of the request is read. A route added
 * later is walked too (the list comes from the document, not from this file).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/testServer.js';
import { createFixtureWorkshop, type FixtureMember, type FixtureWorkshop } from '../testing/fixtures.js';
import { signAccessToken } from '../auth/tokens.js';
import { newId } from '../../shared/domain/ids.js';
import { ACCESS } from './guards.js';

interface Operation {
  method: string;
  path: string;
  access: string;
  security: unknown[];
}

let server: TestServer;
let shop: FixtureWorkshop;
let staff: FixtureMember;
let operations: Operation[];

function concretePath(path: string): string {
  return `/api${path.replace(/\{(\w+)\}/g, (_, name: string) => (name === 'hash' ? 'ab'.repeat(32) : newId()))}`;
}

async function call(op: Operation, token?: string): Promise<{ status: number; code: string | undefined }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  const response = await fetch(`${server.url}${concretePath(op.path)}`, {
    method: op.method.toUpperCase(),
    headers,
    ...(op.method === 'get' || op.method === 'delete' ? {} : { body: '{}' }),
  });
  const body = (await response.json().catch(() => ({}))) as { error?: { code?: string } };
  return { status: response.status, code: body.error?.code };
}

beforeAll(async () => {
  server = await startTestServer();
  shop = await createFixtureWorkshop(server.ctx);
  staff = await shop.addMember('staff', 'Employée');
  const doc = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as { paths: Record<string, Record<string, { 'x-access': string; security: unknown[] }>> };
  operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ method, path, access: op['x-access'], security: op.security })),
  );
});
afterAll(async () => {
  await server.close();
});

describe('guards from the declarations', () => {
  it('declares an access for every documented operation, and OpenAPI security follows it', () => {
    expect(operations.length).toBeGreaterThan(10);
    for (const op of operations) {
      expect(ACCESS, `${op.method} ${op.path}`).toContain(op.access);
      if (op.access === 'public') expect(op.security).toEqual([]);
      if (op.access === 'member' || op.access === 'owner') expect(op.security).toEqual([{ bearer: [] }]);
    }
    expect(operations.filter((op) => op.access === 'owner').length).toBeGreaterThan(3);
  });

  it('answers 401 to every member and owner operation without a token, with a bad token, or with an expired one', async () => {
    const expired = signAccessToken(server.ctx.config.jwtSecret, { userId: shop.owner.userId, workshopId: shop.workshopId, memberId: shop.owner.memberId }, 60, new Date(Date.now() - 3_600_000));
    const forged = `${shop.owner.token.slice(0, -3)}abc`;
    for (const op of operations.filter((o) => o.access === 'member' || o.access === 'owner')) {
      const name = `${op.method} ${op.path}`;
      expect(await call(op), name).toEqual({ status: 401, code: 'unauthorized' });
      expect(await call(op, forged), name).toEqual({ status: 401, code: 'unauthorized' });
      expect(await call(op, expired), name).toEqual({ status: 401, code: 'token_expired' });
    }
  });

  it('answers 403 to a staff token on every owner operation, and lets it through member operations', async () => {
    for (const op of operations) {
      const name = `${op.method} ${op.path}`;
      const answer = await call(op, staff.token);
      if (op.access === 'owner') expect(answer, name).toEqual({ status: 403, code: 'forbidden' });
      if (op.access === 'member') expect([401, 403], name).not.toContain(answer.status);
      expect(answer.status, name).toBeLessThan(500);
    }
  });

  it('answers access_revoked to a removed member on every member and owner operation', async () => {
    const gone = await shop.addMember('owner', 'Ancien associé');
    const removed = await fetch(`${server.url}/api/members/${gone.memberId}`, { method: 'DELETE', headers: { authorization: `Bearer ${shop.owner.token}` } });
    expect(removed.status).toBe(204);
    for (const op of operations.filter((o) => o.access === 'member' || o.access === 'owner')) {
      expect(await call(op, gone.token), `${op.method} ${op.path}`).toEqual({ status: 403, code: 'access_revoked' });
    }
  });

  it('answers 405 with Allow to a known path asked with another method', async () => {
    const sync = await fetch(`${server.url}/api/sync`, { headers: { authorization: `Bearer ${shop.owner.token}` } });
    expect(sync.status).toBe(405);
    expect(sync.headers.get('allow')).toBe('POST, OPTIONS');
    expect(((await sync.json()) as { error: { code: string; message: string } }).error).toEqual({
      code: 'method_not_allowed',
      message: 'Méthode GET non acceptée à cette adresse (acceptées : POST).',
    });
    const member = await fetch(`${server.url}/api/members/${newId()}`, { method: 'PUT' });
    expect(member.status).toBe(405);
    expect(member.headers.get('allow')).toBe('DELETE, PATCH, OPTIONS');
    // Express answers OPTIONS itself where a route matches the path; the Allow header is what counts.
    const options = await fetch(`${server.url}/api/members`, { method: 'OPTIONS' });
    expect(options.status).toBeLessThan(300);
    expect(options.headers.get('allow')?.replace(/\s/g, '')).toMatch(/^GET,HEAD/);
    const unknown = await fetch(`${server.url}/api/nowhere`, { method: 'PUT' });
    expect(unknown.status).toBe(404);
  });
});
