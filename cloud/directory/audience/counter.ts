/**
 * Counting views and taps without cookies (shared/directory/audienceRules.ts has the rules).
 *
 * The visitor is sha256(salt of the UTC day, client address, User-Agent): the same phone browser
 * on the same connection is one visitor for the day, and tomorrow's salt makes it a stranger
 * again. The salt lives in `directory_salts` (shared by every instance) and is kept here in
 * memory for its day; older salts are deleted when a day's salt is made (audienceSql.ts `daySalt`),
 * so no one — the database's readers included — can link yesterday's hashes to today's or try
 * addresses against them. The address itself is never stored.
 *
 * The count's day is the workshop's local day (its `workshop` row's zone). The salt's is UTC's: in
 * a zone ahead of UTC (Porto-Novo, UTC+1), a visitor seen both before and after midnight UTC
 * (00:00–01:00 local) is counted twice that day, at most.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Request } from 'express';
import type { CloudContext } from '../../context.js';
import { isCountable, localDay, utcDay, type AudienceKind } from '../../../shared/directory/audienceRules.js';
import { countOnce, daySalt, workshopTimeZone } from './audienceSql.js';

export interface Visitor {
  /** The hash the day's counts and reports carry. */
  hash: string;
  /** False for a robot, a link preview or a prefetch: such a visitor is never counted. */
  countable: boolean;
}

function countable(req: Request): boolean {
  return isCountable({ userAgent: req.get('user-agent'), purpose: req.get('purpose'), secPurpose: req.get('sec-purpose') });
}

export class AudienceCounter {
  private salt: { day: string; value: Promise<string> } | null = null;

  constructor(private readonly ctx: Pick<CloudContext, 'db' | 'now'>) {}

  /** Today's salt (UTC), made once per day across instances. */
  private async todaysSalt(): Promise<string> {
    const day = utcDay(this.ctx.now().getTime());
    if (this.salt?.day !== day) {
      const value = this.ctx.db.system((tx) => daySalt(tx, day, randomBytes(32).toString('base64url')));
      this.salt = { day, value };
      value.catch(() => {
        if (this.salt?.value === value) this.salt = null;
      });
    }
    return this.salt.value;
  }

  /** The visitor behind a request, for today. */
  async visitor(req: Request): Promise<Visitor> {
    const userAgent = req.get('user-agent') ?? '';
    const address = (req.ip ?? '').replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
    const salt = await this.todaysSalt();
    const hash = createHash('sha256').update(`${salt}\n${address}\n${userAgent}`).digest('base64url');
    return { hash, countable: countable(req) };
  }

  /** Counts the request once for the visitor, the workshop's day and the kind; true when it was counted now. */
  async count(req: Request, workshopId: string, kind: AudienceKind): Promise<boolean> {
    if (!countable(req)) return false;
    const visitor = await this.visitor(req);
    const now = this.ctx.now().getTime();
    return this.ctx.db.withWorkshop(workshopId, async (tx) => {
      const day = localDay(now, await workshopTimeZone(tx, workshopId));
      return countOnce(tx, workshopId, day, kind, visitor.hash);
    });
  }
}
