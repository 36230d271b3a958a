import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beninPhone, errorOf, sessionOf, startAuthServer, type AuthTestServer } from './authTesting.js';
import { LOGIN_LIMITS } from './login.js';

let server: AuthTestServer;
const RIGHT = 'motdepasse-solide';
const login = (identifier: string, password: string) => server.call('POST', '/api/auth/login', { identifier, password });
/** Past every in-memory window and account lock. */
const nextWindow = () => server.advance(LOGIN_LIMITS.windowMs + 60_000);

beforeAll(async () => {
  server = await startAuthServer();
  for (const n of [1, 2]) sessionOf(await server.signup({ phone: beninPhone(n) }));
});
afterAll(async () => {
  await server.close();
});

describe('account lock', () => {
  it('locks the account for 15 minutes after 5 consecutive failures, even for the right password', async () => {
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
    nextWindow();
    for (let i = 0; i < 3; i += 1) expect((await login(beninPhone(2), 'mauvais')).status).toBe(401);
    sessionOf(await login(beninPhone(2), RIGHT));
    for (let i = 0; i < 4; i += 1) expect((await login(beninPhone(2), 'mauvais')).status).toBe(401);
    sessionOf(await login(beninPhone(2), RIGHT));
  });
});

describe('in-memory limits', () => {
  it(`per IP address: ${LOGIN_LIMITS.perIp} failed attempts in 10 minutes, then too_many_requests`, async () => {
    nextWindow();
    for (let i = 0; i < LOGIN_LIMITS.perIp; i += 1) expect((await login(beninPhone(100 + i), 'inconnu')).status).toBe(401);
    const over = await login(beninPhone(1), RIGHT);
    expect(over.status).toBe(429);
    expect(errorOf(over).code).toBe('too_many_requests');
    expect(errorOf(over).message).toMatch(/Trop de tentatives/);
    nextWindow();
    sessionOf(await login(beninPhone(1), RIGHT));
  });

  it(`per IP address and identifier: ${LOGIN_LIMITS.perIdentifier} attempts for one unknown identifier`, async () => {
    nextWindow();
    for (let i = 0; i < LOGIN_LIMITS.perIdentifier; i += 1) expect((await login('personne@example.bj', 'x')).status).toBe(401);
    expect(errorOf(await login('personne@example.bj', 'x')).code).toBe('too_many_requests');
    sessionOf(await login(beninPhone(2), RIGHT));
  });

  it('successful sign-ins do not use up the budget of a shared address', async () => {
    nextWindow();
    for (let i = 0; i < LOGIN_LIMITS.perIp + 5; i += 1) sessionOf(await login(beninPhone(1 + (i % 2)), RIGHT));
  });
});
