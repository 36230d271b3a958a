/**
 * An engine of this version syncing messages with a real hub (a real server on 127.0.0.1 over
 * PGlite, or Postgres with TEST_DATABASE_URL): what the device writes offline — an order's "ready"
 * SMS, a free message, the WhatsApp button, a template, a cancel — is accepted by the hub's push
 * rules for devices, and the hub's statuses come back by sync to the client's history.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../cloud/testing/testServer.js';
import { createFixtureWorkshop, type FixtureWorkshop } from '../../cloud/testing/fixtures.js';
import { openTestDevice, type TestDevice } from '../../cloud/testing/devices.js';
import { rows } from '../../cloud/db/client.js';
import { tempDir } from '../../desktop/sqlite/testing.js';
import { templateRowId } from '../messaging/templates.js';

let server: TestServer;
let shop: FixtureWorkshop;
let device: TestDevice;
let second: TestDevice;
const dir = tempDir('styliste-messages-sync-');

beforeAll(async () => {
  server = await startTestServer();
  shop = await createFixtureWorkshop(server.ctx, 'Atelier Chez Aïcha');
  device = await openTestDevice(`${dir.dir}/a.sqlite`, server.url, () => shop.owner.token);
  await device.join(shop.owner.memberId, 'A');
  const staff = await shop.addMember('staff', 'Rachidi');
  second = await openTestDevice(`${dir.dir}/b.sqlite`, server.url, () => staff.token);
  await second.join(staff.memberId, 'B');
});

afterAll(async () => {
  await device?.engine.close();
  await second?.engine.close();
  await server?.close();
  dir.cleanup();
});

interface HubMessage {
  id: string;
  status: string;
  body: string;
  to: string;
  kind: string;
  order_id: string | null;
}

function hubMessages(): Promise<HubMessage[]> {
  return server.ctx.db.withWorkshop(shop.workshopId, (tx) => rows<HubMessage>(tx, sql`SELECT id, status, body, "to", kind, order_id FROM messages ORDER BY created_at, id`));
}

function hubWrites(messageId: string, fields: Record<string, unknown>): Promise<void> {
  return server.ctx.db.withWorkshop(shop.workshopId, (tx) => server.ctx.services.serverWrites.inWorkshop(tx, shop.workshopId, (writes) => writes.write('messages', messageId, fields)));
}

async function syncClean(d: TestDevice): Promise<void> {
  const report = await d.client.sync();
  expect(report.rejected, JSON.stringify((await d.engine.query('syncStatus')).needsAttention)).toBe(0);
}

describe('messages written offline, synced', () => {
  let clientId: string;
  let orderId: string;
  let readyId: string;
  let freeId: string;
  let lateId: string;

  it('the hub accepts every one of them, as they were written', async () => {
    ({ id: clientId } = await device.engine.execute('createClient', { name: 'Aïcha Houngbédji', phone: '01 97 00 00 01', whatsapp: '01 96 00 00 02' }));
    const order = await device.engine.execute('createOrder', { clientId, price: 20_000, deposit: { amount: 5_000 } });
    orderId = order.id;
    await device.engine.execute('changeOrderStatus', { id: orderId, status: 'in_progress' });
    readyId = (await device.engine.execute('changeOrderStatus', { id: orderId, status: 'ready' })).messageId!;
    freeId = (await device.engine.execute('sendMessage', { clientId, orderId, channel: 'whatsapp', body: 'Merci {client}, à très vite !' })).id;
    const opened = await device.engine.execute('recordWhatsAppOpened', { clientId, body: 'Bonjour Aïcha' });
    const cancelled = await device.engine.execute('sendMessage', { clientId, channel: 'sms', body: 'Erreur de frappe' });
    await device.engine.execute('cancelMessage', { id: cancelled.id });
    await device.engine.execute('saveMessageTemplate', { kind: 'order_delivered', channel: 'sms', body: 'Merci {client}, à bientôt chez {atelier} !' });

    await syncClean(device);
    const onHub = await hubMessages();
    const local = await device.engine.query('clientMessages', { clientId });
    expect(onHub.map((m) => [m.id, m.status]).sort()).toEqual(local.map((m) => [m.id, m.status]).sort());
    expect(Object.fromEntries(onHub.map((m) => [m.id, m.status]))).toMatchObject({ [readyId]: 'queued', [freeId]: 'queued', [opened.id]: 'manual', [cancelled.id]: 'cancelled' });
    const ready = onHub.find((m) => m.id === readyId)!;
    expect(ready).toMatchObject({ kind: 'order_ready', to: '+2290197000001', order_id: orderId });
    expect(ready.body).toBe(local.find((m) => m.id === readyId)!.body);
    expect(ready.body.endsWith('{lien}')).toBe(true);
    // The order's token went up with the order: the hub can write the link in place of {lien}.
    const [token] = await server.ctx.db.withWorkshop(shop.workshopId, (tx) => rows<{ tracking_token: string | null }>(tx, sql`SELECT tracking_token FROM orders WHERE id = ${orderId}`));
    expect(token!.tracking_token).toMatch(/^[A-Za-z0-9]{16}$/);
    const [template] = await server.ctx.db.withWorkshop(shop.workshopId, (tx) => rows<{ id: string; channel: string }>(tx, sql`SELECT id, channel FROM message_templates`));
    expect(template).toEqual({ id: templateRowId(shop.workshopId, 'order_delivered'), channel: 'sms' });
  });

  it('the hub\'s statuses come back to the client\'s and the order\'s history; a sent message can no longer be cancelled', async () => {
    await hubWrites(readyId, { status: 'sending' });
    await hubWrites(readyId, { status: 'sent', providerId: 'ATXid_1', segments: 1, credits: 1, sentAt: '2026-11-25T09:00:05.000Z' });
    await hubWrites(readyId, { status: 'delivered', deliveredAt: '2026-11-25T09:00:09.000Z' });
    await hubWrites(freeId, { status: 'failed', failureReason: 'Ce numéro n’a pas WhatsApp.' });
    await syncClean(device);
    const ofOrder = await device.engine.query('orderMessages', { orderId });
    expect(Object.fromEntries(ofOrder.map((m) => [m.id, [m.status, m.failureReason, m.deliveredAt]]))).toEqual({
      [readyId]: ['delivered', null, '2026-11-25T09:00:09.000Z'],
      [freeId]: ['failed', 'Ce numéro n’a pas WhatsApp.', null],
    });
    await expect(device.engine.execute('cancelMessage', { id: readyId })).rejects.toMatchObject({ code: 'rule_violation', message: 'Ce message ne peut plus être annulé : il est déjà « reçu ».' });
    expect((await device.engine.query('syncStatus')).failedMessages).toBe(1);
    expect((await device.engine.query('failedMessages')).map((m) => m.id)).toEqual([freeId]);
  });

  it('another device sees the messages and the template, and staff may send from it', async () => {
    await syncClean(second);
    expect((await second.engine.query('clientMessages', { clientId })).map((m) => m.id).sort()).toEqual((await device.engine.query('clientMessages', { clientId })).map((m) => m.id).sort());
    expect((await second.engine.query('messageTemplates')).find((t) => t.kind === 'order_delivered')).toMatchObject({ channel: 'sms', isDefault: false });
    const sent = await second.engine.execute('sendMessage', { clientId, channel: 'sms', body: 'De la part de Rachidi' });
    await syncClean(second);
    expect((await hubMessages()).find((m) => m.id === sent.id)).toMatchObject({ status: 'queued', body: 'De la part de Rachidi' });
  });

  it('a message cancelled on one device while the hub has already sent it stays sent on the hub, and the refusal is shown', async () => {
    const late = await device.engine.execute('sendMessage', { clientId, channel: 'sms', body: 'Trop tard pour annuler' });
    await syncClean(device);
    await hubWrites(late.id, { status: 'sent', sentAt: '2026-11-25T09:10:00.000Z' });
    // The device has not pulled yet: for it the message is still queued, so it may try.
    await device.engine.execute('cancelMessage', { id: late.id });
    const report = await device.client.sync();
    expect(report.rejected).toBe(1);
    expect((await hubMessages()).find((m) => m.id === late.id)!.status).toBe('sent');
    const attention = (await device.engine.query('syncStatus')).needsAttention;
    expect(attention).toMatchObject([{ table: 'messages', rowId: late.id, fields: { status: 'cancelled' } }]);
    lateId = late.id;
  });

  // The refused cancel keeps its clock on the device, later than the hub's "sent": the hub writes
  // its status back with a later clock (push.ts `reassert`), so the device shows "envoyé" again.
  it('after that refusal, the device shows what the hub did (sent), not its cancel', async () => {
    await syncClean(device);
    const local = (await device.engine.query('clientMessages', { clientId })).find((m) => m.id === lateId)!;
    expect(local.sentAt).toBe('2026-11-25T09:10:00.000Z');
    expect(local.status).toBe('sent');
  });

  it('two devices that mark the same order ready offline: the client gets one SMS', async () => {
    const order = await device.engine.execute('createOrder', { clientId, price: 9_000 });
    await device.engine.execute('changeOrderStatus', { id: order.id, status: 'in_progress' });
    await syncClean(device);
    await syncClean(second);
    // Both offline now; each moves the order to ready.
    const a = await device.engine.execute('changeOrderStatus', { id: order.id, status: 'ready' });
    const b = await second.engine.execute('changeOrderStatus', { id: order.id, status: 'ready' });
    expect(a.messageId).toBe(b.messageId);
    await syncClean(device);
    const report = await second.client.sync();
    const onHub = (await hubMessages()).filter((m) => m.order_id === order.id);
    expect(onHub.map((m) => [m.id, m.kind, m.status])).toEqual([[a.messageId, 'order_ready', 'queued']]);
    // The second device's copy of the row is acknowledged, not applied: nothing waits in "needs
    // attention", and the hub writes its own values back so both devices end with the same row.
    expect(report.rejected).toBe(0);
    expect((await second.engine.query('syncStatus')).needsAttention).toEqual([]);
    await syncClean(second);
    await syncClean(device);
    const seen = async (d: typeof device) => (await d.engine.query('orderMessages', { orderId: order.id })).map((m) => [m.id, m.status, m.body]);
    expect(await seen(second)).toEqual(await seen(device));
    expect(await seen(second)).toHaveLength(1);
  });
});
