/**
 * The messages area's routes:
 * - GET /api/messages/credits   the workshop's credits: balance and the latest 50 ledger entries
 * and the providers' webhooks (webhooks/routes.ts: delivery reports, WhatsApp's incoming messages).
 */
import type { Router } from 'express';
import type { CloudContext } from '../context.js';
import { creditsResponse } from './schemas.js';
import { mountMessageWebhooks } from './webhooks/routes.js';

export function mountNotifications(router: Router, ctx: CloudContext): void {
  const messages = ctx.services.messages;

  ctx.api.add(
    router,
    {
      method: 'get',
      path: '/messages/credits',
      tag: 'messages',
      summary: 'Crédits de messages de l’atelier : le solde et les 50 dernières opérations (essai offert, achats, envois, remboursements des envois échoués).',
      access: 'member',
      responses: { 200: { description: 'Solde et dernières opérations, les plus récentes d’abord', schema: creditsResponse } },
    },
    async (_req, res, { caller }) => {
      res.json(await messages.credits(caller));
    },
  );

  mountMessageWebhooks(router, ctx);
}
