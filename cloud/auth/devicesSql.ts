/**
 * The statements of a workshop's devices, each in a function taking its transaction. Each device
 * gets a code, unique in the workshop (A, B, … Z, AA, AB …), that prefixes the order numbers it
 * gives offline; the hub is the only one handing codes out. Sync registers devices here too.
 */
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Tx } from '../db/client.js';
import { rows } from '../db/client.js';
import { devices } from '../db/schema.js';

/**
 * The name a device gets when it registers by syncing before it said its name. A stored value,
 * shown as it is in the owner's list (the app names its device with POST /api/devices).
 */
const UNNAMED_DEVICE = 'Appareil';

/** 0 → A, 25 → Z, 26 → AA, 701 → ZZ, 702 → AAA. */
export function deviceCodeFor(index: number): string {
  let n = index;
  let code = '';
  do {
    code = String.fromCharCode(65 + (n % 26)) + code;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return code;
}

export interface DeviceRow {
  id: string;
  code: string;
  name: string;
  revoked: boolean;
}

/** The device if it is registered in this workshop (inside `withWorkshop`/`readWorkshop`). */
export async function findDevice(tx: Tx, id: string): Promise<(DeviceRow & { lastSeenAt: Date }) | null> {
  const [found] = await rows<{ id: string; code: string; name: string; revoked_at: string | null; last_seen_at: string | Date }>(
    tx,
    sql`SELECT id, code, name, revoked_at, last_seen_at FROM devices WHERE id = ${id}`,
  );
  return found ? { id: found.id, code: found.code, name: found.name, revoked: found.revoked_at !== null, lastSeenAt: new Date(found.last_seen_at) } : null;
}

/**
 * The device as registered, registering it if new (inside `withWorkshop`). A device id already
 * registered to another workshop is refused by the caller (returns null).
 */
export async function ensureDevice(
  tx: Tx,
  device: { id: string; workshopId: string; memberId: string; userId: string; name?: string },
  now: Date,
): Promise<DeviceRow | null> {
  const [found] = await rows<{ id: string; code: string; name: string; revoked_at: string | null; member_id: string }>(
    tx,
    sql`SELECT id, code, name, revoked_at, member_id FROM devices WHERE id = ${device.id}`,
  );
  if (found) {
    await tx.execute(sql`UPDATE devices SET last_seen_at = ${now.toISOString()}, member_id = ${device.memberId}, user_id = ${device.userId}
      ${device.name ? sql`, name = ${device.name}` : sql``} WHERE id = ${device.id}`);
    return { id: found.id, code: found.code, name: device.name ?? found.name, revoked: found.revoked_at !== null };
  }
  const [counter] = await rows<{ n: number }>(
    tx,
    sql`UPDATE workshop_sync SET next_device_number = next_device_number + 1 WHERE workshop_id = ${device.workshopId}
      RETURNING next_device_number - 1 AS n`,
  );
  const code = deviceCodeFor(Number(counter!.n));
  const inserted = await rows<{ id: string }>(
    tx,
    sql`INSERT INTO devices (id, workshop_id, member_id, user_id, name, code, created_at, last_seen_at)
      VALUES (${device.id}, ${device.workshopId}, ${device.memberId}, ${device.userId}, ${device.name ?? UNNAMED_DEVICE}, ${code}, ${now.toISOString()}, ${now.toISOString()})
      ON CONFLICT (id) DO NOTHING RETURNING id`,
  );
  if (inserted.length === 0) return null;
  return { id: device.id, code, name: device.name ?? UNNAMED_DEVICE, revoked: false };
}

export type DeviceListRow = typeof devices.$inferSelect;

/** The workshop's devices (inside `withWorkshop`), in the order their codes were handed out. */
export function listDevices(tx: Tx): Promise<DeviceListRow[]> {
  return tx.select().from(devices).orderBy(asc(devices.createdAt), asc(devices.code));
}

/** Every member's name, by id, including removed members (a device keeps its last user). */
export async function memberNames(tx: Tx): Promise<Map<string, string | null>> {
  return new Map((await rows<{ id: string; name: string | null }>(tx, sql`SELECT id, name FROM members`)).map((m) => [m.id, m.name]));
}

/** Marks a device removed; false when it is unknown here or already removed. */
export async function revokeDevice(tx: Tx, id: string, now: Date): Promise<boolean> {
  const removed = await tx.update(devices).set({ revokedAt: now }).where(and(eq(devices.id, id), isNull(devices.revokedAt))).returning({ id: devices.id });
  return removed.length > 0;
}
