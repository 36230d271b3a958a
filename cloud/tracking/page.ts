/**
 * The tracking page's HTML, rendered on the server: a few hundred words of markup and one inline
 * style sheet, no script, no image, no font, no request after the page itself (a client on a
 * low-end phone and a costly data plan opens it from an SMS). Every value is escaped; every word
 * comes from the catalogue (texts.ts). The style sheet is the same on every page, so the Content-
 * Security-Policy allows exactly it by its hash and nothing else.
 */
import { inlineStyleCsp } from '../http/privatePage.js';
import { escapeHtml } from '../../shared/domain/html.js';
import { formatXof } from '../../shared/domain/money.js';
import { formatPhone } from '../../shared/domain/phone.js';
import { ORDER_STATUS_LABELS } from '../../shared/domain/orderStatus.js';
import { text, type Locale, type TextParams } from '../../shared/i18n/texts.js';
import { DEFAULT_TIME_ZONE, type TrackedOrder } from './lookup.js';
import { trackingTexts, type TrackingTextKey } from './texts.js';

/** Mobile first: one column, readable at 360 px, long names wrap instead of widening the page. */
const STYLE =
  'body{margin:0;background:#f5f2ea;color:#1f1f1f;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}' +
  'main{box-sizing:border-box;max-width:34rem;margin:0 auto;padding:1rem;overflow-wrap:anywhere}' +
  '.shop{margin:0;color:#555;font-weight:600}h1{margin:.2rem 0 .8rem;font-size:1.6rem;line-height:1.2}' +
  '.badge{display:inline-block;margin:0;padding:.2rem .8rem;border-radius:1rem;background:#f3dfb0;font-weight:700}' +
  '.ready{background:#bfe5c8}.delivered{background:#dcdcdc}' +
  '.card{margin:1rem 0;padding:.9rem 1rem;border-radius:.6rem;background:#fff}' +
  'dl{margin:0}dt{color:#555;font-size:.9rem}dd{margin:0 0 .6rem;font-size:1.15rem;font-weight:700}' +
  'h2{margin:0 0 .4rem;font-size:1.1rem}.card p{margin:.3rem 0}' +
  '.call{display:block;margin-top:.7rem;padding:.8rem;border-radius:.5rem;background:#1d6b3f;color:#fff;text-align:center;font-weight:700;text-decoration:none}' +
  '.note{color:#555;font-size:.85rem}';

/** The page's Content-Security-Policy: nothing but its own style sheet (no script, no image, no form, no frame). */
export const TRACKING_CSP = inlineStyleCsp(STYLE);


const say = (locale: Locale, key: TrackingTextKey, params?: TextParams) => escapeHtml(text(trackingTexts, locale, key, params));

function document(locale: Locale, title: string, body: string): string {
  return (
    `<!doctype html>\n<html lang="${locale}"><head><meta charset="utf-8">` +
    '<meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex">' +
    `<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>\n<body><main>\n${body}\n</main></body></html>\n`
  );
}

/** 'YYYY-MM-DD' → « mardi 8 décembre 2026 », "Tuesday, December 8, 2026"; anything else as written. */
export function longDay(isoDay: string, locale: Locale): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDay);
  if (!match) return isoDay;
  const noon = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 12));
  if (noon.toISOString().slice(0, 10) !== isoDay) return isoDay; // 2026-02-30 is not a day
  const intl = trackingTexts[locale].intl;
  const name = (options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(intl, { ...options, timeZone: 'UTC' }).format(noon);
  const day = noon.getUTCDate();
  return text(trackingTexts, locale, 'date', {
    weekday: name({ weekday: 'long' }),
    day: day === 1 ? trackingTexts[locale].firstOfMonth : String(day),
    month: name({ month: 'long' }),
    year: String(noon.getUTCFullYear()),
  });
}

/** The workshop's day of an instant ('YYYY-MM-DD'); its time zone, or Porto-Novo's if that one is unknown. */
export function dayIn(instant: string, timeZone: string): string | null {
  const at = new Date(instant);
  if (Number.isNaN(at.getTime())) return null;
  const format = (zone: string) => new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
  try {
    return format(timeZone);
  } catch {
    return format(DEFAULT_TIME_ZONE);
  }
}

