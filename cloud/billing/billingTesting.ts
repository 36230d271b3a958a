/**
 * Test support for paying: a real test server whose payments provider is the official FedaPay SDK
 * pointed at the loopback FedaPay (cloud/providers/testing/fedapayLoopback.ts), the loopback's
 * payment page sending its signed webhooks to that server, the server's log lines kept (to check
 * what a refusal logs), and small HTTP helpers: an owner's checkout, a signed webhook delivery,
 * the return page, the workshop's payments and credits as stored.
 */
import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import { startTestServer, type TestServer } from '../testing/testServer.js';
import { startFedaPayLoopback, signWebhook, webhookBody, type FedaPayLoopback, type LoopbackTransaction } from '../providers/testing/fedapayLoopback.js';
import { rows } from '../db/client.js';
import type { CloudContext } from '../context.js';
import { creditBalance } from '../notifications/credits.js';

export const FEDAPAY = { secretKey: 'sk_sandbox_loopback', webhookSecret: 'wh_sandbox_loopback' };
/** Where FedaPay's callback_url points (behind a proxy: not the test server's own address). */
export const PUBLIC_URL = 'https://styliste.example';

export interface BillingServer extends TestServer {
  fedapay: FedaPayLoopback;
  /** Every log line the server wrote (JSON objects), info and above. */
  logs: Record<string, unknown>[];
}

export async function startBillingServer(env: Record<string, string> = {}, overrides: Partial<CloudContext> = {}): Promise<BillingServer> {
  const fedapay = await startFedaPayLoopback(FEDAPAY.secretKey);
  const logs: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) logs.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const server = await startTestServer(
    {
      PUBLIC_URL,
      FEDAPAY_SECRET_KEY: FEDAPAY.secretKey,
      FEDAPAY_ENVIRONMENT: 'sandbox',
      FEDAPAY_WEBHOOK_SECRET: FEDAPAY.webhookSecret,
      FEDAPAY_BASE_URL: fedapay.url,
      ...env,
    },
    { logger: pino({ level: 'info' }, sink), tuning: { providers: { timeoutMs: 1_500 } }, ...overrides },
  );
  fedapay.webhook = { url: `${server.url}/api/webhooks/fedapay`, secret: FEDAPAY.webhookSecret };
  return {
    ...server,
    fedapay,
    logs,
    async close() {
      await server.close();
      await fedapay.close();
    },
  };
}

export interface Reply {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  headers: Headers;
}

export async function call(baseUrl: string, method: string, path: string, token?: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: kept as text
  }
  return { status: response.status, body: parsed, headers: response.headers };
}

export function checkout(baseUrl: string, token: string, body: unknown): Promise<Reply> {
  return call(baseUrl, 'POST', '/api/billing/checkout', token, body);
}

/** Posts FedaPay's event about `t` (as it is in the loopback now, or `overrides`), signed like FedaPay. */
export function deliverWebhook(baseUrl: string, t: LoopbackTransaction, options: { secret?: string; timestamp?: number; body?: string; overrides?: Partial<LoopbackTransaction> } = {}): Promise<Reply> {
  const body = options.body ?? webhookBody({ ...t, ...options.overrides });
  const signature = signWebhook(body, options.secret ?? FEDAPAY.webhookSecret, options.timestamp);
  return call(baseUrl, 'POST', '/api/webhooks/fedapay', undefined, body, { 'x-fedapay-signature': signature });
}

/** The loopback's transaction behind a checkout's answer. */
export function transactionOf(server: BillingServer, transactionId: string): LoopbackTransaction {
  const t = server.fedapay.transactions.get(Number(transactionId));
  if (!t) throw new Error(`no loopback transaction ${transactionId}`);
  return t;
}

/** The path of the return page a checkout's returnUrl names (on the test server). */
export function returnPath(returnUrl: string): string {
  return new URL(returnUrl).pathname;
}

export interface StoredPayment {
  id: string;
  transaction_id: string;
  receipt_number: number;
  kind: string;
  amount: number;
}

export async function paymentsOf(ctx: CloudContext, workshopId: string): Promise<StoredPayment[]> {
  const found = await ctx.db.withWorkshop(workshopId, (tx) =>
    rows<StoredPayment>(tx, sql`SELECT id, transaction_id, receipt_number, kind, amount FROM billing_payments WHERE workshop_id = ${workshopId} ORDER BY receipt_number`),
  );
  return found.map((p) => ({ ...p, receipt_number: Number(p.receipt_number), amount: Number(p.amount) }));
}

export async function checkoutStatus(ctx: CloudContext, workshopId: string, checkoutId: string): Promise<string | undefined> {
  const [row] = await ctx.db.withWorkshop(workshopId, (tx) => rows<{ status: string }>(tx, sql`SELECT status FROM billing_checkouts WHERE id = ${checkoutId}`));
  return row?.status;
}

export function creditsOf(ctx: CloudContext, workshopId: string): Promise<number> {
  return ctx.db.withWorkshop(workshopId, (tx) => creditBalance(tx, workshopId));
}

export async function ledgerOf(ctx: CloudContext, workshopId: string): Promise<{ kind: string; amount: number; grant_key: string | null }[]> {
  const found = await ctx.db.withWorkshop(workshopId, (tx) =>
    rows<{ kind: string; amount: number; grant_key: string | null }>(tx, sql`SELECT kind, amount, grant_key FROM credit_ledger WHERE workshop_id = ${workshopId} ORDER BY id`),
  );
  return found.map((e) => ({ ...e, amount: Number(e.amount) }));
}
