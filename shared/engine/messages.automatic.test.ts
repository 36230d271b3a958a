/**
 * Automatic messages, written in the SAME transaction as the change that causes them: moving an
 * order to "Prête" writes its SMS too, or neither is written. The workshop's templates and
 * settings are honoured; a client who wants no messages, or has no address, gets none (and the
 * status change still goes through).
 */
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hubReports, openMessageWorkshop, orderAt, outboxOf, seedClients, storedMessages, PHONE, WHATSAPP, EMAIL, type MessageWorkshop } from './messages.testing.js';
import { derivedRowId } from '../messaging/templates.js';

let shop: MessageWorkshop;
let clients: Awaited<ReturnType<typeof seedClients>>;

beforeEach(async () => {
  shop = await openMessageWorkshop('styliste-auto-messages-');
  clients = await seedClients(shop.engine);
});

afterEach(() => shop.close());

const messagesOf = (orderId: string) => storedMessages(shop.reader).filter((m) => m.order_id === orderId);

describe('an order moved to "Prête"', () => {
  it('writes its SMS in the same transaction, by the default template, GSM-7, with the link left for the hub', async () => {
    const order = await orderAt(shop.engine, clients.everything, 'in_progress');
    expect(messagesOf(order.id)).toEqual([]);
    const moved = await shop.engine.execute('changeOrderStatus', { id: order.id, status: 'ready' });
    const [message, ...others] = messagesOf(order.id);
    expect(others).toEqual([]);
    expect(moved.messageId).toBe(message!.id);
    expect(message).toMatchObject({
      client_id: clients.everything,
      channel: 'sms',
      to: PHONE,
      kind: 'order_ready',
      status: 'queued',
      created_by: shop.ownerId,
      // "Aïcha Houngbédji" in GSM-7 (é is GSM-7, ï is not); 20 000 − 5 000; no public address here: {lien} for the hub.
      body: `Bonjour Aicha Houngbédji, votre commande ${order.number} est prete chez Atelier Chez Aicha. Reste à payer : 15\u202f000 FCFA. {lien}`.replace('\u202f', ' '),
    });
    // The order got its tracking token when it was created; the message's id is derived.
    expect(shop.reader.prepare('SELECT tracking_token FROM orders WHERE id = ?').get(order.id)).toMatchObject({ tracking_token: expect.stringMatching(/^[A-Za-z0-9]{16}$/) });
    expect(message!.id).toBe(derivedRowId(shop.workshopId, `order_ready/${order.id}/0`));
    // The status, its event and the message: one transaction, consecutive outbox entries.
    const tail = (shop.reader.prepare('SELECT tbl FROM outbox ORDER BY seq DESC LIMIT 3').all() as { tbl: string }[]).map((r) => r.tbl).reverse();
    expect(tail).toEqual(['orders', 'order_events', 'messages']);
  });

  it('a failure while writing the message rolls the status back too (and its event)', async () => {
    const order = await orderAt(shop.engine, clients.everything, 'in_progress');
    const writer = new Database(shop.path);
    try {
      // A real SQLite failure after the message row is written: its outbox entry cannot be stored.
      writer.exec("CREATE TRIGGER fail_message AFTER INSERT ON outbox WHEN NEW.tbl = 'messages' BEGIN SELECT RAISE(ABORT, 'disque plein'); END");
      const before = { outbox: outboxOf(shop.reader, 'orders').length, events: shop.reader.prepare('SELECT COUNT(*) AS n FROM order_events').get() };
      await expect(shop.engine.execute('changeOrderStatus', { id: order.id, status: 'ready' })).rejects.toThrow(/disque plein/);
      expect(shop.reader.prepare('SELECT status FROM orders WHERE id = ?').get(order.id)).toEqual({ status: 'in_progress' });
      expect(messagesOf(order.id)).toEqual([]);
      expect({ outbox: outboxOf(shop.reader, 'orders').length, events: shop.reader.prepare('SELECT COUNT(*) AS n FROM order_events').get() }).toEqual(before);
      writer.exec('DROP TRIGGER fail_message');
    } finally {
      writer.close();
    }
    await shop.engine.execute('changeOrderStatus', { id: order.id, status: 'ready' });
    expect(messagesOf(order.id).map((m) => m.kind)).toEqual(['order_ready']);
  });

  it('the client who wants no messages gets nothing automatic; the order still moves', async () => {
    const order = await orderAt(shop.engine, clients.optedOut, 'ready');
    await shop.engine.execute('changeOrderStatus', { id: order.id, status: 'delivered' });
    expect(messagesOf(order.id)).toEqual([]);
    expect(shop.reader.prepare('SELECT status FROM orders WHERE id = ?').get(order.id)).toEqual({ status: 'delivered' });
  });

  it('a client without any address gets nothing, and it is no error', async () => {
    const order = await orderAt(shop.engine, clients.noAddress, 'in_progress');
    await expect(shop.engine.execute('changeOrderStatus', { id: order.id, status: 'ready' })).resolves.toMatchObject({ status: 'ready', messageId: null });
    expect(messagesOf(order.id)).toEqual([]);
  });

  it('goes by the client\'s preferred channel (WhatsApp), in the accents of WhatsApp', async () => {
    const order = await orderAt(shop.engine, clients.prefersWhatsapp, 'ready');
    const [message] = messagesOf(order.id);
    expect(message).toMatchObject({ channel: 'whatsapp', to: '+2290196000006' });
    expect(message!.body).toMatch(/^Bonjour Ɖɔkpɔ Agbo, votre commande .* est prête chez Atelier Chez Aïcha\./);
  });

  it('is announced once: ready again after a fitting writes nothing new; cancelled, it is written again', async () => {
    const order = await orderAt(shop.engine, clients.everything, 'ready');
    // Taken back for another fitting while its SMS is still here: the SMS no longer tells the truth.
    await shop.engine.execute('changeOrderStatus', { id: order.id, status: 'fitting' });
    expect(messagesOf(order.id).map((m) => m.status)).toEqual(['cancelled']);
    const cancel = outboxOf(shop.reader, 'messages').at(-1)!;
    expect(cancel.fields).toEqual({ status: 'cancelled' });
    // Ready again: a new message (the first was cancelled), with the next derived id.
    await shop.engine.execute('changeOrderStatus', { id: order.id, status: 'ready' });
    const all = messagesOf(order.id);
    expect(all.map((m) => m.status)).toEqual(['cancelled', 'queued']);
    expect(all[1]!.id).toBe(derivedRowId(shop.workshopId, `order_ready/${order.id}/1`));
    // That one leaves (the hub says sent); a delivery recorded by mistake and undone does not announce it again.
    await hubReports(shop, all[1]!.id, 'sent');
    await shop.engine.execute('changeOrderStatus', { id: order.id, status: 'delivered' });
    await shop.engine.execute('changeOrderStatus', { id: order.id, status: 'ready' });
    expect(messagesOf(order.id).filter((m) => m.kind === 'order_ready').map((m) => m.status)).toEqual(['cancelled', 'sent']);
  });

  it('two devices that mark the same order ready offline write the same message row', async () => {
    const order = await orderAt(shop.engine, clients.everything, 'ready');
    const [message] = messagesOf(order.id);
    // What another device computes for the same order and kind, with nothing before it.
    expect(message!.id).toBe(derivedRowId(shop.workshopId, `order_ready/${order.id}/0`));
  });
});

