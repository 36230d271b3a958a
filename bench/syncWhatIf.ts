/**
 * A what-if for the throughput diagnosis, on the database alone (no HTTP, no Express, no token):
 * N concurrent devices over one postgres.js pool of the server's size, each repeating the
 * statements of a sync with nothing to do — as the hub sends them today (two transactions, one
 * statement per step, a last_seen_at write each time, nine pull queries), and as proposed (one
 * read-only transaction: role and workshop set in one statement, member + device + head read in
 * one statement, no pull when the cursor is at the head, last_seen_at written at most every few
 * minutes). Same RLS role and settings as the hub, so the database does the same work.
 */
import postgres from 'postgres';
import { APP_ROLE } from '../cloud/db/client.js';
import { TABLE_META } from '../shared/engine/tableMeta.js';
import { SYNCED_TABLE_NAMES } from '../shared/domain/tables.js';

export interface WhatIfDevice {
  userId: string;
  memberId: string;
  deviceId: string;
}

export interface WhatIfResult {
  label: string;
  perSecond: number;
  p50: number;
  p99: number;
  roundTrips: number;
}

type Sql = postgres.Sql;

async function today(sql: Sql, workshopId: string, d: WhatIfDevice, cursor: number): Promise<void> {
  await sql.begin(async (tx) => {
    await tx.unsafe(`SET LOCAL ROLE ${APP_ROLE}`);
    await tx`SELECT set_config('app.workshop_id', ${workshopId}, true)`;
    await tx`SELECT id, name, role, deleted_at FROM members WHERE id = ${d.memberId} AND user_id = ${d.userId}`;
    await tx`SELECT id, code, name, revoked_at, member_id FROM devices WHERE id = ${d.deviceId}`;
    await tx`UPDATE devices SET last_seen_at = ${new Date().toISOString()}, member_id = ${d.memberId}, user_id = ${d.userId} WHERE id = ${d.deviceId}`;
  });
  await sql.begin('isolation level repeatable read read only', async (tx) => {
    await tx.unsafe(`SET LOCAL ROLE ${APP_ROLE}`);
    await tx`SELECT set_config('app.workshop_id', ${workshopId}, true)`;
    await tx`SELECT last_seq FROM workshop_sync WHERE workshop_id = ${workshopId}`;
    for (const table of SYNCED_TABLE_NAMES) {
      await tx`SELECT * FROM ${tx(TABLE_META[table].sql)} WHERE workshop_id = ${workshopId} AND last_seq > ${cursor} ORDER BY last_seq LIMIT 1001`;
    }
  });
}

async function proposed(sql: Sql, workshopId: string, d: WhatIfDevice): Promise<void> {
  await sql.begin('isolation level repeatable read read only', async (tx) => {
    await tx`SELECT set_config('role', ${APP_ROLE}, true), set_config('app.workshop_id', ${workshopId}, true)`;
    await tx`SELECT m.role, m.deleted_at, d.revoked_at, d.member_id, d.last_seen_at < now() - interval '5 minutes' AS stale, w.last_seq
      FROM members m JOIN workshop_sync w ON w.workshop_id = ${workshopId} LEFT JOIN devices d ON d.id = ${d.deviceId}
      WHERE m.id = ${d.memberId} AND m.user_id = ${d.userId}`;
  });
}

export async function whatIf(url: string, workshopId: string, devices: WhatIfDevice[], cursor: number, seconds: number, pool: number): Promise<WhatIfResult[]> {
  const out: WhatIfResult[] = [];
  const variants: [string, number, (sql: Sql, d: WhatIfDevice) => Promise<void>][] = [
    ['first way (2 transactions, statements one by one)', 21, (sql, d) => today(sql, workshopId, d, cursor)],
    ['set-based (1 read-only transaction, 2 statements; the hub now: 1 statement, then memory)', 4, (sql, d) => proposed(sql, workshopId, d)],
  ];
  for (const [label, roundTrips, run] of variants) {
    const sql = postgres(url, { max: pool, onnotice: () => undefined });
    const latencies: number[] = [];
    const warm = performance.now() + 1000;
    const end = warm + seconds * 1000;
    await Promise.all(
      devices.map(async (d) => {
        while (performance.now() < end) {
          const t = performance.now();
          await run(sql, d);
          if (t >= warm && performance.now() <= end) latencies.push(performance.now() - t);
        }
      }),
    );
    await sql.end({ timeout: 5 });
    latencies.sort((a, b) => a - b);
    const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.ceil(q * latencies.length) - 1)] ?? NaN;
    out.push({ label, perSecond: latencies.length / seconds, p50: at(0.5), p99: at(0.99), roundTrips });
  }
  return out;
}
