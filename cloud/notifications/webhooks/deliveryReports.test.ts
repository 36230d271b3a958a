/**
 * Delivery reports through real HTTP to a real server: messages sent through the official SDKs to
 * the loopback providers and recorded `sent` with the provider's id, then Africa's Talking's form
 * posts (its loopback's `sendDeliveryReport`) and Twilio's status callbacks signed by the SDK.
 * Statuses only move forward, repeats and concurrent copies make one change, a failure is
 * refunded once, and a report reaches its own message only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { createFixtureWorkshop, type FixtureWorkshop } from '../../testing/fixtures.js';
import { sendDeliveryReport } from '../../providers/testing/africasTalkingLoopback.js';
import { sendStatusCallback } from '../../providers/testing/twilioLoopback.js';
import { DeliveryReports } from './deliveryReports.js';
import { readAfricasTalkingReport } from './readReports.js';
import type { FormFields } from './formBody.js';
import {
  AT, PUBLIC_URL, TWILIO, balanceOf, changesOf, grantCredits, headOf, postAtReport, postTwilio, readMessage, refundsOf, sendMessage, setStatus,
  startWebhookServer, twilioStatusFields, type WebhookServer,
} from './webhooksTesting.js';
import { newId } from '../../../shared/domain/ids.js';

let server: WebhookServer;
let shop: FixtureWorkshop;
let other: FixtureWorkshop;
let atUrl: string;
let phoneCounter = 0;
const nextPhone = () => `+2290197${String(1000000 + (phoneCounter += 1)).slice(1)}`;

beforeAll(async () => {
  server = await startWebhookServer();
  shop = await createFixtureWorkshop(server.ctx, 'Atelier Remises');
  other = await createFixtureWorkshop(server.ctx, 'Atelier Voisin');
  await grantCredits(server.ctx, shop.workshopId, 100);
  await grantCredits(server.ctx, other.workshopId, 100);
  atUrl = `${server.url}/api/webhooks/africastalking?token=${AT.webhookToken}`;
});

afterAll(async () => {
  await server?.close();
});

const sms = (workshop = shop, credits = 1) => sendMessage(server.ctx, workshop.workshopId, { channel: 'sms', to: nextPhone(), credits });
const whatsapp = (workshop = shop, credits = 1) => sendMessage(server.ctx, workshop.workshopId, { channel: 'whatsapp', to: nextPhone(), credits });
const json = async (response: Response) => ({ status: response.status, body: (await response.json()) as { outcome?: string; error?: { code: string } } });

describe("Africa's Talking delivery reports", () => {
  it('Success marks the message delivered with its time, once; the same report again changes nothing', async () => {
    const m = await sms();
    expect(server.at.sent.some((s) => s.messageId === m.providerId)).toBe(true);
    const before = await changesOf(server.ctx, shop.workshopId, m.messageId);
    const started = Date.now();
    const answer = await json(await sendDeliveryReport(atUrl, { id: m.providerId, status: 'Success', phoneNumber: m.to, networkCode: '61603' }));
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(answer).toEqual({ status: 200, body: { outcome: 'updated' } });
    const stored = await readMessage(server.ctx, shop.workshopId, m.messageId);
    expect(stored).toMatchObject({ status: 'delivered', providerId: m.providerId, failureReason: null });
    expect(Date.parse(stored.deliveredAt!)).toBeGreaterThanOrEqual(started - 1_000);
    const after = await changesOf(server.ctx, shop.workshopId, m.messageId);
    expect(after.length - before.length).toBe(1);
    expect(after.at(-1)!.fields).toMatchObject({ status: 'delivered' });

    expect(await json(await sendDeliveryReport(atUrl, { id: m.providerId, status: 'Success', phoneNumber: m.to }))).toEqual({ status: 200, body: { outcome: 'unchanged' } });
    expect((await changesOf(server.ctx, shop.workshopId, m.messageId)).length).toBe(after.length);
  });

  it('the same report 10 times at once: one change in the change log, every copy answered 200', async () => {
    const m = await sms();
    const before = await changesOf(server.ctx, shop.workshopId, m.messageId);
    const answers = await Promise.all(Array.from({ length: 10 }, () => sendDeliveryReport(atUrl, { id: m.providerId, status: 'Success', phoneNumber: m.to }).then(json)));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(answers.filter((a) => a.body.outcome === 'updated')).toHaveLength(1);
    expect(answers.filter((a) => a.body.outcome === 'unchanged')).toHaveLength(9);
    expect((await changesOf(server.ctx, shop.workshopId, m.messageId)).length - before.length).toBe(1);
  });

  it('a late on-the-way report (Sent, Submitted, Buffered) never moves delivered back; Failed never undoes delivered', async () => {
    const m = await sms();
    await sendDeliveryReport(atUrl, { id: m.providerId, status: 'Success', phoneNumber: m.to });
    const balance = await balanceOf(server.ctx, shop.workshopId);
    const head = await headOf(server.ctx, shop.workshopId);
    for (const status of ['Sent', 'Submitted', 'Buffered', 'Failed', 'Rejected', 'AbsentSubscriber', 'Expired'] as const) {
      const answer = await json(await sendDeliveryReport(atUrl, { id: m.providerId, status, phoneNumber: m.to, failureReason: status === 'Failed' ? 'DeliveryFailure' : undefined }));
      expect(answer, status).toEqual({ status: 200, body: { outcome: 'unchanged' } });
    }
    expect(await readMessage(server.ctx, shop.workshopId, m.messageId)).toMatchObject({ status: 'delivered', failureReason: null });
    expect(await headOf(server.ctx, shop.workshopId)).toBe(head);
    expect(await balanceOf(server.ctx, shop.workshopId)).toBe(balance);
    expect(await refundsOf(server.ctx, shop.workshopId, m.messageId)).toBe(0);
  });

  it('Buffered then Success: sent stays sent on the way, then delivered', async () => {
    const m = await sms();
    expect((await json(await sendDeliveryReport(atUrl, { id: m.providerId, status: 'Buffered', phoneNumber: m.to }))).body.outcome).toBe('unchanged');
    expect((await readMessage(server.ctx, shop.workshopId, m.messageId)).status).toBe('sent');
    expect((await json(await sendDeliveryReport(atUrl, { id: m.providerId, status: 'Success', phoneNumber: m.to }))).body.outcome).toBe('updated');
    expect((await readMessage(server.ctx, shop.workshopId, m.messageId)).status).toBe('delivered');
  });

  it('a failure says why in French and gives the credits back once, even when repeated and concurrent', async () => {
    const m = await sms(shop, 3);
    const charged = await balanceOf(server.ctx, shop.workshopId);
    const report = { id: m.providerId, status: 'Failed' as const, phoneNumber: m.to, failureReason: 'UserInBlackList' };
    const answers = await Promise.all(Array.from({ length: 6 }, () => sendDeliveryReport(atUrl, report).then(json)));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(answers.filter((a) => a.body.outcome === 'updated')).toHaveLength(1);
    for (let i = 0; i < 3; i++) await sendDeliveryReport(atUrl, report);
    expect(await readMessage(server.ctx, shop.workshopId, m.messageId)).toMatchObject({ status: 'failed', deliveredAt: null, failureReason: 'Le client a bloqué les SMS de cet expéditeur.' });
    expect(await refundsOf(server.ctx, shop.workshopId, m.messageId)).toBe(1);
    expect(await balanceOf(server.ctx, shop.workshopId)).toBe(charged + 3);
    // A late Success after the failure changes nothing either (failed is final).
    expect((await json(await sendDeliveryReport(atUrl, { id: m.providerId, status: 'Success', phoneNumber: m.to }))).body.outcome).toBe('unchanged');
    expect((await readMessage(server.ctx, shop.workshopId, m.messageId)).status).toBe('failed');
  });

  it('a failure with only a status, or a word nobody documented, still reads as a sentence', async () => {
    const absent = await sms();
    await sendDeliveryReport(atUrl, { id: absent.providerId, status: 'AbsentSubscriber', phoneNumber: absent.to });
    expect((await readMessage(server.ctx, shop.workshopId, absent.messageId)).failureReason).toBe('Le téléphone du client est resté éteint ou hors réseau : le SMS n’a pas pu être remis.');
    const odd = await sms();
    await sendDeliveryReport(atUrl, { id: odd.providerId, status: 'Rejected', phoneNumber: odd.to, failureReason: 'Quota<script>Exceeded' });
    expect((await readMessage(server.ctx, shop.workshopId, odd.messageId)).failureReason).toBe('Le SMS n’a pas pu être remis au téléphone du client (raison de l’opérateur : QuotascriptExceeded).');
  });

  it('an unknown id is answered 200 and changes nothing', async () => {
    const head = await headOf(server.ctx, shop.workshopId);
    const otherHead = await headOf(server.ctx, other.workshopId);
    const answer = await json(await sendDeliveryReport(atUrl, { id: `ATXid_${'0'.repeat(32)}`, status: 'Success', phoneNumber: nextPhone() }));
    expect(answer).toEqual({ status: 200, body: { outcome: 'unknown' } });
    expect(await headOf(server.ctx, shop.workshopId)).toBe(head);
    expect(await headOf(server.ctx, other.workshopId)).toBe(otherHead);
  });
});

describe('Twilio status callbacks', () => {
  it('sent, delivered, read: delivered once; a late sent changes nothing', async () => {
    const m = await whatsapp();
    const sent = server.twilio.sent.find((s) => s.sid === m.providerId)!;
    expect(sent.statusCallback).toBe(`${PUBLIC_URL}/api/webhooks/twilio`);
    // Posted as Twilio posts it: to the callback address it was given, signed by the SDK for that address.
    const post = (status: string) => postTwilio(server, twilioStatusFields(m.providerId, status, m.to)).then(json);
    expect(await post('sent')).toEqual({ status: 200, body: { outcome: 'unchanged' } });
    expect(await post('delivered')).toEqual({ status: 200, body: { outcome: 'updated' } });
    expect(await post('read')).toEqual({ status: 200, body: { outcome: 'unchanged' } });
    expect(await post('sent')).toEqual({ status: 200, body: { outcome: 'unchanged' } });
    expect(await post('failed')).toEqual({ status: 200, body: { outcome: 'unchanged' } });
    expect(await readMessage(server.ctx, shop.workshopId, m.messageId)).toMatchObject({ status: 'delivered', failureReason: null });
  });

  it('read before delivered still means delivered', async () => {
    const m = await whatsapp();
    expect((await postTwilio(server, twilioStatusFields(m.providerId, 'read', m.to)).then(json)).body.outcome).toBe('updated');
    expect((await readMessage(server.ctx, shop.workshopId, m.messageId)).status).toBe('delivered');
  });

  it('undelivered with 63016 says the 24-hour window is closed, and refunds once', async () => {
    const m = await whatsapp(shop, 1);
    const charged = await balanceOf(server.ctx, shop.workshopId);
    const fields = twilioStatusFields(m.providerId, 'undelivered', m.to, '63016');
    const answers = await Promise.all(Array.from({ length: 10 }, () => postTwilio(server, fields).then(json)));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(answers.filter((a) => a.body.outcome === 'updated')).toHaveLength(1);
    expect(await readMessage(server.ctx, shop.workshopId, m.messageId)).toMatchObject({
      status: 'failed',
      failureReason: 'Hors de la fenêtre de 24 heures de WhatsApp : le client doit d’abord écrire, sinon seul un modèle approuvé peut partir.',
    });
    expect(await refundsOf(server.ctx, shop.workshopId, m.messageId)).toBe(1);
    expect(await balanceOf(server.ctx, shop.workshopId)).toBe(charged + 1);
  });

  it('each documented error code reads as its own sentence; an unknown code names itself', async () => {
    const expected: Record<string, RegExp> = {
      '21211': /^Numéro WhatsApp invalide/,
      '21610': /STOP/,
      '30003': /éteint ou hors réseau/,
      '30004': /bloqué/,
      '30005': /^Numéro inconnu/,
      '30006': /ligne fixe/,
      '30007': /filtré/,
      '30008': /^Échec de remise inconnu/,
      '63999': /code Twilio 63999/,
    };
    for (const [code, sentence] of Object.entries(expected)) {
      const m = await whatsapp();
      // The loopback's own signer this time (twilio.getExpectedTwilioSignature over the address posted to):
      // the server's PUBLIC_URL is not that address, so it is refused; the same form signed for PUBLIC_URL is not.
      const fields = twilioStatusFields(m.providerId, 'failed', m.to, code);
      expect((await sendStatusCallback(`${server.url}/api/webhooks/twilio`, TWILIO.authToken, fields)).status).toBe(403);
      expect((await postTwilio(server, fields).then(json)).body.outcome, code).toBe('updated');
      expect((await readMessage(server.ctx, shop.workshopId, m.messageId)).failureReason, code).toMatch(sentence);
    }
  });
});

describe('a report touches its own message only', () => {
  it("another workshop's message, another provider's id, another number, a message's own id: nothing else changes", async () => {
    const mine = await sms(shop);
    const theirs = await sms(other);
    const theirWhatsApp = await whatsapp(other);
    const otherHead = await headOf(server.ctx, other.workshopId);

    // Mine, delivered: only mine changes; the other workshop's head does not move.
    expect((await json(await sendDeliveryReport(atUrl, { id: mine.providerId, status: 'Success', phoneNumber: mine.to }))).body.outcome).toBe('updated');
    expect(await headOf(server.ctx, other.workshopId)).toBe(otherHead);
    expect((await readMessage(server.ctx, other.workshopId, theirs.messageId)).status).toBe('sent');

    // Their message's own id (not a provider's id), a WhatsApp SID posted as an SMS report, their provider id with my number.
    for (const report of [
      { id: theirs.messageId, status: 'Success' as const, phoneNumber: theirs.to },
      { id: theirWhatsApp.providerId, status: 'Success' as const, phoneNumber: theirWhatsApp.to },
      { id: theirs.providerId, status: 'Failed' as const, phoneNumber: mine.to, failureReason: 'UserDoesNotExist' },
    ]) {
      expect(await json(await sendDeliveryReport(atUrl, report))).toEqual({ status: 200, body: { outcome: 'unknown' } });
    }
    // An SMS's provider id in a Twilio callback (Twilio ids are SM…/MM…: not even read as one).
    expect((await postTwilio(server, twilioStatusFields(theirs.providerId, 'delivered', theirs.to))).status).toBe(400);
    expect(await headOf(server.ctx, other.workshopId)).toBe(otherHead);
    expect(await readMessage(server.ctx, other.workshopId, theirs.messageId)).toMatchObject({ status: 'sent', failureReason: null });
    expect((await readMessage(server.ctx, other.workshopId, theirWhatsApp.messageId)).status).toBe('sent');
    expect(await refundsOf(server.ctx, other.workshopId, theirs.messageId)).toBe(0);
  });

  it('a message the hub already failed is not moved by a later Success', async () => {
    const m = await sms();
    await setStatus(server.ctx, shop.workshopId, m.messageId, 'failed');
    expect((await json(await sendDeliveryReport(atUrl, { id: m.providerId, status: 'Success', phoneNumber: m.to }))).body.outcome).toBe('unchanged');
    expect((await readMessage(server.ctx, shop.workshopId, m.messageId)).status).toBe('failed');
  });
});

describe('a final report that arrives before the send is recorded', () => {
  it('is looked for again a moment later and applied then', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
    const reports = new DeliveryReports({ db: server.ctx.db, serverWrites: server.ctx.services.serverWrites, logger, now: server.ctx.now }, { lateMatchDelaysMs: [150, 300] });
    const m = await sms();
    // Not yet recorded: the message still waits for its provider id (the dispatcher's write is late).
    const early = `ATXid_${newId().replace(/-/g, '')}`;
    const form: FormFields = { id: early, status: 'Success', phoneNumber: m.to };
    expect(await reports.record(readAfricasTalkingReport(form)!)).toBe('unknown');
    expect(reports.waitingCount).toBe(1);
    await server.ctx.db.withWorkshop(shop.workshopId, (tx) =>
      server.ctx.services.serverWrites.inWorkshop(tx, shop.workshopId, (writes) => writes.write('messages', m.messageId, { providerId: early })),
    );
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(reports.waitingCount).toBe(0);
    expect((await readMessage(server.ctx, shop.workshopId, m.messageId)).status).toBe('delivered');

    // A report for an id that never appears is given up after the last look, logged without the number.
    const never: FormFields = { id: `ATXid_${'f'.repeat(32)}`, status: 'Failed', phoneNumber: m.to, failureReason: 'DeliveryFailure' };
    expect(await reports.record(readAfricasTalkingReport(never)!)).toBe('unknown');
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(reports.waitingCount).toBe(0);
    const givenUp = lines.filter((line) => line.includes('no known message'));
    expect(givenUp).toHaveLength(1);
    expect(lines.join('\n')).not.toContain(m.to.slice(1));
    // An on-the-way report is never kept waiting.
    expect(await reports.record(readAfricasTalkingReport({ id: `ATXid_${'e'.repeat(32)}`, status: 'Sent', phoneNumber: m.to })!)).toBe('unknown');
    expect(reports.waitingCount).toBe(0);
    reports.stop();
  });
});
