/**
 * A loopback FedaPay for tests, speaking its wire format: `POST /v1/transactions` (JSON),
 * `POST /v1/transactions/{id}/token`, `GET /v1/transactions/{id}`, answers wrapped as
 * `{"v1/transaction": {…}}`, errors as `{message, errors}`, Bearer secret key. `GET /pay/{token}`
 * is a small payment page standing in for FedaPay's (its button approves the transaction, sends
 * the webhook when `webhook` is set, and brings the payer back to `callback_url`); `setStatus`
 * does the same from a test. `signWebhook` signs a body like FedaPay (the SDK's
 * `Webhook.generateTestHeaderString`).
 */
import { randomBytes } from 'node:crypto';
import fedapay from 'fedapay';
import { delay, sendJson, sendText, startLoopbackHttp, type LoopbackHttp } from './loopbackHttp.js';

export interface LoopbackTransaction {
  id: number;
  klass: 'v1/transaction';
  transaction_key: string;
  reference: string;
  amount: number;
  description: string;
  callback_url: string;
  status: string;
  currency_id: number;
  customer_id: number | null;
  mode: string | null;
  custom_metadata: Record<string, unknown> | null;
  created_at: string;
  updated_at: string;
  approved_at: string | null;
}

export interface FedaPayLoopback extends LoopbackHttp {
  transactions: Map<number, LoopbackTransaction>;
  /** The customer objects received with each transaction, by id. */
  customers: Map<number, unknown>;
  mode: 'normal' | 'error500' | 'slow';
  slowMs: number;
  /** Where the payment page sends its webhook, signed with this secret. */
  webhook: { url: string; secret: string } | null;
  setStatus(id: number, status: string): Promise<void>;
}

export function signWebhook(body: string, secret: string, timestamp?: number): string {
  return fedapay.Webhook.generateTestHeaderString({ payload: body, secret, ...(timestamp !== undefined ? { timestamp } : {}) });
}

export function webhookBody(transaction: LoopbackTransaction): string {
  return JSON.stringify({ name: `transaction.${transaction.status}`, object: 'transaction', entity: transaction });
}

export async function startFedaPayLoopback(secretKey: string): Promise<FedaPayLoopback> {
  let nextId = 1000;
  const tokens = new Map<string, number>();
  const state = {
    transactions: new Map<number, LoopbackTransaction>(),
    customers: new Map<number, unknown>(),
    mode: 'normal' as FedaPayLoopback['mode'],
    slowMs: 5_000,
    webhook: null as FedaPayLoopback['webhook'],
    async setStatus(id: number, status: string): Promise<void> {
      const t = state.transactions.get(id);
      if (!t) throw new Error(`no transaction ${id}`);
      t.status = status;
      t.updated_at = new Date().toISOString();
      if (status === 'approved') t.approved_at = t.updated_at;
      if (state.webhook) {
        const body = webhookBody(t);
        await fetch(state.webhook.url, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-FEDAPAY-SIGNATURE': signWebhook(body, state.webhook.secret) }, body });
      }
    },
  };
  let base = '';
  const http = await startLoopbackHttp(async (req, res) => {
    if (state.mode === 'slow') {
      await delay(state.slowMs);
      if (res.destroyed) return;
    }
    const pay = /^\/pay\/([0-9a-f]+)$/.exec(req.path);
    if (pay) {
      const t = state.transactions.get(tokens.get(pay[1]!) ?? -1);
      if (!t) return sendText(res, 404, 'Lien de paiement inconnu', 'text/html; charset=utf-8');
      if (req.method === 'POST') {
        await state.setStatus(t.id, 'approved');
        res.writeHead(302, { Location: `${t.callback_url}${t.callback_url.includes('?') ? '&' : '?'}id=${t.id}&status=approved` });
        return void res.end();
      }
      return sendText(res, 200, `<!doctype html><html lang="fr"><meta charset="utf-8"><title>FedaPay (loopback)</title><h1>${t.amount} FCFA</h1><p>${t.description.replace(/[<>&]/g, '')}</p><form method="post"><button>Payer</button></form></html>`, 'text/html; charset=utf-8');
    }
    if (state.mode === 'error500') return sendJson(res, 500, { message: 'Server Error' });
    if (req.headers.authorization !== `Bearer ${secretKey}`) return sendJson(res, 401, { message: 'Unauthenticated.' });
    const match = /^\/v1\/transactions(?:\/(\d+))?(\/token)?$/.exec(req.path);
    if (!match) return sendJson(res, 404, { message: 'Not Found' });
    const id = match[1] ? Number(match[1]) : null;
    if (req.method === 'POST' && id === null) {
      const body = (req.json ?? {}) as Record<string, unknown>;
      const errors: Record<string, string[]> = {};
      if (!Number.isInteger(body.amount) || (body.amount as number) <= 0) errors.amount = ['Le champ montant doit être un entier positif.'];
      if (typeof body.description !== 'string' || !body.description) errors.description = ['Le champ description est obligatoire.'];
      if ((body.currency as { iso?: unknown } | undefined)?.iso !== 'XOF') errors.currency = ['La devise doit être XOF.'];
      if (Object.keys(errors).length) return sendJson(res, 400, { message: 'Échec de la création de la transaction', errors });
      const now = new Date().toISOString();
      const t: LoopbackTransaction = {
        id: nextId++,
        klass: 'v1/transaction',
        transaction_key: randomBytes(8).toString('hex'),
        reference: `trx_${randomBytes(6).toString('hex')}`,
        amount: body.amount as number,
        description: body.description as string,
        callback_url: String(body.callback_url ?? ''),
        status: 'pending',
        currency_id: 1,
        customer_id: body.customer ? 1 : null,
        mode: null,
        custom_metadata: (body.custom_metadata as Record<string, unknown>) ?? null,
        created_at: now,
        updated_at: now,
        approved_at: null,
      };
      state.transactions.set(t.id, t);
      if (body.customer) state.customers.set(t.id, body.customer);
      return sendJson(res, 201, { 'v1/transaction': t });
    }
    const t = id === null ? undefined : state.transactions.get(id);
    if (!t) return sendJson(res, 404, { message: 'Transaction introuvable' });
    if (req.method === 'POST' && match[2]) {
      const token = randomBytes(16).toString('hex');
      tokens.set(token, t.id);
      return sendJson(res, 200, { token, url: `${base}/pay/${token}` });
    }
    if (req.method === 'GET' && !match[2]) return sendJson(res, 200, { 'v1/transaction': t });
    return sendJson(res, 405, { message: 'Method Not Allowed' });
  });
  base = http.url;
  return Object.assign(state, http);
}
