/**
 * `POST /api/webhooks/fedapay` (DESIGN "Subscriptions"), mounted ahead of the JSON parser: the
 * body is read raw (`express.raw`, 64 KB at most) because X-FEDAPAY-SIGNATURE is an HMAC of the
 * bytes as sent, checked by the SDK's `Webhook.constructEvent` (300 s) in the route's `verify`.
 * The event only names a transaction: it is read back from FedaPay (`retrieve`) and FedaPay's own
 * status and amount settle its checkout through the one exactly-once path (paymentEffects.ts).
 *
 * Answers: 200 `{outcome}` for every event handled, including an unknown transaction (`unknown`:
 * the FedaPay account may serve other integrations, and a retry would never change it) and an
 * amount mismatch (`mismatch`: refused and logged, the checkout flagged; a retry cannot fix it);
 * 401 for a missing, forged or stale (> 300 s) signature and when FedaPay is not configured;
 * 400 for a signed body that is not an event or holds NUL / lone surrogates; 413 over 64 KB;
 * 503 when FedaPay does not answer the read-back (FedaPay sends the event again later).
 */
import express, { type Request, type Router } from 'express';
import type { CloudContext } from '../context.js';
import { requestLocale } from '../http/errors.js';
import { unstorableProblem } from '../../shared/domain/safeText.js';
import { PaymentProviderError, type PaymentEvent } from '../providers/payments/port.js';
import { webhookAnswer, type WebhookOutcome } from './paymentSchemas.js';
import { paymentError } from './paymentTexts.js';

export const FEDAPAY_WEBHOOK_LIMIT = '64kb';
const MAX_DEPTH = 32;

/** A NUL, a lone surrogate or nesting deeper than MAX_DEPTH anywhere in the event. */
function unsafe(value: unknown, depth = 0): boolean {
  if (depth > MAX_DEPTH) return true;
  if (typeof value === 'string') return unstorableProblem(value) !== null;
  if (Array.isArray(value)) return value.some((item) => unsafe(item, depth + 1));
  if (value && typeof value === 'object') return Object.entries(value).some(([key, item]) => key === '__proto__' || unstorableProblem(key) !== null || unsafe(item, depth + 1));
  return false;
}

export function mountFedaPayWebhook(router: Router, ctx: CloudContext): void {
  const events = new WeakMap<Request, PaymentEvent>();
  const raw = express.raw({ type: () => true, limit: FEDAPAY_WEBHOOK_LIMIT });

  ctx.api.add(
    router,
    {
      method: 'post',
      path: '/webhooks/fedapay',
      tag: 'webhooks',
      summary: 'Notification FedaPay (transaction.approved, .declined…), prouvée par X-FEDAPAY-SIGNATURE sur le corps brut (300 s) ; la transaction est relue chez FedaPay et ne prend effet qu’une fois.',
      access: 'webhook',
      verify(req) {
        const locale = requestLocale(req);
        const payments = ctx.services.providers.payments;
        if (payments.kind === 'outbox') throw paymentError('webhook.not_configured', locale);
        const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
        const verified = payments.verifyWebhook(body, req.header('x-fedapay-signature'));
        if (!verified.ok) throw paymentError(`webhook.${verified.code}`, locale);
        if (unsafe(verified.event.entity) || unstorableProblem(verified.event.name)) throw paymentError('webhook.unsafe_payload', locale);
        events.set(req, verified.event);
      },
      rawBody: 'application/json',
      responses: {
        200: { description: 'Notification traitée : applied, already_applied, pending, declined, mismatch (refusé, journalisé), unknown (transaction inconnue, ignorée), ignored', schema: webhookAnswer },
        400: { description: 'invalid_payload, unsafe_payload : corps signé illisible, caractère nul, imbrication excessive' },
        401: { description: 'missing_signature, bad_signature, stale_signature (> 300 s), not_configured : rien n’est lu ni écrit' },
        413: { description: 'Corps de plus de 64 Ko' },
        503: { description: 'provider_unavailable : FedaPay ne répond pas à la relecture ; il renverra la notification' },
      },
    },
    raw,
    async (req, res) => {
      const event = events.get(req)!;
      const id = event.transactionId;
      let outcome: WebhookOutcome = 'ignored';
      if (id !== null && /^[0-9A-Za-z_-]{1,40}$/.test(id)) {
        try {
          outcome = await ctx.services.billingPayments.settleTransactionId(id);
        } catch (error) {
          if (!(error instanceof PaymentProviderError)) throw error;
          ctx.logger.warn({ transactionId: id, code: error.code, httpStatus: error.httpStatus }, 'FedaPay webhook: the transaction could not be read back');
          throw paymentError('webhook.provider_unavailable', requestLocale(req));
        }
      }
      res.status(200).json({ outcome });
    },
  );
}
