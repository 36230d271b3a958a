/**
 * Ids that do not exist (a well-formed uuid never used, or the id of a deleted row) give
 * `not_found` in French and write nothing; hostile strings are stored verbatim and found again.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { EngineError } from '../domain/errors.js';
import type { Engine, CommandName } from './engine.js';
import { ALL_TABLES, rejectionOf, seedWorkshop, workshopFixture, type CommandCase, type DeletedIds, type WorkshopIds } from './commandFixtures.testing.js';

/** A valid uuid that no row has. */
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

type Ids = WorkshopIds & DeletedIds;

const workshop = workshopFixture('styliste-notfound-');
let engine: Engine;
let ids: Ids;
const snapshot = () => workshop.snapshot();

beforeAll(async () => {
  ({ engine, ids } = await workshop.open((opened, ownerId) => seedWorkshop(opened, ownerId, { deletedTwins: true })));
});

afterAll(() => workshop.close());

const rejection = (name: CommandName, input: unknown): Promise<EngineError> =>
  rejectionOf(engine, name, input, () => `${name} accepted ${JSON.stringify(input)}`);

interface Case extends CommandCase<Ids> {
  message: string;
}

const CASES: Case[] = [
  { command: 'updateGarmentType', why: 'unknown id', input: () => ({ id: UNKNOWN, name: 'X' }), field: 'id', message: 'Type de vêtement introuvable.' },
  { command: 'updateGarmentType', why: 'deleted garment type', input: (i) => ({ id: i.deletedGarmentTypeId, name: 'X' }), field: 'id', message: 'Type de vêtement introuvable.' },
  { command: 'deleteGarmentType', why: 'unknown id', input: () => ({ id: UNKNOWN }), field: 'id', message: 'Type de vêtement introuvable.' },
  { command: 'updateMember', why: 'unknown id', input: () => ({ id: UNKNOWN, name: 'X' }), field: 'id', message: 'Membre introuvable.' },
  { command: 'updateMember', why: 'removed member', input: (i) => ({ id: i.removedMemberId, name: 'X' }), field: 'id', message: 'Membre introuvable.' },
  { command: 'removeMember', why: 'unknown id', input: () => ({ id: UNKNOWN }), field: 'id', message: 'Membre introuvable.' },
  { command: 'updateClient', why: 'unknown id', input: () => ({ id: UNKNOWN, name: 'X' }), field: 'id', message: 'Client introuvable.' },
  { command: 'updateClient', why: 'deleted client', input: (i) => ({ id: i.deletedClientId, name: 'X' }), field: 'id', message: 'Client introuvable.' },
  { command: 'deleteClient', why: 'unknown id', input: () => ({ id: UNKNOWN }), field: 'id', message: 'Client introuvable.' },
  { command: 'deleteClient', why: 'deleted client', input: (i) => ({ id: i.deletedClientId }), field: 'id', message: 'Client introuvable.' },
  { command: 'recordMeasurements', why: 'unknown client', input: () => ({ clientId: UNKNOWN, values: { tour_taille: 80 } }), field: 'clientId', message: 'Client introuvable.' },
  { command: 'recordMeasurements', why: 'deleted client', input: (i) => ({ clientId: i.deletedClientId, values: { tour_taille: 80 } }), field: 'clientId', message: 'Client introuvable.' },
  { command: 'recordMeasurements', why: 'unknown garment type', input: (i) => ({ clientId: i.clientId, garmentTypeId: UNKNOWN, values: { tour_taille: 80 } }), field: 'garmentTypeId', message: 'Type de vêtement introuvable.' },
  { command: 'deleteMeasurementSheet', why: 'unknown id', input: () => ({ id: UNKNOWN }), field: 'id', message: 'Fiche de mesures introuvable.' },
  { command: 'deleteMeasurementSheet', why: 'deleted sheet', input: (i) => ({ id: i.deletedSheetId }), field: 'id', message: 'Fiche de mesures introuvable.' },
  { command: 'createOrder', why: 'unknown client', input: () => ({ clientId: UNKNOWN, price: 1000 }), field: 'clientId', message: 'Client introuvable.' },
  { command: 'createOrder', why: 'deleted client', input: (i) => ({ clientId: i.deletedClientId, price: 1000 }), field: 'clientId', message: 'Client introuvable.' },
  { command: 'createOrder', why: 'deleted garment type', input: (i) => ({ clientId: i.clientId, garmentTypeId: i.deletedGarmentTypeId }), field: 'garmentTypeId', message: 'Type de vêtement introuvable.' },
  { command: 'createOrder', why: 'removed assignee', input: (i) => ({ clientId: i.clientId, price: 1000, assignedTo: i.removedMemberId }), field: 'assignedTo', message: 'Membre introuvable.' },
  { command: 'createOrder', why: 'unknown sheet', input: (i) => ({ clientId: i.clientId, price: 1000, measurementSheetId: UNKNOWN }), field: 'measurementSheetId', message: 'Fiche de mesures introuvable.' },
  { command: 'createOrder', why: 'deleted sheet', input: (i) => ({ clientId: i.clientId, price: 1000, measurementSheetId: i.deletedSheetId }), field: 'measurementSheetId', message: 'Fiche de mesures introuvable.' },
  { command: 'updateOrder', why: 'unknown id', input: () => ({ id: UNKNOWN, price: 1000 }), field: 'id', message: 'Commande introuvable.' },
  { command: 'updateOrder', why: 'deleted order', input: (i) => ({ id: i.deletedOrderId, price: 1000 }), field: 'id', message: 'Commande introuvable.' },
  { command: 'updateOrder', why: 'unknown garment type', input: (i) => ({ id: i.orderId, garmentTypeId: UNKNOWN }), field: 'garmentTypeId', message: 'Type de vêtement introuvable.' },
  { command: 'updateOrder', why: 'unknown assignee', input: (i) => ({ id: i.orderId, assignedTo: UNKNOWN }), field: 'assignedTo', message: 'Membre introuvable.' },
  { command: 'changeOrderStatus', why: 'unknown id', input: () => ({ id: UNKNOWN, status: 'cancelled' }), field: 'id', message: 'Commande introuvable.' },
  { command: 'changeOrderStatus', why: 'deleted order', input: (i) => ({ id: i.deletedOrderId, status: 'confirmed' }), field: 'id', message: 'Commande introuvable.' },
  { command: 'deleteOrder', why: 'unknown id', input: () => ({ id: UNKNOWN }), field: 'id', message: 'Commande introuvable.' },
  { command: 'recordPayment', why: 'unknown order', input: () => ({ orderId: UNKNOWN, amount: 500 }), field: 'orderId', message: 'Commande introuvable.' },
  { command: 'recordPayment', why: 'deleted order', input: (i) => ({ orderId: i.deletedOrderId, amount: 500 }), field: 'orderId', message: 'Commande introuvable.' },
  { command: 'reversePayment', why: 'unknown payment', input: () => ({ paymentId: UNKNOWN }), field: 'paymentId', message: 'Paiement introuvable.' },
  { command: 'scheduleFitting', why: 'unknown order', input: () => ({ orderId: UNKNOWN, at: '2026-11-28T10:00:00Z' }), field: 'orderId', message: 'Commande introuvable.' },
  { command: 'scheduleFitting', why: 'deleted order', input: (i) => ({ orderId: i.deletedOrderId, at: '2026-11-28T10:00:00Z' }), field: 'orderId', message: 'Commande introuvable.' },
  { command: 'updateFitting', why: 'unknown id', input: () => ({ id: UNKNOWN, status: 'done' }), field: 'id', message: 'Essayage introuvable.' },
  { command: 'updateFitting', why: 'deleted fitting', input: (i) => ({ id: i.deletedFittingId, status: 'done' }), field: 'id', message: 'Essayage introuvable.' },
  { command: 'deleteFitting', why: 'unknown id', input: () => ({ id: UNKNOWN }), field: 'id', message: 'Essayage introuvable.' },
  { command: 'deleteFitting', why: 'deleted fitting', input: (i) => ({ id: i.deletedFittingId }), field: 'id', message: 'Essayage introuvable.' },
];

