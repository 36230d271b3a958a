/**
 * The hub never trusts a device: the workshop comes from the token, another workshop's rows are
 * out of reach through the protocol (in SQL, by row-level security: sync.rls.test.ts), roles and insert-only tables
 * are enforced per mutation, bad values are refused one by one while the rest of the batch
 * applies, pushes are idempotent, tokens are checked, and bodies travel compressed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import jwt from 'jsonwebtoken';
import { sql } from 'drizzle-orm';
import type { TestServer } from '../testing/testServer.js';
import type { FixtureMember, FixtureWorkshop } from '../testing/fixtures.js';
import { openTwoWorkshops, type TwoWorkshops } from './isolationFixture.testing.js';
import { readServerSnapshot } from '../testing/tableSnapshots.js';
import { ChainState, clientRow, orderRow, paymentRow, postSync, RawDevice, syncAnswer } from '../testing/rawSync.js';
import { rows, type Tx } from '../db/client.js';
import { newId } from '../../shared/domain/ids.js';
import { TABLE_META } from '../../shared/engine/tableMeta.js';
import { SYNCED_TABLE_NAMES } from '../../shared/domain/tables.js';
import { PROTOCOL_VERSION, syncResponseSchema, type SyncResponse } from '../../shared/sync/protocol.js';

let server: TestServer;
let one: FixtureWorkshop;
let two: FixtureWorkshop;
let shops: TwoWorkshops;
/** Workshop 2's rows, made by one of its devices through the engine. */
const theirs = { clientId: '', orderId: '', paymentId: '' };

beforeAll(async () => {
  shops = await openTwoWorkshops();
  ({ server, one, two } = shops);
  Object.assign(theirs, shops.theirs);
}, 60_000);

afterAll(async () => {
  await shops?.close();
});

const rawDevice = (member: FixtureMember = one.owner) => new RawDevice(server.url, member.token);
const rejectionCodes = (answer: SyncResponse) => Object.fromEntries(answer.rejected.map((r) => [r.id, r.code]));

async function changeLogCount(workshopId: string, mutationId?: string): Promise<number> {
  const [row] = await server.ctx.db.withWorkshop(workshopId, (tx) =>
    rows<{ n: number }>(tx, mutationId ? sql`SELECT count(*)::int AS n FROM change_log WHERE mutation_id = ${mutationId}` : sql`SELECT count(*)::int AS n FROM change_log`),
  );
  return row!.n;
}

describe('another workshop is out of reach through the protocol', () => {
  it("workshop 1's token cannot touch workshop 2's rows; the rest of the batch applies; pulls never show workshop 2", async () => {
    const before = await readServerSnapshot(server.ctx, two.workshopId);
    const logBefore = await changeLogCount(two.workshopId);
    const device = rawDevice();
    const ownClient = newId();
    const ownOrder = newId();
    const attacks = [
      device.mutation('clients', theirs.clientId, { name: 'Piraté', notes: 'écrit par un autre atelier' }),
      device.mutation('clients', theirs.clientId, clientRow('Piraté en entier')),
      device.mutation('orders', theirs.orderId, { status: 'cancelled' }),
      device.mutation('payments', theirs.paymentId, paymentRow(ownOrder, 1)),
      device.mutation('workshop', two.workshopId, { name: 'Atelier volé' }),
    ];
    const answer = syncAnswer(
      await device.post([
        device.mutation('clients', ownClient, clientRow('Cliente légitime')),
        device.mutation('orders', ownOrder, orderRow(ownClient, 'Z-1', 10_000)),
        ...attacks,
      ]),
    );
    // Every attack refused, none acknowledged (hard); each with the code `forbidden` (checked
    // softly so that the isolation checks below still run).
    expect(Object.keys(rejectionCodes(answer)).sort()).toEqual(attacks.map((m) => m.id).sort());
    expect([...answer.acked].sort()).toEqual(answer.acked.filter((id) => !attacks.some((m) => m.id === id)).sort());
    expect(answer.acked).toHaveLength(2);
    expect.soft(rejectionCodes(answer), 'a foreign row is refused as forbidden').toEqual(Object.fromEntries(attacks.map((m) => [m.id, 'forbidden'])));

    expect(await readServerSnapshot(server.ctx, two.workshopId)).toEqual(before);
    expect(await changeLogCount(two.workshopId)).toBe(logBefore);

    // A full pull of workshop 1 from cursor 0: all of workshop 1, nothing of workshop 2.
    const puller = rawDevice();
    const chain = new ChainState();
    let page: SyncResponse;
    do {
      page = await puller.sync();
      chain.apply(page.changes);
    } while (page.more);
    const received = new Set([...chain.rows.keys()].map((key) => key.split('/')[1]!));
    const mine = await readServerSnapshot(server.ctx, one.workshopId);
    for (const table of SYNCED_TABLE_NAMES) for (const id of mine[table].keys()) expect(received.has(id), `${table}/${id}`).toBe(true);
    for (const table of SYNCED_TABLE_NAMES) for (const id of before[table].keys()) expect(received.has(id), `leaked ${table}/${id}`).toBe(false);
    expect(chain.rows.get(`clients/${ownClient}`)?.get('name')?.value).toBe('Cliente légitime');
  });
});

