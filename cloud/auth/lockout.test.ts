import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beninPhone, errorOf, sessionOf, startAuthServer, type AuthTestServer } from './authTesting.js';
import { LOGIN_LIMITS } from './loginLimits.js';

let server: AuthTestServer;
const RIGHT = 'motdepasse-solide';
/**
 * Each test signs in from its own address (X-Forwarded-For, trusted from the loopback proxy): the
 * rate limits count on the machine's clock, which the test cannot move, so no test inherits the
 * attempts of another. Their windows passing is rateLimit.test.ts's (with short windows).
 */
let address = '203.0.113.1';
const login = (identifier: string, password: string) => server.call('POST', '/api/auth/login', { identifier, password }, undefined, { 'x-forwarded-for': address });
const from = (ip: string) => {
  address = ip;
};
/** Past every account lock (those count on the server's clock). */
const pastLocks = () => server.advance(16 * 60_000);

beforeAll(async () => {
  server = await startAuthServer();
  for (const n of [1, 2]) sessionOf(await server.signup({ phone: beninPhone(n) }));
});
afterAll(async () => {
  await server.close();
});

describe('account lock', () => {
  it('locks the account for 15 minutes after 5 consecutive failures, even for the right password', async () => {
    from('203.0.113.1');
    for (let i = 0; i < 4; i += 1) expect(errorOf(await login(beninPhone(1), 'mauvais-mdp')).code).toBe('invalid_credentials');
    const fifth = await login(beninPhone(1), 'mauvais-mdp');
    expect(fifth.status).toBe(429);
    expect(errorOf(fifth).code).toBe('account_locked');
    expect(errorOf(fifth).message).toBe('Compte bloqué après 5 essais manqués. Réessayez dans 15 minutes.');
    expect(fifth.headers.get('retry-after')).toBe('900');

    server.advance(5 * 60_000);
    const right = await login(`+229${beninPhone(1).replace(/\s/g, '')}`, RIGHT);
    expect(right.status).toBe(429);
    expect(errorOf(right).message).toMatch(/Réessayez dans 10 minute/);
    expect(errorOf(right).retryAt).toEqual(expect.any(String));

    server.advance(10 * 60_000 + 1000);
    sessionOf(await login(beninPhone(1), RIGHT));
  });

  it('counts consecutive failures only: a success starts again from zero', async () => {
    from('203.0.113.2');
    pastLocks();
    for (let i = 0; i < 3; i += 1) expect((await login(beninPhone(2), 'mauvais')).status).toBe(401);
    sessionOf(await login(beninPhone(2), RIGHT));
    for (let i = 0; i < 4; i += 1) expect((await login(beninPhone(2), 'mauvais')).status).toBe(401);
    sessionOf(await login(beninPhone(2), RIGHT));
  });
});

describe('rate limits', () => {
  it(`per IP address: ${LOGIN_LIMITS.perIp} failed attempts in 10 minutes, then too_many_requests`, async () => {
    pastLocks();
    from('203.0.113.3');
    for (let i = 0; i < LOGIN_LIMITS.perIp; i += 1) expect((await login(beninPhone(100 + i), 'inconnu')).status).toBe(401);
    const over = await login(beninPhone(1), RIGHT);
    expect(over.status).toBe(429);
    expect(errorOf(over).code).toBe('too_many_requests');
    expect(errorOf(over).message).toMatch(/^Trop de tentatives depuis cette connexion\. Réessayez dans (10|9) minutes\.$/);
    const retryAfter = Number(over.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(500);
    expect(retryAfter).toBeLessThanOrEqual(LOGIN_LIMITS.windowMs / 1000);
    // Another address is not held back.
    from('203.0.113.4');
    sessionOf(await login(beninPhone(1), RIGHT));
  });

  it(`per IP address and identifier: ${LOGIN_LIMITS.perIdentifier} attempts for one unknown identifier`, async () => {
    from('203.0.113.5');
    for (let i = 0; i < LOGIN_LIMITS.perIdentifier; i += 1) expect((await login('personne@example.bj', 'x')).status).toBe(401);
    expect(errorOf(await login('personne@example.bj', 'x')).code).toBe('too_many_requests');
    sessionOf(await login(beninPhone(2), RIGHT));
  });

  it('successful sign-ins do not use up the budget of a shared address', async () => {
    from('203.0.113.6');
    for (let i = 0; i < LOGIN_LIMITS.perIp + 5; i += 1) sessionOf(await login(beninPhone(1 + (i % 2)), RIGHT));
  });
});
