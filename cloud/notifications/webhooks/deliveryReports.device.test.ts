/**
 * A real device (an engine on a SQLite file, syncing over HTTP) sees what the reports write: the
 * hub sends its client a message through the SDK to the loopback and records it `sent`, the
 * provider posts its report, and the device's next sync brings `delivered` (or `failed` with the
 * French reason), with the hub's clock, so a late `sent` never overwrites it on the device either.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { createFixtureWorkshop, type FixtureWorkshop } from '../../testing/fixtures.js';
import { openTestDevice, type TestDevice } from '../../testing/devices.js';
import { openReadOnly } from '../../testing/tableSnapshots.js';
import { sendDeliveryReport } from '../../providers/testing/africasTalkingLoopback.js';
import { tempDir } from '../../../desktop/sqlite/testing.js';
import { AT, grantCredits, postTwilio, sendMessage, startWebhookServer, twilioStatusFields, type WebhookServer } from './webhooksTesting.js';

let server: WebhookServer;
let shop: FixtureWorkshop;
let device: TestDevice;
let local: Database.Database;
const dir = tempDir('styliste-reports-');

beforeAll(async () => {
  server = await startWebhookServer();
  shop = await createFixtureWorkshop(server.ctx, 'Atelier Appareil');
  await grantCredits(server.ctx, shop.workshopId, 20);
  const path = `${dir.dir}/device.sqlite`;
  device = await openTestDevice(path, server.url, () => shop.owner.token);
  await device.join(shop.owner.memberId, 'A');
  local = openReadOnly(path);
});

afterAll(async () => {
  local?.close();
  await server?.close();
  dir.cleanup();
});

interface LocalMessage {
  status: string;
  provider_id: string | null;
  delivered_at: string | null;
  failure_reason: string | null;
}
const onDevice = (id: string) => local.prepare('SELECT status, provider_id, delivered_at, failure_reason FROM messages WHERE id = ?').get(id) as LocalMessage | undefined;

describe('a device pulls the reports by sync', () => {
  it('sent, then delivered after the SMS report; a late Sent report changes nothing on the device', async () => {
    const { id: clientId } = await device.engine.execute('createClient', { name: 'Aïcha Dossou', phone: '01 97 50 00 01' });
    await device.client.sync();
    const m = await sendMessage(server.ctx, shop.workshopId, { channel: 'sms', to: '+2290197500001', clientId });
    await device.client.sync();
    expect(onDevice(m.messageId)).toMatchObject({ status: 'sent', provider_id: m.providerId, delivered_at: null });

    const url = `${server.url}/api/webhooks/africastalking?token=${AT.webhookToken}`;
    expect((await sendDeliveryReport(url, { id: m.providerId, status: 'Success', phoneNumber: m.to })).status).toBe(200);
    const pulled = await device.client.sync();
    expect(pulled.pulled).toBeGreaterThanOrEqual(1);
    const delivered = onDevice(m.messageId)!;
    expect(delivered.status).toBe('delivered');
    expect(delivered.delivered_at).toMatch(/^\d{4}-\d{2}-\d{2}T/);

    expect((await sendDeliveryReport(url, { id: m.providerId, status: 'Sent', phoneNumber: m.to })).status).toBe(200);
    await device.client.sync();
    expect(onDevice(m.messageId)!.status).toBe('delivered');
  });

  it('failed with its French reason after a WhatsApp callback', async () => {
    const { id: clientId } = await device.engine.execute('createClient', { name: 'Koffi Mensah', phone: '01 97 50 00 02' });
    await device.client.sync();
    const m = await sendMessage(server.ctx, shop.workshopId, { channel: 'whatsapp', to: '+2290197500002', clientId });
    expect((await postTwilio(server, twilioStatusFields(m.providerId, 'failed', m.to, '63003'))).status).toBe(200);
    await device.client.sync();
    expect(onDevice(m.messageId)).toMatchObject({ status: 'failed', failure_reason: 'Ce numéro n’a pas de compte WhatsApp.', delivered_at: null });
  });
});
