/**
 * A queued message pushed by a device's sync is sent by the dispatcher through the official SDKs
 * to the loopback providers: Africa's Talking SMS (once, with the right body and sender, GSM-7
 * folded, the tracking link written in), Twilio WhatsApp inside the 24-hour window (free text)
 * and outside it (the approved template, ContentVariables as a JSON string; a kind without one
 * fails with its reason), e-mail through a real SMTP server (plain text and HTML). The statuses
 * come back to the device by sync.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import twilio from 'twilio';
import { CONTENT_SIDS, PUBLIC_URL, Shop, TWILIO, startDispatchServer, type DispatchServer } from './dispatchTesting.js';
import { readMail } from '../providers/testing/mimeReader.js';
import { creditsFor } from '../../shared/messaging/messageOptions.js';

let server: DispatchServer;
let shop: Shop;

beforeAll(async () => {
  server = await startDispatchServer();
  shop = await Shop.open(server, 100, 'Atelier Élégance');
});

afterAll(async () => {
  await server?.close();
});

/** Twilio's incoming-message webhook for `from`, signed as Twilio signs it (opens the 24-hour window). */
async function clientWritesOnWhatsApp(from: string): Promise<void> {
  const fields = { AccountSid: TWILIO.accountSid, Body: 'Bonjour', From: `whatsapp:${from}`, MessageSid: `SM${'1'.repeat(32)}`, NumMedia: '0', To: TWILIO.from };
  const signature = twilio.getExpectedTwilioSignature(TWILIO.authToken, `${PUBLIC_URL}/api/webhooks/twilio`, fields);
  const response = await fetch(`${server.url}/api/webhooks/twilio`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
    body: new URLSearchParams(fields).toString(),
  });
  expect(response.status).toBe(200);
}

describe('SMS through Africa’s Talking', () => {
  it('reaches the loopback once, with the body folded to GSM-7, the tracking link and the sender; sent, with its id, by sync', async () => {
    const client = await shop.client();
    const order = await shop.order(client.clientId);
    const body = 'Aïcha, votre tenue est prête ! Suivez-la ici : {lien}';
    const before = await shop.balance();
    const { messageId, answer } = await shop.queue(shop.messageFields(client.clientId, 'sms', client.phone, body, { kind: 'order_ready', orderId: order.orderId }));
    expect(answer.rejected).toEqual([]);
    const stored = await shop.settled(messageId);
    expect(stored.status).toBe('sent');
    const atThem = server.at.sent.filter((m) => m.to === client.phone);
    expect(atThem).toHaveLength(1);
    expect(atThem[0]).toMatchObject({ message: `Aicha, votre tenue est prete ! Suivez-la ici : ${PUBLIC_URL}/t/${order.token}`, from: 'STYLISTE', messageId: stored.providerId });
    expect(server.at.requests.filter((r) => r.form?.to === client.phone)).toHaveLength(1);
    expect(stored).toMatchObject({ segments: 1, credits: 1, failureReason: null });
    expect(Date.parse(stored.sentAt!)).toBeGreaterThan(Date.now() - 60_000);
    expect(await shop.balance()).toBe(before - 1);
    expect(await shop.ledgerOf(messageId)).toEqual([{ kind: 'message', amount: -1 }]);

    // The device hears `sending` then `sent` by sync, with the hub's fields.
    const pulled = await shop.device.sync();
    const fields = Object.assign({}, ...pulled.changes.filter((c) => c.table === 'messages' && c.rowId === messageId).map((c) => c.fields));
    expect(fields).toMatchObject({ status: 'sent', providerId: stored.providerId, segments: 1, credits: 1, sentAt: stored.sentAt });
  });

  it('charges a long message by its parts: 2 credits for 200 GSM-7 characters, 3 for 140 that need UCS-2', async () => {
    const client = await shop.client();
    const gsm = await shop.queue(shop.messageFields(client.clientId, 'sms', client.phone, `Bonjour ${'a'.repeat(192)}`));
    const ucs = await shop.queue(shop.messageFields(client.clientId, 'sms', client.phone, `Ɛ emoji 🧵 ${'é'.repeat(129)}`.slice(0, 140)));
    expect(await shop.settled(gsm.messageId)).toMatchObject({ status: 'sent', segments: 2, credits: creditsFor('sms', 2) });
    // With GSM-7 folding the Fon letter becomes "E"; the thread emoji has no GSM-7 form and keeps UCS-2.
    expect(await shop.settled(ucs.messageId)).toMatchObject({ status: 'sent', segments: 3, credits: 3 });
  });
});