describe('the workshop\'s settings', () => {
  it('a template turned off writes nothing; by e-mail it goes to the address; its own text is used', async () => {
    await shop.engine.execute('saveMessageTemplate', { kind: 'order_ready', channel: 'off' });
    const off = await orderAt(shop.engine, clients.everything, 'ready');
    expect(messagesOf(off.id)).toEqual([]);

    await shop.engine.execute('saveMessageTemplate', { kind: 'order_ready', channel: 'email', body: 'Chère {client}, la commande {numero} ({solde} à régler) est prête.' });
    const byEmail = await orderAt(shop.engine, clients.everything, 'ready', 30_000, 30_000);
    expect(messagesOf(byEmail.id)).toMatchObject([{ channel: 'email', to: EMAIL, body: `Chère Aïcha Houngbédji, la commande ${byEmail.number} (0 FCFA à régler) est prête.` }]);

    // By e-mail to a client who has none: nothing, no error.
    const none = await orderAt(shop.engine, clients.phoneOnly, 'ready');
    expect(messagesOf(none.id)).toEqual([]);
  });

  it('"order recorded" and "thanks on delivery" are off by default, and go when turned on', async () => {
    const quiet = await orderAt(shop.engine, clients.everything, 'ready');
    await shop.engine.execute('changeOrderStatus', { id: quiet.id, status: 'delivered' });
    expect(messagesOf(quiet.id).map((m) => m.kind)).toEqual(['order_ready']);

    await shop.engine.execute('saveMessageTemplate', { kind: 'order_created', channel: 'whatsapp' });
    await shop.engine.execute('saveMessageTemplate', { kind: 'order_delivered', channel: 'preferred' });
    const created = await shop.engine.execute('createOrder', { clientId: clients.everything, price: 12_000, promisedDate: '2026-12-08' });
    expect(created.messageId).not.toBeNull();
    expect(messagesOf(created.id)).toMatchObject([
      { kind: 'order_created', channel: 'whatsapp', to: WHATSAPP, body: `Bonjour Aïcha Houngbédji, commande ${created.number} enregistrée chez Atelier Chez Aïcha, prête le mardi 8 décembre. {lien}` },
    ]);
    await shop.engine.execute('changeOrderStatus', { id: created.id, status: 'in_progress' });
    await shop.engine.execute('changeOrderStatus', { id: created.id, status: 'ready' });
    await shop.engine.execute('changeOrderStatus', { id: created.id, status: 'delivered' });
    expect(messagesOf(created.id).map((m) => `${m.kind}:${m.channel}`)).toEqual(['order_created:whatsapp', 'order_ready:sms', 'order_delivered:sms']);
    // The ready SMS was still queued when the order was delivered: it no longer tells the truth.
    expect(messagesOf(created.id).map((m) => m.status)).toEqual(['queued', 'cancelled', 'queued']);
  });

  it('a quote is no order yet: "order recorded" goes when it is confirmed, once', async () => {
    await shop.engine.execute('saveMessageTemplate', { kind: 'order_created', channel: 'sms' });
    const quote = await shop.engine.execute('createOrder', { clientId: clients.phoneOnly, price: 8_000, status: 'quote' });
    expect(quote.messageId).toBeNull();
    await shop.engine.execute('changeOrderStatus', { id: quote.id, status: 'confirmed' });
    await shop.engine.execute('changeOrderStatus', { id: quote.id, status: 'quote' });
    expect(messagesOf(quote.id).map((m) => m.status)).toEqual(['cancelled']);
    await shop.engine.execute('changeOrderStatus', { id: quote.id, status: 'confirmed' });
    await shop.engine.execute('changeOrderStatus', { id: quote.id, status: 'in_progress' });
    expect(messagesOf(quote.id).map((m) => m.status)).toEqual(['cancelled', 'queued']);
  });

  it('the GSM-7 setting off keeps the accents of an SMS', async () => {
    await shop.engine.execute('updateSettings', { smsGsm7: false, balanceReminderDays: 5 });
    expect(await shop.engine.query('settings')).toMatchObject({ smsGsm7: false, balanceReminderDays: 5 });
    const order = await orderAt(shop.engine, clients.everything, 'ready');
    expect(messagesOf(order.id)[0]!.body).toMatch(/^Bonjour Aïcha Houngbédji, votre commande .* est prête chez Atelier Chez Aïcha\./);
  });

  it('with the cloud\'s address, the link is written in the text', async () => {
    shop.engine.publicUrl = 'https://styliste.example/';
    const order = await orderAt(shop.engine, clients.phoneOnly, 'ready');
    const token = (shop.reader.prepare('SELECT tracking_token FROM orders WHERE id = ?').get(order.id) as { tracking_token: string }).tracking_token;
    expect(messagesOf(order.id)[0]!.body.endsWith(` https://styliste.example/t/${token}`)).toBe(true);
    expect(() => {
      shop.engine.publicUrl = 'javascript:alert(1)';
    }).toThrow();
  });

  it('an order made before tracking links gets its token with its first message, in the same transaction', async () => {
    const order = await orderAt(shop.engine, clients.phoneOnly, 'in_progress');
    const writer = new Database(shop.path);
    writer.prepare('UPDATE orders SET tracking_token = NULL WHERE id = ?').run(order.id);
    writer.close();
    await shop.engine.execute('changeOrderStatus', { id: order.id, status: 'ready' });
    const token = shop.reader.prepare('SELECT tracking_token FROM orders WHERE id = ?').get(order.id) as { tracking_token: string | null };
    expect(token.tracking_token).toMatch(/^[A-Za-z0-9]{16}$/);
    const tail = outboxOf(shop.reader, 'orders').at(-1)!;
    expect(tail.fields).toEqual({ trackingToken: token.tracking_token });
  });
});

