/**
 * Test support for the dispatcher: a real server whose three message providers are the official
 * SDKs pointed at loopback servers (Africa's Talking, Twilio) and a real SMTP server, with short
 * waits (CloudContext `tuning`); a workshop whose device speaks the sync protocol (RawDevice),
 * pushing its clients and `queued` messages the way the app does; and patient reads of the rows.
 */
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from '../testing/testServer.js';
import { createFixtureWorkshop, type FixtureWorkshop } from '../testing/fixtures.js';
import { RawDevice, clientRow } from '../testing/rawSync.js';
import { startAfricasTalkingLoopback, type AfricasTalkingLoopback } from '../providers/testing/africasTalkingLoopback.js';
import { startTwilioLoopback, type TwilioLoopback } from '../providers/testing/twilioLoopback.js';
import { startSmtpLoopback, type SmtpLoopback } from '../providers/testing/smtpLoopback.js';
import { rows, type CloudDb } from '../db/client.js';
import type { CloudContext, CloudTuning } from '../context.js';
import { addCredits, creditBalance } from './credits.js';
import { newId } from '../../shared/domain/ids.js';
import { newTrackingToken } from '../../shared/messaging/trackingToken.js';
import type { MessageChannel, MessageKind, MessageStatus } from '../../shared/messaging/messageOptions.js';
import type { SyncResponse } from '../../shared/sync/protocol.js';

export const AT = { username: 'atelier-dispatch', apiKey: 'at-dispatch-api-key', senderId: 'STYLISTE', webhookToken: 'at-dispatch-webhook-token-0123' };
export const TWILIO = { accountSid: 'AC0123456789abcdef0123456789abcdef', authToken: 'twilio-dispatch-auth-token', from: 'whatsapp:+2290190000000' };
export const PUBLIC_URL = 'https://styliste.example';
export const CONTENT_SIDS = { order_ready: `HX${'a'.repeat(32)}`, fitting_reminder: `HX${'b'.repeat(32)}` };
export const MAIL_FROM = 'Styliste <messages@styliste.example>';

/**
 * Quick waits: a retry comes 1 s later, a run is given up after 10 s. A provider is waited for
 * 5 s: PGlite runs in the test's own process and blocks its event loop while 50 messages go
 * through it, so a loopback's answer may be read late; at 1 s such answers were taken for
 * timeouts and the messages sent again by their retry (at least once: a timed-out send may have
 * been accepted — dispatch.failures.test.ts shows it with a truly slow provider).
 */
export const QUICK_TUNING: CloudTuning = {
  jobs: { pollIntervalMs: 100, maintenanceIntervalSeconds: 1, poolSize: 3 },
  providers: { timeoutMs: 5_000 },
  messages: { retryLimit: 3, retryDelaySeconds: 1, retryBackoff: false, expireInSeconds: 10, concurrency: 8 },
};

/**
 * The SIGKILL test's instances: a run whose process died is taken back 3 s after it started;
 * every queued message is swept at once.
 */
export const KILLED_TUNING: CloudTuning = {
  jobs: { pollIntervalMs: 100, maintenanceIntervalSeconds: 1, poolSize: 3 },
  providers: { timeoutMs: 5_000 },
  messages: { retryLimit: 3, retryDelaySeconds: 1, retryBackoff: false, expireInSeconds: 3, concurrency: 8, sweepAfterMs: 0, sweepCron: '0 0 1 1 *' },
};

export interface DispatchServer extends TestServer {
  at: AfricasTalkingLoopback;
  twilio: TwilioLoopback;
  smtp: SmtpLoopback;
}

export interface DispatchServerOptions {
  env?: Record<string, string>;
  tuning?: CloudTuning;
  /** Start the server's jobs (the dispatcher runs); default true. */
  startJobs?: boolean;
  /** Another instance: the same database, through its own connection (closed by the caller). */
  db?: CloudDb;
  /** Share these loopbacks instead of starting new ones (two instances, one provider). */
  loopbacks?: Pick<DispatchServer, 'at' | 'twilio' | 'smtp'>;
}

/** The settings of a cloud whose only provider is Africa's Talking, at the loopback `atUrl` (the killed-process fixture, the bench). */
export function smsProviderEnv(atUrl: string): Record<string, string> {
  return {
    PUBLIC_URL,
    AFRICASTALKING_USERNAME: AT.username,
    AFRICASTALKING_API_KEY: AT.apiKey,
    AFRICASTALKING_SENDER_ID: AT.senderId,
    AFRICASTALKING_WEBHOOK_TOKEN: AT.webhookToken,
    AFRICASTALKING_BASE_URL: atUrl,
  };
}

