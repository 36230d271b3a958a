/**
 * Refresh tokens: opaque random strings `<id>.<secret>` (base64url of the row's uuid and of 32
 * random bytes). Only the SHA-256 of the secret is stored. They rotate: each use marks the token
 * used and issues a new one in the same family; presenting a used one again means it was copied,
 * so the whole family is revoked (every device holding a token of it must sign in again).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { parse as uuidParse } from 'uuid';
import type { Tx } from '../db/client.js';
import { refreshTokens } from '../db/schema.js';
import { newId } from '../../shared/domain/ids.js';
import type { AccessClaims } from './tokens.js';

const TOKEN_PATTERN = /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/;

function sha256(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function parseRefreshToken(token: string): { id: string; secretHash: string } | null {
  const match = TOKEN_PATTERN.exec(token);
  if (!match) return null;
  const idBytes = Buffer.from(match[1]!, 'base64url');
  if (idBytes.length !== 16) return null;
  // The uuid as text, by hand: `stringify` would throw on bytes that are not a valid uuid.
  const hex = idBytes.toString('hex');
  const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return { id, secretHash: sha256(match[2]!) };
}

function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

export interface IssueOptions {
  familyId?: string;
  deviceId?: string | null;
  now: Date;
  ttlDays: number;
}

/** Inserts a new refresh token (a new family unless one is given) and returns it. */
export async function issueRefreshToken(tx: Tx, claims: AccessClaims, options: IssueOptions): Promise<string> {
  const id = newId();
  const secret = randomBytes(32).toString('base64url');
  await tx.insert(refreshTokens).values({
    id,
    familyId: options.familyId ?? newId(),
    userId: claims.userId,
    workshopId: claims.workshopId,
    memberId: claims.memberId,
    deviceId: options.deviceId ?? null,
    tokenHash: sha256(secret),
    expiresAt: new Date(options.now.getTime() + options.ttlDays * 86_400_000),
    createdAt: options.now,
  });
  return `${Buffer.from(uuidParse(id)).toString('base64url')}.${secret}`;
}

export type StoredToken = typeof refreshTokens.$inferSelect;

/** The token's row if the token is genuine (its secret matches), else null. `lock` takes a row lock. */
export async function findRefreshToken(tx: Tx, token: string, lock = false): Promise<StoredToken | null> {
  const parsed = parseRefreshToken(token);
  if (!parsed) return null;
  const query = tx.select().from(refreshTokens).where(eq(refreshTokens.id, parsed.id));
  const [row] = lock ? await query.for('update') : await query;
  if (!row || !sameHash(row.tokenHash, parsed.secretHash)) return null;
  return row;
}

export function claimsOf(row: StoredToken): AccessClaims {
  return { userId: row.userId, workshopId: row.workshopId, memberId: row.memberId };
}

export async function revokeFamily(tx: Tx, familyId: string, now: Date): Promise<void> {
  await tx.update(refreshTokens).set({ revokedAt: now }).where(and(eq(refreshTokens.familyId, familyId), isNull(refreshTokens.revokedAt)));
}

/** Every session of a member (when the member is removed from the workshop). */
export async function revokeMemberTokens(tx: Tx, memberId: string, now: Date): Promise<void> {
  await tx.update(refreshTokens).set({ revokedAt: now }).where(and(eq(refreshTokens.memberId, memberId), isNull(refreshTokens.revokedAt)));
}

export type RotateCheck = 'ok' | 'reused' | 'revoked' | 'expired';

/** What presenting this (genuine, locked) token amounts to now. */
export function checkForRotation(row: StoredToken, now: Date): RotateCheck {
  if (row.usedAt) return 'reused';
  if (row.revokedAt) return 'revoked';
  if (row.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'ok';
}

export async function markUsed(tx: Tx, id: string, now: Date): Promise<void> {
  await tx.update(refreshTokens).set({ usedAt: now }).where(eq(refreshTokens.id, id));
}
