/**
 * The plan's portfolio photo limit at push (DESIGN "Subscriptions": limits are the hub's to
 * enforce): a device offline may have added more photos than the plan allows; the ones past the
 * limit are refused one by one ("needs attention" on the device, with the plan's numbers), the
 * rest apply. Counted once per push, under the workshop's lock, then kept up to date as the
 * push's own photos are added and removed.
 */
import type { Tx } from '../db/client.js';
import { limitsNow, portfolioPhotosFit } from '../billing/limitsGuard.js';
import { billingTexts } from '../billing/texts.js';
import { livePortfolioPhotos } from '../directory/listingSql.js';
import { text, type Locale } from '../../shared/i18n/texts.js';
import type { StoredRow } from './hubWrite.js';

/** +1 a photo that becomes live (new, or restored), -1 one removed, 0 otherwise. */
export function portfolioChange(existing: StoredRow | undefined, fields: Readonly<Record<string, unknown>>): -1 | 0 | 1 {
  const wasLive = existing ? existing.fields.deletedAt == null : false;
  const isLive = 'deletedAt' in fields ? fields.deletedAt == null : existing ? wasLive : true;
  return wasLive === isLive ? 0 : isLive ? 1 : -1;
}

export class PortfolioBudget {
  private used: number | null = null;
  private allowed = Number.POSITIVE_INFINITY;

  constructor(
    private readonly tx: Tx,
    private readonly workshopId: string,
  ) {}

  private async load(): Promise<number> {
    if (this.used === null) {
      const found = await limitsNow(this.tx, this.workshopId);
      // Without a subscription row (a workshop older than billing) nothing is counted against it.
      this.allowed = found ? found.limits.portfolioPhotos : Number.POSITIVE_INFINITY;
      this.used = await livePortfolioPhotos(this.tx, this.workshopId);
    }
    return this.used;
  }

  /** Applies a photo's change to the count; the refusal's message when it does not fit. */
  async apply(change: -1 | 0 | 1, locale: Locale): Promise<string | null> {
    if (change === 0) return null;
    const used = await this.load();
    if (change === 1 && !portfolioPhotosFit({ portfolioPhotos: this.allowed }, used)) {
      return text(billingTexts, locale, 'plan_limit_portfolio', { allowed: this.allowed, used });
    }
    this.used = used + change;
    return null;
  }
}
