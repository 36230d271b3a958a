/**
 * `GET /paiement/retour/<token>`: the page FedaPay brings the payer back to (`callback_url`).
 * The token (24 base62 characters from the CSPRNG) is the only proof; FedaPay's own query
 * (`?id=…&status=approved`) is never believed. While the checkout is pending, the page asks
 * FedaPay itself (at most every 3 s per checkout) through the same exactly-once path as the
 * webhook, so a lost webhook still settles, and refreshes itself every 3 s without JavaScript.
 * Small French HTML (about 1 KB), `noindex`, `no-store`, no referrer, a CSP that allows its own
 * style only. An unknown token is a French 404 page; a failure a French 503 page, never JSON.
 * Like the tracking page, misses are limited per client address (30 per 10 minutes, IPv6 by its
 * /64, the shared limiter): a found token gives its lookup back, so a payer's refreshes never count.
 */
import type { Express, Response } from 'express';
import type { CloudContext } from '../context.js';
import { requestLocale } from '../http/errors.js';
import { errorSummary } from '../http/logging.js';
import { inlineStyleCsp, sendPrivatePage } from '../http/privatePage.js';
import { escapeHtml } from '../../shared/domain/html.js';
import { createRateLimiter, waitText } from '../auth/rateLimit.js';
import { addressKey, TRACKING_LIMITS } from '../tracking/limits.js';
import { formatXof } from '../../shared/domain/money.js';
import type { Locale } from '../../shared/i18n/texts.js';
import { describePurchase } from '../../shared/documents/billingReceiptPdf.js';
import { DOCUMENT_TEXTS } from '../../shared/documents/texts.js';
import type { CheckoutView } from './checkoutService.js';
import { paymentText, type PaymentTextKey } from './paymentTexts.js';

const STYLE =
  'body{font:16px/1.45 system-ui,sans-serif;margin:0;background:#faf7f2;color:#1e1b4b}main{max-width:28rem;margin:0 auto;padding:1.5rem}' +
  'h1{font-size:1.35rem;margin:.2rem 0 .8rem}.ok{color:#15803d}.ko{color:#b91c1c}.wait{color:#c2410c}p{margin:.5rem 0}a{color:#c2410c}';

export const RETURN_PAGE_CSP = inlineStyleCsp(STYLE);


function page(locale: Locale, heading: string, headingClass: string, lines: string[], refresh: boolean): string {
  const say = (key: PaymentTextKey) => escapeHtml(paymentText(locale, key));
  return (
    `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<meta name="robots" content="noindex">${refresh ? '<meta http-equiv="refresh" content="3">' : ''}` +
    `<title>${say('page.title')}</title><style>${STYLE}</style></head>\n<body><main>\n<h1 class="${headingClass}">${escapeHtml(heading)}</h1>\n` +
    `${lines.map((line) => `<p>${escapeHtml(line)}</p>`).join('\n')}\n<p><a href="/app/">${say('page.back')}</a></p>\n</main></body></html>\n`
  );
}

function localDay(iso: string, timeZone: string, locale: Locale): string {
  return new Intl.DateTimeFormat(DOCUMENT_TEXTS[locale].intl, { day: 'numeric', month: 'long', year: 'numeric', timeZone }).format(new Date(iso));
}

export function returnPageHtml(view: CheckoutView, names: { planName: string | null; packName: string | null }, timeZone: string, locale: Locale): string {
  const { checkout, payment } = view;
  const say = (key: PaymentTextKey, params?: Record<string, string>) => paymentText(locale, key, params);
  switch (checkout.status) {
    case 'paid': {
      const what = describePurchase({ kind: payment?.kind ?? checkout.kind, planName: names.planName, cycle: checkout.cycle, packName: names.packName, credits: checkout.credits }, locale);
      const lines = [say('page.paidHelp', { what, amount: formatXof(checkout.amount, locale) })];
      if (payment?.periodEnd) lines.push(say('page.paidUntil', { date: localDay(payment.periodEnd, timeZone, locale) }));
      return page(locale, say('page.paid'), 'ok', lines, false);
    }
    case 'declined':
      return page(locale, say('page.declined'), 'ko', [say('page.declinedHelp')], false);
    case 'failed':
      return page(locale, say('page.failed'), 'ko', [say('page.failedHelp')], false);
    case 'mismatch':
      return page(locale, say('page.mismatch'), 'ko', [say('page.mismatchHelp')], false);
    default:
      return page(locale, say('page.pending'), 'wait', [say('page.pendingHelp')], true);
  }
}

function answer(res: Response, status: number, locale: Locale, html: string, headers: Record<string, string> = {}): void {
  sendPrivatePage(res, { status, locale, html, csp: RETURN_PAGE_CSP, headers });
}

export function mountReturnPage(app: Express, ctx: CloudContext): void {
  const limiter = createRateLimiter(ctx.db, {
    name: 'payment-return-ip',
    limit: TRACKING_LIMITS.perAddress,
    windowMs: TRACKING_LIMITS.windowMs,
    secret: ctx.config.jwtSecret,
    onStoreError: (error) => ctx.logger.warn({ code: (error as { code?: unknown } | null)?.code }, 'rate-limit store unavailable: counting in memory'),
  });
  app.get('/paiement/retour/:token', async (req, res) => {
    const locale = requestLocale(req);
    const key = addressKey(req.ip);
    try {
      const taken = await limiter.take(key);
      if (!taken.ok) {
        const help = paymentText(locale, 'page.tooManyHelp', { wait: waitText(taken.retryAfterMs) });
        answer(res, 429, locale, page(locale, paymentText(locale, 'page.tooMany'), 'ko', [help], false), { 'Retry-After': String(Math.max(1, Math.ceil(taken.retryAfterMs / 1000))) });
        return;
      }
      const view = await ctx.services.billingPayments.byReturnToken(String(req.params.token));
      if (!view) {
        answer(res, 404, locale, page(locale, paymentText(locale, 'page.unknown'), 'ko', [paymentText(locale, 'page.unknownHelp')], false));
        return;
      }
      await limiter.refund(key).catch((error: unknown) => req.log?.warn({ err: errorSummary(error) }, 'payment return limiter refund failed'));
      const { plans, packs } = await ctx.services.billing.catalogue.read();
      const names = {
        planName: plans.find((p) => p.id === view.checkout.planId)?.name ?? view.checkout.planId,
        packName: packs.find((p) => p.id === view.checkout.packId)?.name ?? view.checkout.packId,
      };
      const timeZone = await ctx.services.billingPayments.timezoneOf(view.checkout.workshopId);
      answer(res, 200, locale, returnPageHtml(view, names, timeZone, locale));
    } catch (error) {
      req.log?.error({ err: errorSummary(error) }, 'payment return page failed');
      answer(res, 503, locale, page(locale, paymentText(locale, 'page.pending'), 'wait', [paymentText(locale, 'page.pendingHelp')], true), { 'Retry-After': '5' });
    }
  });
}
