/**
 * The billing area's routes (DESIGN "Subscriptions"):
 * - GET  /api/billing/plans          public: the plans and credit packs on sale
 * - GET  /api/billing/subscription   member: status, plan, period, credits, limits and usage
 * (checkout, plan changes, payments and receipts, the FedaPay webhook and the return page are
 * mounted by their own files, listed in `mountBilling`).
 */
import type { Router } from 'express';
import type { CloudContext } from '../context.js';
import { requestLocale } from '../http/errors.js';
import { plansResponse, subscriptionResponse } from './schemas.js';
import { mountCheckout } from './checkoutRoutes.js';
import { mountPlanChanges } from './planChangeRoutes.js';

export function mountBilling(router: Router, ctx: CloudContext): void {
  const billing = ctx.services.billing;

  ctx.api.add(
    router,
    {
      method: 'get',
      path: '/billing/plans',
      tag: 'billing',
      summary: 'Les formules (prix mensuel et annuel en FCFA, limites) et les packs de crédits SMS en vente.',
      access: 'public',
      responses: { 200: { description: 'Formules et packs, du moins cher au plus cher', schema: plansResponse } },
    },
    async (_req, res) => {
      res.set('Cache-Control', 'public, max-age=300');
      res.json(await billing.plans());
    },
  );

  ctx.api.add(
    router,
    {
      method: 'get',
      path: '/billing/subscription',
      tag: 'billing',
      summary: 'L’abonnement de l’atelier : statut (trial, active, past_due, suspended, cancelled), formule, fin de période, crédits, limites et utilisation.',
      access: 'member',
      responses: { 200: { description: 'L’abonnement', schema: subscriptionResponse }, 409: { description: 'Pas encore d’abonnement' } },
    },
    async (req, res, { caller }) => {
      res.json(await billing.subscription(caller, requestLocale(req)));
    },
  );

  // POST /api/billing/checkout, the payments and their receipts (checkoutRoutes.ts).
  mountCheckout(router, ctx);
  // Plan changes at the period's end and cancellation (planChangeRoutes.ts).
  mountPlanChanges(router, ctx);
}
