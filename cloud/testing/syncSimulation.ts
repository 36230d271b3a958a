/**
 * Test support for the seeded sync simulation (cloud/sync/sync.simulation.test.ts): the actions a
 * device may take, chosen with a seeded generator from what the device knows locally (its own
 * SQLite file, read through a separate read-only connection), and the record of every command
 * that succeeded and every mutation it wrote, for the final checks.
 */
import type Database from 'better-sqlite3';
import type { TestDevice } from './devices.js';
import type { FlakyTransport } from './flakyFetch.js';
import type { TestClock } from '../../desktop/sqlite/testing.js';
import { SyncFailure } from '../../shared/sync/client.js';
import { ORDER_TRANSITIONS, OPEN_STATUSES, type OrderStatus } from '../../shared/domain/orderStatus.js';
import type { Mutation } from '../../shared/sync/protocol.js';

export type Rng = () => number;
export function pick<T>(rng: Rng, items: readonly T[]): T {
  const item = items[Math.floor(rng() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}
export const maybe = (rng: Rng, p: number) => rng() < p;

export const ACTIONS = [
  ['sync', 22],
  ['createClient', 12],
  ['updateClient', 13],
  ['deleteClient', 4],
  ['createOrder', 13],
  ['changeOrderStatus', 12],
  ['recordPayment', 11],
  ['reversePayment', 4],
  ['scheduleFitting', 6],
  ['updateFitting', 5],
  ['updateOrder', 4],
] as const;
export type ActionName = (typeof ACTIONS)[number][0];
const TOTAL_WEIGHT = ACTIONS.reduce((s, [, w]) => s + w, 0);
export function chooseAction(rng: Rng): ActionName {
  let r = rng() * TOTAL_WEIGHT;
  for (const [name, weight] of ACTIONS) {
    r -= weight;
    if (r < 0) return name;
  }
  return 'sync';
}

export interface SimDevice {
  name: string;
  device: TestDevice;
  flaky: FlakyTransport;
  db: Database.Database;
  seen: Set<string>;
  syncs: { ok: number; failed: number };
}

/** A command that succeeded on a device: its effect must be on every device and the hub at the end. */
export type Done =
  | { kind: 'createClient'; id: string }
  | { kind: 'deleteClient'; id: string }
  | { kind: 'createOrder'; id: string; number: string; clientId: string; depositId: string | null; depositAmount: number }
  | { kind: 'recordPayment'; id: string; orderId: string; amount: number }
  | { kind: 'reversePayment'; id: string; target: string; amount: number }
  | { kind: 'scheduleFitting'; id: string; orderId: string };

export interface LoggedMutation extends Mutation {
  device: string;
  step: number;
}

interface OrderState {
  id: string;
  status: OrderStatus;
  price: number;
  paid: number;
}

export class Simulation {
  readonly done: Done[] = [];
  readonly log: LoggedMutation[] = [];
  /** Creation order of every id the simulation made: choices never depend on random uuids. */
  private readonly rank = new Map<string, number>();
  commands = 0;

  constructor(
    private readonly rng: Rng,
    private readonly clock: TestClock,
  ) {}

  private byRank(ids: string[]): string[] {
    return ids.sort((a, b) => (this.rank.get(a) ?? 0) - (this.rank.get(b) ?? 0));
  }

  private created(id: string): void {
    this.rank.set(id, this.rank.size);
  }

  private ids(d: SimDevice, query: string, params: unknown[] = []): string[] {
    return this.byRank((d.db.prepare(query).all(...params) as { id: string }[]).map((r) => r.id));
  }

  private orders(d: SimDevice): OrderState[] {
    const found = d.db
      .prepare(
        `SELECT o.id, o.status, o.price, COALESCE((SELECT SUM(p.amount) FROM payments p WHERE p.order_id = o.id), 0) AS paid
         FROM orders o WHERE o.deleted_at IS NULL`,
      )
      .all() as OrderState[];
    const byId = new Map(found.map((o) => [o.id, o]));
    return this.byRank(found.map((o) => o.id)).map((id) => byId.get(id)!);
  }

  /** Records the outbox entries the last command wrote (with their clocks) for the final oracle. */
  private async capture(d: SimDevice, step: number): Promise<void> {
    for (const m of await d.device.engine.pendingMutations(1_000_000)) {
      if (d.seen.has(m.id)) continue;
      d.seen.add(m.id);
      this.log.push({ ...m, device: d.name, step });
    }
  }

  async sync(d: SimDevice, step: number): Promise<void> {
    try {
      await d.device.client.sync();
      d.syncs.ok += 1;
    } catch (error) {
      if (!(error instanceof SyncFailure)) throw new Error(`step ${step}, ${d.name}: sync failed with a non-network error: ${String(error)}`, { cause: error });
      d.syncs.failed += 1;
    }
  }

  /** Runs one action; false when the device had nothing to act on. */
  async act(d: SimDevice, action: ActionName, step: number): Promise<boolean> {
    if (action === 'sync') {
      await this.sync(d, step);
      return true;
    }
    const ran = await this.command(d, action, step);
    if (ran) {
      this.commands += 1;
      await this.capture(d, step);
    }
    return ran;
  }

  private async command(d: SimDevice, action: Exclude<ActionName, 'sync'>, step: number): Promise<boolean> {
    const { rng } = this;
    const engine = d.device.engine;
    const today = this.clock.now();
    switch (action) {
      case 'createClient': {
        const { id } = await engine.execute('createClient', {
          name: `Client ${d.name}-${step}`,
          phone: maybe(rng, 0.7) ? `0197${String(100000 + step * 37 + Math.floor(rng() * 1000)).slice(-6)}` : null,
          gender: maybe(rng, 0.5) ? pick(rng, ['female', 'male', 'other'] as const) : null,
        });
        this.created(id);
        this.done.push({ kind: 'createClient', id });
        return true;
      }
      case 'updateClient': {
        const live = this.ids(d, 'SELECT id FROM clients WHERE deleted_at IS NULL');
        if (live.length === 0) return false;
        const id = pick(rng, live);
        const patch: Record<string, string | null> = {};
        const fields = maybe(rng, 0.3) ? 2 : 1;
        for (let i = 0; i < fields; i++) {
          const field = pick(rng, ['notes', 'email', 'phone', 'name', 'gender', 'preferredChannel'] as const);
          if (field === 'notes') patch.notes = maybe(rng, 0.15) ? null : `Note ${d.name} étape ${step}`;
          if (field === 'email') patch.email = `c${step}.${d.name.toLowerCase()}@exemple.bj`;
          if (field === 'phone') patch.phone = `0196${String(100000 + step * 53).slice(-6)}`;
          if (field === 'name') patch.name = `Client renommé ${d.name}-${step}`;
          if (field === 'gender') patch.gender = pick(rng, ['female', 'male', 'other', null]);
          if (field === 'preferredChannel') patch.preferredChannel = pick(rng, ['sms', 'whatsapp', 'call', null]);
        }
        await engine.execute('updateClient', { id, ...patch });
        return true;
      }
      case 'deleteClient': {
        const free = this.ids(
          d,
          `SELECT id FROM clients c WHERE deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.client_id = c.id
             AND o.deleted_at IS NULL AND o.status IN (${OPEN_STATUSES.map(() => '?').join(',')}))`,
          [...OPEN_STATUSES],
        );
        if (free.length === 0) return false;
        const id = pick(rng, free);
        await engine.execute('deleteClient', { id });
        this.done.push({ kind: 'deleteClient', id });
        return true;
      }
      case 'createOrder': {
        const live = this.ids(d, 'SELECT id FROM clients WHERE deleted_at IS NULL');
        if (live.length === 0) return false;
        const clientId = pick(rng, live);
        const price = 1000 * (5 + Math.floor(rng() * 46));
        const depositAmount = maybe(rng, 0.5) ? Math.min(price, 500 * (1 + Math.floor(rng() * (price / 1000)))) : 0;
        const result = await engine.execute('createOrder', {
          clientId,
          price,
          status: pick(rng, ['quote', 'confirmed'] as const),
          urgency: pick(rng, ['normal', 'normal', 'high', 'urgent'] as const),
          description: maybe(rng, 0.6) ? `Tenue ${step}` : null,
          fabricPagnes: maybe(rng, 0.4) ? 1 + Math.floor(rng() * 4) : null,
          deposit: depositAmount > 0 ? { amount: depositAmount, method: pick(rng, ['cash', 'mobile_money'] as const) } : null,
        });
        this.created(result.id);
        if (result.paymentId) this.created(result.paymentId);
        this.done.push({ kind: 'createOrder', id: result.id, number: result.number, clientId, depositId: result.paymentId, depositAmount });
        return true;
      }
      case 'changeOrderStatus': {
        const orders = this.orders(d);
        if (orders.length === 0) return false;
        const order = pick(rng, orders);
        await engine.execute('changeOrderStatus', { id: order.id, status: pick(rng, ORDER_TRANSITIONS[order.status]) });
        return true;
      }
      case 'recordPayment': {
        const owing = this.orders(d).filter((o) => o.status !== 'cancelled' && o.price - o.paid > 0);
        if (owing.length === 0) return false;
        const order = pick(rng, owing);
        const due = order.price - order.paid;
        const amount = Math.min(due, 100 * (1 + Math.floor(rng() * Math.ceil(due / 100))));
        const { id } = await engine.execute('recordPayment', { orderId: order.id, amount, method: pick(rng, ['cash', 'mobile_money', 'card'] as const) });
        this.created(id);
        this.done.push({ kind: 'recordPayment', id, orderId: order.id, amount });
        return true;
      }
      case 'reversePayment': {
        const reversible = d.db
          .prepare(
            `SELECT id, amount FROM payments p WHERE kind <> 'reversal' AND NOT EXISTS (SELECT 1 FROM payments r WHERE r.reverses = p.id)`,
          )
          .all() as { id: string; amount: number }[];
        if (reversible.length === 0) return false;
        const amounts = new Map(reversible.map((p) => [p.id, p.amount]));
        const target = pick(rng, this.byRank(reversible.map((p) => p.id)));
        const { id } = await engine.execute('reversePayment', { paymentId: target, note: `Erreur de saisie (${d.name})` });
        this.created(id);
        this.done.push({ kind: 'reversePayment', id, target, amount: -amounts.get(target)! });
        return true;
      }
      case 'scheduleFitting': {
        const open = this.orders(d).filter((o) => OPEN_STATUSES.includes(o.status));
        if (open.length === 0) return false;
        const order = pick(rng, open);
        const at = new Date(today.getTime() + (1 + Math.floor(rng() * 10)) * 86_400_000).toISOString();
        const { id } = await engine.execute('scheduleFitting', { orderId: order.id, at, note: maybe(rng, 0.5) ? `Essayage ${step}` : null });
        this.created(id);
        this.done.push({ kind: 'scheduleFitting', id, orderId: order.id });
        return true;
      }
      case 'updateFitting': {
        const live = this.ids(d, 'SELECT id FROM fittings WHERE deleted_at IS NULL');
        if (live.length === 0) return false;
        const id = pick(rng, live);
        const change = pick(rng, ['status', 'note', 'at'] as const);
        if (change === 'status') await engine.execute('updateFitting', { id, status: pick(rng, ['planned', 'done', 'missed'] as const) });
        if (change === 'note') await engine.execute('updateFitting', { id, note: `Retouche ${d.name}-${step}` });
        if (change === 'at') await engine.execute('updateFitting', { id, at: new Date(today.getTime() + 3 * 86_400_000 + step * 60_000).toISOString() });
        return true;
      }
      case 'updateOrder': {
        const orders = this.orders(d);
        if (orders.length === 0) return false;
        const order = pick(rng, orders);
        const change = pick(rng, ['price', 'description', 'urgency', 'internalNote'] as const);
        if (change === 'price') await engine.execute('updateOrder', { id: order.id, price: 1000 * (5 + Math.floor(rng() * 46)) });
        if (change === 'description') await engine.execute('updateOrder', { id: order.id, description: `Modèle ${d.name}-${step}` });
        if (change === 'urgency') await engine.execute('updateOrder', { id: order.id, urgency: pick(rng, ['normal', 'high', 'urgent'] as const) });
        if (change === 'internalNote') await engine.execute('updateOrder', { id: order.id, internalNote: `Note interne ${step}` });
        return true;
      }
    }
  }
}
