/**
 * Test support for the message tests: a workshop on a real SQLite file (owner acting, clock at
 * Wednesday 25 November 2026 10:00 in Cotonou), a read-only connection on the same file to look at
 * rows and the outbox as they are stored, clients with every kind of address, and the hub's side
 * of a message's life (a status arriving by sync, as the hub's server writes send it).
 */
import Database from 'better-sqlite3';
import { setupTestWorkshop, tempDir, testClock, type TestClock } from '../../desktop/sqlite/testing.js';
import type { Engine, EngineOptions } from './engine.js';
import { formatHlc } from '../sync/hlc.js';
import type { MessageStatus } from '../messaging/messageOptions.js';

export const PHONE = '+2290197000001';
export const WHATSAPP = '+2290196000002';
export const EMAIL = 'aicha@example.bj';

export interface MessageWorkshop {
  engine: Engine;
  clock: TestClock;
  ownerId: string;
  workshopId: string;
  reader: Database.Database;
  /** The file, to open a second writable connection (a trigger that fails a write). */
  path: string;
  close(): Promise<void>;
}

export async function openMessageWorkshop(prefix: string, options: EngineOptions = {}): Promise<MessageWorkshop> {
  const dir = tempDir(prefix);
  const clock = testClock('2026-11-25T09:00:00.000Z');
  const path = `${dir.dir}/atelier.sqlite`;
  const { engine, ownerId, workshopId } = await setupTestWorkshop(path, { now: clock.now, ...options }, { withDefaultGarments: false });
  const reader = new Database(path, { readonly: true });
  return {
    engine,
    clock,
    ownerId,
    workshopId,
    reader,
    path,
    async close() {
      reader.close();
      await engine.close();
      dir.cleanup();
    },
  };
}

export interface StoredMessage {
  id: string;
  client_id: string;
  order_id: string | null;
  channel: string;
  to: string;
  body: string;
  kind: string;
  status: string;
  created_at: string;
  created_by: string | null;
}

export function storedMessages(reader: Database.Database): StoredMessage[] {
  return reader.prepare('SELECT id, client_id, order_id, channel, "to", body, kind, status, created_at, created_by FROM messages ORDER BY created_at, rowid').all() as StoredMessage[];
}

export interface OutboxEntry {
  id: string;
  tbl: string;
  row_id: string;
  hlc: string;
  fields: Record<string, unknown>;
}

export function outboxOf(reader: Database.Database, table: string): OutboxEntry[] {
  const rows = reader.prepare('SELECT id, tbl, row_id, hlc, fields FROM outbox WHERE tbl = ? ORDER BY seq').all(table) as (Omit<OutboxEntry, 'fields'> & { fields: string })[];
  return rows.map((r) => ({ ...r, fields: JSON.parse(r.fields) as Record<string, unknown> }));
}

let hubCounter = 0;
let hubMillis = 0;

/**
 * A message's status (and the hub's fields) as the hub writes them and a pull brings them, from
 * the hub's node. Each report's clock is a second after the previous one and after the workshop's
 * clock, so it is always the latest writer (as the hub's server writes stamp later than the row).
 */
export async function hubReports(shop: MessageWorkshop, messageId: string, status: MessageStatus, fields: Record<string, unknown> = {}): Promise<void> {
  hubCounter += 1;
  hubMillis = Math.max(hubMillis, shop.clock.now().getTime()) + 1000;
  const hlc = formatHlc({ millis: hubMillis, counter: 0, node: 'abcdefabcdefabcd' });
  await shop.engine.applyChanges([{ table: 'messages', rowId: messageId, hlc, fields: { status, ...fields } }], String(100 + hubCounter));
}

/** Clients of the workshop, one per kind of address. */
export async function seedClients(engine: Engine) {
  const everything = await engine.execute('createClient', { name: 'Aïcha Houngbédji', phone: '01 97 00 00 01', whatsapp: '01 96 00 00 02', email: EMAIL });
  const phoneOnly = await engine.execute('createClient', { name: 'Koffi Mensah', phone: '01 97 00 00 03' });
  const noAddress = await engine.execute('createClient', { name: 'Sènan Adjovi' });
  const optedOut = await engine.execute('createClient', { name: 'Afi Dossou', phone: '01 97 00 00 04', messagesOptOut: true });
  const prefersWhatsapp = await engine.execute('createClient', { name: 'Ɖɔkpɔ Agbo', phone: '01 97 00 00 05', whatsapp: '01 96 00 00 06', preferredChannel: 'whatsapp' });
  return { everything: everything.id, phoneOnly: phoneOnly.id, noAddress: noAddress.id, optedOut: optedOut.id, prefersWhatsapp: prefersWhatsapp.id };
}

/** An order of the client, moved along to `status` (confirmed → in progress → …). */
export async function orderAt(engine: Engine, clientId: string, status: 'confirmed' | 'in_progress' | 'ready', price = 20_000, deposit = 5_000): Promise<{ id: string; number: string }> {
  const order = await engine.execute('createOrder', { clientId, price, deposit: { amount: deposit } });
  if (status === 'in_progress' || status === 'ready') await engine.execute('changeOrderStatus', { id: order.id, status: 'in_progress' });
  if (status === 'ready') await engine.execute('changeOrderStatus', { id: order.id, status: 'ready' });
  return { id: order.id, number: order.number };
}
