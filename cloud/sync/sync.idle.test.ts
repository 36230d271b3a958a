/**
 * The sync with nothing to do — most syncs — is answered from ONE statement (the member, the
 * device and the workshop's head, under row-level security) and in as few bytes as HTTP/1.1
 * allows. These tests hold that fast path to the same rules as the full one: a device behind the
 * head still gets every change, a removed member or device is still refused at once, another
 * workshop's ids still find nothing, and "last seen" is still kept.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from 'node:net';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from '../testing/testServer.js';
import { createScratchDatabase, openTestDb, usingPostgres } from '../testing/testDb.js';
import { createFixtureWorkshop, type FixtureWorkshop } from '../testing/fixtures.js';
import { clientRow, deviceAtHead as deviceAtHeadOf, RawDevice, syncAnswer } from '../testing/rawSync.js';
import { openCloudDb, rows, APP_ROLE, type CloudDb } from '../db/client.js';
import { syncStateQuery, toSyncState, type SyncState } from '../db/syncState.js';
import { signAccessToken } from '../auth/tokens.js';
import { newId } from '../../shared/domain/ids.js';
import { PROTOCOL_VERSION } from '../../shared/sync/protocol.js';

/** The test database, counting which kind of access each request makes. */
function countingDb(db: CloudDb) {
  const calls = { syncState: 0, readWorkshop: 0, withWorkshop: 0 };
  const wrapped: CloudDb = {
    ...db,
    syncState: (...args) => {
      calls.syncState += 1;
      return db.syncState(...args);
    },
    readWorkshop: (id, work) => {
      calls.readWorkshop += 1;
      return db.readWorkshop(id, work);
    },
    withWorkshop: (id, work) => {
      calls.withWorkshop += 1;
      return db.withWorkshop(id, work);
    },
  };
  return { calls, db: wrapped, reset: () => Object.assign(calls, { syncState: 0, readWorkshop: 0, withWorkshop: 0 }) };
}

let server: TestServer;
let counting: ReturnType<typeof countingDb>;
let shop: FixtureWorkshop;
let other: FixtureWorkshop;
/** The server's clock: tests move it forward to make a device's "last seen" stale. */
let offsetMs = 0;

beforeAll(async () => {
  counting = countingDb(await openTestDb());
  server = await startTestServer({}, { db: counting.db, now: () => new Date(Date.now() + offsetMs) });
  shop = await createFixtureWorkshop(server.ctx, 'Atelier Rapide');
  other = await createFixtureWorkshop(server.ctx, 'Atelier Voisin');
});

afterAll(async () => {
  await server?.close();
});

/** A device registered and at the head of its workshop. */
function deviceAtHead(token = shop.owner.token): Promise<RawDevice> {
  return deviceAtHeadOf(server.url, token);
}

