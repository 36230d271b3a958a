/**
 * Seeded simulation of one workshop's devices syncing through the real hub over a flaky network.
 *
 * Four engines on real SQLite files act at random (clients, orders, statuses, payments, reversals,
 * fittings) and sync only when chosen; every HTTP call may be lost on the way out, lost on the way
 * back after the hub committed, cut mid-body, truncated, or answered 503 by a "proxy". At the end
 * the network heals, every device syncs until quiet, and the state must have converged with no
 * acknowledged write lost and nothing duplicated.
 *
 * Replay a failure: SIM_SEED=<seed> npx vitest run cloud/sync/sync.simulation.test.ts
 * (SIM_STEPS changes the number of steps, 300 by default; SIM_PAGE_ROWS the hub's page size, 10).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from '../testing/testServer.js';
import { createFixtureWorkshop } from '../testing/fixtures.js';
import { openTestDevice } from '../testing/devices.js';
import { flakyTransport, mulberry32 } from '../testing/flakyFetch.js';
import { canonical, diffSnapshots, openReadOnly, readDeviceSnapshot, readServerSnapshot } from '../testing/tableSnapshots.js';
import { chooseAction, pick, Simulation, type SimDevice } from '../testing/syncSimulation.js';
import { tempDir, testClock } from '../../desktop/sqlite/testing.js';
import { rows } from '../db/client.js';

const SEEDS = process.env.SIM_SEED ? [Number(process.env.SIM_SEED)] : [20261125, 7, 424242];
const STEPS = Number(process.env.SIM_STEPS ?? 300);
const DEVICE_COUNT = 4;
/** Small pages, so that pulls take several round trips (SIM_PAGE_ROWS to change it). */
const PAGE_ROWS = process.env.SIM_PAGE_ROWS ?? '10';
const RATES = { lostRequest: 0.07, lostResponse: 0.08, cutStream: 0.05, truncatedJson: 0.05, proxy503: 0.06 };

const dir = tempDir('styliste-sim-');
afterAll(() => dir.cleanup());

