/**
 * SMS through the official Africa's Talking SDK against a loopback server that speaks its wire
 * format (form post with the apiKey header, 201 with per-recipient results).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startAfricasTalkingLoopback, sendDeliveryReport, type AfricasTalkingLoopback } from '../testing/africasTalkingLoopback.js';
import { startLoopbackHttp, sendText } from '../testing/loopbackHttp.js';
import { AfricasTalkingSms } from './africasTalking.js';
import { parseAfricasTalkingReport } from './deliveryReport.js';
import type { AfricasTalkingSettings } from '../settings.js';

const CREDENTIALS = { username: 'atelier-test', apiKey: 'at-loopback-key' };
const AICHA = '+2290197000001';
const WRONG = '+2290197000002';
const BLOCKED = '+2290197000003';

let loopback: AfricasTalkingLoopback;
let settings: AfricasTalkingSettings;

beforeAll(async () => {
  loopback = await startAfricasTalkingLoopback(CREDENTIALS);
  settings = { ...CREDENTIALS, senderId: 'STYLISTE', webhookToken: 'webhook-token-0123456789', baseUrl: loopback.url };
});

afterAll(async () => {
  await loopback?.close();
});

beforeEach(() => {
  loopback.mode = 'normal';
  loopback.recipientStatus.clear();
  loopback.requests.length = 0;
  loopback.sent.length = 0;
});

describe('Africa’s Talking SMS', () => {
  it('sends through the SDK to the base URL and returns the provider id and cost', async () => {
    const sms = new AfricasTalkingSms(settings);
    const outcome = await sms.send({ to: AICHA, text: 'Aïcha, votre tenue est prête : A-42', reference: 'msg-1' });
    expect(outcome).toMatchObject({ status: 'accepted', providerStatus: 'Success', cost: { currency: 'XOF', amount: 20 } });
    expect(outcome.status === 'accepted' && outcome.providerId).toBe(loopback.sent[0]!.messageId);
    const request = loopback.requests[0]!;
    expect(request.path).toBe('/version1/messaging');
    expect(request.headers.apikey).toBe(CREDENTIALS.apiKey);
    expect(request.form).toMatchObject({ username: CREDENTIALS.username, to: AICHA, message: 'Aïcha, votre tenue est prête : A-42', from: 'STYLISTE' });
  });

  it('maps each recipient’s failure: invalid number and blacklist are permanent, the account’s balance is not', async () => {
    const sms = new AfricasTalkingSms(settings);
    loopback.recipientStatus.set(WRONG, 'InvalidPhoneNumber');
    loopback.recipientStatus.set(BLOCKED, 'UserInBlacklist');
    const [wrong, ok, blocked] = await sms.sendToMany([WRONG, AICHA, BLOCKED], 'Essayage demain à 10 h');
    expect(wrong).toMatchObject({ status: 'failed', code: 'invalid_number', permanent: true, reason: 'Numéro invalide : le fournisseur ne peut pas le joindre.' });
    expect(ok).toMatchObject({ status: 'accepted' });
    expect(blocked).toMatchObject({ status: 'failed', code: 'blacklisted', permanent: true });
    expect(loopback.requests).toHaveLength(1);
    expect(loopback.requests[0]!.form!.to).toBe([WRONG, AICHA, BLOCKED].join(','));

    loopback.recipientStatus.set(AICHA, 'InsufficientBalance');
    expect(await sms.send({ to: AICHA, text: 'x' })).toMatchObject({ status: 'failed', code: 'provider_balance', permanent: false });
  });

  it('calls a 500 and a refused key transient, and a number the SDK itself refuses permanent (no request)', async () => {
    const sms = new AfricasTalkingSms(settings);
    loopback.mode = 'error500';
    expect(await sms.send({ to: AICHA, text: 'x' })).toMatchObject({ status: 'failed', code: 'provider_unavailable', permanent: false, reason: expect.stringContaining('erreur 500') });
    loopback.mode = 'normal';
    const badKey = new AfricasTalkingSms({ ...settings, apiKey: 'not-the-key' });
    expect(await badKey.send({ to: AICHA, text: 'x' })).toMatchObject({ status: 'failed', code: 'provider_credentials', permanent: false });
    const before = loopback.requests.length;
    expect(await sms.send({ to: '12', text: 'x' })).toMatchObject({ status: 'failed', code: 'invalid_number', permanent: true });
    expect(loopback.requests).toHaveLength(before);
    // One bad number in a batch: the SDK refuses the whole request; the others still go.
    const [bad, good] = await sms.sendToMany(['+2291', AICHA], 'x');
    expect(bad).toMatchObject({ status: 'failed', code: 'invalid_number', permanent: true });
    expect(good).toMatchObject({ status: 'accepted' });
    expect(loopback.requests.at(-1)!.form!.to).toBe(AICHA);
  });

  it('stops waiting for a slow provider and calls it a transient timeout', async () => {
    const sms = new AfricasTalkingSms(settings, { timeoutMs: 300 });
    loopback.mode = 'slow';
    loopback.slowMs = 3_000;
    const started = Date.now();
    const outcome = await sms.send({ to: AICHA, text: 'x' });
    expect(outcome).toMatchObject({ status: 'failed', code: 'timeout', permanent: false });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('sends each client to its own address although the SDK’s address is global', async () => {
    const other = await startAfricasTalkingLoopback(CREDENTIALS);
    try {
      const here = new AfricasTalkingSms(settings);
      const there = new AfricasTalkingSms({ ...settings, baseUrl: other.url });
      const outcomes = await Promise.all([here.send({ to: AICHA, text: 'un' }), there.send({ to: AICHA, text: 'deux' }), here.send({ to: AICHA, text: 'trois' })]);
      expect(outcomes.map((o) => o.status)).toEqual(['accepted', 'accepted', 'accepted']);
      expect(loopback.sent.map((m) => m.message).sort()).toEqual(['trois', 'un']);
      expect(other.sent.map((m) => m.message)).toEqual(['deux']);
    } finally {
      await other.close();
    }
  });

  it('accepts only its own webhook token', () => {
    const sms = new AfricasTalkingSms(settings);
    expect(sms.acceptsWebhookToken('webhook-token-0123456789')).toBe(true);
    expect(sms.acceptsWebhookToken('webhook-token-012345678')).toBe(false);
    expect(sms.acceptsWebhookToken(undefined)).toBe(false);
    expect(sms.acceptsWebhookToken(['webhook-token-0123456789'])).toBe(false);
  });
});

describe('Africa’s Talking delivery reports', () => {
  it('reads the form Africa’s Talking posts', async () => {
    const receiver = await startLoopbackHttp((_req, res) => sendText(res, 200, 'OK'));
    try {
      await sendDeliveryReport(`${receiver.url}/api/webhooks/africastalking?token=t`, { id: 'ATXid_1', status: 'Success', phoneNumber: AICHA, retryCount: 0 });
      await sendDeliveryReport(`${receiver.url}/api/webhooks/africastalking?token=t`, { id: 'ATXid_2', status: 'Failed', phoneNumber: AICHA, failureReason: 'UserInBlacklist', retryCount: 2 });
      const [delivered, blacklisted] = receiver.requests.map((r) => parseAfricasTalkingReport(r.form));
      expect(delivered).toEqual({ provider: 'africastalking', providerId: 'ATXid_1', state: 'delivered', providerStatus: 'Success', failure: null, phoneNumber: AICHA, networkCode: '62001', retryCount: 0 });
      expect(blacklisted).toMatchObject({ providerId: 'ATXid_2', state: 'failed', retryCount: 2, failure: { code: 'blacklisted', permanent: true } });
    } finally {
      await receiver.close();
    }
  });

  it('tells on-the-way, unreachable and unreadable reports apart', () => {
    expect(parseAfricasTalkingReport({ id: 'a', status: 'Buffered' })).toMatchObject({ state: 'sent', failure: null });
    expect(parseAfricasTalkingReport({ id: 'a', status: 'AbsentSubscriber' })).toMatchObject({ state: 'failed', failure: { code: 'unreachable', permanent: false } });
    expect(parseAfricasTalkingReport({ id: 'a', status: 'Failed', failureReason: 'DeliveryFailure' })).toMatchObject({ state: 'failed', failure: { code: 'undelivered', permanent: false } });
    expect(parseAfricasTalkingReport({ id: 'a', status: 'Rejected' })).toMatchObject({ state: 'failed', failure: { code: 'rejected', permanent: true } });
    // The documented spellings, whatever their case.
    expect(parseAfricasTalkingReport({ id: 'a', status: 'Failed', failureReason: 'UserInBlackList' })).toMatchObject({ failure: { code: 'blacklisted', permanent: true } });
    expect(parseAfricasTalkingReport({ id: 'a', status: 'Rejected', failureReason: 'NotNetworkSubcriber' })).toMatchObject({ failure: { code: 'invalid_number', permanent: true } });
    expect(parseAfricasTalkingReport({ status: 'Success' })).toBeNull();
    expect(parseAfricasTalkingReport({ id: 'a', status: 'Success', retryCount: 'many' })).toBeNull();
    expect(parseAfricasTalkingReport('id=a')).toBeNull();
  });
});
