import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import jwt from 'jsonwebtoken';
import { z } from 'zod';
import { beninPhone, errorOf, sessionOf, startAuthServer, type AuthTestServer, type Reply } from './authTesting.js';
import { signAccessToken, verifyAccessToken } from './tokens.js';
import type { SessionResponse } from './schemas.js';

let server: AuthTestServer;
let session: SessionResponse;
const OTHER_SECRET = 'another-secret-0123456789-abcdefghijklmnopqrstuvwxyz';

const tokensOf = (reply: Reply) => z.object({ accessToken: z.string(), refreshToken: z.string() }).strict().parse(reply.body);
const refresh = (refreshToken: string) => server.call('POST', '/api/auth/refresh', { refreshToken });
const login = () => server.call('POST', '/api/auth/login', { identifier: beninPhone(1), password: 'motdepasse-solide' });
/** Any Bearer endpoint will do: the owner's member list. */
const members = (token: string) => server.call('GET', '/api/members', undefined, token);

beforeAll(async () => {
  server = await startAuthServer();
  session = sessionOf(await server.signup({ phone: beninPhone(1) }));
});
afterAll(async () => {
  await server.close();
});

describe('refresh tokens', () => {
  it('rotate: each use gives a new pair, and the new access token works', async () => {
    const first = sessionOf(await login());
    const second = tokensOf(await refresh(first.refreshToken));
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect((await members(second.accessToken)).status).toBe(200);
    const third = tokensOf(await refresh(second.refreshToken));
    expect((await members(third.accessToken)).status).toBe(200);
  });

  it('reuse of a spent one revokes the whole family: the newer token stops working too', async () => {
    const first = sessionOf(await login());
    const second = tokensOf(await refresh(first.refreshToken));
    const reuse = await refresh(first.refreshToken);
    expect(reuse.status).toBe(401);
    expect(errorOf(reuse).code).toBe('refresh_reused');
    const newer = await refresh(second.refreshToken);
    expect(newer.status).toBe(401);
    // Another session (another family) of the same person is untouched.
    expect((await refresh(session.refreshToken)).status).toBe(200);
    session = sessionOf(await login());
  });

  it('two uses of the same token at once: only one rotates', async () => {
    const first = sessionOf(await login());
    const replies = await Promise.all([refresh(first.refreshToken), refresh(first.refreshToken)]);
    expect(replies.map((r) => r.status).sort()).toEqual([200, 401]);
  });

  it('refuses unknown, forged and malformed tokens with invalid_refresh', async () => {
    const genuine = sessionOf(await login()).refreshToken;
    const [id] = genuine.split('.');
    const forged = `${id}.${'A'.repeat(43)}`;
    for (const token of ['n’importe quoi', forged, `${'B'.repeat(22)}.${'C'.repeat(43)}`]) {
      const reply = await refresh(token);
      expect(reply.status).toBe(401);
      expect(errorOf(reply).code).toBe('invalid_refresh');
    }
    expect((await refresh(genuine)).status).toBe(200);
  });

  it('logout revokes the family (204, also for a token already invalid)', async () => {
    const first = sessionOf(await login());
    const second = tokensOf(await refresh(first.refreshToken));
    const out = await server.call('POST', '/api/auth/logout', { refreshToken: second.refreshToken });
    expect(out.status).toBe(204);
    expect(errorOf(await refresh(second.refreshToken)).code).toBe('invalid_refresh');
    expect((await server.call('POST', '/api/auth/logout', { refreshToken: 'garbage' })).status).toBe(204);
  });

  it('expire after REFRESH_TOKEN_TTL_DAYS (refresh_expired)', async () => {
    const first = sessionOf(await login());
    server.advance((server.ctx.config.refreshTokenTtlDays + 1) * 86_400_000);
    const reply = await refresh(first.refreshToken);
    expect(reply.status).toBe(401);
    expect(errorOf(reply).code).toBe('refresh_expired');
    expect(errorOf(reply).message).toMatch(/expirée/);
  });
});