async function runSeed(seed: number): Promise<void> {
  const rng = mulberry32(seed);
  const clock = testClock(new Date().toISOString());
  const server: TestServer = await startTestServer({ SYNC_PAGE_ROWS: PAGE_ROWS }, { now: clock.now });
  try {
    const shop = await createFixtureWorkshop(server.ctx, `Atelier simulé ${seed}`);
    const devices: SimDevice[] = [];
    for (let i = 0; i < DEVICE_COUNT; i++) {
      const name = `D${i}`;
      const path = `${dir.dir}/seed-${seed}-${name}.sqlite`;
      const flaky = flakyTransport({ random: mulberry32(seed * 31 + i + 1), rates: RATES });
      flaky.healthy = true;
      // Small push batches: a sync takes several round trips, so the network can fail between them.
      const device = await openTestDevice(path, server.url, () => shop.tokenFor(shop.owner), { now: clock.now, fetch: flaky.fetch, client: { batchSize: 20 } });
      await device.client.sync();
      await device.engine.useMember(shop.owner.memberId);
      await device.client.register(`Appareil ${name}`, (code) => device.engine.assignDeviceCode(code));
      flaky.healthy = false;
      devices.push({ name, device, flaky, db: openReadOnly(path), seen: new Set(), syncs: { ok: 0, failed: 0 } });
    }

    const sim = new Simulation(rng, clock);
    for (let step = 0; step < STEPS; step++) {
      clock.advance(200 + Math.floor(rng() * 1800));
      const d = pick(rng, devices);
      const action = chooseAction(rng);
      try {
        if (!(await sim.act(d, action, step))) await sim.act(d, 'createClient', step);
      } catch (error) {
        throw new Error(`seed ${seed}, step ${step}, ${d.name}, ${action}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
    }

    // Heal the network; sync every device until a whole round moves nothing.
    for (const d of devices) d.flaky.healthy = true;
    let rounds = 0;
    for (let moved = -1; moved !== 0 && rounds < 30; rounds++) {
      moved = 0;
      for (const d of devices) {
        const report = await d.device.client.sync();
        moved += report.pushed + report.pulled + report.rejected;
      }
    }
    expect(rounds, 'devices never went quiet').toBeLessThan(30);

    await checkConverged(server, shop.workshopId, devices, sim);
    const failures = devices.map((d) => `${d.name} ${d.syncs.ok}✓/${d.syncs.failed}✗ ${JSON.stringify(d.flaky.counts)}`).join('; ');
    console.log(`seed ${seed}: ${STEPS} steps, ${sim.commands} commands, ${sim.log.length} mutations, ${rounds} healing rounds; ${failures}`);
    for (const d of devices) {
      d.db.close();
      await d.device.engine.close();
    }
  } finally {
    await server.close();
  }
}

async function checkConverged(server: TestServer, workshopId: string, devices: SimDevice[], sim: Simulation): Promise<void> {
  // Nothing left to send, nothing refused (every device acts as the owner).
  for (const d of devices) {
    const status = await d.device.engine.query('syncStatus');
    expect({ device: d.name, pending: status.pending, rejected: status.needsAttention }).toEqual({ device: d.name, pending: 0, rejected: [] });
  }

  // Every device holds exactly the hub's rows, field by field, clock by clock.
  const hub = await readServerSnapshot(server.ctx, workshopId);
  const differences = devices.flatMap((d) => diffSnapshots(hub, readDeviceSnapshot(d.db), `${d.name} vs hub`));
  expect(differences).toEqual([]);

  // No acknowledged write lost: each field holds the value of the write with the largest clock.
  const expected = new Map<string, { hlc: string; value: unknown; from: string }>();
  for (const m of sim.log) {
    for (const [field, value] of Object.entries(m.fields)) {
      const key = `${m.table}/${m.rowId}.${field}`;
      const current = expected.get(key);
      if (!current || m.hlc > current.hlc) expected.set(key, { hlc: m.hlc, value, from: `${m.device}@${m.step}` });
    }
  }
  const lost: string[] = [];
  for (const [key, want] of expected) {
    const [path, field] = key.split('.') as [string, string];
    const [table, rowId] = path.split('/') as [keyof typeof hub, string];
    const row = hub[table].get(rowId);
    const got = row ? canonical(row.fields[field]) : 'missing row';
    if (got !== canonical(want.value) || row?.clocks[field] !== want.hlc) {
      lost.push(`${key}: expected ${canonical(want.value)} @${want.hlc} (from ${want.from}), hub has ${got} @${row?.clocks[field] ?? '-'}`);
    }
  }
  expect(lost.slice(0, 20)).toEqual([]);

  // Each mutation reached the hub exactly once.
  const logged = await server.ctx.db.withWorkshop(workshopId, (tx) =>
    rows<{ n: number; distinct: number }>(tx, sql`SELECT count(*)::int AS n, count(DISTINCT mutation_id)::int AS distinct FROM change_log WHERE mutation_id IS NOT NULL`),
  );
  expect(logged[0]).toEqual({ n: sim.log.length, distinct: sim.log.length });

  // Command by command.
  const payments = hub.payments;
  const expectedPayments = new Map<string, number>();
  for (const done of sim.done) {
    switch (done.kind) {
      case 'createClient':
        expect(hub.clients.has(done.id), `client ${done.id}`).toBe(true);
        break;
      case 'deleteClient':
        expect(hub.clients.get(done.id)?.fields.deletedAt, `deleted client ${done.id}`).not.toBeNull();
        break;
      case 'createOrder':
        expect(hub.orders.get(done.id)?.fields, `order ${done.number}`).toMatchObject({ number: done.number, clientId: done.clientId });
        if (done.depositId) expectedPayments.set(done.depositId, done.depositAmount);
        break;
      case 'recordPayment':
        expectedPayments.set(done.id, done.amount);
        expect(payments.get(done.id)?.fields.orderId).toBe(done.orderId);
        break;
      case 'reversePayment':
        expectedPayments.set(done.id, done.amount);
        expect(payments.get(done.id)?.fields).toMatchObject({ kind: 'reversal', reverses: done.target });
        break;
      case 'scheduleFitting':
        expect(hub.fittings.get(done.id)?.fields.orderId).toBe(done.orderId);
        break;
    }
  }
  // Nothing duplicated: exactly the payments made, with their amounts; order numbers unique.
  expect(new Map([...payments].map(([id, p]) => [id, p.fields.amount]))).toEqual(expectedPayments);
  const numbers = [...hub.orders.values()].map((o) => o.fields.number);
  expect(new Set(numbers).size).toBe(numbers.length);
  expect(hub.clients.size).toBe(sim.done.filter((c) => c.kind === 'createClient').length);

  // Balances: price minus the payments, the same on every device.
  for (const [orderId, order] of hub.orders) {
    const paid = [...payments.values()].filter((p) => p.fields.orderId === orderId).reduce((s, p) => s + Number(p.fields.amount), 0);
    const balance = (order.fields.status === 'cancelled' ? 0 : Number(order.fields.price)) - paid;
    for (const d of devices) {
      const detail = await d.device.engine.query('orderDetail', { id: orderId });
      expect({ device: d.name, order: detail.number, paid: detail.paid, balance: detail.balance }).toEqual({
        device: d.name,
        order: order.fields.number,
        paid,
        balance,
      });
    }
  }
}

describe('seeded simulation: devices, a flaky network and the hub', () => {
  for (const seed of SEEDS) {
    it(`seed ${seed}: ${DEVICE_COUNT} devices, ${STEPS} steps converge with nothing lost or duplicated`, async () => {
      await runSeed(seed);
    }, 120_000);
  }
});
