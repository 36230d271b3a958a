/**
 * `GET /api/directory/stats?days=30` (owner): the profile's views and taps per day, oldest first,
 * exactly `days` days ending today in the workshop's zone, zeros filled, and their totals — what
 * the app's statistics chart draws. Read on one snapshot in the workshop's own transaction.
 */
import type { Router } from 'express';
import type { CloudContext } from '../../context.js';
import { addDays, localDay, statsWindow } from '../../../shared/directory/audienceRules.js';
import { storedCounts, workshopTimeZone } from './audienceSql.js';
import { statsQuerySchema, statsResponseSchema } from './schemas.js';

export function mountAudienceStats(api: Router, ctx: CloudContext): void {
  ctx.api.add(
    api,
    {
      method: 'get',
      path: '/directory/stats',
      tag: 'directory',
      summary:
        'Statistiques du profil public (propriétaire) : vues de la page, appuis sur WhatsApp et sur Appeler, par jour local de l’atelier ' +
        '(un par visiteur et par jour, robots exclus), du plus ancien à aujourd’hui, jours sans visite à zéro ; days de 1 à 90 (30 par défaut).',
      access: 'owner',
      query: statsQuerySchema,
      responses: {
        200: { description: 'Les jours et leurs totaux', schema: statsResponseSchema },
        400: { description: 'Paramètre invalide' },
      },
    },
    async (_req, res, { query, caller }) => {
      const now = ctx.now().getTime();
      const stats = await ctx.db.readWorkshop(caller.workshopId, async (tx) => {
        const today = localDay(now, await workshopTimeZone(tx, caller.workshopId));
        return statsWindow(today, query.days, await storedCounts(tx, caller.workshopId, addDays(today, 1 - query.days), today));
      });
      res.set('Cache-Control', 'private, no-store');
      res.json(stats);
    },
  );
}