describe('a sync with nothing to do', () => {
  it('is answered from one statement when the device is at the head, known and seen recently', async () => {
    const device = await deviceAtHead();
    counting.reset();
    const answer = await device.sync();
    expect(answer).toMatchObject({ acked: [], rejected: [], changes: [], more: false });
    expect(answer.cursor).toBe(device.cursor);
    expect(counting.calls).toEqual({ syncState: 1, readWorkshop: 0, withWorkshop: 0 });
  });

  it('still takes the full read when the device is behind, and misses nothing', async () => {
    const idle = await deviceAtHead();
    const writer = await deviceAtHead();
    const clientId = newId();
    await writer.sync([writer.mutation('clients', clientId, clientRow('Awa Dossou'))]);
    counting.reset();
    const answer = await idle.sync();
    expect(answer.changes.map((c) => c.rowId)).toEqual([clientId]);
    expect(counting.calls.readWorkshop).toBe(1);
    // …and at the head again, the next sync is the one-statement kind.
    counting.reset();
    expect((await idle.sync()).changes).toEqual([]);
    expect(counting.calls).toEqual({ syncState: 1, readWorkshop: 0, withWorkshop: 0 });
  });

  it('mid-pull cursors ("N~M") and cursors beyond the head take the full read', async () => {
    const device = await deviceAtHead();
    const head = Number(device.cursor);
    counting.reset();
    // "N~N" is the same as "N" (at the head); "N-1~N" is not.
    syncAnswer(await device.post([], `${head}~${head}`));
    expect(counting.calls).toEqual({ syncState: 1, readWorkshop: 0, withWorkshop: 0 });
    counting.reset();
    expect(syncAnswer(await device.post([], `${head - 1}~${head}`)).cursor).toBe(String(head));
    expect(counting.calls.readWorkshop).toBe(1);
    counting.reset();
    // A hub restored from a backup: the device's cursor is ahead; it starts over from 0.
    const restarted = syncAnswer(await device.post([], String(head + 1000)));
    expect(counting.calls.readWorkshop).toBe(1);
    expect(restarted.changes.length).toBeGreaterThan(0);
  });

  it('writes "last seen" again once it is stale (five minutes)', async () => {
    const device = await deviceAtHead();
    const lastSeen = async () =>
      (await server.ctx.db.withWorkshop(shop.workshopId, (tx) => rows<{ at: string | Date }>(tx, sql`SELECT last_seen_at AS at FROM devices WHERE id = ${device.deviceId}`)))[0]!.at;
    const before = new Date(await lastSeen()).getTime();
    offsetMs = 6 * 60_000;
    try {
      counting.reset();
      expect((await device.sync()).changes).toEqual([]);
      expect(counting.calls.withWorkshop).toBe(1);
      expect(new Date(await lastSeen()).getTime()).toBeGreaterThanOrEqual(before + 6 * 60_000 - 1000);
      counting.reset();
      await device.sync();
      expect(counting.calls).toEqual({ syncState: 1, readWorkshop: 0, withWorkshop: 0 });
    } finally {
      offsetMs = 0;
    }
  });

  it('refuses a removed member at once, with the code that wipes the device', async () => {
    const staff = await shop.addMember('staff', 'Employé parti');
    const device = await deviceAtHead(staff.token);
    await server.ctx.db.withWorkshop(shop.workshopId, (tx) => tx.execute(sql`UPDATE members SET deleted_at = now()::text WHERE id = ${staff.memberId}`));
    const answer = await device.post([]);
    expect(answer.status).toBe(403);
    expect(answer.json).toMatchObject({ error: { code: 'access_revoked' } });
  });

  it('refuses a device the owner removed', async () => {
    const device = await deviceAtHead();
    await server.ctx.db.withWorkshop(shop.workshopId, (tx) => tx.execute(sql`UPDATE devices SET revoked_at = now() WHERE id = ${device.deviceId}`));
    const answer = await device.post([]);
    expect(answer.status).toBe(403);
    expect(answer.json).toMatchObject({ error: { code: 'access_revoked' } });
  });

  it("finds nothing of another workshop: a token mixing workshops, another workshop's device id", async () => {
    // A token (validly signed) naming this workshop with the other workshop's member.
    const mixed = signAccessToken(server.ctx.config.jwtSecret, { userId: other.owner.userId, workshopId: shop.workshopId, memberId: other.owner.memberId }, 600);
    const answer = await new RawDevice(server.url, mixed).post([]);
    expect(answer.status).toBe(403);
    expect(answer.json).toMatchObject({ error: { code: 'access_revoked' } });
    // The other workshop's registered device id, used with this workshop's token.
    const theirs = await deviceAtHead(other.owner.token);
    const borrowed = new RawDevice(server.url, shop.owner.token, theirs.deviceId);
    const conflict = await borrowed.post([], theirs.cursor);
    expect(conflict.status).toBe(409);
    expect(conflict.json).toMatchObject({ error: { code: 'device_conflict' } });
  });
});

