/**
 * Test support for the webhooks: a test server whose SMS and WhatsApp providers are the official
 * SDKs pointed at the loopback servers (cloud/providers/testing), messages sent through them and
 * recorded `sent` with the provider's id the way the dispatcher records them (ServerWriter), and
 * the providers' posts: Africa's Talking's form with ?token=, Twilio's form signed by the SDK's
 * own `getExpectedTwilioSignature`.
 */
import { sql } from 'drizzle-orm';
import twilio from 'twilio';
import { startTestServer, type TestServer } from '../../testing/testServer.js';
import { startAfricasTalkingLoopback, type AfricasTalkingLoopback } from '../../providers/testing/africasTalkingLoopback.js';
import { startTwilioLoopback, type TwilioLoopback } from '../../providers/testing/twilioLoopback.js';
import { rows } from '../../db/client.js';
import type { CloudContext } from '../../context.js';
import { addCredits, creditBalance, reserveCredits } from '../credits.js';
import { newId } from '../../../shared/domain/ids.js';
import type { MessageChannel, MessageStatus } from '../../../shared/messaging/messageOptions.js';

export const AT = { username: 'sandbox', apiKey: 'at-loopback-api-key', webhookToken: 'at-webhook-token-0123456789abcdef' };
export const TWILIO = { accountSid: 'AC0123456789abcdef0123456789abcdef', authToken: 'twilio-loopback-auth-token', from: 'whatsapp:+2290190000000' };
/** Where Twilio and Africa's Talking believe the server is (behind a proxy: not the test server's own address). */
export const PUBLIC_URL = 'https://styliste.example';

export interface WebhookServer extends TestServer {
  at: AfricasTalkingLoopback;
  twilio: TwilioLoopback;
}

export async function startWebhookServer(env: Record<string, string> = {}, overrides: Partial<CloudContext> = {}): Promise<WebhookServer> {
  const at = await startAfricasTalkingLoopback(AT);
  const tw = await startTwilioLoopback({ accountSid: TWILIO.accountSid, authToken: TWILIO.authToken });
  const server = await startTestServer({
    PUBLIC_URL,
    AFRICASTALKING_USERNAME: AT.username,
    AFRICASTALKING_API_KEY: AT.apiKey,
    AFRICASTALKING_WEBHOOK_TOKEN: AT.webhookToken,
    AFRICASTALKING_BASE_URL: at.url,
    TWILIO_ACCOUNT_SID: TWILIO.accountSid,
    TWILIO_AUTH_TOKEN: TWILIO.authToken,
    TWILIO_WHATSAPP_FROM: TWILIO.from,
    TWILIO_BASE_URL: tw.url,
    ...env,
  }, overrides);
  return {
    ...server,
    at,
    twilio: tw,
    async close() {
      await server.close();
      await at.close();
      await tw.close();
    },
  };
}

export interface SentMessage {
  messageId: string;
  clientId: string;
  providerId: string;
  to: string;
}

/** A client with `phone` (server-written), or reuses `clientId`. */
export async function createClient(ctx: CloudContext, workshopId: string, phone: string, name = 'Aïcha Dossou'): Promise<string> {
  const clientId = newId();
  await ctx.db.withWorkshop(workshopId, (tx) =>
    ctx.services.serverWrites.inWorkshop(tx, workshopId, (writes) =>
      writes.write('clients', clientId, { name, phone, whatsapp: phone, email: null, gender: null, notes: null, preferredChannel: null, createdAt: ctx.now().toISOString(), deletedAt: null }),
    ),
  );
  return clientId;
}

/** Credits for a workshop (a grant, as the trial's). */
export async function grantCredits(ctx: CloudContext, workshopId: string, amount: number): Promise<void> {
  await ctx.db.withWorkshop(workshopId, (tx) => addCredits(tx, workshopId, 'grant', amount, 'test'));
}

export async function balanceOf(ctx: CloudContext, workshopId: string): Promise<number> {
  return ctx.db.withWorkshop(workshopId, (tx) => creditBalance(tx, workshopId));
}

/**
 * A message sent the way the dispatcher sends one: queued, its credits reserved, sent through the
 * provider's SDK to the loopback, then recorded `sent` with the provider's id (ServerWriter).
 */
export async function sendMessage(
  ctx: CloudContext,
  workshopId: string,
  options: { channel: Extract<MessageChannel, 'sms' | 'whatsapp'>; to: string; clientId?: string; credits?: number; body?: string },
): Promise<SentMessage> {
  const clientId = options.clientId ?? (await createClient(ctx, workshopId, options.to));
  const messageId = newId();
  const body = options.body ?? 'Bonjour Aïcha, votre boubou est prêt.';
  const credits = options.credits ?? 1;
  const writeMessage = (fields: Record<string, unknown>) =>
    ctx.db.withWorkshop(workshopId, (tx) => ctx.services.serverWrites.inWorkshop(tx, workshopId, (writes) => writes.write('messages', messageId, fields)));
  await writeMessage({
    clientId, orderId: null, channel: options.channel, to: options.to, body, kind: 'order_ready', status: 'queued',
    createdAt: ctx.now().toISOString(), createdBy: null, deletedAt: null,
    providerId: null, segments: null, credits: null, sentAt: null, deliveredAt: null, failureReason: null,
  });
  const reserved = await ctx.db.withWorkshop(workshopId, (tx) => reserveCredits(tx, workshopId, messageId, credits));
  if (!reserved.reserved) throw new Error('test workshop has no credits left');
  const { sms, whatsapp } = ctx.services.providers;
  const outcome = options.channel === 'sms'
    ? await sms.send({ to: options.to, text: body, reference: messageId })
    : await whatsapp.send({ to: options.to, text: body, reference: messageId, statusCallback: `${PUBLIC_URL}/api/webhooks/twilio` });
  if (outcome.status !== 'accepted') throw new Error(`loopback did not accept the message: ${outcome.status}`);
  await writeMessage({ status: 'sending' });
  await writeMessage({ status: 'sent', providerId: outcome.providerId, segments: 1, credits, sentAt: ctx.now().toISOString() });
  return { messageId, clientId, providerId: outcome.providerId, to: options.to };
}

