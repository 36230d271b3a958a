/**
 * The message commands on a real SQLite file: sending (to the client's own address only, about the
 * client's own order, the text exactly as previewed), cancelling while queued, the free "open
 * WhatsApp" button, templates (the owner's), the tracking link; who may do what; hostile input;
 * and what leaves in the outbox passes the hub's rules for devices.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hubReports, openMessageWorkshop, orderAt, outboxOf, seedClients, storedMessages, EMAIL, PHONE, WHATSAPP, type MessageWorkshop } from './messages.testing.js';
import { EngineError } from '../domain/errors.js';
import { deviceMessageRefusal } from '../messaging/deviceRules.js';
import { HUB_MESSAGE_FIELDS } from '../messaging/messageOptions.js';
import { templateRowId } from '../messaging/templates.js';
import { mutationSchema } from '../sync/protocol.js';
import { INSERT_SCHEMAS, PATCH_SCHEMAS } from '../domain/rowSchemas.js';
import type { CommandInput, CommandName } from './engine.js';

let shop: MessageWorkshop;
let clients: Awaited<ReturnType<typeof seedClients>>;
let staffId: string;
let viewerId: string;

beforeAll(async () => {
  shop = await openMessageWorkshop('styliste-message-commands-');
  clients = await seedClients(shop.engine);
  staffId = (await shop.engine.execute('addMember', { name: 'Rachidi', role: 'staff' })).id;
  viewerId = (await shop.engine.execute('addMember', { name: 'Comptable', role: 'viewer' })).id;
});

afterAll(() => shop.close());

async function refusal<N extends CommandName>(name: N, input: CommandInput<N> | Record<string, unknown>): Promise<EngineError> {
  const before = shop.reader.prepare('SELECT (SELECT COUNT(*) FROM messages) AS m, (SELECT COUNT(*) FROM outbox) AS o, (SELECT COUNT(*) FROM message_templates) AS t').get();
  const error = await shop.engine.execute(name, input as CommandInput<N>).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, `${name} went through`).toBeInstanceOf(EngineError);
  // Nothing written: no message, no outbox entry, no template.
  expect(shop.reader.prepare('SELECT (SELECT COUNT(*) FROM messages) AS m, (SELECT COUNT(*) FROM outbox) AS o, (SELECT COUNT(*) FROM message_templates) AS t').get()).toEqual(before);
  return error as EngineError;
}

describe('sendMessage', () => {
  it('goes to the client\'s address for the channel, queued, signed, its variables filled and the SMS in GSM-7', async () => {
    const order = await shop.engine.execute('createOrder', { clientId: clients.everything, price: 20_000, deposit: { amount: 5_000 }, promisedDate: '2026-12-02' });
    const sent = await shop.engine.execute('sendMessage', { clientId: clients.everything, orderId: order.id, channel: 'sms', body: 'Bonjour {client}, votre tenue {numero} sera prête le {date}. Reste : {solde}.' });
    expect(sent).toMatchObject({ channel: 'sms', to: PHONE, status: 'queued', body: `Bonjour Aicha Houngbédji, votre tenue ${order.number} sera prete le mercredi 2 décembre. Reste : 15 000 FCFA.` });
    expect(sent.cost).toMatchObject({ parts: 1, encoding: 'GSM-7', credits: 1 });
    const stored = storedMessages(shop.reader).find((m) => m.id === sent.id)!;
    expect(stored).toMatchObject({ client_id: clients.everything, order_id: order.id, channel: 'sms', to: PHONE, kind: 'custom', status: 'queued', created_by: shop.ownerId, body: sent.body });
  });

  it('WhatsApp to the WhatsApp number, e-mail to the address; the accents stay', async () => {
    const whatsapp = await shop.engine.execute('sendMessage', { clientId: clients.everything, channel: 'whatsapp', body: 'Bonne fête, {client} !' });
    expect(whatsapp).toMatchObject({ to: WHATSAPP, body: 'Bonne fête, Aïcha Houngbédji !' });
    const email = await shop.engine.execute('sendMessage', { clientId: clients.everything, channel: 'email', body: 'Reçu' });
    expect(email).toMatchObject({ to: EMAIL, cost: { credits: 0 } });
  });

  it('to another of the client\'s numbers, typed in national form', async () => {
    const sent = await shop.engine.execute('sendMessage', { clientId: clients.everything, channel: 'sms', body: 'Test', to: '01 96 00 00 02' });
    expect(sent.to).toBe(WHATSAPP);
    expect((await shop.engine.execute('sendMessage', { clientId: clients.everything, channel: 'email', body: 'Test', to: ' AICHA@Example.bj ' })).to).toBe(EMAIL);
  });

  it('refuses, in French and naming the field, a number that is not the client\'s', async () => {
    const error = await refusal('sendMessage', { clientId: clients.everything, channel: 'sms', body: 'Bonjour', to: '+2290197999999' });
    expect(error).toMatchObject({ code: 'rule_violation', field: 'to' });
    expect(error.message).toBe("Destinataire : ce n'est pas un numéro ni une adresse de Aïcha Houngbédji. Un message part seulement vers les coordonnées du client.");
    // Another client's number is not this client's either.
    expect(await refusal('sendMessage', { clientId: clients.phoneOnly, channel: 'sms', body: 'Bonjour', to: PHONE })).toMatchObject({ field: 'to' });
  });

  it.each([
    ['sms', "Destinataire : Sènan Adjovi n'a pas de numéro de téléphone. Ajoutez-le sur sa fiche pour lui envoyer un SMS."],
    ['whatsapp', "Destinataire : Sènan Adjovi n'a ni numéro WhatsApp ni téléphone. Ajoutez-en un sur sa fiche."],
    ['email', "Destinataire : Sènan Adjovi n'a pas d'adresse e-mail. Ajoutez-la sur sa fiche."],
  ] as const)('refuses %s to a client without that address, saying what to do', async (channel, message) => {
    expect(await refusal('sendMessage', { clientId: clients.noAddress, channel, body: 'Bonjour' })).toMatchObject({ code: 'rule_violation', field: 'to', message });
  });

  it('speaks English to an English user', async () => {
    shop.engine.locale = 'en';
    try {
      expect(await refusal('sendMessage', { clientId: clients.noAddress, channel: 'sms', body: 'Hello' })).toMatchObject({ message: 'Recipient: Sènan Adjovi has no phone number. Add it to their card to send them an SMS.' });
      expect(await refusal('sendMessage', { clientId: clients.everything, channel: 'sms', body: 'x'.repeat(2000) })).toMatchObject({ message: 'Message: text too long (1600 characters at most)' });
    } finally {
      shop.engine.locale = 'fr';
    }
  });

  it('refuses an order of another client, an unknown or deleted client, an unknown order', async () => {
    const other = await orderAt(shop.engine, clients.phoneOnly, 'confirmed');
    expect(await refusal('sendMessage', { clientId: clients.everything, orderId: other.id, channel: 'sms', body: 'Bonjour' })).toMatchObject({
      code: 'rule_violation',
      field: 'orderId',
      message: "Commande : elle n'appartient pas à ce client.",
    });
    // An id from another workshop is, here, an id that does not exist.
    const foreign = '0190f5a0-9999-7000-8000-0000000000aa';
    expect(await refusal('sendMessage', { clientId: foreign, channel: 'sms', body: 'Bonjour' })).toMatchObject({ code: 'not_found', field: 'clientId', message: 'Client introuvable.' });
    expect(await refusal('sendMessage', { clientId: clients.everything, orderId: foreign, channel: 'sms', body: 'Bonjour' })).toMatchObject({ code: 'not_found', field: 'orderId' });
    const gone = await shop.engine.execute('createClient', { name: 'Parti', phone: '01 97 00 00 77' });
    await shop.engine.execute('deleteClient', { id: gone.id });
    expect(await refusal('sendMessage', { clientId: gone.id, channel: 'sms', body: 'Bonjour' })).toMatchObject({ code: 'not_found', field: 'clientId' });
  });

  it('refuses a typo in a variable, and a variable it has no value for', async () => {
    expect(await refusal('sendMessage', { clientId: clients.everything, channel: 'sms', body: 'Bonjour {prenom}' })).toMatchObject({
      field: 'body',
      message: 'Message : {prenom} inconnu. Variables possibles : {client}, {numero}, {atelier}, {date}, {heure}, {solde}, {lien}.',
    });
    expect(await refusal('sendMessage', { clientId: clients.everything, channel: 'sms', body: 'Commande {numero} : {lien}' })).toMatchObject({
      field: 'body',
      message: "Message : {numero}, {lien} se remplit seulement avec une commande. Choisissez la commande, ou retirez {numero}, {lien}.",
    });
    const order = await orderAt(shop.engine, clients.everything, 'confirmed');
    expect(await refusal('sendMessage', { clientId: clients.everything, orderId: order.id, channel: 'sms', body: 'Essayage à {heure}' })).toMatchObject({ field: 'body' });
  });

  it.each([
    ['a NUL character', 'Bonjour\u0000', 'Message : ce texte contient un caractère nul (U+0000) : retapez-le'],
    ['a lone surrogate', 'Bonjour \ud800', 'Message : ce texte est mal encodé (caractère Unicode incomplet) : retapez-le'],
    ['2 000 characters', 'x'.repeat(2000), 'Message : texte trop long (1600 caractères au plus)'],
    ['blanks only', ' \n\t ', 'Message : écrivez le texte du message'],
  ])('refuses a body with %s, in French', async (_what, body, message) => {
    expect(await refusal('sendMessage', { clientId: clients.everything, channel: 'sms', body })).toMatchObject({ code: 'invalid_input', field: 'body', message });
  });

  it('refuses a body that its values make longer than a message may be', async () => {
    const order = await orderAt(shop.engine, clients.everything, 'confirmed');
    const body = `${'x'.repeat(1590)} {client}`;
    expect(await refusal('sendMessage', { clientId: clients.everything, orderId: order.id, channel: 'sms', body })).toMatchObject({ code: 'invalid_input', field: 'body' });
  });

  it('removes stray control characters instead of sending them', async () => {
    const sent = await shop.engine.execute('sendMessage', { clientId: clients.everything, channel: 'sms', body: 'Bon\u0007jour\u001b' });
    expect(sent.body).toBe('Bonjour');
  });
});

describe('cancelMessage', () => {
  it('cancels a queued message: one outbox entry, the status only', async () => {
    const sent = await shop.engine.execute('sendMessage', { clientId: clients.phoneOnly, channel: 'sms', body: 'Erreur' });
    await shop.engine.execute('cancelMessage', { id: sent.id });
    expect(storedMessages(shop.reader).find((m) => m.id === sent.id)!.status).toBe('cancelled');
    expect(outboxOf(shop.reader, 'messages').at(-1)).toMatchObject({ row_id: sent.id, fields: { status: 'cancelled' } });
    expect(await refusal('cancelMessage', { id: sent.id })).toMatchObject({ code: 'rule_violation', field: 'id', message: 'Ce message ne peut plus être annulé : il est déjà « annulé ».' });
  });

  it.each([
    ['sending', 'envoi en cours'],
    ['sent', 'envoyé'],
    ['delivered', 'reçu'],
    ['failed', 'échec'],
  ] as const)('refuses once the hub says %s', async (status, label) => {
    const sent = await shop.engine.execute('sendMessage', { clientId: clients.phoneOnly, channel: 'sms', body: `Message ${status}` });
    await hubReports(shop, sent.id, status);
    expect(await refusal('cancelMessage', { id: sent.id })).toMatchObject({ message: `Ce message ne peut plus être annulé : il est déjà « ${label} ».` });
  });

  it('refuses an unknown message', async () => {
    expect(await refusal('cancelMessage', { id: '0190f5a0-9999-7000-8000-0000000000bb' })).toMatchObject({ code: 'not_found', message: 'Message introuvable.' });
  });
});

describe('recordWhatsAppOpened', () => {
  it('records the free WhatsApp message in the client\'s history as manual, which no one may cancel', async () => {
    const opened = await shop.engine.execute('recordWhatsAppOpened', { clientId: clients.prefersWhatsapp, body: 'Bonjour, votre boubou est prêt 🙏' });
    expect(opened).toMatchObject({ to: '+2290196000006', status: 'manual' });
    expect(storedMessages(shop.reader).find((m) => m.id === opened.id)).toMatchObject({ channel: 'whatsapp', status: 'manual', body: 'Bonjour, votre boubou est prêt 🙏', kind: 'custom' });
    expect(await refusal('cancelMessage', { id: opened.id })).toMatchObject({ message: 'Ce message ne peut plus être annulé : il est déjà « ouvert dans WhatsApp ».' });
    expect(await refusal('recordWhatsAppOpened', { clientId: clients.noAddress, body: 'Bonjour' })).toMatchObject({ field: 'to' });
  });
});

describe('saveMessageTemplate', () => {
  it('writes one row per kind with its derived id, then only what changed', async () => {
    await shop.engine.execute('saveMessageTemplate', { kind: 'balance_due', channel: 'sms', body: '{client}, il reste {solde} sur la commande {numero}. {lien}' });
    const id = templateRowId(shop.workshopId, 'balance_due');
    expect(outboxOf(shop.reader, 'message_templates').at(-1)).toMatchObject({ row_id: id, fields: { kind: 'balance_due', channel: 'sms', body: '{client}, il reste {solde} sur la commande {numero}. {lien}' } });
    await shop.engine.execute('saveMessageTemplate', { kind: 'balance_due', channel: 'whatsapp' });
    expect(outboxOf(shop.reader, 'message_templates').at(-1)).toMatchObject({ row_id: id, fields: { channel: 'whatsapp' } });
    const count = outboxOf(shop.reader, 'message_templates').length;
    await shop.engine.execute('saveMessageTemplate', { kind: 'balance_due', channel: 'whatsapp' });
    expect(outboxOf(shop.reader, 'message_templates')).toHaveLength(count);
    expect((await shop.engine.query('messageTemplates')).find((t) => t.kind === 'balance_due')).toMatchObject({ channel: 'whatsapp', isDefault: false });
  });

  it('refuses an unknown variable and a time outside a fitting reminder, naming them', async () => {
    expect(await refusal('saveMessageTemplate', { kind: 'order_ready', channel: 'sms', body: 'Bonjour {cliente}, {montant}' })).toMatchObject({
      code: 'rule_violation',
      field: 'body',
      message: 'Message : {cliente}, {montant} inconnu. Variables possibles : {client}, {numero}, {atelier}, {date}, {heure}, {solde}, {lien}.',
    });
    expect(await refusal('saveMessageTemplate', { kind: 'order_ready', channel: 'sms', body: 'Prête à {heure}' })).toMatchObject({
      message: "Message : {heure} n'a pas de valeur pour ce message ({heure} : seulement pour un rappel d'essayage).",
    });
    await expect(shop.engine.execute('saveMessageTemplate', { kind: 'fitting_reminder', channel: 'preferred', body: 'Essayage demain à {heure}' })).resolves.toBeDefined();
  });
});

describe('revokeTrackingLink', () => {
  it('replaces the token', async () => {
    const order = await orderAt(shop.engine, clients.phoneOnly, 'confirmed');
    const before = (await shop.engine.query('orderTrackingLink', { orderId: order.id })).trackingToken;
    const revoked = await shop.engine.execute('revokeTrackingLink', { orderId: order.id });
    expect(revoked.trackingToken).toMatch(/^[A-Za-z0-9]{16}$/);
    expect(revoked.trackingToken).not.toBe(before);
    expect(revoked.link).toBeNull();
    expect(await shop.engine.query('orderTrackingLink', { orderId: order.id })).toEqual({ orderId: order.id, trackingToken: revoked.trackingToken, link: null });
  });
});

describe('who may do what', () => {
  it('staff send, cancel and open WhatsApp, signed with their id, but do not edit templates', async () => {
    await shop.engine.useMember(staffId);
    try {
      const sent = await shop.engine.execute('sendMessage', { clientId: clients.phoneOnly, channel: 'sms', body: 'De la part de Rachidi' });
      expect(storedMessages(shop.reader).find((m) => m.id === sent.id)!.created_by).toBe(staffId);
      await shop.engine.execute('cancelMessage', { id: sent.id });
      await shop.engine.execute('recordWhatsAppOpened', { clientId: clients.phoneOnly, body: 'Bonjour' });
      expect(await refusal('saveMessageTemplate', { kind: 'order_ready', channel: 'off' })).toMatchObject({ code: 'forbidden', message: 'Votre rôle (Employé) ne permet pas cette action.' });
      expect(await shop.engine.query('messageTemplates')).toHaveLength(5);
    } finally {
      await shop.engine.useMember(shop.ownerId);
    }
  });

  it('a viewer may read messages but send, cancel or record none', async () => {
    const queued = await shop.engine.execute('sendMessage', { clientId: clients.phoneOnly, channel: 'sms', body: 'En attente' });
    await shop.engine.useMember(viewerId);
    try {
      for (const [name, input] of [
        ['sendMessage', { clientId: clients.phoneOnly, channel: 'sms', body: 'Bonjour' }],
        ['cancelMessage', { id: queued.id }],
        ['recordWhatsAppOpened', { clientId: clients.phoneOnly, body: 'Bonjour' }],
        ['saveMessageTemplate', { kind: 'order_ready', channel: 'off' }],
        ['revokeTrackingLink', { orderId: (await shop.engine.query('clientCard', { id: clients.phoneOnly })).orders[0]!.id }],
      ] as const) {
        expect(await refusal(name, input)).toMatchObject({ code: 'forbidden', message: 'Votre rôle (Lecteur) ne permet pas cette action.' });
      }
      expect((await shop.engine.query('clientMessages', { clientId: clients.phoneOnly })).length).toBeGreaterThan(0);
    } finally {
      await shop.engine.useMember(shop.ownerId);
    }
  });
});

describe('what leaves in the outbox', () => {
  it('every messages entry is a sync mutation the row schemas accept and the hub\'s device rules let through', async () => {
    const entries = outboxOf(shop.reader, 'messages');
    expect(entries.length).toBeGreaterThan(10);
    const statusOf = new Map<string, string>();
    for (const entry of entries) {
      const mutation = { id: entry.id, table: entry.tbl, rowId: entry.row_id, hlc: entry.hlc, fields: entry.fields };
      expect(mutationSchema.safeParse(mutation).success, JSON.stringify(mutation)).toBe(true);
      const current = statusOf.get(entry.row_id);
      const schema = current === undefined ? INSERT_SCHEMAS.messages : PATCH_SCHEMAS.messages;
      expect(schema.safeParse(entry.fields).success, JSON.stringify(entry.fields)).toBe(true);
      expect(deviceMessageRefusal(current as never, entry.fields), JSON.stringify({ current, fields: entry.fields })).toBeNull();
      statusOf.set(entry.row_id, (entry.fields.status as string | undefined) ?? current!);
    }
    // New rows carry none of the hub's fields (the row schema writes the absent texts as null); every later entry is a cancel.
    const news = entries.filter((e) => 'clientId' in e.fields);
    expect(news.flatMap((e) => HUB_MESSAGE_FIELDS.filter((f) => e.fields[f] !== undefined && e.fields[f] !== null))).toEqual([]);
    expect(entries.filter((e) => !('clientId' in e.fields)).map((e) => e.fields)).toEqual(entries.filter((e) => !('clientId' in e.fields)).map(() => ({ status: 'cancelled' })));
  });

  it('the engine pending mutations are those entries, in order', async () => {
    const pending = (await shop.engine.pendingMutations(10_000)).filter((m) => m.table === 'messages');
    expect(pending.map((m) => m.id)).toEqual(outboxOf(shop.reader, 'messages').map((e) => e.id));
  });
});