describe('the one statement', () => {
  it('runs as the row-level-security role', async () => {
    const [fn] = await server.ctx.db.system((tx) =>
      rows<{ definer: boolean; owner: string }>(tx, sql`SELECT prosecdef AS definer, pg_get_userbyid(proowner) AS owner FROM pg_proc WHERE proname = 'styliste_sync_state'`),
    );
    expect(fn).toEqual({ definer: true, owner: APP_ROLE });
    const workshopId = newId();
    await server.ctx.db.system((tx) => tx.execute(sql`INSERT INTO workshop_sync (workshop_id, last_seq) VALUES (${workshopId}, 42)`));
    expect(await server.ctx.db.syncState(workshopId, shop.owner.memberId, shop.owner.userId, newId())).toEqual({
      role: null,
      memberDeleted: false,
      deviceFound: false,
      deviceRevoked: false,
      lastSeenAt: null,
      head: 42,
    });
    expect(await server.ctx.db.syncState(newId(), newId(), newId(), newId())).toBeNull();
  });

  it('leaves neither the workshop nor the role set on its connection', async () => {
    const after = sql`SELECT current_setting('app.workshop_id', true) AS workshop, current_user AS who`;
    let state: SyncState | null;
    let next: { workshop: string | null; who: string } | undefined;
    if (usingPostgres) {
      // A database of its own, read over ONE connection, so the next statement runs where the function ran.
      const scratch = await createScratchDatabase(process.env.TEST_DATABASE_URL!, 'styliste_test');
      try {
        const migrated = await openCloudDb({ url: scratch.url, maxConnections: 2 });
        const ids = { workshopId: newId(), memberId: newId(), userId: newId() };
        await migrated.system((tx) => tx.execute(sql`INSERT INTO workshop_sync (workshop_id, last_seq) VALUES (${ids.workshopId}, 7)`));
        await migrated.close();
        const { default: postgres } = await import('postgres');
        const { drizzle } = await import('drizzle-orm/postgres-js');
        const client = postgres(scratch.url, { max: 1, onnotice: () => undefined });
        const one = drizzle(client);
        state = toSyncState((await one.execute(syncStateQuery(ids.workshopId, ids.memberId, ids.userId, newId())))[0] as Parameters<typeof toSyncState>[0]);
        next = (await one.execute(after))[0] as typeof next;
        await client.end();
      } finally {
        await scratch.drop();
      }
    } else {
      // PGlite has a single connection.
      state = await server.ctx.db.syncState(shop.workshopId, shop.owner.memberId, shop.owner.userId, newId());
      [next] = await server.ctx.db.system((tx) => rows<{ workshop: string | null; who: string }>(tx, after));
    }
    expect(state?.head).toBeGreaterThan(0);
    expect(next!.workshop ?? '').toBe('');
    expect(next!.who).not.toBe(APP_ROLE);
  });
});

describe('the answer on the wire', () => {
  /** Raw HTTP/1.1 on one socket: every byte of the answers, and whether the socket stays open. */
  async function rawExchange(requests: string[]): Promise<string[]> {
    const url = new URL(server.url);
    const socket = connect(Number(url.port), url.hostname);
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    const answers: string[] = [];
    let buffer = Buffer.alloc(0);
    for (const request of requests) {
      socket.write(request);
      answers.push(
        await new Promise<string>((resolve, reject) => {
          const onData = (chunk: Buffer) => {
            buffer = Buffer.concat([buffer, chunk]);
            const end = buffer.indexOf('\r\n\r\n');
            if (end < 0) return;
            const head = buffer.subarray(0, end).toString('latin1');
            const length = Number(/content-length: (\d+)/i.exec(head)?.[1] ?? 0);
            if (buffer.length < end + 4 + length) return;
            socket.off('data', onData);
            resolve(head);
            buffer = buffer.subarray(end + 4 + length);
          };
          socket.on('data', onData);
          socket.once('error', reject);
        }),
      );
    }
    expect(socket.destroyed).toBe(false);
    socket.destroy();
    return answers;
  }

  const post = (token: string, body: string, acceptEncoding?: string) =>
    `POST /api/sync HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nAuthorization: Bearer ${token}\r\n${acceptEncoding ? `Accept-Encoding: ${acceptEncoding}\r\n` : ''}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;

  it('carries only the status line, Content-Type and Content-Length, and keeps the connection open', async () => {
    const device = await deviceAtHead();
    const body = JSON.stringify(device.body([]));
    const [first, second] = await rawExchange([post(shop.owner.token, body, 'br, gzip'), post(shop.owner.token, body, 'br, gzip')]);
    for (const head of [first!, second!]) {
      expect(head.split('\r\n')).toEqual(['HTTP/1.1 200 OK', 'Content-Type: application/json', expect.stringMatching(/^Content-Length: \d+$/)]);
    }
  });

  it('compresses a big page with brotli, or gzip, or not at all, as the device asks — without Vary', async () => {
    const writer = await deviceAtHead();
    await writer.sync(Array.from({ length: 40 }, (_, i) => writer.mutation('clients', newId(), clientRow(`Cliente numéro ${i}`))));
    const body = JSON.stringify({ protocol: PROTOCOL_VERSION, deviceId: newId(), cursor: '0', mutations: [] });
    const [br, gzip, none] = await rawExchange([post(shop.owner.token, body, 'gzip, deflate, br'), post(shop.owner.token, body, 'gzip;q=1, br;q=0'), post(shop.owner.token, body)]);
    expect(br).toMatch(/\r\nContent-Encoding: br\r\n/);
    expect(gzip).toMatch(/\r\nContent-Encoding: gzip\r\n/);
    expect(none).not.toMatch(/Content-Encoding/i);
    for (const head of [br!, gzip!, none!]) expect(head).not.toMatch(/\r\n(Vary|Connection|Keep-Alive|Date):/i);
  });
});