describe('a client who changes their mind, an order or a client deleted', () => {
  it('marking the client as not wanting messages cancels the automatic ones still queued here, not the others', async () => {
    await orderAt(shop.engine, clients.everything, 'ready');
    const custom = await shop.engine.execute('sendMessage', { clientId: clients.everything, channel: 'sms', body: 'Votre tissu est arrivé.' });
    await shop.engine.execute('updateClient', { id: clients.everything, messagesOptOut: true });
    const statuses = Object.fromEntries(storedMessages(shop.reader).filter((m) => m.client_id === clients.everything).map((m) => [m.kind, m.status]));
    expect(statuses).toEqual({ order_ready: 'cancelled', custom: 'queued' });
    expect(custom.status).toBe('queued');
  });

  it('an order whose client was deleted on another device still moves; it writes no message', async () => {
    const { id: clientId } = await shop.engine.execute('createClient', { name: 'Partie Ailleurs', phone: '0196000777' });
    const order = await shop.engine.execute('createOrder', { clientId, price: 6_000 });
    await shop.engine.execute('changeOrderStatus', { id: order.id, status: 'in_progress' });
    // Another device deleted the client; the change arrives by sync, the order stays.
    await shop.engine.applyChanges([{ table: 'clients', rowId: clientId, hlc: '2099-01-01T00:00:00.000Z-0000-00000000000000aa', fields: { deletedAt: '2099-01-01T00:00:00.000Z' } }], '9999');
    const moved = await shop.engine.execute('changeOrderStatus', { id: order.id, status: 'ready' });
    expect(moved.messageId).toBeNull();
    expect(messagesOf(order.id).filter((m) => m.status === 'queued')).toEqual([]);
  });

  it('a deleted order\'s queued messages are cancelled; so are a deleted client\'s', async () => {
    const order = await shop.engine.execute('createOrder', { clientId: clients.phoneOnly, price: 4_000, status: 'quote' });
    await shop.engine.execute('sendMessage', { clientId: clients.phoneOnly, orderId: order.id, channel: 'sms', body: 'Votre devis {numero} : 4 000 F.' });
    await shop.engine.execute('deleteOrder', { id: order.id });
    expect(messagesOf(order.id).map((m) => m.status)).toEqual(['cancelled']);

    await shop.engine.execute('sendMessage', { clientId: clients.phoneOnly, channel: 'sms', body: 'Au revoir' });
    await shop.engine.execute('deleteClient', { id: clients.phoneOnly });
    expect(storedMessages(shop.reader).filter((m) => m.client_id === clients.phoneOnly).map((m) => m.status)).toEqual(['cancelled', 'cancelled']);
  });
});
