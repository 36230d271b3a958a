/**
 * Access tokens: short-lived JWTs (HS256) naming the user, the workshop and the member. Every sync
 * request carries one over expensive mobile data, so they are kept small: the three ids as
 * 22-character base64url (not 36-character UUID text), no `iat`, no `typ` header — about 200
 * bytes instead of 330. The member's role and access are re-read from the database on each
 * request, never trusted from the token.
 */
import { createSecretKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { z } from 'zod';
import { parse as uuidParse, stringify as uuidStringify } from 'uuid';

export interface AccessClaims {
  userId: string;
  workshopId: string;
  memberId: string;
}

const shortId = z.string().regex(/^[A-Za-z0-9_-]{22}$/);
const claimsSchema = z.object({ u: shortId, w: shortId, m: shortId });

function pack(uuid: string): string {
  return Buffer.from(uuidParse(uuid)).toString('base64url');
}

function unpack(short: string): string {
  return uuidStringify(new Uint8Array(Buffer.from(short, 'base64url')));
}

// jsonwebtoken would otherwise try to read a string secret as a PEM key on every call.
const keys = new Map<string, KeyObject>();
function keyFor(secret: string): KeyObject {
  let key = keys.get(secret);
  if (!key) {
    key = createSecretKey(Buffer.from(secret, 'utf8'));
    keys.set(secret, key);
  }
  return key;
}

export function signAccessToken(secret: string, claims: AccessClaims, ttlSeconds: number, now = new Date()): string {
  const exp = Math.floor(now.getTime() / 1000) + ttlSeconds;
  return jwt.sign({ u: pack(claims.userId), w: pack(claims.workshopId), m: pack(claims.memberId), exp }, keyFor(secret), {
    algorithm: 'HS256',
    noTimestamp: true,
    // jsonwebtoken adds typ: 'JWT' unless told otherwise; it says nothing a verifier needs.
    header: { alg: 'HS256', typ: undefined },
  });
}

export type VerifyFailure = 'expired' | 'invalid';

/**
 * Tokens whose signature was checked, by their exact text: a device sends the same token with
 * every sync until it refreshes it, and the HMAC and JSON work was a tenth of an idle sync's CPU.
 * Only the very string that was verified is found here (a forged one is another string), and the
 * expiry is still checked on every call.
 */
const VERIFIED_MAX = 20_000;
const verified = new Map<string, { claims: AccessClaims; exp: number }>();

function remember(key: string, claims: AccessClaims, exp: number): void {
  if (verified.size >= VERIFIED_MAX) verified.delete(verified.keys().next().value!);
  verified.set(key, { claims, exp });
}

export function verifyAccessToken(secret: string, token: string, now = new Date()): AccessClaims | VerifyFailure {
  const clock = Math.floor(now.getTime() / 1000);
  const key = `${secret}\n${token}`;
  const known = verified.get(key);
  if (known) return clock >= known.exp ? 'expired' : known.claims;
  try {
    const payload = jwt.verify(token, keyFor(secret), { algorithms: ['HS256'], clockTimestamp: clock });
    const parsed = claimsSchema.safeParse(payload);
    if (!parsed.success) return 'invalid';
    const claims = { userId: unpack(parsed.data.u), workshopId: unpack(parsed.data.w), memberId: unpack(parsed.data.m) };
    const { exp, nbf } = payload as { exp?: unknown; nbf?: unknown };
    if (typeof exp === 'number' && nbf === undefined) remember(key, claims, exp);
    return claims;
  } catch (error) {
    return error instanceof jwt.TokenExpiredError ? 'expired' : 'invalid';
  }
}
