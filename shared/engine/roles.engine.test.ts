/**
 * The role table through the engine: what staff and viewers may run, that a forbidden command
 * is refused in French before it writes anything, and that a workshop always keeps an owner.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { COMMANDS } from './commands/index.js';
import { QUERIES } from './queries/index.js';
import { EngineError } from '../domain/errors.js';
import type { Engine, CommandName, QueryName } from './engine.js';
import { DATA_TABLES, VALID_INPUTS, rejectionOf, seedWorkshop, workshopFixture, type ViewerIds, type WorkshopIds } from './commandFixtures.testing.js';

type Ids = WorkshopIds & ViewerIds;

const workshop = workshopFixture('styliste-roles-');
let engine: Engine;
let ids: Ids;
/** Every table but `meta`. */
const snapshot = () => workshop.snapshot(DATA_TABLES);

beforeAll(async () => {
  ({ engine, ids } = await workshop.open(async (opened, ownerId) => {
    expect(opened.actor).toEqual({ memberId: ownerId, role: 'owner' });
    return seedWorkshop(opened, ownerId, {
      staff: { name: 'Rachidi Employé', phone: '01 97 00 00 02' },
      viewer: 'Comptable',
      orderFromGarmentType: true,
    });
  }));
});

afterAll(() => workshop.close());

const outboxCount = () => (workshop.reader.prepare('SELECT COUNT(*) AS n FROM outbox').get() as { n: number }).n;

const rejection = (name: CommandName, input: unknown): Promise<EngineError> => rejectionOf(engine, name, input, () => `${name} was allowed`);

/** A VALID input for every command: a refusal can only come from the role (the shared inputs, a few changed). */
const VALID: Record<CommandName, (i: Ids) => Record<string, unknown>> = {
  ...VALID_INPUTS,
  addMember: () => ({ name: 'Nouvelle', role: 'staff' }),
  updateMember: (i) => ({ id: i.staffId, role: 'owner' }),
  createClient: () => ({ name: 'Afi' }),
  scheduleFitting: (i) => ({ orderId: i.orderId, at: '2026-11-29T10:00:00Z' }),
};

const QUERY_ARGS: Record<QueryName, (i: Ids) => unknown> = {
  settings: () => undefined,
  garmentTypes: () => undefined,
  members: () => undefined,
  searchClients: () => ({ query: 'koffi' }),
  clientCard: (i) => ({ id: i.clientId }),
  sheetHistory: (i) => ({ clientId: i.clientId }),
  sheetDraft: (i) => ({ clientId: i.clientId, garmentTypeId: i.garmentTypeId }),
  orderBoard: () => undefined,
  orderDetail: (i) => ({ id: i.orderId }),
  suggestPromisedDate: (i) => ({ garmentTypeId: i.garmentTypeId }),
  dueOrders: () => undefined,
  readyNotCollected: () => undefined,
  unpaidBalances: () => undefined,
  fittingsOfWeek: () => undefined,
  monthFigures: () => undefined,
  syncStatus: () => undefined,
  messageTemplates: () => undefined,
  previewMessage: (i) => ({ clientId: i.clientId, orderId: i.orderId, channel: 'sms', kind: 'order_ready' }),
  clientMessages: (i) => ({ clientId: i.clientId }),
  orderMessages: (i) => ({ orderId: i.orderId }),
  failedMessages: () => undefined,
  orderTrackingLink: (i) => ({ orderId: i.orderId }),
  subscription: () => undefined,
  directoryProfile: () => undefined,
  portfolio: () => undefined,
  exportSummary: () => undefined,
  exportPage: () => ({ table: 'clients' }),
};

/** The owner's alone (the whole workshop's export, shared/export): refused to anyone else. */
const OWNER_ONLY_QUERIES: ReadonlySet<QueryName> = new Set(['exportSummary', 'exportPage']);

const STAFF_FORBIDDEN: CommandName[] = [
  'deleteClient',
  'reversePayment',
  'updateSettings',
  'createGarmentType',
  'updateGarmentType',
  'deleteGarmentType',
  'addMember',
  'updateMember',
  'removeMember',
  'setupWorkshop',
  'saveMessageTemplate',
];

describe('staff', () => {
  beforeAll(async () => {
    expect(await engine.useMember(ids.staffId)).toEqual({ memberId: ids.staffId, role: 'staff' });
  });

  it('creates clients, orders, payments, fittings and measurements, signed with their id', async () => {
    const { id: clientId } = await engine.execute('createClient', { name: 'Afi Houngbo', phone: '01 97 00 00 03' });
    await engine.execute('updateClient', { id: clientId, notes: 'Cliente fidèle' });
    await engine.execute('recordMeasurements', { clientId, values: { tour_poitrine: 92 } });
    const order = await engine.execute('createOrder', { clientId, price: 18_000, deposit: { amount: 6_000, method: 'mobile_money' } });
    const payment = await engine.execute('recordPayment', { orderId: order.id, amount: 2_000 });
    expect(payment.balance).toBe(10_000);
    await engine.execute('scheduleFitting', { orderId: order.id, at: '2026-11-30T15:00:00Z' });
    await engine.execute('changeOrderStatus', { id: order.id, status: 'in_progress' });
    const detail = await engine.query('orderDetail', { id: order.id });
    expect(detail.createdBy).toBe(ids.staffId);
    expect(detail.payments.map((p) => p.recordedBy)).toEqual([ids.staffId, ids.staffId]);
    expect(detail.fittings).toHaveLength(1);
    expect(detail.status).toBe('in_progress');
    expect(detail.events.every((e) => e.by === ids.staffId)).toBe(true);
  });

  it.each(STAFF_FORBIDDEN)('%s → forbidden in French, nothing written', async (command) => {
    const before = snapshot();
    const outbox = outboxCount();
    const error = await rejection(command, VALID[command](ids));
    expect(error.code).toBe('forbidden');
    expect(error.message).toBe('Votre rôle (Employé) ne permet pas cette action.');
    expect(outboxCount()).toBe(outbox);
    expect(snapshot()).toEqual(before);
  });

  it('is refused before the input is even read (no hint about ids or fields)', async () => {
    const error = await rejection('deleteClient', { id: 'pas-un-id' });
    expect(error.code).toBe('forbidden');
    expect(error.field).toBeUndefined();
  });
});

