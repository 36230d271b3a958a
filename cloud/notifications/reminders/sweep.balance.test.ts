/**
 * The balance reminders and the way to the devices, on PGlite and (TEST_DATABASE_URL) Postgres:
 * an order ready for the workshop's number of days with something left to pay is reminded once
 * (not before, not when paid, not when the workshop left it off), with its tracking link; and
 * the reminders a sweep writes reach a real device (an engine on a SQLite file) by sync, queued.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { startTestServer, type TestServer } from '../../testing/testServer.js';
import { openTestDevice } from '../../testing/devices.js';
import { openReadOnly } from '../../testing/tableSnapshots.js';
import { tempDir } from '../../../desktop/sqlite/testing.js';
import { balanceReminderId, fittingReminderId } from '../../../shared/messaging/templates.js';
import { TRACKING_TOKEN_PATTERN, trackingUrl } from '../../../shared/messaging/trackingToken.js';
import { handedOver, reminderShop, sweepAt, type ReminderShop } from './remindersTesting.js';
import { sql } from 'drizzle-orm';
import { rows } from '../../db/client.js';

let server: TestServer;
const dir = tempDir('styliste-reminders-');

beforeAll(async () => {
  server = await startTestServer({ PUBLIC_URL: 'https://styliste.bj' });
});

afterAll(async () => {
  await server?.close();
  dir.cleanup();
});

const tokenOf = async (shop: ReminderShop, orderId: string) =>
  (await shop.ctx.db.withWorkshop(shop.workshopId, (tx) => rows<{ tracking_token: string | null }>(tx, sql`SELECT tracking_token FROM orders WHERE id = ${orderId}`)))[0]!.tracking_token;

describe('the balance of a ready order', () => {
  let shop: ReminderShop;
  let clientId: string;

  beforeAll(async () => {
    shop = await reminderShop(server.ctx, 'Atelier Solde', 'Africa/Porto-Novo', { balanceReminderDays: 3 });
    await shop.template('balance_due', 'sms', 'Bonjour {client}, votre commande {numero} vous attend chez {atelier}. Reste à payer : {solde}. Suivi : {lien}');
    clientId = await shop.client();
  });

  it('is reminded the morning 3 days after the order became ready, once, with its new tracking link', async () => {
    // Ready on Sunday 22 at 16:00 in Cotonou, 5,000 paid of 20,000.
    const orderId = await shop.order(clientId, { status: 'ready', statusAt: '2026-11-22T15:00:00.000Z' });
    await shop.payment(orderId, 5000);
    const tuesday = await sweepAt(server.ctx, '2026-11-24T09:00:00.000Z', handedOver());
    expect(tuesday.written.balance_due).toBe(0);
    expect(await shop.messages()).toHaveLength(0);

    const handed = handedOver();
    const wednesday = await sweepAt(server.ctx, '2026-11-25T07:05:00.000Z', handed);
    expect(wednesday).toMatchObject({ written: { balance_due: 1 }, tokens: 1 });
    const token = await tokenOf(shop, orderId);
    expect(token).toMatch(TRACKING_TOKEN_PATTERN);
    const [message, ...more] = await shop.messages();
    expect(more).toHaveLength(0);
    expect(message).toMatchObject({ id: balanceReminderId(shop.workshopId, orderId, '2026-11-22T15:00:00.000Z'), kind: 'balance_due', status: 'queued', channel: 'sms', order_id: orderId });
    expect(message!.body).toMatch(new RegExp(`^Bonjour Aicha Dossou, votre commande A-\\d+ vous attend chez Atelier Solde\\. Reste à payer : 15 000 FCFA\\. Suivi : ${trackingUrl('https://styliste.bj', token!)}$`));
    expect(handed.items.map((i) => i.messageId)).toEqual([message!.id]);

    await sweepAt(server.ctx, '2026-11-25T12:00:00.000Z', handedOver());
    await sweepAt(server.ctx, '2026-11-26T09:00:00.000Z', handedOver());
    expect(await shop.messages()).toHaveLength(1);
    expect(await tokenOf(shop, orderId)).toBe(token);
  });

  it('not before its days, not when paid in full, not once delivered; the last time it became ready counts', async () => {
    const before = new Set((await shop.messages()).map((m) => m.id));
    const added = async () => (await shop.messages()).filter((m) => !before.has(m.id));
    const recent = await shop.order(clientId, { status: 'ready', statusAt: '2026-11-23T10:00:00.000Z' });
    const paid = await shop.order(clientId, { status: 'ready', statusAt: '2026-11-01T10:00:00.000Z' });
    await shop.payment(paid, 20000);
    const delivered = await shop.order(clientId, { status: 'delivered', statusAt: '2026-11-01T10:00:00.000Z' });
    const again = await shop.order(clientId, { status: 'ready', statusAt: '2026-11-01T10:00:00.000Z' });
    await shop.row('order_events', crypto.randomUUID(), { orderId: again, at: '2026-11-24T10:00:00.000Z', by: null, type: 'status', data: { from: 'delivered', to: 'ready', note: null } });
    // A reversal leaves 5,000 to pay on an order that was paid in full: reminded.
    const reversed = await shop.order(clientId, { status: 'ready', statusAt: '2026-11-01T10:00:00.000Z', trackingToken: 'AbCdEfGhIjKlMnOp' });
    await shop.payment(reversed, 20000);
    await shop.payment(reversed, -5000, 'reversal');

    await sweepAt(server.ctx, '2026-11-25T09:00:00.000Z', handedOver());
    const first = await added();
    expect(first.map((m) => m.order_id)).toEqual([reversed]);
    expect(first[0]!.body).toContain('Reste à payer : 5 000 FCFA. Suivi : https://styliste.bj/t/AbCdEfGhIjKlMnOp');
    expect(await tokenOf(shop, reversed)).toBe('AbCdEfGhIjKlMnOp');

    await sweepAt(server.ctx, '2026-11-26T09:00:00.000Z', handedOver());
    expect((await added()).map((m) => m.order_id).sort()).toEqual([reversed, recent].sort());
    await sweepAt(server.ctx, '2026-11-27T09:00:00.000Z', handedOver());
    const orders = (await added()).map((m) => m.order_id);
    expect(orders.sort()).toEqual([reversed, recent, again].sort());
    expect(orders).not.toContain(paid);
    expect(orders).not.toContain(delivered);
  });

  it('nothing where the workshop left the balance reminder off (the default)', async () => {
    const quiet = await reminderShop(server.ctx, 'Atelier Discret', 'Africa/Porto-Novo');
    await quiet.order(await quiet.client(), { status: 'ready', statusAt: '2026-11-01T10:00:00.000Z' });
    await sweepAt(server.ctx, '2026-11-25T09:00:00.000Z', handedOver());
    expect(await quiet.messages()).toHaveLength(0);
  });
});

describe('to the devices', () => {
  let local: Database.Database | undefined;
  afterAll(() => local?.close());

  it('a device’s own fitting is reminded by the hub, and the reminder reaches the device by sync, queued', async () => {
    const shop = await reminderShop(server.ctx, 'Atelier Appareil', 'Africa/Porto-Novo');
    const path = `${dir.dir}/device.sqlite`;
    const device = await openTestDevice(path, server.url, () => shop.fixture.owner.token);
    await device.join(shop.fixture.owner.memberId, 'A');
    const { id: clientId } = await device.engine.execute('createClient', { name: 'Aïcha Dossou', phone: '01 97 50 00 01' });
    const order = await device.engine.execute('createOrder', { clientId, price: 25000 });
    const { id: fittingId } = await device.engine.execute('scheduleFitting', { orderId: order.id, at: '2026-11-26T14:00:00.000Z' });
    await device.client.sync();

    await sweepAt(server.ctx, '2026-11-25T09:00:00.000Z', handedOver());
    const pulled = await device.client.sync();
    expect(pulled.pulled).toBeGreaterThanOrEqual(1);
    local = openReadOnly(path);
    const onDevice = local.prepare('SELECT id, client_id, order_id, channel, "to", body, kind, status, created_by FROM messages').all();
    expect(onDevice).toEqual([
      {
        id: fittingReminderId(shop.workshopId, fittingId, '2026-11-26'),
        client_id: clientId,
        order_id: order.id,
        channel: 'sms',
        to: '+2290197500001',
        body: 'Bonjour Aicha Dossou, rappel : essayage demain jeudi 26 novembre à 15h00 chez Atelier Appareil (commande A-1).',
        kind: 'fitting_reminder',
        status: 'queued',
        created_by: null,
      },
    ]);
    expect((await device.client.sync()).pulled).toBe(0);
  });
});
