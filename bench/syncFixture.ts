/**
 * The hub side of the sync benchmark, written the way the hub writes (cloud/testing/fixtures.ts):
 * a fresh database on the Postgres server (created here, dropped at the end, like
 * cloud/testing/testDb.ts), a context on it, and a workshop whose id and owner are those of a
 * workshop set up offline on a device — so that device can push everything it holds — plus as
 * many registered members with their own access tokens as the load test needs.
 */
import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../cloud/config.js';
import { createContext } from '../cloud/server.js';
import { openCloudDb, rows } from '../cloud/db/client.js';
import { createScratchDatabase } from '../cloud/testing/testDb.js';
import type { CloudContext } from '../cloud/context.js';
import { applyFields, readStoredRow, SeqAllocator } from '../cloud/sync/hubWrite.js';
import { signAccessToken } from '../cloud/auth/tokens.js';
import { newId } from '../shared/domain/ids.js';
import type { Role } from '../shared/domain/roles.js';

/** Older than any device's clock: the device's own values of the owner row win when it pushes. */
const ANCIENT_HLC = '2000-01-01T00:00:00.000Z-0000-0000000000000000';

export interface BenchDb {
  url: string;
  name: string;
  ctx: CloudContext;
  jwtSecret: string;
  close(): Promise<void>;
}

export async function openBenchDb(adminUrl: string): Promise<BenchDb> {
  const scratch = await createScratchDatabase(adminUrl, 'styliste_bench');
  const jwtSecret = randomBytes(36).toString('base64url');
  const config = loadConfig({ NODE_ENV: 'production', JWT_SECRET: jwtSecret, DATABASE_URL: scratch.url, LOG_LEVEL: 'silent', DATA_DIR: '/tmp/styliste-bench-unused' });
  const db = await openCloudDb({ url: scratch.url, maxConnections: 4 });
  const ctx = await createContext(config, { logger: pino({ level: 'silent' }), db });
  return {
    url: scratch.url,
    name: scratch.name,
    ctx,
    jwtSecret,
    async close() {
      await db.close();
      await scratch.drop();
    },
  };
}

export interface BenchMember {
  userId: string;
  memberId: string;
  token: string;
}

let phoneCounter = 0;
const nextPhone = () => `+2290150${String((phoneCounter += 1)).padStart(6, '0')}`;

/**
 * The hub's workshop for a device that set it up offline: same workshop id, and the owner member
 * linked to an account (the device's own values of every row arrive with its push).
 */
export async function adoptWorkshop(ctx: CloudContext, workshopId: string, ownerMemberId: string): Promise<BenchMember> {
  const userId = newId();
  await ctx.db.system((tx) => tx.execute(sql`INSERT INTO users (id, name, phone, password_hash) VALUES (${userId}, 'Propriétaire', ${nextPhone()}, 'bench-no-login')`));
  await ctx.db.withWorkshop(workshopId, async (tx) => {
    await tx.execute(sql`INSERT INTO workshop_sync (workshop_id) VALUES (${workshopId})`);
    const seqs = await SeqAllocator.lock(tx, workshopId);
    await applyFields(tx, seqs, 'members', ownerMemberId, ANCIENT_HLC, { name: 'Propriétaire', phone: null, role: 'owner', deletedAt: null }, undefined);
    await seqs.flush(tx);
    await tx.execute(sql`UPDATE members SET user_id = ${userId} WHERE id = ${ownerMemberId}`);
  });
  return { userId, memberId: ownerMemberId, token: token(ctx, workshopId, userId, ownerMemberId) };
}

function token(ctx: CloudContext, workshopId: string, userId: string, memberId: string): string {
  return signAccessToken(ctx.config.jwtSecret, { userId, workshopId, memberId }, 3600, ctx.now());
}

/** `count` members (accounts linked), written in one transaction through the hub write function. */
export async function addMembers(ctx: CloudContext, workshopId: string, count: number, role: Role = 'staff'): Promise<BenchMember[]> {
  const made = Array.from({ length: count }, (_, i) => ({ userId: newId(), memberId: newId(), name: `Appareil de charge ${i + 1}` }));
  await ctx.db.system(async (tx) => {
    for (const m of made) {
      await tx.execute(sql`INSERT INTO users (id, name, phone, password_hash) VALUES (${m.userId}, ${m.name}, ${nextPhone()}, 'bench-no-login')`);
    }
  });
  await ctx.db.withWorkshop(workshopId, async (tx) => {
    const seqs = await SeqAllocator.lock(tx, workshopId);
    for (const m of made) {
      await applyFields(tx, seqs, 'members', m.memberId, ctx.clock.now(), { name: m.name, phone: null, role, deletedAt: null }, await readStoredRow(tx, 'members', m.memberId));
      await tx.execute(sql`UPDATE members SET user_id = ${m.userId} WHERE id = ${m.memberId}`);
    }
    await seqs.flush(tx);
  });
  return made.map((m) => ({ userId: m.userId, memberId: m.memberId, token: token(ctx, workshopId, m.userId, m.memberId) }));
}

/** The workshop's latest sequence (what a device fully in sync holds as its cursor). */
export async function headOf(ctx: CloudContext, workshopId: string): Promise<number> {
  const [state] = await ctx.db.withWorkshop(workshopId, (tx) => rows<{ last_seq: string | number }>(tx, sql`SELECT last_seq FROM workshop_sync WHERE workshop_id = ${workshopId}`));
  return Number(state?.last_seq ?? 0);
}

/** Rows per synced table on the hub for a workshop. */
export async function hubCounts(ctx: CloudContext, workshopId: string): Promise<Record<string, number>> {
  const tables = ['workshop', 'garment_types', 'members', 'clients', 'measurement_sheets', 'orders', 'order_events', 'payments', 'fittings', 'change_log'];
  return ctx.db.withWorkshop(workshopId, async (tx) => {
    const out: Record<string, number> = {};
    for (const t of tables) {
      const [r] = await rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM ${sql.identifier(t)}`);
      out[t] = Number(r?.n ?? 0);
    }
    return out;
  });
}

export interface PgCounters {
  xactCommit: number;
  tupReturned: number;
  tupFetched: number;
  tupUpdated: number;
  walRecords: number;
  walBytes: number;
  walSync: number;
  idxScan: number;
  seqScan: number;
}

/** Cumulative counters of the bench database (Postgres statistics, flushed about every second). */
export async function pgCounters(ctx: CloudContext, database: string): Promise<PgCounters> {
  return ctx.db.system(async (tx) => {
    const [d] = await rows<Record<string, string | number>>(
      tx,
      sql`SELECT xact_commit, tup_returned, tup_fetched, tup_updated FROM pg_stat_database WHERE datname = ${database}`,
    );
    const [w] = await rows<Record<string, string | number>>(tx, sql`SELECT wal_records, wal_bytes, wal_sync FROM pg_stat_wal`);
    const [s] = await rows<Record<string, string | number | null>>(tx, sql`SELECT sum(idx_scan) AS idx_scan, sum(seq_scan) AS seq_scan FROM pg_stat_user_tables`);
    return {
      xactCommit: Number(d?.xact_commit ?? 0),
      tupReturned: Number(d?.tup_returned ?? 0),
      tupFetched: Number(d?.tup_fetched ?? 0),
      tupUpdated: Number(d?.tup_updated ?? 0),
      walRecords: Number(w?.wal_records ?? 0),
      walBytes: Number(w?.wal_bytes ?? 0),
      walSync: Number(w?.wal_sync ?? 0),
      idxScan: Number(s?.idx_scan ?? 0),
      seqScan: Number(s?.seq_scan ?? 0),
    };
  });
}
