/**
 * Test helpers of the reminders: workshop rows written the way the hub materialises a device's
 * changes (through the server-write helper, checked with the same row schemas), a sweep over a
 * server's services with an injected instant, and the messages the hub holds.
 */
import { orderRow } from '../../testing/rawSync.js';
import type { StoredMessage } from '../../../shared/engine/messages.testing.js';
import { sql } from 'drizzle-orm';
import { rows } from '../../db/client.js';
import type { CloudContext } from '../../context.js';
import { createFixtureWorkshop, type FixtureWorkshop } from '../../testing/fixtures.js';
import { newId } from '../../../shared/domain/ids.js';
import { templateRowId } from '../../../shared/messaging/templates.js';
import type { AutomaticKind } from '../../../shared/messaging/messageOptions.js';
import type { MessageSendJob } from '../dispatchQueue.js';
import { sweepReminders, type SweepOptions, type SweepResult } from './sweep.js';

type Table = 'workshop' | 'clients' | 'orders' | 'order_events' | 'payments' | 'fittings' | 'message_templates' | 'messages';

async function writeRow(ctx: CloudContext, workshopId: string, table: Table, id: string, fields: Record<string, unknown>): Promise<void> {
  await ctx.db.withWorkshop(workshopId, (tx) => ctx.services.serverWrites.inWorkshop(tx, workshopId, (writes) => writes.write(table, id, fields)));
}

export interface ReminderShop {
  workshopId: string;
  fixture: FixtureWorkshop;
  ctx: CloudContext;
  row(table: Table, id: string, fields: Record<string, unknown>): Promise<void>;
  client(fields?: Partial<{ name: string; phone: string | null; whatsapp: string | null; email: string | null; preferredChannel: string | null; messagesOptOut: boolean; deletedAt: string | null }>): Promise<string>;
  /** An order created at `createdAt`, moved to `status` at `statusAt` (an event as a device writes it). */
  order(clientId: string, fields?: Partial<{ price: number; status: string; statusAt: string; createdAt: string; trackingToken: string | null; deletedAt: string | null; number: string }>): Promise<string>;
  fitting(orderId: string, at: string, fields?: Partial<{ status: string; deletedAt: string | null }>): Promise<string>;
  payment(orderId: string, amount: number, kind?: 'deposit' | 'instalment' | 'reversal'): Promise<string>;
  template(kind: AutomaticKind, channel: string, body?: string): Promise<void>;
  messages(): Promise<HubMessage[]>;
}

/** A message row as the hub stores it: the same columns as a device's (engine test support). */
export type HubMessage = StoredMessage;

let orderCounter = 0;

/** A workshop (as signup makes it) in `timezone`, with the given settings. */
export async function reminderShop(ctx: CloudContext, name: string, timezone: string, settings: { smsGsm7?: boolean; balanceReminderDays?: number } = {}): Promise<ReminderShop> {
  const fixture = await createFixtureWorkshop(ctx, name);
  const { workshopId } = fixture;
  const row = (table: Table, id: string, fields: Record<string, unknown>) => writeRow(ctx, workshopId, table, id, fields);
  await row('workshop', workshopId, { timezone, ...settings });
  return {
    workshopId,
    fixture,
    ctx,
    row,
    async client(fields = {}) {
      const id = newId();
      await row('clients', id, {
        name: 'Aïcha Dossou',
        phone: '+2290197000101',
        whatsapp: null,
        email: null,
        gender: null,
        notes: null,
        preferredChannel: null,
        messagesOptOut: false,
        createdAt: '2026-11-01T10:00:00.000Z',
        deletedAt: null,
        ...fields,
      });
      return id;
    },
    async order(clientId, fields = {}) {
      const id = newId();
      const { statusAt, ...rest } = fields;
      const status = rest.status ?? 'confirmed';
      const createdAt = rest.createdAt ?? '2026-11-10T09:00:00.000Z';
      orderCounter += 1;
      await row('orders', id, {
        ...orderRow(clientId, `A-${orderCounter}`, 20000, new Date(createdAt)),
        promisedDate: '2026-11-24',
        trackingToken: null,
        ...rest,
        status,
      });
      await row('order_events', newId(), { orderId: id, at: createdAt, by: null, type: 'created', data: { number: `A-${orderCounter}`, status: 'confirmed' } });
      if (status !== 'confirmed') {
        await row('order_events', newId(), { orderId: id, at: statusAt ?? createdAt, by: null, type: 'status', data: { from: 'confirmed', to: status, note: null } });
      }
      return id;
    },
    async fitting(orderId, at, fields = {}) {
      const id = newId();
      await row('fittings', id, { orderId, at, status: 'planned', note: null, deletedAt: null, ...fields });
      return id;
    },
    async payment(orderId, amount, kind = 'deposit') {
      const id = newId();
      await row('payments', id, { orderId, amount, method: 'cash', kind, reverses: null, paidAt: '2026-11-10T09:00:00.000Z', note: null, recordedBy: null });
      return id;
    },
    async template(kind, channel, body) {
      await row('message_templates', templateRowId(workshopId, kind), { kind, channel, body: body ?? 'Bonjour {client}, solde {solde}. Suivi : {lien}' });
    },
    messages: () =>
      ctx.db.withWorkshop(workshopId, (tx) =>
        rows<HubMessage>(tx, sql`SELECT id, client_id, order_id, channel, "to", body, kind, status, created_at, created_by FROM messages ORDER BY kind, client_id, id`),
      ),
  };
}

/** What the sweeps of a test handed to the dispatcher. */
export interface Handed {
  items: MessageSendJob[];
  enqueue(items: MessageSendJob[]): Promise<void>;
}

export function handedOver(): Handed {
  const items: MessageSendJob[] = [];
  return { items, enqueue: async (batch) => void items.push(...batch) };
}

/** One sweep over the server's services, as of `now`. */
export function sweepAt(ctx: CloudContext, now: string, handed: Handed, options: SweepOptions = {}): Promise<SweepResult> {
  return sweepReminders({ db: ctx.db, writer: ctx.services.serverWrites, publicUrl: ctx.config.publicUrl, enqueue: handed.enqueue, logger: ctx.logger }, new Date(now), options);
}