export function providerEnv(loopbacks: Pick<DispatchServer, 'at' | 'twilio' | 'smtp'>): Record<string, string> {
  return {
    ...smsProviderEnv(loopbacks.at.url),
    TWILIO_ACCOUNT_SID: TWILIO.accountSid,
    TWILIO_AUTH_TOKEN: TWILIO.authToken,
    TWILIO_WHATSAPP_FROM: TWILIO.from,
    TWILIO_BASE_URL: loopbacks.twilio.url,
    TWILIO_CONTENT_SIDS: JSON.stringify(CONTENT_SIDS),
    SMTP_URL: loopbacks.smtp.url,
    MAIL_FROM,
  };
}

export async function startLoopbacks(): Promise<Pick<DispatchServer, 'at' | 'twilio' | 'smtp'>> {
  const [at, twilio, smtp] = await Promise.all([
    startAfricasTalkingLoopback(AT),
    startTwilioLoopback({ accountSid: TWILIO.accountSid, authToken: TWILIO.authToken }),
    startSmtpLoopback(),
  ]);
  return { at, twilio, smtp };
}

export async function startDispatchServer(options: DispatchServerOptions = {}): Promise<DispatchServer> {
  const given = options.loopbacks;
  const loopbacks = given ? { at: given.at, twilio: given.twilio, smtp: given.smtp } : await startLoopbacks();
  const server = await startTestServer({ ...providerEnv(loopbacks), ...options.env }, { tuning: options.tuning ?? QUICK_TUNING, ...(options.db ? { db: options.db } : {}) });
  if (options.startJobs ?? true) await server.ctx.services.jobs.start();
  return {
    ...server,
    ...loopbacks,
    async close() {
      await server.ctx.services.jobs.stop(1_000);
      server.ctx.services.providers.email.close();
      await server.close();
      if (!options.loopbacks) await Promise.all([loopbacks.at.close(), loopbacks.twilio.close(), loopbacks.smtp.close()]);
    },
  };
}

let phoneCounter = 0;
/** A Bénin mobile number in E.164, different at each call. */
export const nextPhone = () => `+2290196${String(1_000_000 + (phoneCounter += 1) + (process.pid % 1000) * 1000).slice(-6)}`;

export interface ShopClient {
  clientId: string;
  phone: string;
  email: string;
}

/** A workshop (as signup makes it) with `credits`, and its device, at the head. */
export class Shop {
  private constructor(
    readonly server: TestServer,
    readonly fixture: FixtureWorkshop,
    readonly device: RawDevice,
  ) {}

  static async open(server: TestServer, credits: number, name = 'Atelier Sika'): Promise<Shop> {
    const fixture = await createFixtureWorkshop(server.ctx, name);
    if (credits > 0) await server.ctx.db.withWorkshop(fixture.workshopId, (tx) => addCredits(tx, fixture.workshopId, 'grant', credits, 'test'));
    const device = new RawDevice(server.url, fixture.owner.token);
    await device.sync();
    return new Shop(server, fixture, device);
  }

  get workshopId(): string {
    return this.fixture.workshopId;
  }

  get ctx(): CloudContext {
    return this.server.ctx;
  }

  /** A client pushed by the device, with a phone (also on WhatsApp) and an e-mail address. */
  async client(fields: Record<string, unknown> = {}): Promise<ShopClient> {
    const clientId = newId();
    const phone = nextPhone();
    const email = `client${phoneCounter}@example.bj`;
    const answer = await this.device.sync([this.device.mutation('clients', clientId, { ...clientRow('Aïcha Dossou'), phone, whatsapp: phone, email, ...fields })]);
    if (answer.rejected.length > 0) throw new Error(`client refused: ${JSON.stringify(answer.rejected)}`);
    return { clientId, phone, email };
  }

