/**
 * Paying's API (DESIGN "Subscriptions"):
 * - POST /api/billing/checkout                 owner: a FedaPay transaction for a plan or a credit pack
 * - GET  /api/billing/checkouts/:id            member: a checkout's status (the app polls it)
 * - GET  /api/billing/payments                 member: the payment history, newest first
 * - GET  /api/billing/payments/:id/receipt     member: a payment's numbered PDF receipt
 * The FedaPay webhook (webhookRoutes.ts) and the return page (returnPage.ts) are mounted apart.
 */
import type { Router } from 'express';
import type { CloudContext } from '../context.js';
import { requestLocale } from '../http/errors.js';
import { checkoutBody } from './schemas.js';
import { checkoutCreatedResponse, checkoutStatusResponse, idParams, paymentsResponse } from './paymentSchemas.js';
import { Receipts } from './receipts.js';

export function mountCheckout(router: Router, ctx: CloudContext): void {
  const payments = ctx.services.billingPayments;
  const receipts = new Receipts(ctx.db, ctx.services.billing.catalogue);

  ctx.api.add(
    router,
    {
      method: 'post',
      path: '/billing/checkout',
      tag: 'billing',
      summary: 'Crée le paiement FedaPay (XOF, prix exact) d’une formule ({planId, cycle}) ou d’un pack de crédits ({packId}) ; répond la page de paiement à ouvrir.',
      access: 'owner',
      body: checkoutBody,
      responses: {
        201: { description: 'Paiement créé : la page FedaPay (url), ce qui est payé et le montant, la page de retour', schema: checkoutCreatedResponse },
        400: { description: 'unknown_plan, unknown_pack, free_plan_not_sold, invalid_input' },
        403: { description: 'Réservé au propriétaire de l’atelier' },
        409: { description: 'downgrade_at_period_end, no_subscription' },
        502: { description: 'payment_refused : FedaPay a refusé la transaction (rien n’est débité)' },
        503: { description: 'payment_unavailable : FedaPay ne répond pas (rien n’est débité)' },
      },
    },
    async (req, res, { body, caller }) => {
      res.status(201).json(await payments.checkout(caller, body, requestLocale(req)));
    },
  );

  ctx.api.add(
    router,
    {
      method: 'get',
      path: '/billing/checkouts/:id',
      tag: 'billing',
      summary: 'L’état d’un paiement (pending, paid, declined, failed, mismatch) ; en attente, FedaPay est interrogé (au plus toutes les 3 s).',
      access: 'member',
      params: idParams,
      responses: { 200: { description: 'Le paiement', schema: checkoutStatusResponse }, 404: { description: 'payment_not_found (ou d’un autre atelier)' } },
    },
    async (req, res, { params, caller }) => {
      res.set('Cache-Control', 'no-store');
      res.json(await payments.status(caller, params.id, requestLocale(req)));
    },
  );

  ctx.api.add(
    router,
    {
      method: 'get',
      path: '/billing/payments',
      tag: 'billing',
      summary: 'Les paiements de l’atelier, du plus récent au plus ancien : numéro de reçu (STY-000042), date, ce qui a été acheté, montant en FCFA, fin de période.',
      access: 'member',
      responses: { 200: { description: 'Les paiements', schema: paymentsResponse } },
    },
    async (req, res, { caller }) => {
      res.set('Cache-Control', 'no-store');
      res.json(await receipts.history(caller, requestLocale(req)));
    },
  );

  ctx.api.add(
    router,
    {
      method: 'get',
      path: '/billing/payments/:id/receipt',
      tag: 'billing',
      summary: 'Le reçu numéroté d’un paiement, en PDF.',
      access: 'member',
      params: idParams,
      responses: { 200: { description: 'Le reçu', contentType: 'application/pdf' }, 404: { description: 'receipt_not_found (ou d’un autre atelier)' } },
    },
    async (req, res, { params, caller }) => {
      const { pdf, fileName } = await receipts.receipt(caller, params.id, requestLocale(req));
      res.status(200);
      res.setHeader('Content-Type', 'application/pdf');
      res.setHeader('Content-Disposition', `inline; filename="${fileName}"`);
      res.setHeader('Cache-Control', 'private, no-store');
      res.send(Buffer.from(pdf));
    },
  );
}
