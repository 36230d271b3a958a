/**
 * Test support for the command tests (validation, not found, roles): an engine on a real SQLite
 * file with a workshop seeded with one row of every kind, a digest of every table read through a
 * separate read-only connection, and a valid input for every command.
 */
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { expect } from 'vitest';
import { setupTestWorkshop, tempDir, testClock } from '../../desktop/sqlite/testing.js';
import { EngineError } from '../domain/errors.js';
import type { Engine, CommandName } from './engine.js';

/** Every table the commands write to, `meta` aside. */
export const DATA_TABLES = ['clients', 'orders', 'payments', 'order_events', 'fittings', 'measurement_sheets', 'garment_types', 'members', 'workshop', 'messages', 'message_templates', 'outbox'] as const;
/** Every table of the engine's database. */
export const ALL_TABLES = [...DATA_TABLES, 'meta'] as const;

export type TableName = (typeof ALL_TABLES)[number];

/** One row of every kind, as seeded by `seedWorkshop`. */
export interface WorkshopIds {
  ownerId: string;
  staffId: string;
  garmentTypeId: string;
  clientId: string;
  sheetId: string;
  orderId: string;
  /** The deposit of the order. */
  paymentId: string;
  fittingId: string;
}

export interface ViewerIds {
  viewerId: string;
}

/** Rows created then deleted (or a member removed): their ids are well-formed but gone. */
export interface DeletedIds {
  removedMemberId: string;
  deletedGarmentTypeId: string;
  deletedClientId: string;
  deletedSheetId: string;
  deletedOrderId: string;
  deletedFittingId: string;
}

export interface SeedOptions {
  /** The staff member (default: Rachidi, no phone). */
  staff?: { name: string; phone?: string };
  /** Name of a viewer to add right after the staff member. */
  viewer?: string;
  /** Phone of the client Koffi Mensah (default: none). */
  clientPhone?: string;
  /** Price the order from its garment type (Kaftan, 15 000 F) rather than at 20 000 F. */
  orderFromGarmentType?: boolean;
  /** After each row, create one more of the same kind and delete it (or remove the member). */
  deletedTwins?: boolean;
}

/**
 * Seeds, as the owner, a staff member, a garment type (Kaftan), a client (Koffi Mensah) with a
 * measurement sheet, an order with a 5 000 F deposit and a fitting on 28 November 2026.
 */
