/**
 * The statements of accounts and sessions, each in a function taking the transaction it runs in:
 * users (find, create, the failed-login count and lock), the memberships a user has, and the
 * workshop's name a session shows.
 */
import { eq, sql } from 'drizzle-orm';
import { rows, type Tx } from '../db/client.js';
import { users } from '../db/schema.js';
import { roleSchema, type Role } from '../../shared/domain/roles.js';
import type { AccessClaims } from './tokens.js';

export type UserRow = typeof users.$inferSelect;
export type Identifier = { kind: 'phone' | 'email'; value: string };

export async function findUser(tx: Tx, identifier: Identifier): Promise<UserRow | undefined> {
  const column = identifier.kind === 'phone' ? users.phone : users.email;
  const [user] = await tx.select().from(users).where(eq(column, identifier.value));
  return user;
}

export async function insertUser(
  tx: Tx,
  user: { id: string; name: string; phone: string; email: string | null; passwordHash: string },
  now: Date,
): Promise<void> {
  await tx.insert(users).values({ ...user, createdAt: now });
}

export async function clearFailedLogins(tx: Tx, userId: string): Promise<void> {
  await tx.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, userId));
}

/**
 * Counts one failed sign-in in one statement (so two at once both count); the one that reaches
 * `maxFailures` locks the account until `lockUntil` and starts the count again. Returns the lock.
 */
export async function recordFailedLogin(tx: Tx, userId: string, maxFailures: number, lockUntil: Date): Promise<Date | null> {
  const reachesLimit = sql`${users.failedLogins} + 1 >= ${maxFailures}`;
  const [after] = await tx
    .update(users)
    .set({
      failedLogins: sql`CASE WHEN ${reachesLimit} THEN 0 ELSE ${users.failedLogins} + 1 END`,
      lockedUntil: sql`CASE WHEN ${reachesLimit} THEN ${lockUntil.toISOString()}::timestamptz ELSE ${users.lockedUntil} END`,
    })
    .where(eq(users.id, userId))
    .returning({ lockedUntil: users.lockedUntil });
  return after?.lockedUntil ?? null;
}

/** The user's live membership: in `workshopId` if given, else the most recently joined (uuidv7 ids sort by time). */
export async function findMembership(tx: Tx, userId: string, workshopId?: string): Promise<{ workshopId: string; memberId: string } | undefined> {
  const [found] = await rows<{ workshop_id: string; id: string }>(
    tx,
    sql`SELECT workshop_id, id FROM members WHERE user_id = ${userId} AND deleted_at IS NULL
      ${workshopId ? sql`AND workshop_id = ${workshopId}` : sql``} ORDER BY id DESC LIMIT 1`,
  );
  return found ? { workshopId: found.workshop_id, memberId: found.id } : undefined;
}

/**
 * The role of the member a session names, if they are still in the workshop (inside
 * `withWorkshop(claims.workshopId)`): sign-in and refresh read it in the transaction that opens
 * the session, so a member removed a moment before is refused, not handed a token.
 */
export async function liveMemberRole(tx: Tx, claims: AccessClaims): Promise<Role | undefined> {
  const [member] = await rows<{ role: string; deleted_at: string | null }>(
    tx,
    sql`SELECT role, deleted_at FROM members WHERE id = ${claims.memberId} AND user_id = ${claims.userId}`,
  );
  return member && !member.deleted_at ? roleSchema.parse(member.role) : undefined;
}

export async function workshopName(tx: Tx, workshopId: string): Promise<string> {
  const [shop] = await rows<{ name: string | null }>(tx, sql`SELECT name FROM workshop WHERE id = ${workshopId}`);
  return shop?.name ?? '';
}

/** The constraint a unique violation (23505) hit, whatever the driver and its wrapping; else undefined. */
export function uniqueViolation(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth += 1) {
    const e = current as { code?: unknown; constraint_name?: unknown; constraint?: unknown; cause?: unknown };
    if (e.code === '23505') {
      const name = e.constraint_name ?? e.constraint;
      return typeof name === 'string' ? name : '';
    }
    current = e.cause;
  }
  return undefined;
}
