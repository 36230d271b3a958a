/**
 * The statements of the team, each in a function taking its transaction: the members' account
 * links and counts (the member rows themselves are written by the server-write helper, so devices
 * receive them by sync), and the invitations.
 */
import { and, asc, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import { rows, type Tx } from '../db/client.js';
import { invites } from '../db/schema.js';

export type InviteRow = typeof invites.$inferSelect;

/** Links a member row to its account (`user_id` is the hub's own column: it is never synced). */
export async function linkMemberToUser(tx: Tx, memberId: string, userId: string): Promise<void> {
  await tx.execute(sql`UPDATE members SET user_id = ${userId} WHERE id = ${memberId}`);
}

export interface MemberListRow {
  id: string;
  name: string | null;
  phone: string | null;
  role: string | null;
  user_id: string | null;
}

/** The workshop's members still in it (inside `withWorkshop`). */
export function liveMembers(tx: Tx): Promise<MemberListRow[]> {
  return rows<MemberListRow>(tx, sql`SELECT id, name, phone, role, user_id FROM members WHERE deleted_at IS NULL ORDER BY id`);
}

export async function activeOwners(tx: Tx): Promise<number> {
  const [row] = await rows<{ n: number | string }>(tx, sql`SELECT count(*)::int AS n FROM members WHERE role = 'owner' AND deleted_at IS NULL`);
  return Number(row?.n ?? 0);
}

export async function hasAccount(tx: Tx, memberId: string): Promise<boolean> {
  const [row] = await rows<{ user_id: string | null }>(tx, sql`SELECT user_id FROM members WHERE id = ${memberId}`);
  return Boolean(row?.user_id);
}

/** A live member of this workshop with this phone number, or with this account. */
export async function liveMemberWith(tx: Tx, who: { phone: string } | { userId: string }): Promise<string | undefined> {
  const where = 'phone' in who ? sql`phone = ${who.phone}` : sql`user_id = ${who.userId}`;
  const [found] = await rows<{ id: string }>(tx, sql`SELECT id FROM members WHERE ${where} AND deleted_at IS NULL`);
  return found?.id;
}

/** Invitations still usable (inside `withWorkshop`), oldest first. */
export function pendingInvites(tx: Tx, now: Date, maxAttempts: number): Promise<InviteRow[]> {
  return tx
    .select()
    .from(invites)
    .where(and(isNull(invites.acceptedAt), gt(invites.expiresAt, now), lt(invites.attempts, maxAttempts)))
    .orderBy(asc(invites.createdAt));
}

/** Ends the usable invitations for a phone number (a new one replaces them). */
export async function expireInvitesFor(tx: Tx, phone: string, now: Date): Promise<void> {
  await tx
    .update(invites)
    .set({ expiresAt: now })
    .where(and(eq(invites.phone, phone), isNull(invites.acceptedAt), gt(invites.expiresAt, now)));
}

export async function insertInvite(tx: Tx, invite: Omit<InviteRow, 'attempts' | 'acceptedAt'>): Promise<void> {
  await tx.insert(invites).values(invite);
}

/**
 * Takes one attempt from every usable invitation for this number, in every workshop (a system
 * transaction), before any code is compared, and returns them: guessing costs an attempt even
 * when two requests race.
 */
export function takeInviteAttempts(tx: Tx, phone: string, now: Date, maxAttempts: number): Promise<InviteRow[]> {
  return tx
    .update(invites)
    .set({ attempts: sql`${invites.attempts} + 1` })
    .where(and(eq(invites.phone, phone), isNull(invites.acceptedAt), gt(invites.expiresAt, now), lt(invites.attempts, maxAttempts)))
    .returning();
}

/** Gives back the attempt of the invitation whose code was right. */
export async function giveBackAttempt(tx: Tx, inviteId: string): Promise<void> {
  await tx.update(invites).set({ attempts: sql`${invites.attempts} - 1` }).where(eq(invites.id, inviteId));
}

/** The invitation, locked until the transaction ends: two acceptances at once cannot both pass. */
export async function lockInvite(tx: Tx, inviteId: string): Promise<InviteRow | undefined> {
  const [row] = await tx.select().from(invites).where(eq(invites.id, inviteId)).for('update');
  return row;
}

export async function markInviteAccepted(tx: Tx, inviteId: string, now: Date): Promise<void> {
  await tx.update(invites).set({ acceptedAt: now }).where(eq(invites.id, inviteId));
}
