/**
 * What the message screens read: the templates, a preview that is exactly what sending stores,
 * with its cost; a client's and an order's messages with the hub's statuses; the failed ones of
 * the last 30 days and their count beside the sync indicator.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hubReports, openMessageWorkshop, orderAt, seedClients, PHONE, type MessageWorkshop } from './messages.testing.js';
import { DEFAULT_TEMPLATE_BODIES } from '../messaging/templates.js';
import { LINK_ESTIMATE } from '../messaging/compose.js';

let shop: MessageWorkshop;
let clients: Awaited<ReturnType<typeof seedClients>>;

beforeAll(async () => {
  shop = await openMessageWorkshop('styliste-message-queries-', { publicUrl: 'https://suivi.styliste.bj' });
  clients = await seedClients(shop.engine);
});

afterAll(() => shop.close());

describe('messageTemplates', () => {
  it('lists the five automatic messages, defaults until one is saved', async () => {
    const before = await shop.engine.query('messageTemplates');
    expect(before.map((t) => [t.kind, t.channel, t.isDefault])).toEqual([
      ['order_created', 'off', true],
      ['order_ready', 'preferred', true],
      ['fitting_reminder', 'preferred', true],
      ['balance_due', 'off', true],
      ['order_delivered', 'off', true],
    ]);
    expect(before[1]!.body).toBe(DEFAULT_TEMPLATE_BODIES.fr.order_ready);
    expect(before[1]!.variables).not.toContain('heure');
    expect(before[2]!.variables).toContain('heure');
    // The user's screens in English; the clients still read French.
    shop.engine.locale = 'en';
    try {
      expect((await shop.engine.query('messageTemplates'))[1]!.body).toBe(DEFAULT_TEMPLATE_BODIES.fr.order_ready);
    } finally {
      shop.engine.locale = 'fr';
    }
    await shop.engine.execute('saveMessageTemplate', { kind: 'order_delivered', channel: 'whatsapp', body: 'Merci {client} !' });
    expect((await shop.engine.query('messageTemplates'))[4]).toMatchObject({ kind: 'order_delivered', channel: 'whatsapp', body: 'Merci {client} !', isDefault: false });
  });
});

describe('previewMessage', () => {
  it('shows exactly what sending stores: the values, the link, the GSM-7 rewrite, the cost', async () => {
    const order = await orderAt(shop.engine, clients.everything, 'in_progress', 45_000, 10_000);
    for (const channel of ['sms', 'whatsapp', 'email'] as const) {
      const body = 'Bonjour {client}, votre commande {numero} avance. Reste à payer : {solde}. {lien}';
      const preview = await shop.engine.query('previewMessage', { clientId: clients.everything, orderId: order.id, channel, body });
      const sent = await shop.engine.execute('sendMessage', { clientId: clients.everything, orderId: order.id, channel, body });
      expect(preview.text).toBe(sent.body);
      expect(preview.to).toBe(sent.to);
      expect(preview.cost).toEqual(sent.cost);
      expect(preview.text).toMatch(/https:\/\/suivi\.styliste\.bj\/t\/[A-Za-z0-9]{16}$/);
    }
    const sms = await shop.engine.query('previewMessage', { clientId: clients.everything, orderId: order.id, channel: 'sms', body: 'Aïcha, votre tenue est prête' });
    expect(sms).toMatchObject({
      text: 'Aicha, votre tenue est prete',
      to: PHONE,
      channel: 'sms',
      cost: { characters: 28, parts: 1, encoding: 'GSM-7', nonGsm: [], credits: 1 },
      costEstimated: false,
      unknownVariables: [],
      unfilledVariables: [],
      missingAddress: false,
      tooLong: false,
      messagesOptOut: false,
    });
  });

  it('names the characters that make an SMS cost more when GSM-7 is off', async () => {
    await shop.engine.execute('updateSettings', { smsGsm7: false });
    try {
      const preview = await shop.engine.query('previewMessage', { clientId: clients.everything, channel: 'sms', body: 'Aïcha, votre tenue est prête 🙏' });
      expect(preview.cost).toMatchObject({ encoding: 'UCS-2', nonGsm: ['ï', 'ê', '🙏'], parts: 1, credits: 1 });
    } finally {
      await shop.engine.execute('updateSettings', { smsGsm7: true });
    }
  });

  it('shows a template by its kind when no body is given, with the fitting\'s day and time', async () => {
    const order = await shop.engine.execute('createOrder', { clientId: clients.phoneOnly, price: 10_000, promisedDate: '2026-12-10' });
    await shop.engine.execute('scheduleFitting', { orderId: order.id, at: '2026-11-27T13:30:00Z' });
    const fitting = await shop.engine.query('previewMessage', { clientId: clients.phoneOnly, orderId: order.id, channel: 'sms', kind: 'fitting_reminder' });
    // 13:30 UTC is 14h30 in Cotonou.
    expect(fitting.text).toBe(`Bonjour Koffi Mensah, rappel : essayage demain vendredi 27 novembre à 14h30 chez Atelier Chez Aicha (commande ${order.number}).`);
    const ready = await shop.engine.query('previewMessage', { clientId: clients.phoneOnly, orderId: order.id, channel: 'whatsapp', kind: 'order_ready' });
    expect(ready.text).toMatch(new RegExp(`^Bonjour Koffi Mensah, votre commande ${order.number} est prête chez Atelier Chez Aïcha\\. Reste à payer : 10\u202f000 FCFA\\. https://`));
    expect(await shop.engine.query('previewMessage', { clientId: clients.phoneOnly, channel: 'sms' })).toMatchObject({ text: '', cost: { parts: 0, credits: 0 } });
  });

  it('says what is missing: an address, a value, a known variable; and when the text is too long', async () => {
    expect(await shop.engine.query('previewMessage', { clientId: clients.noAddress, channel: 'email', body: 'Bonjour {client} {numero} {prenom}' })).toMatchObject({
      text: 'Bonjour Sènan Adjovi {numero} {prenom}',
      to: null,
      missingAddress: true,
      unknownVariables: ['prenom'],
      unfilledVariables: ['numero'],
    });
    const long = await shop.engine.query('previewMessage', { clientId: clients.everything, channel: 'sms', body: 'a'.repeat(1700) });
    expect(long).toMatchObject({ tooLong: true, cost: { parts: 12, credits: 12 } });
    expect(await shop.engine.query('previewMessage', { clientId: clients.optedOut, channel: 'sms', body: 'x' })).toMatchObject({ messagesOptOut: true, missingAddress: false });
  });

  it('refuses what sending refuses: another client\'s order, NUL, absurd lengths', async () => {
    const other = await orderAt(shop.engine, clients.phoneOnly, 'confirmed');
    await expect(shop.engine.query('previewMessage', { clientId: clients.everything, orderId: other.id, channel: 'sms', body: 'x' })).rejects.toMatchObject({ code: 'rule_violation', field: 'orderId' });
    await expect(shop.engine.query('previewMessage', { clientId: clients.everything, channel: 'sms', body: 'a\u0000' })).rejects.toMatchObject({ code: 'invalid_input', field: 'body' });
    await expect(shop.engine.query('previewMessage', { clientId: clients.everything, channel: 'sms', body: 'a'.repeat(3201) })).rejects.toMatchObject({ code: 'invalid_input', field: 'body' });
    await expect(shop.engine.query('previewMessage', { clientId: '0190f5a0-9999-7000-8000-0000000000cc', channel: 'sms', body: 'x' })).rejects.toMatchObject({ code: 'not_found', field: 'clientId' });
  });

  it('without the cloud\'s address, keeps {lien} and counts the link the hub will write', async () => {
    shop.engine.publicUrl = null;
    try {
      const order = await orderAt(shop.engine, clients.phoneOnly, 'confirmed');
      const preview = await shop.engine.query('previewMessage', { clientId: clients.phoneOnly, orderId: order.id, channel: 'sms', body: 'Suivi : {lien}' });
      expect(preview).toMatchObject({ text: 'Suivi : {lien}', costEstimated: true, unfilledVariables: [], cost: { characters: 'Suivi : '.length + LINK_ESTIMATE.length } });
      expect((await shop.engine.execute('sendMessage', { clientId: clients.phoneOnly, orderId: order.id, channel: 'sms', body: 'Suivi : {lien}' })).body).toBe('Suivi : {lien}');
    } finally {
      shop.engine.publicUrl = 'https://suivi.styliste.bj';
    }
  });
});

describe('a client\'s and an order\'s messages', () => {
  it('newest first, each with its status as the hub reports it; the order\'s include those sent from the client card', async () => {
    const { id: clientId } = await shop.engine.execute('createClient', { name: 'Yétondé Agossou', phone: '01 97 00 00 40' });
    const order = await orderAt(shop.engine, clientId, 'in_progress');
    shop.clock.advance(60_000);
    const first = await shop.engine.execute('sendMessage', { clientId, channel: 'sms', body: 'Sans commande' });
    shop.clock.advance(60_000);
    const second = await shop.engine.execute('sendMessage', { clientId, orderId: order.id, channel: 'sms', body: 'Votre commande {numero}' });
    shop.clock.advance(60_000);
    const ready = await shop.engine.execute('changeOrderStatus', { id: order.id, status: 'ready' });

    await hubReports(shop, first.id, 'delivered', { sentAt: '2026-11-25T09:01:05.000Z', deliveredAt: '2026-11-25T09:01:09.000Z', providerId: 'ATXid_1', segments: 1, credits: 1 });
    await hubReports(shop, second.id, 'failed', { failureReason: 'Numéro invalide : le réseau ne le connaît pas.' });

    const ofClient = await shop.engine.query('clientMessages', { clientId });
    expect(ofClient.map((m) => [m.id, m.kind, m.status])).toEqual([
      [ready.messageId, 'order_ready', 'queued'],
      [second.id, 'custom', 'failed'],
      [first.id, 'custom', 'delivered'],
    ]);
    expect(ofClient[2]).toMatchObject({ clientName: 'Yétondé Agossou', orderId: null, orderNumber: null, channel: 'sms', to: '+2290197000040', body: 'Sans commande', sentAt: '2026-11-25T09:01:05.000Z', deliveredAt: '2026-11-25T09:01:09.000Z', segments: 1, credits: 1, createdBy: shop.ownerId });
    expect(ofClient[1]).toMatchObject({ orderNumber: order.number, failureReason: 'Numéro invalide : le réseau ne le connaît pas.' });
    expect((await shop.engine.query('orderMessages', { orderId: order.id })).map((m) => m.id)).toEqual([ready.messageId, second.id]);
    expect((await shop.engine.query('clientMessages', { clientId, limit: 1 })).map((m) => m.id)).toEqual([ready.messageId]);
    await expect(shop.engine.query('clientMessages', { clientId, limit: 100_000 })).rejects.toMatchObject({ code: 'invalid_input', field: 'limit' });
  });
});

describe('failed messages ("needs attention")', () => {
  it('lists the failures of the last 30 days, and the sync indicator counts them', async () => {
    const { id: clientId } = await shop.engine.execute('createClient', { name: 'Échec Récent', phone: '01 97 00 00 50' });
    const sent = await shop.engine.execute('sendMessage', { clientId, channel: 'sms', body: 'Ne partira pas' });
    const before = (await shop.engine.query('syncStatus')).failedMessages;
    await hubReports(shop, sent.id, 'failed', { failureReason: 'Crédits épuisés : rechargez pour envoyer.' });
    expect((await shop.engine.query('syncStatus')).failedMessages).toBe(before + 1);
    const failed = await shop.engine.query('failedMessages');
    expect(failed[0]).toMatchObject({ id: sent.id, clientName: 'Échec Récent', status: 'failed', failureReason: 'Crédits épuisés : rechargez pour envoyer.' });
    expect(failed.every((m) => m.status === 'failed')).toBe(true);
    // 31 days later they are old news.
    shop.clock.advance(31 * 86_400_000);
    expect(await shop.engine.query('failedMessages')).toEqual([]);
    expect((await shop.engine.query('syncStatus')).failedMessages).toBe(0);
  });
});

describe('clientCard', () => {
  it('carries the client\'s wish for no messages, and follows its change', async () => {
    expect((await shop.engine.query('clientCard', { id: clients.optedOut })).client.messagesOptOut).toBe(true);
    expect((await shop.engine.query('clientCard', { id: clients.everything })).client.messagesOptOut).toBe(false);
    const { id } = await shop.engine.execute('createClient', { name: 'Change d’Avis', phone: '01 97 00 00 09' });
    await shop.engine.execute('updateClient', { id, messagesOptOut: true });
    expect((await shop.engine.query('clientCard', { id })).client).toMatchObject({ name: 'Change d’Avis', messagesOptOut: true });
    await shop.engine.execute('updateClient', { id, messagesOptOut: false });
    expect((await shop.engine.query('clientCard', { id })).client.messagesOptOut).toBe(false);
  });
});