describe('roles and insert-only tables', () => {
  it("a viewer's mutations are all refused", async () => {
    const viewer = await one.addMember('viewer', 'Lecteur');
    const device = rawDevice(viewer);
    const batch = [
      device.mutation('clients', newId(), clientRow('Par un lecteur')),
      device.mutation('clients', await ownClientId(), { notes: 'par un lecteur' }),
    ];
    const answer = syncAnswer(await device.post(batch));
    expect(rejectionCodes(answer)).toEqual(Object.fromEntries(batch.map((m) => [m.id, 'forbidden'])));
    expect(answer.acked).toEqual([]);
  });

  it('staff may create and edit, not delete a client nor reverse a payment', async () => {
    const staff = await one.addMember('staff', 'Employé');
    const device = rawDevice(staff);
    const clientId = await ownClientId();
    const payment = await ownPayment();
    const created = device.mutation('clients', newId(), clientRow('Par un employé'));
    const edited = device.mutation('clients', clientId, { notes: 'retouche par un employé' });
    const deleted = device.mutation('clients', clientId, { deletedAt: new Date().toISOString() });
    const reversal = device.mutation('payments', newId(), {
      ...paymentRow(payment.orderId, -payment.amount),
      kind: 'reversal',
      reverses: payment.id,
    });
    const answer = syncAnswer(await device.post([created, edited, deleted, reversal]));
    expect(rejectionCodes(answer)).toEqual({ [deleted.id]: 'forbidden', [reversal.id]: 'forbidden' });
    expect([...answer.acked].sort()).toEqual([created.id, edited.id].sort());
    const hub = await readServerSnapshot(server.ctx, one.workshopId);
    expect(hub.clients.get(clientId)?.fields.deletedAt).toBeNull();
    expect(hub.payments.has(reversal.rowId)).toBe(false);
  });

  it('an existing payment or order event cannot be updated, even by the owner', async () => {
    const device = rawDevice();
    const payment = await ownPayment();
    const [event] = await server.ctx.db.withWorkshop(one.workshopId, (tx) => rows<{ id: string }>(tx, sql`SELECT id FROM order_events LIMIT 1`));
    const batch = [
      device.mutation('payments', payment.id, { amount: 1 }),
      device.mutation('payments', payment.id, paymentRow(payment.orderId, 1)),
      device.mutation('order_events', event!.id, { data: { rewritten: true } }),
    ];
    const answer = syncAnswer(await device.post(batch));
    expect(rejectionCodes(answer)).toEqual(Object.fromEntries(batch.map((m) => [m.id, 'forbidden'])));
    expect((await readServerSnapshot(server.ctx, one.workshopId)).payments.get(payment.id)?.fields.amount).toBe(payment.amount);
  });
});

async function ownClientId(): Promise<string> {
  const [row] = await server.ctx.db.withWorkshop(one.workshopId, (tx) => rows<{ id: string }>(tx, sql`SELECT id FROM clients WHERE deleted_at IS NULL ORDER BY last_seq LIMIT 1`));
  return row!.id;
}

async function ownPayment(): Promise<{ id: string; orderId: string; amount: number }> {
  const [row] = await server.ctx.db.withWorkshop(one.workshopId, (tx) =>
    rows<{ id: string; order_id: string; amount: string | number }>(tx, sql`SELECT id, order_id, amount FROM payments WHERE kind <> 'reversal' LIMIT 1`),
  );
  return { id: row!.id, orderId: row!.order_id, amount: Number(row!.amount) };
}

