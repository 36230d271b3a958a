/**
 * Test support of the lifecycle: a real test server whose clock the test moves, the sweep run on
 * its services, the dev outbox's SMS read back, and the synced `subscription` row as a device
 * pulls it.
 */
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from '../testing/testServer.js';
import { RawDevice } from '../testing/rawSync.js';
import type { FixtureWorkshop } from '../testing/fixtures.js';
import { rows } from '../db/client.js';
import { sweepLifecycle, type LifecycleSweepOptions, type LifecycleSweepResult } from './lifecycle/sweep.js';
import { readSubscription, saveSubscription } from './subscriptionsSql.js';
import { applyPurchase, quotePlan } from '../../shared/billing/purchases.js';
import type { SubscriptionState } from '../../shared/billing/lifecycle.js';
import type { BillingCycle } from '../../shared/billing/plans.js';

export interface ClockedServer {
  server: TestServer;
  dataDir: string;
  /** Moves the server's clock. */
  at(instant: string | Date): void;
  now(): Date;
  sweep(options?: LifecycleSweepOptions): Promise<LifecycleSweepResult>;
  state(workshopId: string): Promise<SubscriptionState>;
  /** The SMS the dev outbox holds whose text contains `needle`. */
  sms(needle: string): Promise<{ to: string; message: string; reference: string | null }[]>;
  notices(workshopId: string): Promise<{ key: string; kind: string; channel: string | null; failure_reason: string | null }[]>;
  credits(workshopId: string): Promise<{ amount: number; grant_key: string | null }[]>;
  /** What the payment path does once FedaPay confirms (paymentEffects.ts): applyPurchase, then saveSubscription. */
  pay(workshopId: string, planId: string, cycle: BillingCycle): Promise<SubscriptionState>;
  close(): Promise<void>;
}

export async function startClockedServer(start: string): Promise<ClockedServer> {
  let clock = new Date(start);
  const dataDir = await mkdtemp(join(tmpdir(), 'styliste-lifecycle-'));
  const server = await startTestServer({ DATA_DIR: dataDir }, { now: () => clock });
  const ctx = server.ctx;
  const s = ctx.services;
  return {
    server,
    dataDir,
    at(instant) {
      clock = new Date(instant);
    },
    now: () => clock,
    sweep: (options) => sweepLifecycle({ db: ctx.db, writer: s.serverWrites, clock: ctx.clock, providers: s.providers, catalogue: s.billing.catalogue, logger: ctx.logger }, clock, options),
    state: async (workshopId) => (await ctx.db.system((tx) => readSubscription(tx, workshopId)))!,
    async sms(needle) {
      const folder = join(dataDir, 'outbox', 'sms');
      const files = await readdir(folder).catch(() => [] as string[]);
      const found: { to: string; message: string; reference: string | null }[] = [];
      for (const file of files.filter((f) => f.endsWith('.json')).sort()) {
        const entry = JSON.parse(await readFile(join(folder, file), 'utf8')) as { reference: string | null; payload: { to: string; message: string } };
        if (entry.payload.message.includes(needle)) found.push({ to: entry.payload.to, message: entry.payload.message, reference: entry.reference });
      }
      return found;
    },
    notices: (workshopId) =>
      ctx.db.system((tx) => rows(tx, sql`SELECT key, kind, channel, failure_reason FROM billing_notices WHERE workshop_id = ${workshopId} ORDER BY created_at, key`)),
    credits: async (workshopId) =>
      (await ctx.db.system((tx) => rows<{ amount: number; grant_key: string | null }>(tx, sql`SELECT amount, grant_key FROM credit_ledger WHERE workshop_id = ${workshopId} ORDER BY id`))).map(
        (r) => ({ amount: Number(r.amount), grant_key: r.grant_key }),
      ),
    async pay(workshopId, planId, cycle) {
      const { plans } = await s.billing.catalogue.read();
      return ctx.db.withWorkshop(workshopId, async (tx) => {
        const state = (await readSubscription(tx, workshopId, { forUpdate: true }))!;
        const quote = quotePlan(state, plans, planId, cycle, clock);
        if (!quote.ok) throw new Error(`not sold: ${quote.code}`);
        const next = applyPurchase(state, quote.purchase, clock);
        await saveSubscription(s.serverWrites, tx, workshopId, next, plans, clock);
        return next;
      });
    },
    close: () => server.close(),
  };
}

/** A device of the workshop that pulls with a token signed at the server's current time. */
export class PullingDevice {
  private cursor = '0';
  private readonly deviceId: string;

  constructor(
    private readonly url: string,
    private readonly shop: FixtureWorkshop,
  ) {
    this.deviceId = new RawDevice(url, '').deviceId;
  }

  private device(): RawDevice {
    const device = new RawDevice(this.url, this.shop.tokenFor(this.shop.owner), this.deviceId);
    device.cursor = this.cursor;
    return device;
  }

  /** Pulls to the head; the last `subscription` fields received. */
  async subscription(): Promise<Record<string, unknown> | null> {
    const device = this.device();
    let found: Record<string, unknown> | null = null;
    for (let i = 0; i < 10; i++) {
      const answer = await device.sync();
      for (const change of answer.changes) if (change.table === 'subscription') found = { ...(found ?? {}), ...change.fields };
      if (!answer.more) break;
    }
    this.cursor = device.cursor;
    return found;
  }

  /** Pushes mutations, then pulls; the answer's rejections. */
  async push(mutations: (device: RawDevice) => Parameters<RawDevice['sync']>[0]): Promise<unknown[]> {
    const device = this.device();
    const answer = await device.sync(mutations(device));
    this.cursor = device.cursor;
    return answer.rejected;
  }
}
