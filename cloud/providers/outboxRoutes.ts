/**
 * `GET /dev/outbox`: the development outbox for a developer, outside production only — a small
 * page listing the newest entries of each provider (`?format=json` for JSON), and
 * `GET /dev/outbox/payments/:id`, the page an outbox checkout sends the payer to, which says that
 * nothing can be paid. Mounted by the composition root when `config.env !== 'production'`; in
 * production every path answers 404 even if mounted by mistake.
 */
import type { Express, Request, Response } from 'express';
import type { CloudContext } from '../context.js';
import { requestLocale } from '../http/errors.js';
import { text, type Locale } from '../../shared/i18n/texts.js';
import { providerTexts, type ProviderTextKey } from './texts.js';
import { escapeHtml } from '../../shared/domain/html.js';
import { DevOutbox, OUTBOX_PROVIDERS, type OutboxEntry, type OutboxProvider } from './outbox/devOutbox.js';

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 500;


function configured(ctx: CloudContext, provider: OutboxProvider): boolean {
  const p = ctx.config.providers;
  return { sms: p.africasTalking, whatsapp: p.twilio, email: p.smtp, payments: p.fedapay }[provider] !== null;
}

/** One line of what an entry would have sent. */
function summary(entry: OutboxEntry, locale: Locale): string {
  const p = entry.payload as Record<string, unknown>;
  switch (entry.provider) {
    case 'sms':
      return String(p.message ?? '');
    case 'whatsapp':
      return p.contentSid ? text(providerTexts, locale, 'outbox.template', { contentSid: String(p.contentSid), variables: String(p.contentVariables ?? '') }) : String(p.body ?? '');
    case 'email':
      return `${String(p.subject ?? '')} — ${String(p.text ?? '').slice(0, 300)}`;
    case 'payments':
      return text(providerTexts, locale, 'outbox.amount', { amount: String(p.amount ?? ''), description: String(p.description ?? '') });
  }
}

function page(locale: Locale, title: string, body: string): string {
  return `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title>
<style>body{font:15px/1.45 system-ui,sans-serif;margin:1.5rem;color:#1d1d1f}table{border-collapse:collapse;width:100%;margin-bottom:1.5rem}
th,td{border-bottom:1px solid #ddd;padding:.35rem .5rem;text-align:left;vertical-align:top}td.what{white-space:pre-wrap}small{color:#666}</style>
</head><body><h1>${escapeHtml(title)}</h1>
${body}
</body></html>`;
}

function refuseInProduction(ctx: CloudContext, req: Request, res: Response): boolean {
  if (ctx.config.env !== 'production') return false;
  res.status(404).json({ error: { code: 'not_found', message: text(providerTexts, requestLocale(req), 'not_found') } });
  return true;
}

function noStore(res: Response): void {
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Robots-Tag', 'noindex');
}

export function mountDevOutbox(app: Express, ctx: CloudContext): void {
  const outbox = new DevOutbox(ctx.config.dataDir);

  app.get('/dev/outbox', async (req, res, next) => {
    if (refuseInProduction(ctx, req, res)) return;
    try {
      const locale = requestLocale(req);
      const asked = Number(req.query.limit);
      const limit = Number.isInteger(asked) && asked > 0 ? Math.min(asked, MAX_LIMIT) : DEFAULT_LIMIT;
      const lists = await Promise.all(OUTBOX_PROVIDERS.map(async (provider) => ({ provider, configured: configured(ctx, provider), ...(await outbox.list(provider, limit)) })));
      noStore(res);
      if (req.query.format === 'json') {
        res.json({ folder: outbox.root, providers: Object.fromEntries(lists.map(({ provider, ...rest }) => [provider, rest])) });
        return;
      }
      const t = (key: ProviderTextKey, params?: Record<string, string | number>) => escapeHtml(text(providerTexts, locale, key, params));
      const sections = lists.map(({ provider, configured: isConfigured, total, entries }) => {
        const note = isConfigured ? `<p><small>${t('outbox.configured')}</small></p>` : '';
        const rows = entries
          .map((entry) => `<tr><td>${escapeHtml(entry.createdAt)}</td><td>${escapeHtml(entry.to)}</td><td class="what">${escapeHtml(summary(entry, locale))}</td><td><small>${escapeHtml(entry.id)}${entry.reference ? ` · ${escapeHtml(entry.reference)}` : ''}</small></td></tr>`)
          .join('\n');
        const table = entries.length
          ? `<p><small>${t('outbox.shown', { shown: entries.length, total })}</small></p><table><thead><tr><th>${t('outbox.when')}</th><th>${t('outbox.to')}</th><th>${t('outbox.what')}</th><th>${t('outbox.file')}</th></tr></thead><tbody>\n${rows}\n</tbody></table>`
          : `<p>${t('outbox.empty')}</p>`;
        return `<section id="${provider}"><h2>${t(`outbox.${provider}`)}</h2>${note}${table}</section>`;
      });
      res.type('html').send(page(locale, text(providerTexts, locale, 'outbox.title'), `<p>${t('outbox.intro')}</p>\n<p><small>${escapeHtml(outbox.root)}</small></p>\n${sections.join('\n')}`));
    } catch (error) {
      next(error);
    }
  });

  app.get('/dev/outbox/payments/:id', async (req, res, next) => {
    if (refuseInProduction(ctx, req, res)) return;
    try {
      const locale = requestLocale(req);
      const entry = await outbox.get('payments', String(req.params.id));
      const title = text(providerTexts, locale, 'checkout.title');
      const p = (entry?.payload ?? {}) as { amount?: unknown; description?: unknown };
      const body = entry
        ? `<p>${escapeHtml(text(providerTexts, locale, 'checkout.body', { amount: String(p.amount ?? ''), description: String(p.description ?? '') }))}</p>`
        : `<p>${escapeHtml(text(providerTexts, locale, 'checkout.unknown'))}</p>`;
      noStore(res);
      res
        .status(entry ? 200 : 404)
        .type('html')
        .send(page(locale, title, `${body}\n<p><a href="/dev/outbox#payments">${escapeHtml(text(providerTexts, locale, 'checkout.link'))}</a></p>`));
    } catch (error) {
      next(error);
    }
  });
}
