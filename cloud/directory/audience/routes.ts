/**
 * The directory's audience: views and taps counted without cookies (countingRoutes.ts, counter.ts),
 * "Signaler ce profil" (reportRoutes.ts), and the owner's statistics, `GET /api/directory/stats`
 * (statsRoutes.ts). Mounted before the pages, so `/s/<slug>/…` reaches these routes first.
 */
import type { Express, Router } from 'express';
import type { CloudContext } from '../../context.js';
import { AudienceCounter } from './counter.js';
import { mountCountingRoutes } from './countingRoutes.js';
import { mountReportRoutes } from './reportRoutes.js';
import { mountAudienceStats } from './statsRoutes.js';

export function mountDirectoryAudience(app: Express, api: Router, ctx: CloudContext): void {
  const counter = new AudienceCounter(ctx);
  mountCountingRoutes(app, ctx, counter);
  mountReportRoutes(app, ctx, counter);
  mountAudienceStats(api, ctx);
}
