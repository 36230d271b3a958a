/**
 * Access tokens: short-lived JWTs (HS256) naming the user, the workshop and the member. They are
 * kept small because every sync request carries one over expensive mobile data. The member's
 * role and access are re-read from the database on each request, never trusted from the token.
 */
import jwt from 'jsonwebtoken';
import { z } from 'zod';

export interface AccessClaims {
  userId: string;
  workshopId: string;
  memberId: string;
}

const claimsSchema = z.object({ sub: z.string().uuid(), wid: z.string().uuid(), mid: z.string().uuid() });

export function signAccessToken(secret: string, claims: AccessClaims, ttlSeconds: number, now = new Date()): string {
  return jwt.sign({ sub: claims.userId, wid: claims.workshopId, mid: claims.memberId, iat: Math.floor(now.getTime() / 1000) }, secret, {
    algorithm: 'HS256',
    expiresIn: ttlSeconds,
  });
}

export type VerifyFailure = 'expired' | 'invalid';

export function verifyAccessToken(secret: string, token: string, now = new Date()): AccessClaims | VerifyFailure {
  try {
    const payload = jwt.verify(token, secret, { algorithms: ['HS256'], clockTimestamp: Math.floor(now.getTime() / 1000) });
    const parsed = claimsSchema.safeParse(payload);
    if (!parsed.success) return 'invalid';
    return { userId: parsed.data.sub, workshopId: parsed.data.wid, memberId: parsed.data.mid };
  } catch (error) {
    return error instanceof jwt.TokenExpiredError ? 'expired' : 'invalid';
  }
}
