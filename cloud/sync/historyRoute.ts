/**
 * GET /api/orders/:orderId/history — the whole history (order_events) of one order, as sync
 * changes with their clocks. A first sync leaves out the history of orders closed more than
 * HISTORY_ON_DEMAND_AFTER_DAYS ago (shared/domain/history.ts, pull.ts); the app asks for it here
 * when the tailor opens such an order, and applies it without moving its sync cursor.
 */
import type { Router } from 'express';
import { z } from 'zod';
import { sql } from 'drizzle-orm';
import type { CloudContext } from '../context.js';
import { rows } from '../db/client.js';
import { HttpError, requestLocale } from '../http/errors.js';
import { idSchema } from '../../shared/domain/fields.js';
import { can } from '../../shared/domain/roles.js';
import { orderHistoryResponseSchema, type Change } from '../../shared/sync/protocol.js';
import { rowChanges } from './pull.js';

const TEXT = {
  notFound: { fr: 'Commande introuvable dans cet atelier.', en: 'Order not found in this workshop.' },
  forbidden: { fr: 'Votre rôle ne permet pas de consulter les commandes.', en: 'Your role does not allow reading orders.' },
};

export function mountOrderHistory(router: Router, ctx: CloudContext): void {
  ctx.api.add(
    router,
    {
      method: 'get',
      path: '/orders/:orderId/history',
      tag: 'sync',
      summary: 'Renvoie tout l’historique d’une commande (ses événements, avec leurs horloges), absent d’une première synchronisation pour les commandes clôturées depuis longtemps.',
      access: 'member',
      params: z.strictObject({ orderId: idSchema }),
      responses: {
        200: { description: 'Les événements de la commande, sous forme de changements de synchronisation', schema: orderHistoryResponseSchema },
        403: { description: 'access_revoked : verrouiller l’application et effacer les données locales de l’atelier' },
        404: { description: 'not_found : aucune commande de cet identifiant dans l’atelier' },
      },
    },
    async (req, res, { params, caller: auth }) => {
      const locale = requestLocale(req);
      if (!can(auth.role, 'orders', 'read') || !can(auth.role, 'order_events', 'read')) {
        throw new HttpError(403, 'forbidden', TEXT.forbidden[locale]);
      }
      const changes = await ctx.db.readWorkshop(auth.workshopId, async (tx): Promise<Change[] | null> => {
        // Row-level security keeps the transaction to the token's workshop; the filter says it too.
        const [order] = await rows<{ id: string }>(tx, sql`SELECT id FROM orders WHERE workshop_id = ${auth.workshopId} AND id = ${params.orderId}`);
        if (!order) return null;
        const events = await rows<Record<string, unknown>>(
          tx,
          sql`SELECT * FROM order_events WHERE workshop_id = ${auth.workshopId} AND order_id = ${params.orderId} ORDER BY last_seq`,
        );
        return events.flatMap((row) => rowChanges('order_events', row, 0, new Set()));
      });
      if (!changes) throw new HttpError(404, 'not_found', TEXT.notFound[locale]);
      res.json({ changes });
    },
  );
}