describe('ids that do not exist', () => {
  it.each(CASES)('$command: $why → not_found on $field, nothing written', async ({ command, input, field, message }) => {
    const before = snapshot();
    const error = await rejection(command, input(ids));
    expect(error.code).toBe('not_found');
    expect(error.field).toBe(field);
    expect(error.message).toBe(message);
    expect(snapshot()).toEqual(before);
  });

  it('queries: a deleted client has no card, an unknown order no detail', async () => {
    await expect(engine.query('clientCard', { id: ids.deletedClientId })).rejects.toMatchObject({ code: 'not_found', message: 'Client introuvable.' });
    await expect(engine.query('orderDetail', { id: UNKNOWN })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('a removed member cannot be acted as', async () => {
    await expect(engine.useMember(ids.removedMemberId)).rejects.toMatchObject({ code: 'not_found', message: 'Membre introuvable.' });
    expect(engine.actor.role).toBe('owner');
  });

  it('a deleted client is not found by search', async () => {
    expect(await engine.query('searchClients', { query: 'supprimé' })).toEqual([]);
  });
});

const HOSTILE = [
  "'); DROP TABLE clients; --",
  'Robert"); DELETE FROM payments WHERE ("1"="1',
  "O'Brien \\' OR 1=1 --",
  'Adjoa 👗✂️ Mensah 🇧🇯',
  'مريم العربي',
  'שרה כהן',
  'Abc \u202Eevil\u202C def',
  '100%_coton',
];

describe('hostile strings', () => {
  const created = new Map<string, string>();

  beforeAll(async () => {
    for (const name of HOSTILE) created.set(name, (await engine.execute('createClient', { name, notes: name })).id);
  });

  it.each(HOSTILE)('%s is stored verbatim', async (name) => {
    const card = await engine.query('clientCard', { id: created.get(name)! });
    expect(card.client.name).toBe(name);
    expect(card.client.notes).toBe(name);
  });

  it.each(HOSTILE)('%s is found again by search, and only it', async (name) => {
    const found = await engine.query('searchClients', { query: name });
    expect(found.map((c) => c.name)).toEqual([name]);
  });

  it('finds the SQL-looking names by a fragment', async () => {
    expect((await engine.query('searchClients', { query: 'drop table' })).map((c) => c.name)).toEqual(["'); DROP TABLE clients; --"]);
    expect((await engine.query('searchClients', { query: 'مريم' })).map((c) => c.name)).toEqual(['مريم العربي']);
    expect((await engine.query('searchClients', { query: '👗' })).map((c) => c.name)).toEqual(['Adjoa 👗✂️ Mensah 🇧🇯']);
  });

  it('treats LIKE wildcards as plain characters', async () => {
    expect((await engine.query('searchClients', { query: '%' })).map((c) => c.name)).toEqual(['100%_coton']);
    expect((await engine.query('searchClients', { query: '_' })).map((c) => c.name)).toEqual(['100%_coton']);
  });

  it('left every table and row in place', async () => {
    const tables = workshop.reader.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
    for (const table of ALL_TABLES) expect(tables.map((t) => t.name)).toContain(table);
    const payments = workshop.reader.prepare('SELECT COUNT(*) AS n FROM payments').get() as { n: number };
    expect(payments.n).toBe(1);
    const clients = await engine.query('searchClients', { query: '', limit: 500 });
    expect(clients.map((c) => c.name).sort()).toEqual(['Koffi Mensah', ...HOSTILE].sort());
  });

  it('hostile text in an order and a payment note is stored verbatim too', async () => {
    const description = HOSTILE.join(' | ');
    const order = await engine.execute('createOrder', { clientId: created.get(HOSTILE[0]!)!, price: 5_000, description, deposit: { amount: 1_000 } });
    await engine.execute('recordPayment', { orderId: order.id, amount: 500, note: HOSTILE[1] });
    const detail = await engine.query('orderDetail', { id: order.id });
    expect(detail.description).toBe(description);
    expect(detail.clientName).toBe(HOSTILE[0]);
    expect(detail.payments.map((p) => p.note)).toContain(HOSTILE[1]);
  });
});