/** Sets a message's status as the hub would (to build a message already delivered or failed). */
export async function setStatus(ctx: CloudContext, workshopId: string, messageId: string, status: MessageStatus): Promise<void> {
  await ctx.db.withWorkshop(workshopId, (tx) => ctx.services.serverWrites.inWorkshop(tx, workshopId, (writes) => writes.write('messages', messageId, { status })));
}

export interface StoredMessage {
  status: string;
  providerId: string | null;
  sentAt: string | null;
  deliveredAt: string | null;
  failureReason: string | null;
  lastSeq: number;
}

export async function readMessage(ctx: CloudContext, workshopId: string, messageId: string): Promise<StoredMessage> {
  const [row] = await ctx.db.withWorkshop(workshopId, (tx) =>
    rows<{ status: string; provider_id: string | null; sent_at: string | null; delivered_at: string | null; failure_reason: string | null; last_seq: string | number }>(
      tx,
      sql`SELECT status, provider_id, sent_at, delivered_at, failure_reason, last_seq FROM messages WHERE id = ${messageId}`,
    ),
  );
  if (!row) throw new Error(`no message ${messageId} in ${workshopId}`);
  return { status: row.status, providerId: row.provider_id, sentAt: row.sent_at, deliveredAt: row.delivered_at, failureReason: row.failure_reason, lastSeq: Number(row.last_seq) };
}

/** The change-log entries of one row. */
export async function changesOf(ctx: CloudContext, workshopId: string, rowId: string): Promise<Array<{ seq: number; fields: Record<string, unknown> }>> {
  const found = await ctx.db.withWorkshop(workshopId, (tx) =>
    rows<{ seq: string | number; fields: unknown }>(tx, sql`SELECT seq, fields FROM change_log WHERE workshop_id = ${workshopId} AND row_id = ${rowId} ORDER BY seq`),
  );
  return found.map((r) => ({ seq: Number(r.seq), fields: (typeof r.fields === 'string' ? JSON.parse(r.fields) : r.fields) as Record<string, unknown> }));
}

/** The workshop's head: its last change-log sequence. */
export async function headOf(ctx: CloudContext, workshopId: string): Promise<number> {
  const [row] = await ctx.db.system((tx) => rows<{ last_seq: string | number }>(tx, sql`SELECT last_seq FROM workshop_sync WHERE workshop_id = ${workshopId}`));
  return Number(row?.last_seq ?? 0);
}

export async function refundsOf(ctx: CloudContext, workshopId: string, messageId: string): Promise<number> {
  const [row] = await ctx.db.withWorkshop(workshopId, (tx) =>
    rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM credit_ledger WHERE message_id = ${messageId} AND kind = 'refund'`),
  );
  return row?.n ?? 0;
}

/** Posts Africa's Talking's delivery report form to the server, with `token` in the address. */
export async function postAtReport(server: TestServer, fields: Record<string, string>, token: string | null = AT.webhookToken): Promise<Response> {
  const url = `${server.url}/api/webhooks/africastalking${token === null ? '' : `?token=${encodeURIComponent(token)}`}`;
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
}

/**
 * Posts a Twilio webhook form to the server, signed by the SDK for `signedUrl` (by default the
 * address Twilio was given: PUBLIC_URL + the path) with `authToken`.
 */
export async function postTwilio(
  server: TestServer,
  fields: Record<string, string>,
  options: { signedUrl?: string; authToken?: string; signature?: string | null; path?: string } = {},
): Promise<Response> {
  const path = options.path ?? '/api/webhooks/twilio';
  const signature = options.signature === undefined ? twilio.getExpectedTwilioSignature(options.authToken ?? TWILIO.authToken, options.signedUrl ?? `${PUBLIC_URL}${path}`, fields) : options.signature;
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (signature !== null) headers['x-twilio-signature'] = signature;
  return fetch(`${server.url}${path}`, { method: 'POST', headers, body: new URLSearchParams(fields).toString() });
}

/** A status callback's fields as Twilio posts them for a WhatsApp message. */
export function twilioStatusFields(sid: string, status: string, to: string, errorCode?: string): Record<string, string> {
  return {
    AccountSid: TWILIO.accountSid, ApiVersion: '2010-04-01', ChannelToAddress: to, From: TWILIO.from, MessageSid: sid, MessageStatus: status,
    SmsSid: sid, SmsStatus: status, To: `whatsapp:${to}`, ...(errorCode ? { ErrorCode: errorCode, ErrorMessage: 'Twilio error' } : {}),
  };
}

/** An incoming WhatsApp message's fields, as Twilio posts them. */
export function twilioInboundFields(from: string, body: string): Record<string, string> {
  const sid = `SM${newId().replace(/-/g, '')}`;
  return {
    AccountSid: TWILIO.accountSid, ApiVersion: '2010-04-01', Body: body, From: `whatsapp:${from}`, MessageSid: sid, MessageType: 'text',
    NumMedia: '0', NumSegments: '1', ProfileName: 'Aïcha', ReferralNumMedia: '0', SmsMessageSid: sid, SmsSid: sid, SmsStatus: 'received',
    To: TWILIO.from, WaId: from.replace('+', ''),
  };
}
