/**
 * The webhooks' proofs and hostile bodies: a forged, missing or repeated-in-the-query token; a
 * signature made with another auth token, over other fields, for another address (a wrong
 * PUBLIC_URL) or without one; a server with no provider configured. Then bodies no provider
 * sends: NUL, bad UTF-8, 2,000-character and 1 MB bodies, a gzip bomb, 10,000 brackets, too many
 * fields, `__proto__`, JSON and other content types. Every answer is a 4xx in the contract's
 * shape (never a 5xx), and nothing is written: the message and the workshop's head stay as they were.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import twilio from 'twilio';
import { createFixtureWorkshop, type FixtureWorkshop } from '../../testing/fixtures.js';
import { startTestServer, type TestServer } from '../../testing/testServer.js';
import {
  AT, PUBLIC_URL, TWILIO, grantCredits, headOf, postAtReport, postTwilio, readMessage, sendMessage, startWebhookServer, twilioInboundFields,
  twilioStatusFields, type SentMessage, type WebhookServer,
} from './webhooksTesting.js';
import { MAX_FORM_FIELDS } from './formBody.js';

let server: WebhookServer;
let shop: FixtureWorkshop;
let smsMessage: SentMessage;
let waMessage: SentMessage;

beforeAll(async () => {
  server = await startWebhookServer();
  shop = await createFixtureWorkshop(server.ctx, 'Atelier Gardé');
  await grantCredits(server.ctx, shop.workshopId, 10);
  smsMessage = await sendMessage(server.ctx, shop.workshopId, { channel: 'sms', to: '+2290197300001' });
  waMessage = await sendMessage(server.ctx, shop.workshopId, { channel: 'whatsapp', to: '+2290197300002' });
});

afterAll(async () => {
  await server?.close();
});

interface Answer {
  status: number;
  code: string | undefined;
  text: string;
}

async function answer(response: Response): Promise<Answer> {
  const text = await response.text();
  let code: string | undefined;
  try {
    code = (JSON.parse(text) as { error?: { code?: string } }).error?.code;
  } catch {
    code = undefined;
  }
  return { status: response.status, code, text };
}

/** Nothing written: both messages still `sent`, the workshop's head where it was, no inbound window. */
async function expectNothingWritten(head: number, what: string): Promise<void> {
  expect(await headOf(server.ctx, shop.workshopId), what).toBe(head);
  expect((await readMessage(server.ctx, shop.workshopId, smsMessage.messageId)).status, what).toBe('sent');
  expect((await readMessage(server.ctx, shop.workshopId, waMessage.messageId)).status, what).toBe('sent');
}

function expectRefused(a: Answer, status: number, code: string, what: string): void {
  expect(a.status, `${what}: ${a.text.slice(0, 200)}`).toBe(status);
  expect(a.code, what).toBe(code);
  expect(a.text, what).not.toMatch(/\bat .+\.(ts|js):\d+/);
}

const delivered = () => ({ id: smsMessage.providerId, status: 'Success', phoneNumber: smsMessage.to });

describe("Africa's Talking's token", () => {
  it('missing → 401, forged, near, doubled or oversized → 403, with a NUL → 400; nothing written', async () => {
    const head = await headOf(server.ctx, shop.workshopId);
    expectRefused(await answer(await postAtReport(server, delivered(), null)), 401, 'missing_token', 'no token');
    expectRefused(await answer(await postAtReport(server, delivered(), '')), 401, 'missing_token', 'empty token');
    for (const forged of ['forged-token-0123456789', AT.webhookToken.toUpperCase(), `${AT.webhookToken} `, AT.webhookToken.slice(0, -1), `${AT.webhookToken}x`, 'x'.repeat(5_000)]) {
      expectRefused(await answer(await postAtReport(server, delivered(), forged)), 403, 'bad_token', `token ${forged.slice(0, 20)}`);
    }
    // The right token twice in the query is a list, not the token.
    const doubled = await fetch(`${server.url}/api/webhooks/africastalking?token=${AT.webhookToken}&token=${AT.webhookToken}`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(delivered()).toString(),
    });
    expectRefused(await answer(doubled), 403, 'bad_token', 'doubled token');
    expect((await answer(await postAtReport(server, delivered(), `${AT.webhookToken}\u0000`))).status).toBe(400);
    // The token in the body or a header is not the token in the address.
    const inBody = await postAtReport(server, { ...delivered(), token: AT.webhookToken }, null);
    expectRefused(await answer(inBody), 401, 'missing_token', 'token in the body');
    await expectNothingWritten(head, 'forged tokens');
  });
});

