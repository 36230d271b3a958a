/**
 * A workshop's use of what plans limit (shared/billing/limits.ts `WorkshopUsage`), read in its
 * `withWorkshop` transaction: members and open invitations, portfolio photos not removed, and
 * whether the public profile is published (cloud/directory/listingSql.ts).
 */
import { sql } from 'drizzle-orm';
import { rows, type Tx } from '../db/client.js';
import type { WorkshopUsage } from '../../shared/billing/limits.js';
import { livePortfolioPhotos, profilePublished } from '../directory/listingSql.js';

/** Members not removed (the owner included) plus invitations still open: each is a seat. */
export async function seatsTaken(tx: Tx, workshopId: string, now: Date): Promise<number> {
  const [row] = await rows<{ n: number | string }>(
    tx,
    sql`SELECT (SELECT count(*) FROM members WHERE workshop_id = ${workshopId} AND deleted_at IS NULL)
             + (SELECT count(*) FROM invites WHERE workshop_id = ${workshopId} AND accepted_at IS NULL AND expires_at > ${now.toISOString()}) AS n`,
  );
  return Number(row?.n ?? 0);
}

/** Members not removed, the owner included (what accepting an invitation adds one to). */
export async function liveMembers(tx: Tx, workshopId: string): Promise<number> {
  const [row] = await rows<{ n: number | string }>(tx, sql`SELECT count(*) AS n FROM members WHERE workshop_id = ${workshopId} AND deleted_at IS NULL`);
  return Number(row?.n ?? 0);
}

export async function workshopUsage(tx: Tx, workshopId: string, now: Date): Promise<WorkshopUsage> {
  return { members: await seatsTaken(tx, workshopId, now), portfolioPhotos: await livePortfolioPhotos(tx, workshopId), directoryListed: await profilePublished(tx, workshopId) };
}