describe('WhatsApp through Twilio', () => {
  it('sends free text inside the 24-hour window, with the status callback address', async () => {
    const client = await shop.client();
    await clientWritesOnWhatsApp(client.phone);
    const { messageId } = await shop.queue(shop.messageFields(client.clientId, 'whatsapp', client.phone, 'Bonjour Aïcha,\nvotre boubou est prêt.', { kind: 'order_ready' }));
    const stored = await shop.settled(messageId);
    expect(stored).toMatchObject({ status: 'sent', segments: 1, credits: 1 });
    const sent = server.twilio.sent.filter((m) => m.to === `whatsapp:${client.phone}`);
    expect(sent).toEqual([
      { sid: stored.providerId, to: `whatsapp:${client.phone}`, from: TWILIO.from, body: 'Bonjour Aïcha,\nvotre boubou est prêt.', contentSid: null, contentVariables: null, statusCallback: `${PUBLIC_URL}/api/webhooks/twilio` },
    ]);
  });

  it('sends the approved template outside the window: ContentSid and ContentVariables as a JSON string', async () => {
    const client = await shop.client({ name: 'Koffi     Mensah' });
    const order = await shop.order(client.clientId);
    const { messageId } = await shop.queue(shop.messageFields(client.clientId, 'whatsapp', client.phone, 'Votre commande est prête : {lien}', { kind: 'order_ready', orderId: order.orderId }));
    const stored = await shop.settled(messageId);
    expect(stored.status).toBe('sent');
    const [sent] = server.twilio.sent.filter((m) => m.to === `whatsapp:${client.phone}`);
    expect(sent).toMatchObject({ sid: stored.providerId, body: null, contentSid: CONTENT_SIDS.order_ready });
    expect(typeof sent!.contentVariables).toBe('string');
    expect(JSON.parse(sent!.contentVariables!)).toEqual({ '1': 'Koffi Mensah', '2': 'Atelier Élégance', '3': order.number, '4': `${PUBLIC_URL}/t/${order.token}` });
  });

  it('fails a kind without an approved template outside the window, with its reason, never sent, credits untouched', async () => {
    const client = await shop.client();
    const before = await shop.balance();
    const { messageId } = await shop.queue(shop.messageFields(client.clientId, 'whatsapp', client.phone, 'Un mot libre', { kind: 'custom' }));
    const stored = await shop.settled(messageId);
    expect(stored.status).toBe('failed');
    expect(stored.failureReason).toBe('Le client n’a pas écrit sur WhatsApp depuis plus de 24 heures, et aucun modèle approuvé n’existe pour ce message : envoyez-le par SMS.');
    expect(server.twilio.sent.filter((m) => m.to === `whatsapp:${client.phone}`)).toEqual([]);
    expect(await shop.balance()).toBe(before);
    expect(await shop.ledgerOf(messageId)).toEqual([]);
  });
});

describe('e-mail through SMTP', () => {
  it('delivers plain text and simple HTML to the client’s address, free of credits', async () => {
    const client = await shop.client();
    const before = await shop.balance();
    const body = 'Bonjour Aïcha,\n\nVotre tenue <brodée> est prête : https://styliste.example/t/abc.';
    const { messageId } = await shop.queue(shop.messageFields(client.clientId, 'email', client.email, body, { kind: 'order_ready' }));
    const stored = await shop.settled(messageId);
    expect(stored).toMatchObject({ status: 'sent', credits: 0 });
    const mails = server.smtp.received.filter((m) => m.to.includes(client.email));
    expect(mails).toHaveLength(1);
    const mail = readMail(mails[0]!.raw);
    expect(mail.headers.get('subject')).toBe('Commande prête — Atelier Élégance');
    expect(mail.headers.get('message-id')).toBe(stored.providerId);
    const plain = mail.parts.find((part) => part.headers.get('content-type')?.startsWith('text/plain'))!;
    const html = mail.parts.find((part) => part.headers.get('content-type')?.startsWith('text/html'))!;
    expect(plain.body).toContain('Votre tenue <brodée> est prête');
    expect(html.body).toContain('Votre tenue &lt;brodée&gt; est prête');
    expect(html.body).toContain('<a href="https://styliste.example/t/abc">https://styliste.example/t/abc</a>.');
    expect(html.body).not.toContain('<brodée>');
    expect(await shop.balance()).toBe(before);
  });
});