  /** An order of that client, with a tracking token. */
  async order(clientId: string, fields: Record<string, unknown> = {}): Promise<{ orderId: string; number: string; token: string }> {
    const orderId = newId();
    const token = newTrackingToken();
    const number = `A-${(phoneCounter += 1)}`;
    const at = new Date();
    const row = {
      number, clientId, garmentTypeId: null, description: null, fabricSource: 'client', fabricPagnes: null, fabricPhoto: null, modelPhoto: null, measurements: null,
      price: 25_000, urgency: 'normal', status: 'ready', assignedTo: null, promisedDate: at.toISOString().slice(0, 10), internalNote: null,
      createdAt: at.toISOString(), createdBy: null, deletedAt: null, closedAt: null, trackingToken: token, ...fields,
    };
    const answer = await this.device.sync([this.device.mutation('orders', orderId, row)]);
    if (answer.rejected.length > 0) throw new Error(`order refused: ${JSON.stringify(answer.rejected)}`);
    return { orderId, number, token };
  }

  /** A `queued` message's fields, as the app writes them. */
  messageFields(clientId: string, channel: MessageChannel, to: string, body: string, extra: { kind?: MessageKind; orderId?: string | null } = {}): Record<string, unknown> {
    return {
      clientId, orderId: extra.orderId ?? null, channel, to, body, kind: extra.kind ?? 'custom', status: 'queued',
      createdAt: new Date().toISOString(), createdBy: this.fixture.owner.memberId, deletedAt: null,
    };
  }

  /** Pushes one queued message through sync; its id and the sync's answer. */
  async queue(fields: Record<string, unknown>): Promise<{ messageId: string; answer: SyncResponse }> {
    const messageId = newId();
    const answer = await this.device.sync([this.device.mutation('messages', messageId, fields)]);
    return { messageId, answer };
  }

  async balance(): Promise<number> {
    return this.ctx.db.withWorkshop(this.workshopId, (tx) => creditBalance(tx, this.workshopId));
  }

  async message(messageId: string): Promise<StoredMessage> {
    const [row] = await this.ctx.db.withWorkshop(this.workshopId, (tx) =>
      rows<Record<string, unknown>>(tx, sql`SELECT status, provider_id, segments, credits, sent_at, failure_reason FROM messages WHERE id = ${messageId}`),
    );
    if (!row) throw new Error(`no message ${messageId}`);
    return {
      status: row.status as MessageStatus,
      providerId: (row.provider_id as string | null) ?? null,
      segments: row.segments === null ? null : Number(row.segments),
      credits: row.credits === null ? null : Number(row.credits),
      sentAt: (row.sent_at as string | null) ?? null,
      failureReason: (row.failure_reason as string | null) ?? null,
    };
  }

  /** Waits until the message's status is one of `statuses` (the dispatcher is asynchronous). */
  async settled(messageId: string, statuses: MessageStatus[] = ['sent', 'failed'], timeoutMs = 15_000): Promise<StoredMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const stored = await this.message(messageId);
      if (statuses.includes(stored.status)) return stored;
      if (Date.now() > deadline) throw new Error(`message ${messageId} still ${stored.status} after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Waits until every message is `sent` or `failed` (one query per look, however many); their rows by id. */
  async allSettled(messageIds: readonly string[], timeoutMs = 30_000): Promise<Map<string, { status: MessageStatus; failureReason: string | null }>> {
    const deadline = Date.now() + timeoutMs;
    const list = sql.join(messageIds.map((id) => sql`${id}::uuid`), sql`, `);
    for (;;) {
      const found = await this.ctx.db.withWorkshop(this.workshopId, (tx) =>
        rows<{ id: string; status: MessageStatus; failure_reason: string | null }>(tx, sql`SELECT id, status, failure_reason FROM messages WHERE id IN (${list})`),
      );
      const done = found.filter((row) => row.status === 'sent' || row.status === 'failed');
      if (done.length === messageIds.length) return new Map(done.map((row) => [String(row.id), { status: row.status, failureReason: row.failure_reason }]));
      if (Date.now() > deadline) throw new Error(`${messageIds.length - done.length} of ${messageIds.length} messages not settled after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** The ledger's entries for one message (kind → amount). */
  async ledgerOf(messageId: string): Promise<Array<{ kind: string; amount: number }>> {
    const found = await this.ctx.db.withWorkshop(this.workshopId, (tx) =>
      rows<{ kind: string; amount: number }>(tx, sql`SELECT kind, amount FROM credit_ledger WHERE message_id = ${messageId} ORDER BY id`),
    );
    return found.map((row) => ({ kind: row.kind, amount: Number(row.amount) }));
  }
}

export interface StoredMessage {
  status: MessageStatus;
  providerId: string | null;
  segments: number | null;
  credits: number | null;
  sentAt: string | null;
  failureReason: string | null;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
