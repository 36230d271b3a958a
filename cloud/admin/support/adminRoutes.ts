/**
 * The support view for admins (DESIGN "Admin portal"), read-only, while the owner's permission is
 * in force; each page opened (and each refusal) is written to the audit log:
 * - GET /api/admin/workshops/:id/support                  the permission in force, or null (not audited)
 * - GET /api/admin/workshops/:id/support/clients?q=&page= clients with their latest measurements
 * - GET /api/admin/workshops/:id/support/orders?page=     orders with what was paid and what is left
 * - GET /api/admin/workshops/:id/support/messages?page=   messages to clients
 * 403 support_not_allowed without a permission in force.
 */
import type { Router } from 'express';
import type { CloudContext } from '../../context.js';
import { requestLocale } from '../../http/errors.js';
import { supportClientsQuery, supportClientsResponse, supportGrantResponse, supportMessagesResponse, supportOrdersResponse, supportPageQuery, workshopParams } from './schemas.js';
import { SupportAccess } from './supportView.js';

export function mountAdminSupport(router: Router, ctx: CloudContext): void {
  const support = new SupportAccess(ctx);
  const tag = 'admin';
  const refused = { 403: { description: 'support_not_allowed : pas d’autorisation du propriétaire en cours (refus inscrit au journal)' } };
  const noStore = (res: { setHeader(name: string, value: string): unknown }) => res.setHeader('Cache-Control', 'no-store');

  ctx.api.add(
    router,
    {
      method: 'get',
      path: '/admin/workshops/:id/support',
      tag,
      access: 'admin',
      summary: 'L’autorisation d’assistance donnée par le propriétaire de l’atelier et sa fin, ou null.',
      params: workshopParams,
      responses: { 200: { description: 'L’autorisation en cours, ou null', schema: supportGrantResponse } },
    },
    async (_req, res, { params }) => {
      noStore(res);
      res.json(await support.current(params.id));
    },
  );

  ctx.api.add(
    router,
    {
      method: 'get',
      path: '/admin/workshops/:id/support/clients',
      tag,
      access: 'admin',
      summary: 'Vue d’assistance : les clients de l’atelier (25 par page, les plus récents d’abord) avec leurs dernières mesures. Lecture seule, inscrite au journal.',
      params: workshopParams,
      query: supportClientsQuery,
      responses: { 200: { description: 'Une page de clients', schema: supportClientsResponse }, ...refused },
    },
    async (req, res, { params, query, caller }) => {
      noStore(res);
      res.json(await support.clients(caller, params.id, query.q, query.page, requestLocale(req)));
    },
  );

  ctx.api.add(
    router,
    {
      method: 'get',
      path: '/admin/workshops/:id/support/orders',
      tag,
      access: 'admin',
      summary: 'Vue d’assistance : les commandes de l’atelier (25 par page, les plus récentes d’abord), payé et reste à payer. Lecture seule, inscrite au journal.',
      params: workshopParams,
      query: supportPageQuery,
      responses: { 200: { description: 'Une page de commandes', schema: supportOrdersResponse }, ...refused },
    },
    async (req, res, { params, query, caller }) => {
      noStore(res);
      res.json(await support.orders(caller, params.id, query.page, requestLocale(req)));
    },
  );

  ctx.api.add(
    router,
    {
      method: 'get',
      path: '/admin/workshops/:id/support/messages',
      tag,
      access: 'admin',
      summary: 'Vue d’assistance : les messages envoyés aux clients (25 par page, les plus récents d’abord). Lecture seule, inscrite au journal.',
      params: workshopParams,
      query: supportPageQuery,
      responses: { 200: { description: 'Une page de messages', schema: supportMessagesResponse }, ...refused },
    },
    async (req, res, { params, query, caller }) => {
      noStore(res);
      res.json(await support.messages(caller, params.id, query.page, requestLocale(req)));
    },
  );
}