export function seedWorkshop(engine: Engine, ownerId: string, options: SeedOptions & { viewer: string }): Promise<WorkshopIds & ViewerIds>;
export function seedWorkshop(engine: Engine, ownerId: string, options: SeedOptions & { deletedTwins: true }): Promise<WorkshopIds & DeletedIds>;
export function seedWorkshop(engine: Engine, ownerId: string, options?: SeedOptions): Promise<WorkshopIds>;
export async function seedWorkshop(engine: Engine, ownerId: string, options: SeedOptions = {}): Promise<WorkshopIds & Partial<ViewerIds & DeletedIds>> {
  const twins = options.deletedTwins === true;
  const deleted: Partial<DeletedIds> = {};

  const { id: staffId } = await engine.execute('addMember', { ...(options.staff ?? { name: 'Rachidi' }), role: 'staff' });
  const viewer = options.viewer === undefined ? {} : { viewerId: (await engine.execute('addMember', { name: options.viewer, role: 'viewer' })).id };
  if (twins) {
    const { id } = await engine.execute('addMember', { name: 'Parti', role: 'staff' });
    await engine.execute('removeMember', { id });
    deleted.removedMemberId = id;
  }

  const { id: garmentTypeId } = await engine.execute('createGarmentType', { name: 'Kaftan', durationDays: 5, defaultPrice: 15_000 });
  if (twins) {
    const { id } = await engine.execute('createGarmentType', { name: 'Ancien', durationDays: 5, defaultPrice: 1_000 });
    await engine.execute('deleteGarmentType', { id });
    deleted.deletedGarmentTypeId = id;
  }

  const client = options.clientPhone === undefined ? { name: 'Koffi Mensah' } : { name: 'Koffi Mensah', phone: options.clientPhone };
  const { id: clientId } = await engine.execute('createClient', client);
  if (twins) {
    const { id } = await engine.execute('createClient', { name: 'Client supprimé' });
    await engine.execute('deleteClient', { id });
    deleted.deletedClientId = id;
  }

  const { id: sheetId } = await engine.execute('recordMeasurements', { clientId, values: { tour_taille: 80 } });
  if (twins) {
    const { id } = await engine.execute('recordMeasurements', { clientId, values: { tour_taille: 81 } });
    await engine.execute('deleteMeasurementSheet', { id });
    deleted.deletedSheetId = id;
  }

  const order = await engine.execute(
    'createOrder',
    options.orderFromGarmentType ? { clientId, garmentTypeId, deposit: { amount: 5_000 } } : { clientId, price: 20_000, deposit: { amount: 5_000 } },
  );
  if (twins) {
    const { id } = await engine.execute('createOrder', { clientId, price: 3_000, status: 'quote' });
    await engine.execute('deleteOrder', { id });
    deleted.deletedOrderId = id;
  }

  const { id: fittingId } = await engine.execute('scheduleFitting', { orderId: order.id, at: '2026-11-28T10:00:00Z' });
  if (twins) {
    const { id } = await engine.execute('scheduleFitting', { orderId: order.id, at: '2026-11-29T10:00:00Z' });
    await engine.execute('deleteFitting', { id });
    deleted.deletedFittingId = id;
  }

  return { ownerId, staffId, ...viewer, garmentTypeId, clientId, sheetId, orderId: order.id, paymentId: order.paymentId!, fittingId, ...deleted };
}

/** A table-driven case: `command` run on `input(ids)` must fail on `field` (the test says how). */
export interface CommandCase<I> {
  command: CommandName;
  why: string;
  input: (ids: I) => unknown;
  field: string;
}

/** A valid input for every command, given the seeded ids. */
export const VALID_INPUTS: Record<CommandName, (i: WorkshopIds) => Record<string, unknown>> = {
  setupWorkshop: () => ({ name: 'Atelier B', ownerName: 'Bio' }),
  updateSettings: () => ({ capacity: 20 }),
  createGarmentType: () => ({ name: 'Robe', durationDays: 3, defaultPrice: 1500 }),
  updateGarmentType: (i) => ({ id: i.garmentTypeId, name: 'Kaftan long' }),
  deleteGarmentType: (i) => ({ id: i.garmentTypeId }),
  addMember: () => ({ name: 'Rachidi', role: 'staff' }),
  updateMember: (i) => ({ id: i.staffId, name: 'Rachidi A.' }),
  removeMember: (i) => ({ id: i.staffId }),
  createClient: () => ({ name: 'Koffi' }),
  updateClient: (i) => ({ id: i.clientId, notes: 'Préfère le bazin' }),
  deleteClient: (i) => ({ id: i.clientId }),
  recordMeasurements: (i) => ({ clientId: i.clientId, values: { tour_taille: 82 } }),
  deleteMeasurementSheet: (i) => ({ id: i.sheetId }),
  createOrder: (i) => ({ clientId: i.clientId, price: 10_000 }),
  updateOrder: (i) => ({ id: i.orderId, description: 'Boubou brodé' }),
  changeOrderStatus: (i) => ({ id: i.orderId, status: 'in_progress' }),
  deleteOrder: (i) => ({ id: i.orderId }),
  recordPayment: (i) => ({ orderId: i.orderId, amount: 1000 }),
  reversePayment: (i) => ({ paymentId: i.paymentId }),
  scheduleFitting: (i) => ({ orderId: i.orderId, at: '2026-11-28T10:00:00Z' }),
  updateFitting: (i) => ({ id: i.fittingId, status: 'done' }),
  deleteFitting: (i) => ({ id: i.fittingId }),
  sendMessage: (i) => ({ clientId: i.clientId, orderId: i.orderId, channel: 'sms', body: 'Bonjour {client}, votre commande {numero} avance bien.' }),
  // A well-formed id: no message is seeded (a valid shape is all these tests need).
  cancelMessage: () => ({ id: '0190f5a0-0000-7000-8000-000000000001' }),
  recordWhatsAppOpened: (i) => ({ clientId: i.clientId, body: 'Bonjour Koffi' }),
  saveMessageTemplate: () => ({ kind: 'order_ready', channel: 'sms', body: 'Bonjour {client}, votre commande {numero} est prête.' }),
  revokeTrackingLink: (i) => ({ orderId: i.orderId }),
  saveDirectoryProfile: () => ({ about: 'Couture sur mesure', specialties: ['femme'] }),
  addPortfolioPhoto: () => ({ fileHash: 'a'.repeat(64), caption: 'Robe de mariée' }),
  // Well-formed ids: no photo is seeded (a valid shape is all these tests need).
  updatePortfolioPhoto: () => ({ id: '0190f5a0-0000-7000-8000-000000000002', caption: 'Boubou' }),
  reorderPortfolio: () => ({ ids: ['0190f5a0-0000-7000-8000-000000000002'] }),
  removePortfolioPhoto: () => ({ id: '0190f5a0-0000-7000-8000-000000000002' }),
};