describe('values are checked one mutation at a time', () => {
  it("invalid values are refused with 'invalid' and the rest of the batch applies", async () => {
    const device = rawDevice();
    const clientId = newId();
    const good = device.mutation('clients', clientId, clientRow('Valide'));
    const bad = {
      negativePrice: device.mutation('orders', newId(), orderRow(clientId, 'Z-2', -1)),
      unknownField: device.mutation('clients', newId(), { ...clientRow('Champ inconnu'), age: 32 }),
      longName: device.mutation('clients', newId(), clientRow('x'.repeat(10_000))),
      priceAsText: device.mutation('orders', newId(), { ...orderRow(clientId, 'Z-3', 1000), price: '1000' }),
      nameAsNumber: device.mutation('clients', newId(), { ...clientRow('x'), name: 42 }),
      badDate: device.mutation('clients', newId(), { ...clientRow('Date'), deletedAt: 'hier' }),
      badEdit: device.mutation('clients', await ownClientId(), { email: 'pas-une-adresse' }),
    };
    const alsoGood = device.mutation('clients', clientId, { notes: 'après les refus' });
    const answer = syncAnswer(await device.post([good, ...Object.values(bad), alsoGood]));
    // A field the hub does not know has its own code (schema evolution: sync.evolution.test.ts).
    expect(rejectionCodes(answer)).toEqual(Object.fromEntries(Object.values(bad).map((m) => [m.id, m === bad.unknownField ? 'unknown_field' : 'invalid'])));
    expect([...answer.acked].sort()).toEqual([good.id, alsoGood.id].sort());
    const hub = await readServerSnapshot(server.ctx, one.workshopId);
    expect(hub.clients.get(clientId)?.fields).toMatchObject({ name: 'Valide', notes: 'après les refus' });
    for (const m of Object.values(bad)) if (m.table !== 'clients' || m.rowId !== bad.badEdit.rowId) expect(hub[m.table].has(m.rowId), m.rowId).toBe(false);
    expect(hub.clients.get(bad.badEdit.rowId)?.fields.email).not.toBe('pas-une-adresse');
  });

  it('a malformed envelope is refused whole with 400 and nothing of it is written', async () => {
    const device = rawDevice();
    const clientId = newId();
    const good = device.mutation('clients', clientId, clientRow('Dans une enveloppe invalide'));
    const envelopes: unknown[] = [
      // (A table name the hub does not know is refused on its own, not whole: sync.evolution.test.ts.)
      { ...device.body([]), mutations: [good, { ...device.mutation('clients', newId(), clientRow('x')), table: 42 }] },
      { ...device.body([]), mutations: [good, { ...device.mutation('clients', newId(), clientRow('x')), hlc: 'demain' }] },
      { ...device.body([]), mutations: [good, { ...device.mutation('clients', newId(), clientRow('x')), fields: 'nom=x' }] },
      { ...device.body([]), mutations: [good, { ...device.mutation('clients', newId(), clientRow('x')), rowId: 42 }] },
      { ...device.body([good]), cursor: 'le début' },
      { ...device.body([good]), workshopId: two.workshopId },
      { ...device.body([good]), deviceId: 'pas-un-uuid' },
    ];
    for (const body of envelopes) {
      const answer = await postSync(server.url, one.owner.token, body);
      expect(answer.status, JSON.stringify(body).slice(0, 200)).toBe(400);
      expect(answer.json).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
    }
    expect((await postSync(server.url, one.owner.token, '{"protocol":1,')).status).toBe(400);
    expect((await readServerSnapshot(server.ctx, one.workshopId)).clients.has(clientId)).toBe(false);
  });

  it('a valid half pagne (1.5, allowed by the schema) is stored, never a 500', async () => {
    const device = rawDevice();
    const clientId = newId();
    const orderId = newId();
    const answer = await device.post([
      device.mutation('clients', clientId, clientRow('Pagne et demi')),
      device.mutation('orders', orderId, { ...orderRow(clientId, 'Z-9', 12_000), fabricPagnes: 1.5 }),
    ]);
    expect(answer.status, JSON.stringify(answer.json)).toBe(200);
    expect(syncAnswer(answer).rejected).toEqual([]);
    expect((await readServerSnapshot(server.ctx, one.workshopId)).orders.get(orderId)?.fields.fabricPagnes).toBe(1.5);
  });

  it('the same mutation pushed twice is acknowledged twice and applied once', async () => {
    const device = rawDevice();
    const payment = await ownPayment();
    const instalment = device.mutation('payments', newId(), { ...paymentRow(payment.orderId, 100), kind: 'instalment' });
    for (let i = 0; i < 2; i++) {
      const answer = syncAnswer(await device.post([instalment]));
      expect(answer).toMatchObject({ acked: [instalment.id], rejected: [] });
    }
    expect(await changeLogCount(one.workshopId, instalment.id)).toBe(1);
    const [paid] = await server.ctx.db.withWorkshop(one.workshopId, (tx) =>
      rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM payments WHERE id = ${instalment.rowId}`),
    );
    expect(paid!.n).toBe(1);
  });
});

describe('tokens, protocol versions and compression', () => {
  const body = () => rawDevice().body([]);
  const expectRefused = async (token: string, code: string) => {
    const answer = await postSync(server.url, token, body());
    expect(answer.status).toBe(401);
    expect(answer.json).toMatchObject({ error: { code } });
  };
  const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

  it('expired and forged tokens are refused with 401', async () => {
    await expectRefused(one.tokenFor(one.owner, -10), 'token_expired');
    const claims = { sub: one.owner.userId, wid: one.workshopId, mid: one.owner.memberId };
    await expectRefused(jwt.sign(claims, 'un-autre-secret-tout-aussi-long-0123456789', { algorithm: 'HS256', expiresIn: 600 }), 'unauthorized');
    await expectRefused(`${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...claims, exp: Math.floor(Date.now() / 1000) + 600 })}.`, 'unauthorized');
    const [header, , signature] = one.owner.token.split('.');
    const tampered = `${header}.${b64({ ...claims, wid: two.workshopId, exp: Math.floor(Date.now() / 1000) + 600 })}.${signature}`;
    await expectRefused(tampered, 'unauthorized');
    const missing = await fetch(`${server.url}/api/sync`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body()) });
    expect(missing.status).toBe(401);
  });

  it('protocol 0 is told to upgrade (426 upgrade_required)', async () => {
    const answer = await postSync(server.url, one.owner.token, { ...body(), protocol: PROTOCOL_VERSION - 1 });
    expect(answer.status).toBe(426);
    expect(answer.json).toMatchObject({ error: { code: 'upgrade_required' } });
  });

  it('a gzip-compressed request body is accepted', async () => {
    const device = rawDevice();
    const m = device.mutation('clients', newId(), clientRow('Compressée'));
    const response = await fetch(`${server.url}/api/sync`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', authorization: `Bearer ${one.owner.token}` },
      body: gzipSync(JSON.stringify(device.body([m]))),
    });
    expect(response.status).toBe(200);
    expect(syncResponseSchema.parse(await response.json())).toMatchObject({ acked: [m.id], rejected: [] });
  });

  for (const encoding of ['br', 'gzip'] as const) {
    it(`a big pull is answered compressed (${encoding}) when the request accepts it`, async () => {
      const payload = JSON.stringify(body());
      const answer = await new Promise<{ headers: Record<string, string | string[] | undefined>; raw: Buffer }>((resolve, reject) => {
        const req = request(`${server.url}/api/sync`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'accept-encoding': encoding, authorization: `Bearer ${one.owner.token}`, 'content-length': Buffer.byteLength(payload) },
        });
        req.on('response', (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve({ headers: res.headers, raw: Buffer.concat(chunks) }));
          res.on('error', reject);
        });
        req.on('error', reject);
        req.end(payload);
      });
      expect(answer.headers['content-encoding']).toBe(encoding);
      const text = (encoding === 'br' ? brotliDecompressSync(answer.raw) : gunzipSync(answer.raw)).toString('utf8');
      expect(answer.raw.length).toBeLessThan(Buffer.byteLength(text) / 2);
      expect(syncResponseSchema.parse(JSON.parse(text)).changes.length).toBeGreaterThan(60);
    });
  }
});
