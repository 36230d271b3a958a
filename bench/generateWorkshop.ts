/**
 * A realistic, reproducible workshop for benchmarks and tests: clients with Béninese names and
 * phone numbers, measurement sheets, 18 months of orders (mostly delivered, a few hundred still
 * open around today), deposits, instalments and reversals, fittings. Everything is written
 * through `engine.execute` (the one mutation path: rows, per-field clocks, outbox), in
 * chronological order under a controllable clock, so createdAt, paidAt and the HLCs lie in the
 * past. Only durability is relaxed while generating (`synchronous = OFF`), then restored.
 *
 * Same seed, same options → same workshop (names, amounts, dates); only the ids differ.
 *
 * The plan is drawn in workshopClients.ts (clients, sheets) and workshopPlan.ts (orders and their
 * payments), from workshopNames.ts (vocabulary), workshopRng.ts and workshopTime.ts.
 */
import { openBetterSqlite } from '../desktop/sqlite/betterSqliteAdapter.js';
import { testClock } from '../desktop/sqlite/testing.js';
import { Engine, type CommandInput, type CommandName, type CommandResult } from '../shared/engine/engine.js';
import { addDays, startOfWeek } from '../shared/domain/calendar.js';
import { DEFAULT_GARMENT_TYPES } from '../shared/domain/measurements.js';
import { clientPicker, planClients, type Garment } from './workshopClients.js';
import { draftOrders, planOrder } from './workshopPlan.js';
import { Rng } from './workshopRng.js';
import { DAY, HOUR, localDate, localMidnight, type Exec } from './workshopTime.js';

export { mulberry32 } from '../cloud/testing/random.js';

export interface GenerateOptions {
  clients?: number;
  sheetsPerClient?: number;
  orders?: number;
  payments?: number;
  seed?: number;
  /** "Today" of the workshop; fixed by default so that the data is reproducible. */
  now?: Date;
  /** Progress lines (e.g. console.log); silent by default. */
  log?: (line: string) => void;
}

export interface GenerationStats {
  seed: number;
  now: string;
  today: string;
  planned: { clients: number; sheets: number; orders: number; payments: number; reversals: number; fittings: number };
  ordersByStatus: Record<string, number>;
  commands: { total: number; byName: Record<string, { count: number; totalMs: number }> };
  generationMs: number;
}

/** Wednesday 25 November 2026, 10:00 in Cotonou. */
export const DEFAULT_NOW = new Date('2026-11-25T09:00:00.000Z');

export async function generateWorkshop(path: string, opts: GenerateOptions = {}) {
  const t0 = performance.now();
  const seed = opts.seed ?? 20261125;
  const nowDate = opts.now ?? DEFAULT_NOW;
  const nClients = opts.clients ?? 2000;
  const nSheets = Math.round(nClients * (opts.sheetsPerClient ?? 3));
  const nOrders = opts.orders ?? 10_000;
  const nPayments = opts.payments ?? 15_000;
  const log = opts.log ?? (() => {});
  const rng = new Rng(seed);
  const now = nowDate.getTime();
  const today = localDate(now);
  const weekStart = startOfWeek(today);
  const start = localMidnight(addDays(today, -548)) + 9 * HOUR;
  const clock = testClock(new Date(start - DAY).toISOString());

  const port = openBetterSqlite(path);
  await port.exec('PRAGMA synchronous = OFF');
  const engine = await Engine.open(port, { now: clock.now });
  const byName: GenerationStats['commands']['byName'] = {};
  const exec: Exec = async <N extends CommandName>(name: N, input: CommandInput<N>): Promise<CommandResult<N>> => {
    const t = performance.now();
    const result: CommandResult<N> = await engine.execute(name, input);
    const entry = (byName[name] ??= { count: 0, totalMs: 0 });
    entry.count += 1;
    entry.totalMs += performance.now() - t;
    return result;
  };

  await exec('setupWorkshop', { name: 'Atelier Chez Aïcha', ownerName: 'Aïcha Dossou', phone: '+229 01 97 00 00 00', city: 'Cotonou', capacity: 40 });
  const staff: string[] = [];
  for (const name of ['Rodrigue Agossou', 'Mireille Zinsou', 'Gildas Houénou']) staff.push((await exec('addMember', { name, role: 'staff' })).id);
  const types = await engine.query('garmentTypes');
  const garments = new Map<string, Garment>();
  for (const def of DEFAULT_GARMENT_TYPES) {
    const type = types.find((g) => g.name === def.name);
    if (type) garments.set(def.key, { key: def.key, id: type.id, durationDays: type.durationDays, defaultPrice: type.defaultPrice, fields: type.measurementFields });
  }

  // Clients and sheets.
  const { clients, steps } = planClients(rng, exec, nClients, nSheets, garments, start, now - HOUR);
  const clientFor = clientPicker(rng, clients);

  // Orders: kinds first, then their life, then the payments.
  const drafts = draftOrders(rng, nOrders, nPayments, garments, start, now, today, weekStart);
  const counts = { clients: nClients, sheets: nSheets, orders: nOrders, payments: 0, reversals: 0, fittings: 0 };
  const ordersByStatus: Record<string, number> = {};
  for (const d of drafts) {
    const client = clientFor(d.created);
    ordersByStatus[d.final] = (ordersByStatus[d.final] ?? 0) + 1;
    counts.payments += d.payments;
    steps.push(...planOrder(rng, exec, d, client, staff, counts));
  }
  log(`plan ready: ${steps.length} commands (${Math.round(performance.now() - t0)} ms)`);

  // Run everything in time order under the workshop's clock.
  const order = steps.map((s, i) => ({ s, i })).sort((a, b) => a.s.at - b.s.at || a.i - b.i);
  let done = 0;
  for (const { s } of order) {
    clock.set(new Date(s.at).toISOString());
    await s.run();
    if (++done % 10_000 === 0) log(`  ${done}/${order.length} commands (${Math.round(performance.now() - t0)} ms)`);
  }
  clock.set(nowDate.toISOString());
  await port.exec('PRAGMA synchronous = FULL');
  const total = Object.values(byName).reduce((s, e) => s + e.count, 0);
  const stats: GenerationStats = {
    seed,
    now: nowDate.toISOString(),
    today,
    planned: counts,
    ordersByStatus,
    commands: { total, byName },
    generationMs: performance.now() - t0,
  };
  return { engine, now: nowDate, stats };
}
