/**
 * Plan changes at the period's end (planChanges.ts), for the owner:
 * - POST   /api/billing/change   {planId, cycle}: a cheaper plan or another cycle from the period's end
 * - DELETE /api/billing/change   takes back the change (or the cancel) planned
 * - POST   /api/billing/cancel   the free plan from the period's end (during the trial: its end)
 * Refused 409 over_limits with the French reason while the workshop is over the new plan's limits.
 */
import type { Router } from 'express';
import type { CloudContext } from '../context.js';
import { requestLocale } from '../http/errors.js';
import { planChangeBody, planChangeResponse } from './planChangeSchemas.js';
import { PlanChanges } from './planChanges.js';

export function mountPlanChanges(router: Router, ctx: CloudContext): void {
  const changes = new PlanChanges(ctx, ctx.services.serverWrites, ctx.services.billing.catalogue);
  const owner = { 403: { description: 'Réservé au propriétaire de l’atelier' } };

  ctx.api.add(
    router,
    {
      method: 'post',
      path: '/billing/change',
      tag: 'billing',
      summary: 'Prévoit une formule moins chère, ou un autre rythme de paiement, à la fin de la période (ou de l’essai). Une formule plus complète se paie tout de suite (checkout).',
      access: 'owner',
      body: planChangeBody,
      responses: {
        200: { description: 'Le changement prévu et sa date', schema: planChangeResponse },
        400: { description: 'unknown_plan, free_plan_not_sold (choisir « Résilier »), invalid_input' },
        ...owner,
        409: { description: 'over_limits (la raison en français), upgrade_is_paid, nothing_to_change, no_period_to_change, no_subscription' },
      },
    },
    async (req, res, { body, caller }) => {
      res.json(await changes.change(caller, body, requestLocale(req)));
    },
  );

  ctx.api.add(
    router,
    {
      method: 'delete',
      path: '/billing/change',
      tag: 'billing',
      summary: 'Annule le changement (ou la résiliation) prévu à la fin de la période.',
      access: 'owner',
      responses: { 200: { description: 'Plus rien de prévu', schema: planChangeResponse }, ...owner, 409: { description: 'nothing_pending, no_subscription' } },
    },
    async (req, res, { caller }) => {
      res.json(await changes.undo(caller, requestLocale(req)));
    },
  );

  ctx.api.add(
    router,
    {
      method: 'post',
      path: '/billing/cancel',
      tag: 'billing',
      summary: 'Résilie à la fin de la période (pendant l’essai : à sa fin) : l’atelier passe alors à la formule gratuite ; rien n’est supprimé.',
      access: 'owner',
      responses: {
        200: { description: 'La résiliation prévue et sa date', schema: planChangeResponse },
        ...owner,
        409: { description: 'over_limits (au-delà de la formule gratuite), nothing_to_cancel, cancel_unpaid, no_subscription' },
      },
    },
    async (req, res, { caller }) => {
      res.json(await changes.cancel(caller, requestLocale(req)));
    },
  );
}
