/**
 * Many devices of one workshop at the same time: writers pushing while readers pull, through the
 * engines and over raw HTTP. The hub must hand out cursors so that a change committed late never
 * falls behind a cursor already handed out (DESIGN.md, "Sync protocol"), and a retried push that
 * races its original must still be acknowledged once and applied once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from '../testing/testServer.js';
import { createFixtureWorkshop, type FixtureWorkshop } from '../testing/fixtures.js';
import { openTestDevice, type TestDevice } from '../testing/devices.js';
import { mulberry32 } from '../testing/flakyFetch.js';
import { canonical, diffSnapshots, openReadOnly, readDeviceSnapshot, readServerSnapshot, type WorkshopSnapshot } from '../testing/tableSnapshots.js';
import { ChainState, clientRow, orderRow, paymentRow, RawDevice, syncAnswer } from '../testing/rawSync.js';
import type { SyncResponse } from '../../shared/sync/protocol.js';
import { tempDir } from '../../desktop/sqlite/testing.js';
import { rows } from '../db/client.js';
import { applyFields, readStoredRow, SeqAllocator } from './hubWrite.js';
import { newId } from '../../shared/domain/ids.js';
import { TABLE_META } from '../../shared/engine/tableMeta.js';
import { SYNCED_TABLE_NAMES } from '../../shared/domain/tables.js';
import { cursorPosition } from '../../shared/sync/cursor.js';

const dir = tempDir('styliste-concurrency-');
afterAll(() => dir.cleanup());
let fileCounter = 0;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function device(server: TestServer, shop: FixtureWorkshop): Promise<TestDevice & { path: string }> {
  fileCounter += 1;
  const path = `${dir.dir}/device-${fileCounter}.sqlite`;
  return { ...(await openTestDevice(path, server.url, () => shop.owner.token)), path };
}

/** Differences between what a cursor chain received and the hub's state (empty: identical). */
function chainDiff(chain: ChainState, hub: WorkshopSnapshot, label: string): string[] {
  const out: string[] = [];
  for (const table of SYNCED_TABLE_NAMES) {
    for (const [rowId, row] of hub[table]) {
      const got = chain.rows.get(`${table}/${rowId}`);
      if (!got) {
        out.push(`${label}: ${table}/${rowId} never received`);
        continue;
      }
      for (const field of TABLE_META[table].fields.keys()) {
        const received = got.get(field);
        // A field never written (added after the first release, left at its default) has no clock to send.
        if (!received && row.clocks[field] === undefined) continue;
        if (!received) out.push(`${label}: ${table}/${rowId}.${field} never received (hub: ${canonical(row.fields[field])} @${row.clocks[field]})`);
        else if (canonical(received.value) !== canonical(row.fields[field]) || received.hlc !== row.clocks[field]) {
          out.push(`${label}: ${table}/${rowId}.${field} received ${canonical(received.value)} @${received.hlc}, hub ${canonical(row.fields[field])} @${row.clocks[field]}`);
        }
      }
    }
  }
  for (const key of chain.rows.keys()) {
    const [table, rowId] = key.split('/') as [keyof WorkshopSnapshot, string];
    if (!hub[table].has(rowId)) out.push(`${label}: ${key} received but not on the hub`);
  }
  return out;
}

/** Follows a cursor chain until the hub says there is no more. */
async function catchUp(puller: RawDevice, chain: ChainState): Promise<void> {
  for (let guard = 0; guard < 10_000; guard++) {
    const before = cursorPosition(puller.cursor);
    const page = await puller.sync();
    expect(cursorPosition(page.cursor)).toBeGreaterThanOrEqual(before);
    chain.apply(page.changes);
    if (!page.more) return;
  }
  throw new Error('cursor chain never ended');
}

