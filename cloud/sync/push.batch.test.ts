/**
 * A push writes its new rows together (newRows.ts): these batches mix new rows, edits of those
 * rows, another workshop's ids, repeats and rows whose fields lose to newer clocks — and every
 * mutation must come out exactly as if it had been applied alone, in order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from '../testing/testServer.js';
import { createFixtureWorkshop, type FixtureWorkshop } from '../testing/fixtures.js';
import { clientRow, orderRow, RawDevice } from '../testing/rawSync.js';
import { rows } from '../db/client.js';
import { newId } from '../../shared/domain/ids.js';

let server: TestServer;
let one: FixtureWorkshop;
let two: FixtureWorkshop;

beforeAll(async () => {
  server = await startTestServer();
  one = await createFixtureWorkshop(server.ctx, 'Atelier Lot');
  two = await createFixtureWorkshop(server.ctx, 'Atelier Voisin');
});
afterAll(async () => {
  await server?.close();
});

const clientsOf = (workshopId: string, ids: string[]) =>
  server.ctx.db.withWorkshop(workshopId, (tx) =>
    rows<{ id: string; name: string; notes: string | null }>(tx, sql`SELECT id, name, notes FROM clients WHERE id IN (${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)}) ORDER BY name`),
  );

describe('a batch of new rows', () => {
  it('applies new rows, their edits in the same batch, repeats and refusals as one by one', async () => {
    const theirDevice = new RawDevice(server.url, two.owner.token);
    const theirs = newId();
    await theirDevice.sync([theirDevice.mutation('clients', theirs, clientRow('Cliente du voisin'))]);

    const device = new RawDevice(server.url, one.owner.token);
    const [a, b, c] = [newId(), newId(), newId()];
    const createB = device.mutation('clients', b, clientRow('Bintou'));
    const batch = [
      device.mutation('clients', a, clientRow('Awa')),
      // Another workshop's id, as a new row and then as an edit: both refused, nothing written.
      device.mutation('clients', theirs, clientRow('Détournée')),
      createB,
      device.mutation('clients', theirs, { notes: 'volée' }),
      device.mutation('clients', a, { notes: 'modifiée dans le même lot' }),
      createB,
      // A new order (another table) of a client created later in the same batch.
      device.mutation('orders', newId(), orderRow(c, 'A-1', 15_000)),
      device.mutation('clients', c, { ...clientRow('Chantal'), notes: 'première' }),
      // An edit that loses to a newer clock already in the batch: acknowledged, not applied.
      device.mutation('clients', c, { notes: 'ancienne' }, '2020-01-01T00:00:00.000Z-0000-0000000000000001'),
    ];
    const answer = await device.sync(batch);
    const refused = new Set(answer.rejected.map((r) => r.id));
    expect(answer.rejected.map((r) => r.code)).toEqual(['forbidden', 'forbidden']);
    expect(refused).toEqual(new Set([batch[1]!.id, batch[3]!.id]));
    expect(new Set(answer.acked)).toEqual(new Set(batch.filter((m) => !refused.has(m.id)).map((m) => m.id)));
    expect(answer.acked.length).toBe(batch.length - 2);

    expect(await clientsOf(one.workshopId, [a, b, c, theirs])).toEqual([
      { id: a, name: 'Awa', notes: 'modifiée dans le même lot' },
      { id: b, name: 'Bintou', notes: null },
      { id: c, name: 'Chantal', notes: 'première' },
    ]);
    expect(await clientsOf(two.workshopId, [theirs])).toEqual([{ id: theirs, name: 'Cliente du voisin', notes: null }]);

    // Each accepted mutation is logged once, the repeat included only once; refused ones never.
    const logged = await server.ctx.db.withWorkshop(one.workshopId, (tx) =>
      rows<{ mutation_id: string }>(tx, sql`SELECT mutation_id FROM change_log WHERE mutation_id IN (${sql.join(batch.map((m) => sql`${m.id}::uuid`), sql`, `)})`),
    );
    expect(logged.map((r) => r.mutation_id).sort()).toEqual([...new Set(batch.filter((m) => !refused.has(m.id)).map((m) => m.id))].sort());

    // A second device receives exactly what was written.
    const other = new RawDevice(server.url, one.owner.token);
    let pulled = await other.sync();
    const received = [...pulled.changes];
    while (pulled.more) received.push(...(pulled = await other.sync()).changes);
    const byRow = new Map<string, Record<string, unknown>>();
    for (const ch of received.filter((x) => x.table === 'clients')) byRow.set(ch.rowId, { ...byRow.get(ch.rowId), ...ch.fields });
    expect(byRow.get(a)).toMatchObject({ name: 'Awa', notes: 'modifiée dans le même lot' });
    expect(byRow.get(c)).toMatchObject({ name: 'Chantal', notes: 'première' });
    expect(byRow.has(theirs)).toBe(false);
  });

  it('a mutation id used again for another row in the same batch is a repeat: acknowledged, not applied', async () => {
    const device = new RawDevice(server.url, one.owner.token);
    const [first, second] = [newId(), newId()];
    const original = device.mutation('clients', first, clientRow('Première'));
    const reused = { ...device.mutation('clients', second, clientRow('Seconde')), id: original.id };
    const answer = await device.sync([original, reused]);
    expect(answer.acked).toEqual([original.id, original.id]);
    expect(answer.rejected).toEqual([]);
    expect(await clientsOf(one.workshopId, [first, second])).toEqual([{ id: first, name: 'Première', notes: null }]);
  });

  it('writes a thousand new rows of a batch in a few statements, all of them', async () => {
    const device = new RawDevice(server.url, one.owner.token);
    const ids = Array.from({ length: 1000 }, () => newId());
    const answer = await device.sync(ids.map((id, i) => device.mutation('clients', id, clientRow(`Lot ${String(i).padStart(4, '0')}`))));
    expect(answer.acked.length).toBe(1000);
    expect(answer.rejected).toEqual([]);
    const stored = await clientsOf(one.workshopId, ids);
    expect(stored.length).toBe(1000);
    expect(stored[999]!.name).toBe('Lot 0999');
  });
});