describe("Twilio's signature", () => {
  const fields = () => twilioStatusFields(waMessage.providerId, 'delivered', waMessage.to);

  it('missing → 401; another auth token, altered fields, another address, an unsigned query → 403; nothing written', async () => {
    const head = await headOf(server.ctx, shop.workshopId);
    expectRefused(await answer(await postTwilio(server, fields(), { signature: null })), 401, 'missing_signature', 'no signature');
    expectRefused(await answer(await postTwilio(server, fields(), { signature: '' })), 401, 'missing_signature', 'empty signature');
    expectRefused(await answer(await postTwilio(server, fields(), { authToken: 'another-auth-token' })), 403, 'bad_signature', 'another token');
    // Signed as delivered, posted as failed with 63016.
    const signature = twilio.getExpectedTwilioSignature(TWILIO.authToken, `${PUBLIC_URL}/api/webhooks/twilio`, fields());
    const altered = { ...fields(), MessageStatus: 'failed', ErrorCode: '63016' };
    expectRefused(await answer(await postTwilio(server, altered, { signature })), 403, 'bad_signature', 'altered fields');
    const extra = { ...fields(), Extra: '1' };
    expectRefused(await answer(await postTwilio(server, extra, { signature })), 403, 'bad_signature', 'a field added');
    // Signed for the address the server listens on, or another host: the server's PUBLIC_URL is the address Twilio was given.
    for (const signedUrl of [`${server.url}/api/webhooks/twilio`, 'https://evil.example/api/webhooks/twilio', `${PUBLIC_URL}/api/webhooks/africastalking`, `http://styliste.example/api/webhooks/twilio`]) {
      expectRefused(await answer(await postTwilio(server, fields(), { signedUrl })), 403, 'bad_signature', `signed for ${signedUrl}`);
    }
    // A query string added after signing.
    expectRefused(await answer(await postTwilio(server, fields(), { path: '/api/webhooks/twilio?retry=1', signedUrl: `${PUBLIC_URL}/api/webhooks/twilio` })), 403, 'bad_signature', 'query added');
    expectRefused(await answer(await postTwilio(server, fields(), { signature: 'not base64 at all \u00e9' })), 403, 'bad_signature', 'garbage signature');
    // A forged incoming message opens no window.
    expectRefused(await answer(await postTwilio(server, twilioInboundFields(waMessage.to, 'Bonjour'), { authToken: 'forged' })), 403, 'bad_signature', 'forged inbound');
    await expectNothingWritten(head, 'forged signatures');
  });

  it('the exact address Twilio called counts, query string included', async () => {
    const m = await sendMessage(server.ctx, shop.workshopId, { channel: 'whatsapp', to: '+2290197300003' });
    const withQuery = '/api/webhooks/twilio?workshop=ignored&x=%C3%A9';
    const reply = await postTwilio(server, twilioStatusFields(m.providerId, 'delivered', m.to), { path: withQuery, signedUrl: `${PUBLIC_URL}${withQuery}` });
    expect(reply.status).toBe(200);
    expect((await readMessage(server.ctx, shop.workshopId, m.messageId)).status).toBe('delivered');
  });
});

describe('a server with no provider configured', () => {
  let bare: TestServer;
  beforeAll(async () => {
    bare = await startTestServer();
  });
  afterAll(async () => {
    await bare?.close();
  });

  it('refuses both webhooks (403 not_configured), even with a token or a signature', async () => {
    expectRefused(await answer(await postAtReport(bare, delivered(), AT.webhookToken)), 403, 'not_configured', 'SMS on the outbox');
    expectRefused(await answer(await postTwilio(bare, twilioStatusFields(waMessage.providerId, 'delivered', waMessage.to))), 403, 'not_configured', 'WhatsApp on the outbox');
  });
});

