/**
 * The directory's audience rules (cloud/directory/audience): who is counted, on which day, and
 * what the owner's statistics look like. Pure functions, no clock of their own.
 *
 * - A visit is counted without cookies: the visitor is a hash of the day's random salt, the client
 *   address and the browser's User-Agent (made by the cloud), one count per visitor, day and kind.
 * - Robots and link previews are left out by their User-Agent (an empty one too), and so are
 *   prefetches (`Purpose: prefetch`, `Sec-Purpose: prefetch`): nobody looked at the page yet.
 * - The day is the workshop's local day, in its time zone (Porto-Novo's when unknown).
 */
import { zoneOffsetMs } from '../domain/zoneOffset.js';

/** What is counted: a page view, a tap on the WhatsApp button, a tap on the call button. */
export const AUDIENCE_KINDS = ['view', 'whatsapp', 'call'] as const;
export type AudienceKind = (typeof AUDIENCE_KINDS)[number];

export const DEFAULT_AUDIENCE_TIME_ZONE = 'Africa/Porto-Novo';

/** The statistics' window: 30 days by default, 1 to 90. */
export const STATS_DEFAULT_DAYS = 30;
export const STATS_MAX_DAYS = 90;

/**
 * Robots, crawlers, link previews (WhatsApp, Facebook, Telegram, Slack, Discord, Twitter…),
 * command-line clients and headless browsers. A real phone browser never says any of these (a
 * Cubot phone's "CUBOT" is not a bot).
 */
const ROBOT_USER_AGENT =
  /(?<!cu)bot\b|bot\/|crawl|spider|slurp|scrap|facebookexternalhit|facebookcatalog|meta-externalagent|whatsapp|telegram|slack|discord|skypeuripreview|embedly|preview|curl|wget|python-requests|python-urllib|aiohttp|httpx|go-http-client|java\/|okhttp|axios|node-fetch|undici|libwww|headless|phantomjs|lighthouse|pingdom|uptimerobot/i;

/** True when the User-Agent is a robot's, a preview's, a script's, or missing. */
export function isRobot(userAgent: string | undefined | null): boolean {
  const ua = (userAgent ?? '').trim();
  return ua === '' || ROBOT_USER_AGENT.test(ua);
}

/** True when the request only prefetches or prerenders the page (`Purpose` or `Sec-Purpose` naming it). */
export function isPrefetch(purpose: string | undefined | null, secPurpose: string | undefined | null): boolean {
  return [purpose, secPurpose].some((value) => typeof value === 'string' && /\b(prefetch|prerender|preview)\b/i.test(value));
}

/** Whether a request is worth a count at all (a person, not a robot or a prefetch). */
export function isCountable(headers: { userAgent?: string | null; purpose?: string | null; secPurpose?: string | null }): boolean {
  return !isRobot(headers.userAgent) && !isPrefetch(headers.purpose, headers.secPurpose);
}

/** The UTC day of an instant, 'YYYY-MM-DD' (the salt's day). */
export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The local day of an instant in a time zone ('YYYY-MM-DD'); an unknown zone is Porto-Novo's. */
export function localDay(ms: number, timeZone: string | null | undefined): string {
  let offset: number;
  try {
    offset = zoneOffsetMs(ms, timeZone || DEFAULT_AUDIENCE_TIME_ZONE);
  } catch {
    offset = zoneOffsetMs(ms, DEFAULT_AUDIENCE_TIME_ZONE);
  }
  return utcDay(ms + offset);
}

/** `day` moved by `delta` days ('2036-03-01', -1 → '2036-02-29'). */
export function addDays(day: string, delta: number): string {
  return utcDay(Date.parse(`${day}T00:00:00Z`) + delta * 86_400_000);
}

export interface DayCounts {
  day: string;
  views: number;
  whatsappTaps: number;
  callTaps: number;
}

export interface AudienceStats {
  /** Oldest first, exactly the window's days, the last one today. */
  days: DayCounts[];
  totals: { views: number; whatsappTaps: number; callTaps: number };
}

/** The window's `days` days ending `today`, each with its counts (zero when none were stored). */
export function statsWindow(today: string, days: number, stored: readonly DayCounts[]): AudienceStats {
  const byDay = new Map(stored.map((row) => [row.day, row]));
  const window: DayCounts[] = [];
  for (let back = days - 1; back >= 0; back -= 1) {
    const day = addDays(today, -back);
    const row = byDay.get(day);
    window.push({ day, views: row?.views ?? 0, whatsappTaps: row?.whatsappTaps ?? 0, callTaps: row?.callTaps ?? 0 });
  }
  const totals = window.reduce((sum, d) => ({ views: sum.views + d.views, whatsappTaps: sum.whatsappTaps + d.whatsappTaps, callTaps: sum.callTaps + d.callTaps }), {
    views: 0,
    whatsappTaps: 0,
    callTaps: 0,
  });
  return { days: window, totals };
}

/** The wa.me link that opens a chat with the number (E.164) and a message already typed. */
export function whatsappUrl(e164: string, message: string): string | null {
  const digits = e164.replace(/\D/g, '');
  if (!/^\+?[1-9]\d{6,14}$/.test(e164.replace(/[\s.-]/g, '')) || digits.length < 7) return null;
  return `https://wa.me/${digits}?text=${encodeURIComponent(message)}`;
}

/** Why a visitor reports a profile (DESIGN "Admin portal": moderation reads them). */
export const REPORT_REASONS = ['false_information', 'inappropriate_photos', 'scam', 'other'] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];

/** Reports one address may send per hour. */
export const REPORTS_PER_HOUR = 5;
/** The report's details: at most this many characters. */
export const REPORT_DETAILS_MAX = 1000;
