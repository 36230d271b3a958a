/**
 * The sign-in limits hold across instances: two real servers, each with its own pool, on ONE
 * Postgres database (always a real Postgres, as rateLimit.test.ts: on PGlite one process owns the
 * database, so there is only ever one instance). Failed sign-ins spread over both servers reach
 * 429 at the same total count as on one server; had each server counted alone, every one of those
 * attempts would have passed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCloudDb } from '../db/client.js';
import { createScratchDatabase } from '../testing/testDb.js';
import { startTestServer, type TestServer } from '../testing/testServer.js';
import { beninPhone, errorOf, sessionOf, type Reply } from './authTesting.js';
import { LOGIN_LIMITS } from './loginLimits.js';

const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const RIGHT = 'motdepasse-solide';

let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
let servers: TestServer[] = [];

async function login(server: TestServer, ip: string, identifier: string, password: string): Promise<Reply> {
  const response = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
    body: JSON.stringify({ identifier, password }),
  });
  return { status: response.status, body: (await response.json()) as unknown, headers: response.headers };
}

beforeAll(async () => {
  scratch = await createScratchDatabase(ADMIN_URL, 'styliste_limits');
  for (let i = 0; i < 2; i += 1) {
    const db = await openCloudDb({ url: scratch.url, maxConnections: 4 });
    servers.push(await startTestServer({}, { db }));
  }
  const signup = await fetch(`${servers[0]!.url}/api/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ workshopName: 'Atelier Deux Serveurs', ownerName: 'Awa', phone: beninPhone(1), password: RIGHT }),
  });
  expect(signup.status).toBe(201);
});
afterAll(async () => {
  for (const server of servers) await server.close();
  servers = [];
  await scratch?.drop();
});

describe('two servers on one Postgres', () => {
  it(`per IP address: ${LOGIN_LIMITS.perIp} failures spread over both, then 429 on either`, async () => {
    const ip = '198.51.100.1';
    for (let i = 0; i < LOGIN_LIMITS.perIp; i += 1) {
      const reply = await login(servers[i % 2]!, ip, beninPhone(100 + i), 'inconnu');
      expect(reply.status, `failure ${i + 1} on server ${i % 2}`).toBe(401);
    }
    // Each server saw only half the failures: only a shared count refuses now, on both.
    for (const server of servers) {
      const over = await login(server, ip, beninPhone(1), RIGHT);
      expect(over.status).toBe(429);
      expect(errorOf(over).code).toBe('too_many_requests');
      expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    // Another address signs in on either server.
    for (const server of servers) sessionOf(await login(server, '198.51.100.2', beninPhone(1), RIGHT));
  });

  it(`per IP address and identifier: ${LOGIN_LIMITS.perIdentifier} failures spread over both, then 429 on either`, async () => {
    const ip = '198.51.100.3';
    for (let i = 0; i < LOGIN_LIMITS.perIdentifier; i += 1) {
      expect((await login(servers[i % 2]!, ip, 'personne@example.bj', 'x')).status, `failure ${i + 1}`).toBe(401);
    }
    for (const server of servers) expect(errorOf(await login(server, ip, 'personne@example.bj', 'x')).code).toBe('too_many_requests');
    // The address's own budget is not spent: another identifier from it still signs in.
    sessionOf(await login(servers[1]!, ip, beninPhone(1), RIGHT));
  });

  it('a success on one server gives its attempt back for both', async () => {
    const ip = '198.51.100.4';
    for (let i = 0; i < LOGIN_LIMITS.perIp - 1; i += 1) expect((await login(servers[i % 2]!, ip, beninPhone(300 + i), 'inconnu')).status).toBe(401);
    // The 20th attempt succeeds on server 0 and is given back: one more failure fits, on server 1.
    sessionOf(await login(servers[0]!, ip, beninPhone(1), RIGHT));
    expect((await login(servers[1]!, ip, beninPhone(399), 'inconnu')).status).toBe(401);
    expect(errorOf(await login(servers[0]!, ip, beninPhone(398), 'inconnu')).code).toBe('too_many_requests');
  });
});
