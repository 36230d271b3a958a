/**
 * FedaPay's webhook check: X-FEDAPAY-SIGNATURE is `t=<unix seconds>,s=<hex HMAC-SHA256 of
 * "t.<raw body>">`, checked by the SDK's `Webhook.constructEvent` with a 300 s tolerance. The
 * SDK only refuses signatures that are too old; one dated more than 300 s ahead is refused here
 * too, so a signature cannot be made to last by dating it in the future.
 */
import fedapay from 'fedapay';
import { z } from 'zod';
import { webhookRefusal, type WebhookVerification } from './port.js';

export const WEBHOOK_TOLERANCE_SECONDS = 300;

const eventSchema = z.object({
  name: z.string().min(1).max(100),
  object: z.string().max(100).optional(),
  entity: z.record(z.string(), z.unknown()).default({}),
});

function signatureTime(header: string): number | null {
  const part = header.split(',').find((item) => item.startsWith('t='));
  const seconds = part ? Number(part.slice(2)) : NaN;
  return Number.isFinite(seconds) ? seconds : null;
}

export function verifyFedaPayWebhook(rawBody: string | Buffer, signatureHeader: unknown, secret: string, nowMs: number = Date.now()): WebhookVerification {
  if (typeof signatureHeader !== 'string' || signatureHeader.trim() === '') return webhookRefusal('missing_signature');
  const body = Buffer.isBuffer(rawBody) ? rawBody.toString('utf8') : rawBody;
  let payload: unknown;
  try {
    payload = fedapay.Webhook.constructEvent(body, signatureHeader, secret, WEBHOOK_TOLERANCE_SECONDS);
  } catch (error) {
    if (error instanceof SyntaxError) return webhookRefusal('invalid_payload'); // signed, but not JSON
    const message = String((error as { message?: unknown } | null)?.message ?? '');
    if (/tolerance/i.test(message)) return webhookRefusal('stale_signature');
    return webhookRefusal(/extract timestamp/i.test(message) ? 'missing_signature' : 'bad_signature');
  }
  const at = signatureTime(signatureHeader);
  if (at === null || at * 1000 - nowMs > WEBHOOK_TOLERANCE_SECONDS * 1000) return webhookRefusal('stale_signature');
  const event = eventSchema.safeParse(payload);
  if (!event.success) return webhookRefusal('invalid_payload');
  const { name, object, entity } = event.data;
  const aboutTransaction = object === 'transaction' || entity.klass === 'v1/transaction' || name.startsWith('transaction.');
  const id = entity.id;
  const transactionId = aboutTransaction && (typeof id === 'number' || (typeof id === 'string' && id !== '')) ? String(id) : null;
  return { ok: true, event: { name, transactionId, entity } };
}