describe('viewer', () => {
  beforeAll(async () => {
    expect(await engine.useMember(ids.viewerId)).toEqual({ memberId: ids.viewerId, role: 'viewer' });
  });

  it('covers every command and every query', () => {
    expect(Object.keys(VALID).sort()).toEqual(Object.keys(COMMANDS).sort());
    expect(Object.keys(QUERY_ARGS).sort()).toEqual(Object.keys(QUERIES).sort());
  });

  it.each(Object.keys(COMMANDS) as CommandName[])('%s → forbidden in French, nothing written', async (command) => {
    const before = snapshot();
    const outbox = outboxCount();
    const error = await rejection(command, VALID[command](ids));
    expect(error.code).toBe('forbidden');
    expect(error.message).toBe('Votre rôle (Lecteur) ne permet pas cette action.');
    expect(outboxCount()).toBe(outbox);
    expect(snapshot()).toEqual(before);
  });

  it.each((Object.keys(QUERIES) as QueryName[]).filter((q) => !OWNER_ONLY_QUERIES.has(q)))('may run the %s query', async (query) => {
    const before = snapshot();
    await expect(engine.query(query, QUERY_ARGS[query](ids) as never)).resolves.toBeDefined();
    expect(snapshot()).toEqual(before);
  });

  it.each([...OWNER_ONLY_QUERIES])('is refused the owner-only %s query, in French', async (query) => {
    await expect(engine.query(query, QUERY_ARGS[query](ids) as never)).rejects.toMatchObject({
      code: 'forbidden',
      message: 'Seul le propriétaire de l’atelier peut exporter toutes les données (votre rôle : Lecteur).',
    });
  });

  it('sees the real data', async () => {
    expect((await engine.query('clientCard', { id: ids.clientId })).client.name).toBe('Koffi Mensah');
    expect((await engine.query('members')).length).toBe(3);
  });

  it('speaks English to an English user', async () => {
    engine.locale = 'en';
    try {
      const error = await rejection('createClient', { name: 'Afi' });
      expect(error.message).toBe('Your role (Viewer) does not allow this action.');
    } finally {
      engine.locale = 'fr';
    }
  });
});

describe('the workshop always keeps an owner', () => {
  beforeAll(async () => {
    await engine.useMember(ids.ownerId);
  });

  it('the last owner cannot be demoted', async () => {
    const before = snapshot();
    for (const role of ['staff', 'viewer'] as const) {
      const error = await rejection('updateMember', { id: ids.ownerId, role });
      expect(error.code).toBe('rule_violation');
      expect(error.field).toBe('role');
      expect(error.message).toBe("L'atelier doit garder au moins un propriétaire.");
    }
    expect(snapshot()).toEqual(before);
    expect(engine.actor.role).toBe('owner');
  });

  it('the last owner cannot be removed', async () => {
    const before = snapshot();
    const error = await rejection('removeMember', { id: ids.ownerId });
    expect(error.code).toBe('rule_violation');
    expect(error.field).toBe('id');
    expect(snapshot()).toEqual(before);
  });

  it('an owner may remove another owner; the one left is then the last and is kept', async () => {
    const { id: secondId } = await engine.execute('addMember', { name: 'Codirectrice', role: 'owner' });
    await engine.useMember(secondId);
    await engine.execute('removeMember', { id: ids.ownerId });
    await expect(engine.useMember(ids.ownerId)).rejects.toMatchObject({ code: 'not_found' });
    const before = snapshot();
    await expect(engine.execute('updateMember', { id: secondId, role: 'staff' })).rejects.toMatchObject({ code: 'rule_violation', field: 'role' });
    await expect(engine.execute('removeMember', { id: secondId })).rejects.toMatchObject({ code: 'rule_violation' });
    expect(snapshot()).toEqual(before);
    ids.ownerId = secondId;
  });

  it('staff cannot promote themselves to owner', async () => {
    await engine.useMember(ids.staffId);
    const error = await rejection('updateMember', { id: ids.staffId, role: 'owner' });
    expect(error.code).toBe('forbidden');
    await engine.useMember(ids.ownerId);
  });

  // Known bug (see report): the engine keeps the acting member's role in memory and does not
  // re-read it when updateMember changes that member, so a demoted owner keeps owner rights
  // until useMember is called again or the app restarts.
  it('an owner who demotes themselves loses owner rights at once', async () => {
    await engine.execute('addMember', { name: 'Troisième', role: 'owner' });
    await engine.execute('updateMember', { id: ids.ownerId, role: 'staff' });
    expect(engine.actor.role).toBe('staff');
    const before = snapshot();
    await expect(engine.execute('updateSettings', { capacity: 99 })).rejects.toMatchObject({ code: 'forbidden' });
    expect(snapshot()).toEqual(before);
  });
});
