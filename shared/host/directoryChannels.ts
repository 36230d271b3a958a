/**
 * The directory's channel (DESIGN "Public directory"): the owner's statistics of the public page,
 * `GET /api/directory/stats?days=N` — views, WhatsApp and call taps per day, oldest first, zeros
 * filled, and their totals. It needs the cloud: offline (or the cloud failing) it answers null and
 * the screen says so. The profile and the portfolio themselves are synced rows (engine commands).
 */
import { CloudApi, CloudError } from './cloudApi.js';
import { unreachable } from './billingChannels.js';
import { text } from '../i18n/texts.js';
import { DIRECTORY_HOST_TEXTS } from './directoryTexts.js';

export interface DirectoryStatsDay {
  /** YYYY-MM-DD. */
  day: string;
  views: number;
  whatsappTaps: number;
  callTaps: number;
}

export interface DirectoryStats {
  days: DirectoryStatsDay[];
  totals: { views: number; whatsappTaps: number; callTaps: number };
}

export const STATS_MAX_DAYS = 90;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function count(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 1e12 ? value : null;
}

/** The answer checked field by field (a malformed one is the cloud's fault: null, never half a chart). */
export function readStats(raw: unknown, days: number): DirectoryStats | null {
  if (!raw || typeof raw !== 'object') return null;
  const { days: list, totals } = raw as { days?: unknown; totals?: unknown };
  if (!Array.isArray(list) || list.length > days || !totals || typeof totals !== 'object') return null;
  const out: DirectoryStatsDay[] = [];
  for (const entry of list as unknown[]) {
    if (!entry || typeof entry !== 'object') return null;
    const e = entry as Record<string, unknown>;
    const views = count(e.views);
    const whatsappTaps = count(e.whatsappTaps);
    const callTaps = count(e.callTaps);
    if (typeof e.day !== 'string' || !DAY.test(e.day) || views === null || whatsappTaps === null || callTaps === null) return null;
    out.push({ day: e.day, views, whatsappTaps, callTaps });
  }
  const t = totals as Record<string, unknown>;
  const sum = { views: count(t.views), whatsappTaps: count(t.whatsappTaps), callTaps: count(t.callTaps) };
  if (sum.views === null || sum.whatsappTaps === null || sum.callTaps === null) return null;
  return { days: out, totals: { views: sum.views, whatsappTaps: sum.whatsappTaps, callTaps: sum.callTaps } };
}

export class DirectoryChannels {
  constructor(private readonly cloud: () => CloudApi) {}

  /** The last `days` days' statistics; null when the cloud cannot be reached. */
  async stats(days: number): Promise<DirectoryStats | null> {
    const api = this.cloud();
    let raw: unknown;
    try {
      raw = await api.request<unknown>('GET', `/api/directory/stats?days=${days}`);
    } catch (error) {
      if (unreachable(error)) return null;
      throw error;
    }
    const stats = readStats(raw, days);
    if (!stats) throw new CloudError(502, 'bad_response', text(DIRECTORY_HOST_TEXTS, api.locale, 'statsUnreadable'));
    return stats;
  }
}