describe('many devices of one workshop syncing at once', () => {
  let server: TestServer;
  let shop: FixtureWorkshop;

  beforeAll(async () => {
    server = await startTestServer();
    shop = await createFixtureWorkshop(server.ctx, 'Atelier affairé');
  });
  afterAll(async () => {
    await server.close();
  });

  it('12 writers create 20 clients each while 4 readers pull: every reader ends with exactly every client', async () => {
    const WRITERS = 12;
    const PER_WRITER = 20;
    const first = await device(server, shop);
    await first.join(shop.owner.memberId, 'A');
    const existing: string[] = [];
    for (let i = 0; i < 5; i++) existing.push((await first.engine.execute('createClient', { name: `Déjà là ${i}` })).id);
    await first.client.sync();

    const writers = await Promise.all(Array.from({ length: WRITERS }, () => device(server, shop)));
    const readers = await Promise.all(Array.from({ length: 4 }, () => device(server, shop)));
    await Promise.all([...writers, ...readers].map((d) => d.client.sync()));
    await Promise.all(writers.map((w) => w.engine.useMember(shop.owner.memberId)));

    const created: string[] = [];
    let writing = true;
    const readerLoops = readers.map(async (r) => {
      let syncs = 0;
      while (writing) {
        await r.client.sync();
        syncs += 1;
        await sleep(2);
      }
      return syncs;
    });
    const rng = mulberry32(1207);
    const written = await Promise.allSettled(
      writers.map(async (w, wi) => {
        const mine: string[] = [];
        for (let i = 0; i < PER_WRITER; i++) {
          const { id } = await w.engine.execute('createClient', { name: `W${wi}-C${i}` });
          mine.push(id);
          created.push(id);
          if (i % 4 === 3) {
            await w.client.sync();
            // An edit of a client already on the hub, pushed with the next batch.
            const target = mine[Math.floor(rng() * mine.length)]!;
            await w.engine.execute('updateClient', { id: target, notes: `Retouche ${wi}-${i}` });
          }
        }
        await w.client.sync();
      }),
    );
    writing = false;
    const read = await Promise.allSettled(readerLoops);
    for (const outcome of [...written, ...read]) if (outcome.status === 'rejected') throw outcome.reason;
    const readerSyncs = read.map((outcome) => (outcome.status === 'fulfilled' ? outcome.value : 0));
    expect(readerSyncs.every((n) => n > 0)).toBe(true);

    for (const r of readers) {
      let quiet = false;
      for (let round = 0; round < 20 && !quiet; round++) {
        const report = await r.client.sync();
        quiet = report.pulled === 0 && report.pushed === 0;
      }
      expect(quiet).toBe(true);
    }

    const hub = await readServerSnapshot(server.ctx, shop.workshopId);
    const expectedIds = [...existing, ...created].sort();
    expect([...hub.clients.keys()].sort()).toEqual(expectedIds);
    for (const [ri, r] of readers.entries()) {
      const db = openReadOnly(r.path);
      const clients = db.prepare('SELECT id, name FROM clients').all() as { id: string; name: string }[];
      expect(clients.map((c) => c.id).sort(), `reader ${ri}: clients`).toEqual(expectedIds);
      expect(new Set(clients.map((c) => c.name)).size, `reader ${ri}: no duplicate`).toBe(WRITERS * PER_WRITER + existing.length);
      expect(diffSnapshots(hub, readDeviceSnapshot(db), `reader ${ri}`)).toEqual([]);
      db.close();
    }
    const [applied] = await server.ctx.db.withWorkshop(shop.workshopId, (tx) =>
      rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM change_log WHERE mutation_id IS NOT NULL AND tbl = 'clients'`),
    );
    // Every creation and every edit applied exactly once.
    expect(applied!.n).toBe(existing.length + WRITERS * PER_WRITER + WRITERS * (PER_WRITER / 4));
    for (const d of [first, ...writers, ...readers]) await d.engine.close();
  }, 120_000);
});

for (const pageRows of ['10', '1000']) {
  describe(`the cursor rule over raw HTTP (pages of ${pageRows} rows)`, () => {
    let server: TestServer;

    beforeAll(async () => {
      server = await startTestServer({ SYNC_PAGE_ROWS: pageRows });
    });
    afterAll(async () => {
      await server.close();
    });

    it('a pull from cursor 0 in pages delivers every field of rows edited after they were created', async () => {
      const shop = await createFixtureWorkshop(server.ctx, 'Atelier paginé');
      const pusher = new RawDevice(server.url, shop.owner.token);
      const ids = Array.from({ length: 30 }, () => newId());
      syncAnswer(await pusher.post(ids.map((id, i) => pusher.mutation('clients', id, clientRow(`Client ${i}`)))));
      // Later edits of a few early rows: their last change moves past rows created after them.
      syncAnswer(await pusher.post([0, 3, 7, 12].map((i) => pusher.mutation('clients', ids[i]!, { notes: `modifié ${i}` }))));
      syncAnswer(await pusher.post([1, 2].map((i) => pusher.mutation('clients', newId(), clientRow(`Plus tard ${i}`)))));

      const chain = new ChainState();
      await catchUp(new RawDevice(server.url, shop.owner.token), chain);
      expect(chainDiff(chain, await readServerSnapshot(server.ctx, shop.workshopId), 'fresh chain')).toEqual([]);
    });

    it('pushers editing while pullers follow their cursors: every cursor chain adds up to the final state', async () => {
      const shop = await createFixtureWorkshop(server.ctx, 'Atelier concurrent');
      const rng = mulberry32(Number(pageRows) + 99);
      const seeder = new RawDevice(server.url, shop.owner.token);
      const known: string[] = Array.from({ length: 40 }, () => newId());
      syncAnswer(await seeder.post(known.map((id, i) => seeder.mutation('clients', id, clientRow(`Initial ${i}`)))));

      // Pullers are registered devices that start over from cursor 0 again and again (a device
      // restored from a backup, or reinstalled): each start is a new cursor chain to follow.
      const registered = await Promise.all(
        Array.from({ length: 3 }, async () => {
          const device = new RawDevice(server.url, shop.owner.token);
          await device.sync();
          return device.deviceId;
        }),
      );

      let pushing = true;
      const pushers = Array.from({ length: 6 }, () => new RawDevice(server.url, shop.owner.token));
      const pushLoops = pushers.map(async (pusher, p) => {
        for (let round = 0; round < 12; round++) {
          const batch = [];
          const fresh = [newId(), newId()];
          for (const [k, id] of fresh.entries()) batch.push(pusher.mutation('clients', id, clientRow(`P${p}-R${round}-${k}`)));
          // Edits target rows already on the hub (acknowledged earlier by some pusher).
          for (let k = 0; k < 3; k++) {
            const target = known[Math.floor(rng() * known.length)]!;
            const field = ['notes', 'email', 'name'][Math.floor(rng() * 3)]!;
            const value = field === 'email' ? `p${p}.r${round}.${k}@exemple.bj` : `${field} P${p} R${round} ${k}`;
            batch.push(pusher.mutation('clients', target, { [field]: value }));
          }
          const answer = await pusher.sync(batch);
          expect(answer.rejected).toEqual([]);
          known.push(...fresh);
        }
      });

      const chains: ChainState[] = [];
      const pullLoops = registered.map(async (deviceId) => {
        const mine: { puller: RawDevice; chain: ChainState }[] = [];
        while (pushing && mine.length < 60) {
          const entry = { puller: new RawDevice(server.url, shop.owner.token, deviceId), chain: new ChainState() };
          mine.push(entry);
          chains.push(entry.chain);
          await catchUp(entry.puller, entry.chain);
        }
        return mine;
      });
      const pushed = await Promise.allSettled(pushLoops);
      pushing = false;
      const pulled = await Promise.allSettled(pullLoops);
      for (const outcome of [...pushed, ...pulled]) if (outcome.status === 'rejected') throw outcome.reason;
      const followers = pulled.flatMap((outcome) => (outcome.status === 'fulfilled' ? outcome.value : []));
      for (const { puller, chain } of followers) await catchUp(puller, chain);

      const hub = await readServerSnapshot(server.ctx, shop.workshopId);
      expect(hub.clients.size).toBe(40 + 6 * 12 * 2);
      expect(chains.length).toBeGreaterThanOrEqual(3);
      const differences = followers.flatMap(({ chain }, i) => chainDiff(chain, hub, `chain ${i}`));
      expect(differences.slice(0, 20), `${differences.length} differences over ${chains.length} chains`).toEqual([]);
    }, 120_000);

    it('the same push sent twice at once (a retry racing its original) is acknowledged by both and applied once', async () => {
      const shop = await createFixtureWorkshop(server.ctx, 'Atelier qui réessaie');
      const device = new RawDevice(server.url, shop.owner.token);
      await device.sync(); // registered before the races
      const ATTEMPTS = 8;
      const mutationIds: string[] = [];
      for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
        const clientId = newId();
        const orderId = newId();
        const batch = [
          device.mutation('clients', clientId, clientRow(`Course ${attempt}`)),
          device.mutation('orders', orderId, orderRow(clientId, `A-${attempt + 1}`, 20_000)),
          device.mutation('payments', newId(), paymentRow(orderId, 5_000)),
          device.mutation('clients', clientId, { notes: `après ${attempt}` }),
        ];
        mutationIds.push(...batch.map((m) => m.id));
        const answers = await Promise.all([device.post(batch), device.post(batch), device.post(batch)]);
        for (const answer of answers) {
          expect(answer.status, JSON.stringify(answer.json)).toBe(200);
          const parsed = syncAnswer(answer);
          expect(parsed.rejected).toEqual([]);
          expect([...parsed.acked].sort()).toEqual(batch.map((m) => m.id).sort());
        }
      }
      const [counts] = await server.ctx.db.withWorkshop(shop.workshopId, (tx) =>
        rows<{ logged: number; distinct: number; payments: number }>(
          tx,
          sql`SELECT (SELECT count(*)::int FROM change_log WHERE mutation_id IS NOT NULL) AS logged,
            (SELECT count(DISTINCT mutation_id)::int FROM change_log) AS distinct,
            (SELECT count(*)::int FROM payments) AS payments`,
        ),
      );
      expect(counts).toEqual({ logged: mutationIds.length, distinct: mutationIds.length, payments: ATTEMPTS });
    });
  });
}

describe('a change committed while a pull is reading the rows', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('does not take the older fields of the changed row behind the cursor handed out', async () => {
    const shop = await createFixtureWorkshop(server.ctx, 'Atelier entrelacé');
    const writer = new RawDevice(server.url, shop.owner.token);
    const early = newId();
    syncAnswer(await writer.post([writer.mutation('clients', early, clientRow('Arrivée tôt'))]));
    syncAnswer(await writer.post([1, 2, 3].map((i) => writer.mutation('clients', newId(), clientRow(`Arrivée après ${i}`)))));
    const reader = new RawDevice(server.url, shop.owner.token);
    await reader.sync(); // a registered device…
    const follower = new RawDevice(server.url, shop.owner.token, reader.deviceId); // …starting over from cursor 0

    // Hold the clients table while the pull runs: the pull has read the workshop's committed
    // head and waits on `clients`; meanwhile the hub commits an edit of the early client.
    let pull: Promise<SyncResponse> | undefined;
    await server.ctx.db.withWorkshop(shop.workshopId, async (tx) => {
      await tx.execute(sql`LOCK TABLE clients IN ACCESS EXCLUSIVE MODE`);
      pull = follower.sync();
      await sleep(300);
      const seqs = await SeqAllocator.lock(tx, shop.workshopId);
      await applyFields(tx, seqs, 'clients', early, server.ctx.clock.now(), { notes: 'écrit pendant la lecture' }, await readStoredRow(tx, 'clients', early));
      await seqs.flush(tx);
    });
    const chain = new ChainState();
    const first = await pull!;
    chain.apply(first.changes);
    await catchUp(follower, chain);
    expect(chainDiff(chain, await readServerSnapshot(server.ctx, shop.workshopId), 'chain')).toEqual([]);
  });
});
