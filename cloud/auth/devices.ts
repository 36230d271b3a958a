/**
 * Devices of a workshop. Each gets a code, unique in the workshop (A, B, … Z, AA, AB …), that
 * prefixes the order numbers it gives offline; the hub is the only one handing codes out.
 */
import { sql } from 'drizzle-orm';
import type { Tx } from '../db/client.js';
import { rows } from '../db/client.js';

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
      VALUES (${device.id}, ${device.workshopId}, ${device.memberId}, ${device.userId}, ${device.name ?? 'Appareil'}, ${code}, ${now.toISOString()}, ${now.toISOString()})
      ON CONFLICT (id) DO NOTHING RETURNING id`,
  );
  if (inserted.length === 0) return null;
  return { id: device.id, code, name: device.name ?? 'Appareil', revoked: false };
}
