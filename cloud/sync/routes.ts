/**
 * The sync area's endpoints (HTTP only: the registry checks the caller and the schemas, the
 * services do the work):
 * - POST /api/sync — push the device's mutations and pull what changed since its cursor
 *   (DESIGN.md, normative). The workshop comes from the token, never from the body.
 * - GET /api/orders/:orderId/history — an old order's history, fetched on demand.
 */
import express, { type Router } from 'express';
import type { CloudContext } from '../context.js';
import { requestLocale } from '../http/errors.js';
import { sendLeanJson } from '../http/leanJson.js';
import { can } from '../../shared/domain/roles.js';
import { orderHistory } from './history.js';
import { orderHistoryParams, orderHistoryResponseSchema, PROTOCOL_VERSION, protocolOnly, syncRequestSchema, syncResponseSchema } from './schemas.js';
import { syncError } from './texts.js';

/** POST /api/sync: mounted ahead of the app's compression and JSON parser (app.ts); it answers for itself. */
export function mountSync(router: Router, ctx: CloudContext): void {
  ctx.api.add(
    router,
    {
      method: 'post',
      path: '/sync',
      tag: 'sync',
      summary: 'Envoie les modifications de l’appareil et reçoit celles des autres (un aller-retour).',
      access: 'member',
      // The member check reads this device in the same statement (from memory while nothing changed).
      deviceOf: (req) => (req.body as { deviceId?: unknown } | undefined)?.deviceId,
      body: syncRequestSchema,
      responses: {
        200: { description: 'Accusés, refus, changements et nouveau curseur', schema: syncResponseSchema },
        403: { description: 'access_revoked : verrouiller l’application et effacer les données locales de l’atelier' },
        426: { description: 'upgrade_required : protocole trop ancien, garder la boîte d’envoi' },
      },
    },
    // Parsed here, after the token: the body of an anonymous request is never read.
    express.json({ limit: ctx.config.bodyLimit }),
    (req, _res, next) => {
      const locale = requestLocale(req);
      const version = protocolOnly.safeParse(req.body);
      if (version.success && version.data.protocol < PROTOCOL_VERSION) return next(syncError('upgrade_required', locale, { minProtocol: PROTOCOL_VERSION }));
      if (version.success && version.data.protocol > PROTOCOL_VERSION) return next(syncError('unsupported_protocol', locale, { maxProtocol: PROTOCOL_VERSION }));
      next();
    },
    async (req, res, { body, caller }) => {
      await sendLeanJson(req, res, await ctx.services.sync.sync(caller, body, requestLocale(req)));
    },
  );
}

/** The other sync endpoints, mounted with the rest of the API. */
export function mountSyncReads(router: Router, ctx: CloudContext): void {
  ctx.api.add(
    router,
    {
      method: 'get',
      path: '/orders/:orderId/history',
      tag: 'sync',
      summary: 'Renvoie tout l’historique d’une commande (ses événements, avec leurs horloges), absent d’une première synchronisation pour les commandes clôturées depuis longtemps.',
      access: 'member',
      params: orderHistoryParams,
      responses: {
        200: { description: 'Les événements de la commande, sous forme de changements de synchronisation', schema: orderHistoryResponseSchema },
        403: { description: 'access_revoked : verrouiller l’application et effacer les données locales de l’atelier' },
        404: { description: 'not_found : aucune commande de cet identifiant dans l’atelier' },
      },
    },
    async (req, res, { params, caller }) => {
      const locale = requestLocale(req);
      if (!can(caller.role, 'orders', 'read') || !can(caller.role, 'order_events', 'read')) throw syncError('orders_forbidden', locale);
      const changes = await ctx.db.readWorkshop(caller.workshopId, (tx) => orderHistory(tx, caller.workshopId, params.orderId));
      if (!changes) throw syncError('order_not_found', locale);
      res.json({ changes });
    },
  );
}