describe('hostile bodies', () => {
  const atUrl = () => `${server.url}/api/webhooks/africastalking?token=${AT.webhookToken}`;
  const post = (body: string | Uint8Array<ArrayBuffer>, headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' }) =>
    fetch(atUrl(), { method: 'POST', headers, body }).then(answer);
  const form = (extra: string) => `${new URLSearchParams(delivered()).toString()}&${extra}`;

  it('are refused with a 4xx in the contract’s shape, quickly, and write nothing', async () => {
    const head = await headOf(server.ctx, shop.workshopId);
    const cases: Array<[string, Promise<Answer>, number, string?]> = [
      ['NUL in a value', post(form('failureReason=a%00b')), 400, 'invalid_text'],
      ['NUL in the id', post(`id=${encodeURIComponent(smsMessage.providerId)}%00&status=Success`), 400, 'invalid_text'],
      ['NUL in a key', post(form('a%00b=1')), 400, 'invalid_text'],
      ['raw NUL', post(form('x=\u0000')), 400, 'invalid_text'],
      ['__proto__', post(form('__proto__=x')), 400, 'invalid_json'],
      ['too many fields', post(form(Array.from({ length: MAX_FORM_FIELDS }, (_, i) => `f${i}=1`).join('&'))), 413, 'too_many_fields'],
      ['1 MB', post(form(`pad=${'x'.repeat(1024 * 1024)}`)), 413, 'payload_too_large'],
      ['65 KB', post(form(`pad=${'x'.repeat(65 * 1024)}`)), 413, 'payload_too_large'],
      ['gzip bomb', post(new Uint8Array(gzipSync(Buffer.from(form(`pad=${'0'.repeat(20 * 1024 * 1024)}`)))), { 'content-type': 'application/x-www-form-urlencoded', 'content-encoding': 'gzip' }), 413, 'payload_too_large'],
      ['JSON', post(JSON.stringify(delivered()), { 'content-type': 'application/json' }), 415, 'unsupported_media_type'],
      ['JSON with a lone surrogate', post('{"id":"\\ud800","status":"Success"}', { 'content-type': 'application/json' }), 400, 'invalid_text'],
      ['deep JSON', post('['.repeat(100_000) + ']'.repeat(100_000), { 'content-type': 'application/json' }), 400],
      ['text/plain', post(new URLSearchParams(delivered()).toString(), { 'content-type': 'text/plain' }), 415, 'unsupported_media_type'],
      ['multipart', post('--x\r\nContent-Disposition: form-data; name="id"\r\n\r\n1\r\n--x--', { 'content-type': 'multipart/form-data; boundary=x' }), 415, 'unsupported_media_type'],
      ['no body', post('', {}), 415, 'unsupported_media_type'],
      ['unknown charset', post(new URLSearchParams(delivered()).toString(), { 'content-type': 'application/x-www-form-urlencoded; charset=klingon' }), 415, 'unsupported_encoding'],
      ['the id twice', post(form(`id=${smsMessage.providerId}`)), 400, 'invalid_report'],
      ['no status', post(`id=${smsMessage.providerId}`), 400, 'invalid_report'],
      ['2,000-character id', post(`id=${'A'.repeat(2_000)}&status=Success`), 400, 'invalid_report'],
      ['an absurd retryCount', post(form('retryCount=-1e99')), 400, 'invalid_report'],
    ];
    for (const [what, pending, status, code] of cases) {
      const started = Date.now();
      const a = await pending;
      expect(a.status, `${what}: ${a.text.slice(0, 200)}`).toBe(status);
      if (code) expect(a.code, what).toBe(code);
      expect(() => JSON.parse(a.text), `${what}: JSON error`).not.toThrow();
      expect(Date.now() - started, `${what}: quick`).toBeLessThan(5_000);
    }
    await expectNothingWritten(head, 'hostile bodies');
  });

  it('bad UTF-8, 10,000 brackets and 2,000-character fields never give a 5xx', async () => {
    const head = await headOf(server.ctx, shop.workshopId);
    const bodies = [
      form('failureReason=%ED%A0%80'), // a lone surrogate as CESU-8 bytes: decoded as U+FFFD
      form('failureReason=%FF%FE%C3'),
      Buffer.concat([Buffer.from(form('failureReason=')), Buffer.from([0xed, 0xa0, 0x80, 0xff])]),
      form(`${'['.repeat(10_000)}a${']'.repeat(10_000)}=1`),
      form(`a${'[b]'.repeat(5_000)}=1`),
      form(`phoneNumber2=${'é'.repeat(2_000)}`),
      `id=${encodeURIComponent(smsMessage.providerId)}&status=${'S'.repeat(2_000)}`,
      form('status=%uD800'),
    ];
    for (const body of bodies) {
      const a = await post(typeof body === 'string' ? body : new Uint8Array(body));
      expect(a.status, `${String(body).slice(0, 60)}: ${a.text.slice(0, 200)}`).toBeLessThan(500);
    }
    // Two of them were readable reports of the SMS (Success, extra fields ignored): delivered is all they could write.
    const stored = await readMessage(server.ctx, shop.workshopId, smsMessage.messageId);
    expect(['sent', 'delivered']).toContain(stored.status);
    expect(stored.failureReason).toBeNull();
    expect(await headOf(server.ctx, shop.workshopId)).toBeLessThanOrEqual(head + 1);
  });

  it('Twilio’s route refuses the same bodies before or at its signature', async () => {
    const url = `${server.url}/api/webhooks/twilio`;
    for (const [body, type, status] of [
      ['MessageSid=SM1%00', 'application/x-www-form-urlencoded', 400],
      [JSON.stringify({ MessageSid: waMessage.providerId }), 'application/json', 415],
      [`Body=${'x'.repeat(1024 * 1024)}`, 'application/x-www-form-urlencoded', 413],
      ['__proto__=1', 'application/x-www-form-urlencoded', 400],
    ] as const) {
      const a = await answer(await fetch(url, { method: 'POST', headers: { 'content-type': type, 'x-twilio-signature': 'x' }, body }));
      expect(a.status, `${body.slice(0, 40)}: ${a.text.slice(0, 200)}`).toBe(status);
    }
    // Signed by Twilio but not a report nor a WhatsApp message (an SMS from a plain number): 400, nothing written.
    const head = await headOf(server.ctx, shop.workshopId);
    const sms = { ...twilioInboundFields('+2290197300009', 'Bonjour'), From: '+2290197300009' };
    expect((await answer(await postTwilio(server, sms))).code).toBe('invalid_report');
    expect(await headOf(server.ctx, shop.workshopId)).toBe(head);
  });
});