/** A number the phone can dial: E.164 only (anything else is shown, not linked). */
const DIALLABLE = /^\+[1-9]\d{6,14}$/;

function contact(order: TrackedOrder, locale: Locale): string {
  const { name, city, phone } = order.workshop;
  const lines = [`<h2>${say(locale, 'workshop')}</h2>`, `<p><strong>${escapeHtml(name)}</strong>${city ? `<br>${escapeHtml(city)}` : ''}</p>`];
  if (phone) {
    // No-break spaces: the number never wraps across two lines.
    const shown = formatPhone(phone).replace(/ /g, '\u00a0');
    lines.push(DIALLABLE.test(phone) ? `<a class="call" href="tel:${phone}">${say(locale, 'call', { phone: shown })}</a>` : `<p>${escapeHtml(shown)}</p>`);
  }
  return `<section class="card">${lines.join('')}</section>`;
}

function balance(order: TrackedOrder, locale: Locale): string {
  if (order.balance > 0) return `<dt>${say(locale, 'balance')}</dt><dd>${escapeHtml(formatXof(order.balance, locale))}</dd>`;
  if (order.balance === 0) return `<dt>${say(locale, 'payment')}</dt><dd>${say(locale, 'balance.none')}</dd>`;
  return `<dt>${say(locale, 'payment')}</dt><dd>${say(locale, 'balance.over', { amount: formatXof(-order.balance, locale) })}</dd>`;
}

/** The page of one order: number, status, promised (or delivery) date, balance, the workshop's contact. */
export function trackingPage(order: TrackedOrder, locale: Locale): string {
  const delivered = order.status === 'delivered' && order.deliveredAt ? dayIn(order.deliveredAt, order.workshop.timeZone) : null;
  const when = delivered
    ? `<dt>${say(locale, 'deliveredOn')}</dt><dd>${escapeHtml(longDay(delivered, locale))}</dd>`
    : `<dt>${say(locale, 'promisedDate')}</dt><dd>${escapeHtml(longDay(order.promisedDate, locale))}</dd>`;
  const body = [
    order.workshop.name ? `<p class="shop">${escapeHtml(order.workshop.name)}</p>` : '',
    `<h1>${say(locale, 'heading', { number: order.number })}</h1>`,
    `<p class="badge ${order.status}">${escapeHtml(ORDER_STATUS_LABELS[locale][order.status])}</p>`,
    `<p>${say(locale, `status.${order.status}`)}</p>`,
    `<dl class="card">${when}${balance(order, locale)}</dl>`,
    contact(order, locale),
    `<p class="note">${say(locale, 'note')}</p>`,
  ];
  const title = order.workshop.name ? text(trackingTexts, locale, 'title', { number: order.number, workshop: order.workshop.name }) : text(trackingTexts, locale, 'heading', { number: order.number });
  return document(locale, title, body.filter(Boolean).join('\n'));
}

/** An unknown, revoked, malformed or closed link: one page for all, so none can be told apart. */
export function notFoundPage(locale: Locale): string {
  return document(locale, text(trackingTexts, locale, 'notFound.title'), `<h1>${say(locale, 'notFound.title')}</h1>\n<p>${say(locale, 'notFound.body')}</p>`);
}

/** The database did not answer: try again later. */
export function unavailablePage(locale: Locale): string {
  return document(locale, text(trackingTexts, locale, 'unavailable.title'), `<h1>${say(locale, 'unavailable.title')}</h1>\n<p>${say(locale, 'unavailable.body')}</p>`);
}

/** Too many lookups from one address: how long to wait. */
export function tooManyPage(locale: Locale, wait: string): string {
  return document(locale, text(trackingTexts, locale, 'tooMany.title'), `<h1>${say(locale, 'tooMany.title')}</h1>\n<p>${say(locale, 'tooMany.body', { wait })}</p>`);
}
