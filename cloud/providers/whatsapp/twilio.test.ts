/**
 * WhatsApp through the official Twilio SDK against a loopback server that speaks Twilio's wire
 * format (form post with basic auth, 201 message resource, error JSON), reached through
 * TWILIO_BASE_URL's custom httpClient; webhooks signed the way Twilio signs them.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import twilio from 'twilio';
import { startTwilioLoopback, sendStatusCallback, type TwilioLoopback } from '../testing/twilioLoopback.js';
import { startLoopbackHttp, sendText } from '../testing/loopbackHttp.js';
import { TwilioWhatsApp } from './twilio.js';
import { parseTwilioStatusCallback } from './statusCallback.js';
import { RedirectingRequestClient } from './redirectingClient.js';
import type { TwilioSettings } from '../settings.js';

const CREDENTIALS = { accountSid: 'AC0123456789abcdef0123456789abcdef', authToken: 'loopback-auth-token' };
const AICHA = '+2290197000001';

let loopback: TwilioLoopback;
let settings: TwilioSettings;

beforeAll(async () => {
  loopback = await startTwilioLoopback(CREDENTIALS);
  settings = { ...CREDENTIALS, whatsappFrom: 'whatsapp:+2290190000000', baseUrl: loopback.url };
});

afterAll(async () => {
  await loopback?.close();
});

beforeEach(() => {
  loopback.mode = 'normal';
  loopback.refuse.clear();
  loopback.sent.length = 0;
  loopback.requests.length = 0;
});

describe('Twilio WhatsApp', () => {
  it('sends free text from whatsapp:+… to whatsapp:+…, with basic auth, to the base URL', async () => {
    const whatsapp = new TwilioWhatsApp(settings);
    const outcome = await whatsapp.send({ to: AICHA, text: 'Bonjour Aïcha, votre boubou est prêt.', statusCallback: 'https://styliste.example/api/webhooks/twilio' });
    expect(outcome).toMatchObject({ status: 'accepted', providerStatus: 'queued' });
    expect(outcome.status === 'accepted' && outcome.providerId).toMatch(/^SM[0-9a-f]{32}$/);
    const request = loopback.requests[0]!;
    expect(request.path).toBe(`/2010-04-01/Accounts/${CREDENTIALS.accountSid}/Messages.json`);
    expect(request.headers.authorization).toBe(`Basic ${Buffer.from(`${CREDENTIALS.accountSid}:${CREDENTIALS.authToken}`).toString('base64')}`);
    expect(request.form).toEqual({ To: `whatsapp:${AICHA}`, From: 'whatsapp:+2290190000000', Body: 'Bonjour Aïcha, votre boubou est prêt.', StatusCallback: 'https://styliste.example/api/webhooks/twilio' });
  });

  it('sends an approved template: ContentSid, and ContentVariables arriving as a JSON string', async () => {
    const whatsapp = new TwilioWhatsApp(settings);
    const outcome = await whatsapp.send({ to: AICHA, template: { contentSid: 'HX0123456789abcdef0123456789abcdef', variables: { 1: 'Aïcha', 2: 'A-42' } } });
    expect(outcome.status).toBe('accepted');
    const form = loopback.requests[0]!.form!;
    expect(form.ContentSid).toBe('HX0123456789abcdef0123456789abcdef');
    expect(form.Body).toBeUndefined();
    expect(typeof form.ContentVariables).toBe('string');
    expect(JSON.parse(form.ContentVariables!)).toEqual({ 1: 'Aïcha', 2: 'A-42' });
  });

  it('calls an invalid number or the closed 24-hour window permanent, a 500 or rate limit transient', async () => {
    const whatsapp = new TwilioWhatsApp(settings);
    loopback.refuse.set(`whatsapp:${AICHA}`, 21211);
    expect(await whatsapp.send({ to: AICHA, text: 'x' })).toMatchObject({ status: 'failed', code: 'invalid_number', permanent: true, detail: expect.stringContaining('Twilio 21211') });
    loopback.refuse.set(`whatsapp:${AICHA}`, 63016);
    expect(await whatsapp.send({ to: AICHA, text: 'x' })).toMatchObject({ status: 'failed', code: 'outside_whatsapp_window', permanent: true, reason: expect.stringContaining('modèle approuvé') });
    loopback.refuse.set(`whatsapp:${AICHA}`, 63018);
    expect(await whatsapp.send({ to: AICHA, text: 'x' })).toMatchObject({ status: 'failed', code: 'rate_limited', permanent: false });
    loopback.refuse.clear();
    loopback.mode = 'error500';
    expect(await whatsapp.send({ to: AICHA, text: 'x' })).toMatchObject({ status: 'failed', code: 'provider_unavailable', permanent: false });
    loopback.mode = 'normal';
    const wrongToken = new TwilioWhatsApp({ ...settings, authToken: 'not-the-token' });
    expect(await wrongToken.send({ to: AICHA, text: 'x' })).toMatchObject({ status: 'failed', code: 'provider_credentials', permanent: false });
  });

  it('calls a slow provider and a closed port transient', async () => {
    loopback.mode = 'slow';
    loopback.slowMs = 3_000;
    const started = Date.now();
    expect(await new TwilioWhatsApp(settings, { timeoutMs: 300 }).send({ to: AICHA, text: 'x' })).toMatchObject({ status: 'failed', code: 'timeout', permanent: false });
    expect(Date.now() - started).toBeLessThan(2_000);
    const closed = await startLoopbackHttp(() => undefined);
    const closedUrl = closed.url;
    await closed.close();
    expect(await new TwilioWhatsApp({ ...settings, baseUrl: closedUrl }).send({ to: AICHA, text: 'x' })).toMatchObject({ status: 'failed', code: 'network', permanent: false });
  });

  it('rewrites only the scheme and host of the SDK’s addresses', () => {
    const client = new RedirectingRequestClient('http://127.0.0.1:9999/twilio/');
    expect(client.redirect('https://api.twilio.com/2010-04-01/Accounts/AC1/Messages.json?PageSize=5')).toBe('http://127.0.0.1:9999/twilio/2010-04-01/Accounts/AC1/Messages.json?PageSize=5');
  });
});

describe('Twilio webhooks', () => {
  it('accepts a status callback signed like Twilio signs it, refuses a forged or altered one, and reads it', async () => {
    const whatsapp = new TwilioWhatsApp(settings);
    const receiver = await startLoopbackHttp((_req, res) => sendText(res, 200, ''));
    try {
      const url = `${receiver.url}/api/webhooks/twilio`;
      const fields = { MessageSid: 'SM0123456789abcdef0123456789abcdef', MessageStatus: 'undelivered', ErrorCode: '63016', To: `whatsapp:${AICHA}`, AccountSid: CREDENTIALS.accountSid };
      await sendStatusCallback(url, CREDENTIALS.authToken, fields);
      const arrived = receiver.requests[0]!;
      const signature = arrived.headers['x-twilio-signature'];
      expect(signature).toBe(twilio.getExpectedTwilioSignature(CREDENTIALS.authToken, url, fields));
      expect(whatsapp.validateWebhook(url, arrived.form!, signature)).toBe(true);
      expect(whatsapp.validateWebhook(url, { ...arrived.form!, MessageStatus: 'delivered' }, signature)).toBe(false);
      expect(whatsapp.validateWebhook(`${url}?x=1`, arrived.form!, signature)).toBe(false);
      expect(whatsapp.validateWebhook(url, arrived.form!, twilio.getExpectedTwilioSignature('another-token', url, fields))).toBe(false);
      expect(whatsapp.validateWebhook(url, arrived.form!, undefined)).toBe(false);
      expect(whatsapp.validateWebhook('not a url', arrived.form!, signature)).toBe(false);
      expect(parseTwilioStatusCallback(arrived.form)).toMatchObject({
        provider: 'twilio',
        providerId: fields.MessageSid,
        state: 'failed',
        phoneNumber: AICHA,
        failure: { code: 'outside_whatsapp_window', permanent: true },
      });
    } finally {
      await receiver.close();
    }
  });

  it('reads delivered, read and on-the-way statuses, and refuses unreadable forms', () => {
    const sid = 'SM0123456789abcdef0123456789abcdef';
    expect(parseTwilioStatusCallback({ MessageSid: sid, MessageStatus: 'read' })).toMatchObject({ state: 'delivered', failure: null });
    expect(parseTwilioStatusCallback({ MessageSid: sid, MessageStatus: 'delivered', ErrorCode: '' })).toMatchObject({ state: 'delivered' });
    expect(parseTwilioStatusCallback({ MessageSid: sid, MessageStatus: 'sent' })).toMatchObject({ state: 'sent' });
    expect(parseTwilioStatusCallback({ MessageSid: sid, MessageStatus: 'failed', ErrorCode: '30003' })).toMatchObject({ state: 'failed', failure: { code: 'unreachable', permanent: false } });
    expect(parseTwilioStatusCallback({ MessageSid: 'nope', MessageStatus: 'sent' })).toBeNull();
    expect(parseTwilioStatusCallback({ MessageSid: sid })).toBeNull();
  });
});
