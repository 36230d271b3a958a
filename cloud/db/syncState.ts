/**
 * What a sync with nothing to push needs to know, in ONE statement without an explicit
 * transaction: is the member still active, is the device known, fresh and not revoked, and where
 * is the workshop's change log. Most syncs are such syncs (a device checking for news every few
 * minutes), and answering them in one round trip instead of six (BEGIN, role and workshop,
 * member, device, head, COMMIT) is what lets one server answer a thousand of them a second.
 *
 * The function runs as the RLS role (SECURITY DEFINER, owned by that role) and sets the workshop
 * for the statement's own implicit transaction before reading, so row-level security applies
 * exactly as in `withWorkshop`: another workshop's member or device is simply not found. Call it
 * only as a statement of its own (it sets `app.workshop_id` until the end of the transaction).
 */
import { sql } from 'drizzle-orm';

export const SYNC_STATE_FUNCTION = 'styliste_sync_state';

/** Created (or replaced) at every start, after the migrations: the body follows the code. */
export const syncStateSql = (appRole: string): string[] => [
  `CREATE OR REPLACE FUNCTION ${SYNC_STATE_FUNCTION}(p_workshop uuid, p_member uuid, p_user uuid, p_device uuid)
  RETURNS TABLE (role text, member_deleted boolean, device_found boolean, device_revoked boolean, last_seen_at timestamptz, last_seq bigint)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $fn$
BEGIN
  PERFORM set_config('app.workshop_id', p_workshop::text, true);
  RETURN QUERY
    SELECT m.role, m.deleted_at IS NOT NULL, d.id IS NOT NULL, d.revoked_at IS NOT NULL, d.last_seen_at, w.last_seq
    FROM workshop_sync w
    LEFT JOIN members m ON m.id = p_member AND m.user_id = p_user AND m.workshop_id = p_workshop
    LEFT JOIN devices d ON d.id = p_device AND d.workshop_id = p_workshop
    WHERE w.workshop_id = p_workshop;
END
$fn$`,
  `ALTER FUNCTION ${SYNC_STATE_FUNCTION}(uuid, uuid, uuid, uuid) OWNER TO ${appRole}`,
  `REVOKE ALL ON FUNCTION ${SYNC_STATE_FUNCTION}(uuid, uuid, uuid, uuid) FROM PUBLIC`,
];

export interface SyncState {
  /** Null when the member is unknown in this workshop (removed, or another workshop's). */
  role: string | null;
  memberDeleted: boolean;
  deviceFound: boolean;
  deviceRevoked: boolean;
  lastSeenAt: Date | null;
  /** The workshop's last change-log sequence (its head). */
  head: number;
}

interface SyncStateRow {
  role: string | null;
  member_deleted: boolean | null;
  device_found: boolean;
  device_revoked: boolean;
  last_seen_at: string | Date | null;
  last_seq: string | number;
}

export function syncStateQuery(workshopId: string, memberId: string, userId: string, deviceId: string) {
  return sql`SELECT * FROM ${sql.raw(SYNC_STATE_FUNCTION)}(${workshopId}::uuid, ${memberId}::uuid, ${userId}::uuid, ${deviceId}::uuid)`;
}

export function toSyncState(row: SyncStateRow | undefined): SyncState | null {
  if (!row) return null;
  return {
    role: row.role,
    memberDeleted: row.member_deleted === true,
    deviceFound: row.device_found,
    deviceRevoked: row.device_revoked,
    lastSeenAt: row.last_seen_at === null ? null : new Date(row.last_seen_at),
    head: Number(row.last_seq),
  };
}

export async function installSyncState(db: { execute(query: ReturnType<typeof sql.raw>): Promise<unknown> }, appRole: string): Promise<void> {
  for (const statement of syncStateSql(appRole)) await db.execute(sql.raw(statement));
}
