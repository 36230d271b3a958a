/**
 * What the dispatcher refuses, each through the real path (a device's push, the job, the
 * loopback providers), with nothing reaching a provider: a number or address that is not the
 * client's, another workshop's client, an opted-out client's automatic messages, a deleted
 * client, a cancelled message, bodies the row schema refuses at push (2,000 characters, NUL),
 * a viewer's message, and a push repeated by a device that lost the answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QUICK_TUNING, Shop, nextPhone, sleep, startDispatchServer, type DispatchServer } from './dispatchTesting.js';
import { startTestServer } from '../testing/testServer.js';
import { MESSAGE_SEND_JOB } from './dispatchQueue.js';
import { RawDevice, postSync } from '../testing/rawSync.js';
import { newId } from '../../shared/domain/ids.js';

let server: DispatchServer;
let shop: Shop;

beforeAll(async () => {
  server = await startDispatchServer();
  shop = await Shop.open(server, 100);
});

afterAll(async () => {
  await server?.close();
});

const smsTo = (number: string) => server.at.requests.filter((r) => r.form?.to?.split(',').includes(number));

describe('the recipient must be the client’s', () => {
  it('fails a number that is not the client’s, never sent, credits untouched', async () => {
    const client = await shop.client();
    const stranger = nextPhone();
    const before = await shop.balance();
    const { messageId, answer } = await shop.queue(shop.messageFields(client.clientId, 'sms', stranger, 'Votre tenue est prête'));
    expect(answer.rejected).toEqual([]);
    const stored = await shop.settled(messageId);
    expect(stored).toMatchObject({ status: 'failed', providerId: null, failureReason: 'Ce numéro ou cette adresse n’est pas celui du client : message non envoyé. Vérifiez la fiche du client.' });
    expect(smsTo(stranger)).toEqual([]);
    expect(await shop.balance()).toBe(before);
  });

  it('fails an e-mail to another address, sends one to the client’s address written in capitals', async () => {
    const client = await shop.client();
    const wrong = await shop.queue(shop.messageFields(client.clientId, 'email', 'voisin@example.bj', 'Bonjour'));
    const right = await shop.queue(shop.messageFields(client.clientId, 'email', client.email.toUpperCase(), 'Bonjour'));
    expect(await shop.settled(wrong.messageId)).toMatchObject({ status: 'failed' });
    expect(await shop.settled(right.messageId)).toMatchObject({ status: 'sent' });
    expect(server.smtp.received.filter((m) => m.to.includes('voisin@example.bj'))).toEqual([]);
  });

  it('accepts at push a message naming another workshop’s client, then fails it at dispatch: nothing sent, the other workshop untouched', async () => {
    const neighbour = await Shop.open(server, 10, 'Atelier Voisin');
    const theirs = await neighbour.client();
    const before = await neighbour.balance();
    // The push has no way to see the neighbour's client (row-level security): the message is stored…
    const { messageId, answer } = await shop.queue(shop.messageFields(theirs.clientId, 'sms', theirs.phone, 'Je connais votre numéro'));
    expect(answer.rejected).toEqual([]);
    expect(answer.acked).toHaveLength(1);
    // …and the dispatcher, reading in this workshop only, finds no such client.
    const stored = await shop.settled(messageId);
    expect(stored).toMatchObject({ status: 'failed', failureReason: 'Ce client n’existe pas (ou plus) dans votre atelier : message non envoyé.' });
    expect(smsTo(theirs.phone)).toEqual([]);
    expect(await neighbour.balance()).toBe(before);
    const pulled = await neighbour.device.sync();
    expect(pulled.changes.filter((c) => c.table === 'messages')).toEqual([]);
  });

  it('fails a message to a deleted client', async () => {
    const client = await shop.client();
    await shop.device.sync([shop.device.mutation('clients', client.clientId, { deletedAt: new Date().toISOString() })]);
    const { messageId } = await shop.queue(shop.messageFields(client.clientId, 'sms', client.phone, 'Bonjour'));
    expect(await shop.settled(messageId)).toMatchObject({ status: 'failed', failureReason: expect.stringContaining('n’existe pas') });
    expect(smsTo(client.phone)).toEqual([]);
  });

  it('sends nothing automatic to a client who does not want messages, but sends the workshop’s own message', async () => {
    const client = await shop.client({ messagesOptOut: true });
    const automatic = await shop.queue(shop.messageFields(client.clientId, 'sms', client.phone, 'Votre commande est prête', { kind: 'order_ready' }));
    expect(await shop.settled(automatic.messageId)).toMatchObject({ status: 'failed', failureReason: 'Ce client ne veut pas recevoir de messages automatiques : message non envoyé.' });
    expect(smsTo(client.phone)).toEqual([]);
    const own = await shop.queue(shop.messageFields(client.clientId, 'sms', client.phone, 'Merci pour votre visite', { kind: 'custom' }));
    expect(await shop.settled(own.messageId)).toMatchObject({ status: 'sent' });
    expect(smsTo(client.phone)).toHaveLength(1);
  });
});

describe('what a device may not push', () => {
  it('refuses a 2,000-character body at push: no row, no job, nothing sent', async () => {
    const client = await shop.client();
    const { messageId, answer } = await shop.queue(shop.messageFields(client.clientId, 'sms', client.phone, 'x'.repeat(2000)));
    expect(answer.acked).toEqual([]);
    expect(answer.rejected).toEqual([expect.objectContaining({ code: 'invalid' })]);
    await expect(shop.message(messageId)).rejects.toThrow(/no message/);
    expect(await server.ctx.services.jobs.queue.job(MESSAGE_SEND_JOB, messageId)).toBeNull();
    expect(smsTo(client.phone)).toEqual([]);
  });

  it('refuses a body with NUL or a lone surrogate at push (the row schema): no row, nothing sent', async () => {
    const client = await shop.client();
    for (const body of ['Bonjour\u0000', 'Bonjour \ud83d']) {
      const messageId = newId();
      const mutation = shop.device.mutation('messages', messageId, shop.messageFields(client.clientId, 'sms', client.phone, body));
      const answer = await postSync(server.url, shop.fixture.owner.token, shop.device.body([mutation]));
      expect(answer.status).toBe(200);
      expect(answer.json).toMatchObject({ acked: [], rejected: [{ id: mutation.id, code: 'invalid' }] });
      await expect(shop.message(messageId)).rejects.toThrow(/no message/);
    }
    await sleep(200);
    expect(smsTo(client.phone)).toEqual([]);
  });

  it('refuses a viewer’s message at push (the role table): nothing sent', async () => {
    const client = await shop.client();
    const viewer = await shop.fixture.addMember('viewer');
    const device = new RawDevice(server.url, viewer.token);
    const answer = await device.sync([device.mutation('messages', newId(), shop.messageFields(client.clientId, 'sms', client.phone, 'Bonjour'))]);
    expect(answer.rejected).toEqual([expect.objectContaining({ code: 'forbidden' })]);
    await sleep(300);
    expect(smsTo(client.phone)).toEqual([]);
  });
});

describe('cancelled and repeated', () => {
  it('never sends a message cancelled before its job ran', async () => {
    const client = await shop.client();
    const messageId = newId();
    const queued = shop.device.mutation('messages', messageId, shop.messageFields(client.clientId, 'sms', client.phone, 'Finalement non'));
    const cancelled = shop.device.mutation('messages', messageId, { status: 'cancelled' });
    const answer = await shop.device.sync([queued, cancelled]);
    expect(answer.acked).toHaveLength(2);
    // The push enqueued its job (the row was created queued); the job finds it cancelled.
    const job = await waitForJob(messageId);
    expect(job.output).toEqual({ outcome: 'skipped', status: 'cancelled' });
    expect((await shop.message(messageId)).status).toBe('cancelled');
    expect(smsTo(client.phone)).toEqual([]);
  });

  it('sends once a message whose push the device repeated (the answer was lost)', async () => {
    const client = await shop.client();
    const mutation = shop.device.mutation('messages', newId(), shop.messageFields(client.clientId, 'sms', client.phone, 'Une seule fois'));
    const first = shop.device.body([mutation]);
    await Promise.all([postSync(server.url, shop.fixture.owner.token, first), postSync(server.url, shop.fixture.owner.token, first)]);
    await postSync(server.url, shop.fixture.owner.token, first);
    await shop.settled(mutation.rowId);
    await sleep(300);
    expect(smsTo(client.phone)).toHaveLength(1);
  });
});

describe('without provider credentials', () => {
  it('writes the message to the development outbox and fails it with its reason: never shown as sent, credits back', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'styliste-outbox-'));
    const bare = await startTestServer({ DATA_DIR: dataDir }, { tuning: QUICK_TUNING });
    try {
      await bare.ctx.services.jobs.start();
      const local = await Shop.open(bare, 5);
      const client = await local.client();
      const { messageId } = await local.queue(local.messageFields(client.clientId, 'sms', client.phone, 'Bonjour Aïcha'));
      expect(await local.settled(messageId)).toMatchObject({
        status: 'failed',
        providerId: null,
        failureReason: 'Aucun fournisseur configuré : le message est resté dans la boîte d’envoi de développement, rien n’est parti.',
      });
      const entries = readdirSync(join(dataDir, 'outbox', 'sms'));
      expect(entries).toHaveLength(1);
      expect(JSON.parse(readFileSync(join(dataDir, 'outbox', 'sms', entries[0]!), 'utf8'))).toMatchObject({ reference: messageId, to: client.phone, payload: { message: 'Bonjour Aicha' } });
      expect(await local.balance()).toBe(5);
    } finally {
      await bare.ctx.services.jobs.stop(1_000);
      await bare.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

async function waitForJob(messageId: string) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const job = await server.ctx.services.jobs.queue.job(MESSAGE_SEND_JOB, messageId);
    if (job?.state === 'completed') return job;
    if (Date.now() > deadline) throw new Error(`job of ${messageId} not completed: ${job?.state}`);
    await sleep(50);
  }
}