export interface WorkshopFixture {
  /**
   * Sets up a workshop (owner acting, clock at 25 November 2026 09:00 UTC) on a new SQLite file,
   * lets `seed` fill it, then opens the read-only connection used by `snapshot`.
   */
  open<I>(seed: (engine: Engine, ownerId: string) => Promise<I>): Promise<{ engine: Engine; ids: I }>;
  /** The read-only connection on the workshop's file (once opened). */
  readonly reader: Database.Database;
  /** Row count and a digest of every row of every table: any insert, update or delete shows. */
  snapshot(tables?: readonly TableName[]): Record<string, string>;
  /** Closes both connections and deletes the temporary folder. */
  close(): Promise<void>;
}

/** A workshop on a SQLite file in a new temporary folder named after `prefix`. */
export function workshopFixture(prefix: string): WorkshopFixture {
  const tmp = tempDir(prefix);
  const path = `${tmp.dir}/atelier.db`;
  let engine: Engine | undefined;
  let reader: Database.Database | undefined;
  const openReader = (): Database.Database => {
    if (!reader) throw new Error('The workshop is not open yet.');
    return reader;
  };
  return {
    async open(seed) {
      const setup = await setupTestWorkshop(path, { now: testClock('2026-11-25T09:00:00.000Z').now });
      engine = setup.engine;
      const ids = await seed(setup.engine, setup.ownerId);
      reader = new Database(path, { readonly: true });
      return { engine: setup.engine, ids };
    },
    get reader() {
      return openReader();
    },
    snapshot(tables = ALL_TABLES) {
      const db = openReader();
      return Object.fromEntries(
        tables.map((table) => {
          const rows = db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all();
          return [table, `${rows.length} rows, ${createHash('sha256').update(JSON.stringify(rows)).digest('hex')}`];
        }),
      );
    },
    async close() {
      reader?.close();
      await engine?.close();
      tmp.cleanup();
    },
  };
}

/**
 * The EngineError that `name` fails with on `input`; when the command goes through instead, the
 * test fails with the message `accepted` gives.
 */
export async function rejectionOf(engine: Engine, name: CommandName, input: unknown, accepted: () => string): Promise<EngineError> {
  try {
    await engine.execute(name, input as never);
  } catch (error) {
    expect(error).toBeInstanceOf(EngineError);
    return error as EngineError;
  }
  throw new Error(accepted());
}