describe('access tokens', () => {
  const secret = () => server.ctx.config.jwtSecret;
  const claims = () => ({ userId: session.user.id, workshopId: session.workshop.id, memberId: session.member.id });
  const expectUnauthorized = async (token: string, code = 'unauthorized') => {
    const reply = await members(token);
    expect(reply.status).toBe(401);
    expect(errorOf(reply).code).toBe(code);
  };

  it('are required on Bearer endpoints', async () => {
    const reply = await server.call('GET', '/api/members');
    expect(reply.status).toBe(401);
    expect(errorOf(reply).code).toBe('unauthorized');
  });

  it('expired → 401 token_expired', async () => {
    const token = signAccessToken(secret(), claims(), 1, new Date(server.ctx.now().getTime() - 60_000));
    await expectUnauthorized(token, 'token_expired');
  });

  it('signed with another secret → 401', async () => {
    await expectUnauthorized(signAccessToken(OTHER_SECRET, claims(), 600, server.ctx.now()));
  });

  it('alg none → 401', async () => {
    const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const now = Math.floor(server.ctx.now().getTime() / 1000);
    const genuine = JSON.parse(Buffer.from(signAccessToken(secret(), claims(), 600, server.ctx.now()).split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
    const unsigned = `${part({ alg: 'none', typ: 'JWT' })}.${part({ ...genuine, exp: now + 600 })}.`;
    await expectUnauthorized(unsigned);
  });

  it('tampered payload (another workshop) → 401', async () => {
    const token = signAccessToken(secret(), claims(), 600, server.ctx.now());
    const [header, payload, signature] = token.split('.');
    const decoded = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
    // Another workshop's id, in the token's compact form (16 bytes, base64url).
    const tampered = Buffer.from(JSON.stringify({ ...decoded, w: Buffer.alloc(16, 7).toString('base64url') })).toString('base64url');
    await expectUnauthorized(`${header}.${tampered}.${signature}`);
  });

  it('HS512 with the right secret (algorithm not allowed) → 401', async () => {
    const genuine = JSON.parse(Buffer.from(signAccessToken(secret(), claims(), 600, server.ctx.now()).split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
    const token = jwt.sign(genuine, secret(), { algorithm: 'HS512' });
    await expectUnauthorized(token);
  });

  it('a genuine one works', async () => {
    expect((await members(signAccessToken(secret(), claims(), 600, server.ctx.now()))).status).toBe(200);
  });
});

describe('access tokens verified once', () => {
  const SECRET = 'unit-secret-0123456789-abcdefghijklmnopqrstuvwxyz';
  const ids = { userId: '01a23456-7890-7abc-8def-0123456789ab', workshopId: '01a23456-7890-7abc-8def-0123456789ac', memberId: '01a23456-7890-7abc-8def-0123456789ad' };

  it('are still refused once they expire, and only the very string that was verified is remembered', () => {
    const now = new Date('2026-12-01T10:00:00Z');
    const token = signAccessToken(SECRET, ids, 60, now);
    expect(verifyAccessToken(SECRET, token, now)).toEqual(ids);
    expect(verifyAccessToken(SECRET, token, new Date(now.getTime() + 59_000))).toEqual(ids);
    expect(verifyAccessToken(SECRET, token, new Date(now.getTime() + 60_000))).toBe('expired');
    // The same token under another secret, and a token differing by one character of its signature.
    expect(verifyAccessToken(OTHER_SECRET, token, now)).toBe('invalid');
    const at = token.length - 10;
    const forged = `${token.slice(0, at)}${token[at] === 'A' ? 'B' : 'A'}${token.slice(at + 1)}`;
    expect(verifyAccessToken(SECRET, forged, now)).toBe('invalid');
    expect(verifyAccessToken(SECRET, token, now)).toEqual(ids);
  });
});
